package io.spate.s3;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach S3, resolved from a connector's options and the standard AWS environment variables; the
 * options win. Never shows a secret in {@link #toString()}.
 *
 * @param endpoint a custom endpoint (then path-style addressing), from {@code endpoint},
 *        {@code AWS_ENDPOINT_URL_S3} or {@code AWS_ENDPOINT_URL}
 * @param region from {@code region_name}, {@code region}, {@code AWS_REGION} or {@code AWS_DEFAULT_REGION};
 *        empty means the SDK's region chain (profile, instance metadata)
 * @param accessKeyId with {@code secretAccessKey}: static credentials, from options or {@code AWS_ACCESS_KEY_ID}
 * @param secretAccessKey the secret
 * @param sessionToken for temporary credentials
 * @param profile a named profile ({@code aws_profile}, {@code profile} or {@code AWS_PROFILE})
 * @param profileFiles where profiles are read from ({@code AWS_SHARED_CREDENTIALS_FILE}, {@code AWS_CONFIG_FILE})
 * @param assumeRole a role to assume through STS with the other credentials ({@code role_arn})
 * @param anonymous unsigned requests ({@code anonymous: true}), for public buckets
 * @param maxAttempts attempts of each request on transient faults
 * @param listPageSize max-keys of a listing page
 * @param maxConnections HTTP connections in the pool
 */
public record S3Settings(Optional<URI> endpoint, Optional<String> region, Optional<String> accessKeyId,
        Optional<String> secretAccessKey, Optional<String> sessionToken, Optional<String> profile, ProfileFiles profileFiles,
        Optional<AssumeRole> assumeRole, boolean anonymous, int maxAttempts, int listPageSize, int maxConnections) {

    /**
     * The shared configuration files, when the environment names them; the SDK's defaults ({@code ~/.aws/...})
     * otherwise.
     */
    public record ProfileFiles(Optional<java.nio.file.Path> credentials, Optional<java.nio.file.Path> config) {
        public ProfileFiles {
            requireNonNull(credentials, "credentials is null");
            requireNonNull(config, "config is null");
        }
    }

    /**
     * An IAM role assumed through STS ({@code AssumeRole}), refreshed before its session expires.
     *
     * @param roleArn the role
     * @param externalId what the role's trust policy requires, if anything (never shown)
     * @param sessionName the session name
     * @param durationSeconds the session lifetime; the role's default when empty
     * @param stsEndpoint a custom STS endpoint
     */
    public record AssumeRole(String roleArn, Optional<String> externalId, String sessionName, Optional<Integer> durationSeconds,
            Optional<URI> stsEndpoint) {
        public AssumeRole {
            requireNonNull(roleArn, "roleArn is null");
            requireNonNull(externalId, "externalId is null");
            requireNonNull(sessionName, "sessionName is null");
            requireNonNull(durationSeconds, "durationSeconds is null");
            requireNonNull(stsEndpoint, "stsEndpoint is null");
        }

        @Override
        public String toString() {
            return "AssumeRole[" + roleArn + ", session " + sessionName + externalId.map(e -> ", external id ***").orElse("") + "]";
        }
    }

    public S3Settings {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
        requireNonNull(profile, "profile is null");
        requireNonNull(profileFiles, "profileFiles is null");
        requireNonNull(assumeRole, "assumeRole is null");
        if (anonymous && (accessKeyId.isPresent() || assumeRole.isPresent())) {
            throw SpateException.config("anonymous: true sends unsigned requests; it cannot be combined with "
                    + (accessKeyId.isPresent() ? "aws_access_key_id" : "role_arn") + ": remove one");
        }
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw SpateException.config(accessKeyId.isPresent()
                    ? "aws_access_key_id is set but aws_secret_access_key is not: set both, or neither to use the AWS credential chain"
                    : "aws_secret_access_key is set but aws_access_key_id is not: set both, or neither to use the AWS credential chain");
        }
    }

    /** Resolves the settings from options, then {@code env} (the process environment in production). */
    public static S3Settings from(Configuration config, Map<String, String> env, int maxConnections) {
        Optional<URI> endpoint = first(config.find(S3Options.ENDPOINT), env(env, "AWS_ENDPOINT_URL_S3"), env(env, "AWS_ENDPOINT_URL"))
                .map(S3Settings::endpointUri);
        Optional<String> region = first(config.find(S3Options.REGION_NAME), config.find(S3Options.REGION), env(env, "AWS_REGION"),
                env(env, "AWS_DEFAULT_REGION"));
        Optional<String> keyId = config.find(S3Options.ACCESS_KEY_ID);
        Optional<String> secret = config.find(S3Options.SECRET_ACCESS_KEY);
        Optional<String> token = config.find(S3Options.SESSION_TOKEN);
        if (keyId.isEmpty() && secret.isEmpty() && env(env, "AWS_ACCESS_KEY_ID").isPresent()
                && env(env, "AWS_SECRET_ACCESS_KEY").isPresent()) {
            keyId = env(env, "AWS_ACCESS_KEY_ID");
            secret = env(env, "AWS_SECRET_ACCESS_KEY");
            token = token.or(() -> env(env, "AWS_SESSION_TOKEN"));
        }
        Optional<String> profile = first(config.find(S3Options.PROFILE), config.find(S3Options.PROFILE_NAME), env(env, "AWS_PROFILE"));
        ProfileFiles files = new ProfileFiles(env(env, "AWS_SHARED_CREDENTIALS_FILE").map(java.nio.file.Path::of),
                env(env, "AWS_CONFIG_FILE").map(java.nio.file.Path::of));
        Optional<AssumeRole> role = first(config.find(S3Options.ROLE_ARN)).map(arn -> new AssumeRole(arn,
                first(config.find(S3Options.EXTERNAL_ID)), config.get(S3Options.ROLE_SESSION_NAME), config.find(S3Options.DURATION_SECONDS),
                first(config.find(S3Options.STS_ENDPOINT), env(env, "AWS_ENDPOINT_URL_STS")).map(S3Settings::endpointUri)));
        boolean anonymous = config.get(S3Options.ANONYMOUS);
        if (anonymous && config.find(S3Options.ACCESS_KEY_ID).isEmpty()) {
            keyId = Optional.empty(); // the environment's keys do not apply to unsigned requests
            secret = Optional.empty();
            token = Optional.empty();
        }
        return new S3Settings(endpoint, region, keyId, secret, token, profile, files, role, anonymous,
                config.get(S3Options.MAX_ATTEMPTS), config.get(S3Options.LIST_PAGE_SIZE), maxConnections);
    }

    /**
     * Rules between the credential options, for {@code Connector.validate}: options of an assumed role
     * without {@code role_arn}, and {@code anonymous} with credentials it would ignore.
     */
    public static java.util.List<String> credentialProblems(Configuration config) {
        java.util.List<String> problems = new java.util.ArrayList<>();
        if (!config.has(S3Options.ROLE_ARN.key())) {
            java.util.List<String> orphans = java.util.stream.Stream.of(S3Options.EXTERNAL_ID, S3Options.ROLE_SESSION_NAME,
                    S3Options.DURATION_SECONDS, S3Options.STS_ENDPOINT).map(o -> o.key()).filter(config::has).toList();
            if (!orphans.isEmpty()) {
                problems.add(String.join(", ", orphans) + (orphans.size() == 1 ? " is" : " are")
                        + " given without role_arn: they only apply to an assumed role; add role_arn or remove them");
            }
        }
        boolean anonymous = config.raw(S3Options.ANONYMOUS.key()).map(v -> String.valueOf(v).trim().equalsIgnoreCase("true"))
                .orElse(false);
        if (anonymous) {
            java.util.List<String> ignored = java.util.stream.Stream.of(S3Options.ACCESS_KEY_ID, S3Options.ROLE_ARN, S3Options.PROFILE,
                    S3Options.PROFILE_NAME).map(o -> o.key()).filter(config::has).toList();
            if (!ignored.isEmpty()) {
                problems.add("anonymous: true sends unsigned requests, so " + String.join(", ", ignored)
                        + " would be ignored: remove anonymous or " + String.join(", ", ignored));
            }
        }
        return problems;
    }

    /** How requests are signed, for messages: never a secret. */
    public String credentialsDescription() {
        String base = anonymous ? "anonymous (unsigned)" : accessKeyId.isPresent() ? "static key " + accessKeyId.get()
                : profile.map(p -> "profile " + p).orElse("default chain");
        return assumeRole.map(r -> "role " + r.roleArn() + " assumed with " + base).orElse(base);
    }

    /** The region to sign for: the configured one, else us-east-1 when a custom endpoint is given. */
    public Optional<String> effectiveRegion() {
        return region.or(() -> endpoint.map(e -> "us-east-1"));
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... candidates) {
        for (Optional<String> candidate : candidates) {
            if (candidate.isPresent() && !candidate.get().isBlank()) {
                return candidate.map(String::trim);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> env(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    private static URI endpointUri(String text) {
        try {
            URI uri = URI.create(text.contains("://") ? text : "https://" + text);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw SpateException.config("endpoint \"" + text + "\" is not a URL like http://127.0.0.1:9000");
        }
    }

    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint.map(URI::toString).orElse("AWS") + ", region=" + effectiveRegion().orElse("(chain)")
                + ", credentials=" + credentialsDescription() + "]";
    }
}
