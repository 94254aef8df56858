package io.spate.s3;

import io.spate.sdk.SpateException;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The credentials provider of an S3 connection, the one place that decides how requests are signed:
 * {@code anonymous} (unsigned); else the source credentials (static keys, a profile of the shared files, or
 * the default chain), used as they are or, with {@code role_arn}, to assume a role through STS. The assumed
 * role's session is refreshed in the background-free way of the SDK: a call that finds the session within
 * {@link #STALE_TIME} of its expiry fetches a new one first, and one within {@link #PREFETCH_TIME} fetches one
 * ahead, so a sync longer than one session never signs with expired keys.
 */
final class S3Credentials {
    static final Duration STALE_TIME = Duration.ofMinutes(1);
    static final Duration PREFETCH_TIME = Duration.ofMinutes(5);

    private S3Credentials() {
    }

    /** A provider and what it holds open: the STS client of an assumed role. */
    record Signing(AwsCredentialsProvider provider, Optional<StsClient> sts) implements AutoCloseable {
        @Override
        public void close() {
            try (SdkAutoCloseable client = sts.isPresent() ? sts.get() : () -> { }) {
                if (provider instanceof SdkAutoCloseable closeable) {
                    closeable.close();
                }
            }
        }
    }

    static Signing provider(S3Settings settings) {
        if (settings.anonymous()) {
            return new Signing(AnonymousCredentialsProvider.create(), Optional.empty());
        }
        AwsCredentialsProvider source = source(settings);
        if (settings.assumeRole().isEmpty()) {
            return new Signing(source, Optional.empty());
        }
        S3Settings.AssumeRole role = settings.assumeRole().get();
        var sts = StsClient.builder().credentialsProvider(source)
                .region(Region.of(settings.region().orElse("us-east-1")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(2));
        role.stsEndpoint().ifPresent(sts::endpointOverride);
        AssumeRoleRequest.Builder request = AssumeRoleRequest.builder().roleArn(role.roleArn()).roleSessionName(role.sessionName());
        role.externalId().ifPresent(request::externalId);
        role.durationSeconds().ifPresent(request::durationSeconds);
        StsClient client = sts.build();
        return new Signing(StsAssumeRoleCredentialsProvider.builder().stsClient(client).refreshRequest(request.build())
                .asyncCredentialUpdateEnabled(false).staleTime(STALE_TIME).prefetchTime(PREFETCH_TIME).build(), Optional.of(client));
    }

    private static AwsCredentialsProvider source(S3Settings settings) {
        if (settings.accessKeyId().isPresent()) {
            String id = settings.accessKeyId().get();
            String secret = settings.secretAccessKey().orElseThrow();
            return StaticCredentialsProvider.create(settings.sessionToken().isPresent()
                    ? AwsSessionCredentials.create(id, secret, settings.sessionToken().get())
                    : AwsBasicCredentials.create(id, secret));
        }
        Optional<ProfileFile> files = profileFiles(settings.profileFiles());
        if (settings.profile().isPresent()) {
            ProfileCredentialsProvider.Builder profile = ProfileCredentialsProvider.builder().profileName(settings.profile().get());
            files.ifPresent(profile::profileFile);
            return profile.build();
        }
        DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
        files.ifPresent(f -> chain.profileFile(() -> f));
        return chain.build();
    }

    /** The shared files the environment names (the SDK's defaults for the one it does not), or empty for all defaults. */
    private static Optional<ProfileFile> profileFiles(S3Settings.ProfileFiles files) {
        if (files.credentials().isEmpty() && files.config().isEmpty()) {
            return Optional.empty();
        }
        ProfileFile.Aggregator aggregator = ProfileFile.aggregator();
        java.nio.file.Path home = java.nio.file.Path.of(System.getProperty("user.home"), ".aws");
        java.nio.file.Path config = files.config().orElse(home.resolve("config"));
        java.nio.file.Path credentials = files.credentials().orElse(home.resolve("credentials"));
        if (java.nio.file.Files.isRegularFile(config)) {
            aggregator.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
        }
        if (java.nio.file.Files.isRegularFile(credentials)) {
            aggregator.addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build());
        }
        return Optional.of(aggregator.build());
    }

    /** A refused AssumeRole: what to check, never a secret. */
    static SpateException assumeRoleFailed(String what, S3Settings settings, AwsServiceException e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : " " + e.awsErrorDetails().errorCode();
        String serverSays = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? ""
                : " (" + e.awsErrorDetails().errorMessage() + ")";
        S3Settings.AssumeRole role = settings.assumeRole().orElseThrow();
        return new SpateException(SpateException.Category.CONFIG, what + " failed: assuming role " + role.roleArn() + " was refused: "
                + e.statusCode() + code + serverSays + "; check role_arn, external_id, and that the role's trust policy lets "
                + settings.credentialsDescription().replaceFirst("^role .* assumed with ", "") + " assume it", e);
    }
}
