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
 * @param profile a named profile ({@code aws_profile} or {@code AWS_PROFILE})
 * @param maxAttempts attempts of each request on transient faults
 * @param listPageSize max-keys of a listing page
 * @param maxConnections HTTP connections in the pool
 */
public record S3Settings(Optional<URI> endpoint, Optional<String> region, Optional<String> accessKeyId,
        Optional<String> secretAccessKey, Optional<String> sessionToken, Optional<String> profile, int maxAttempts,
        int listPageSize, int maxConnections) {

    public S3Settings {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        requireNonNull(sessionToken, "sessionToken is null");
        requireNonNull(profile, "profile is null");
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
        Optional<String> profile = first(config.find(S3Options.PROFILE), env(env, "AWS_PROFILE"));
        return new S3Settings(endpoint, region, keyId, secret, token, profile, config.get(S3Options.MAX_ATTEMPTS),
                config.get(S3Options.LIST_PAGE_SIZE), maxConnections);
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
                + ", credentials=" + (accessKeyId.isPresent() ? "static key " + accessKeyId.get() : profile.map(p -> "profile " + p)
                        .orElse("default chain")) + "]";
    }
}
