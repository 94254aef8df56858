package io.spate.s3;

import io.spate.retry.RetriableException;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Turns S3 failures into spate errors: transient ones into {@link RetriableException}, permanent ones into
 * a {@link SpateException} that names the bucket or key and says what to check. The one place that knows
 * S3's error codes.
 */
final class S3Errors {
    private static final Set<Integer> TRANSIENT_STATUS = Set.of(429, 500, 502, 503, 504);
    private static final Set<String> TRANSIENT_CODES = Set.of("SlowDown", "RequestTimeout", "InternalError",
            "ServiceUnavailable", "Throttling", "ThrottlingException");
    private static final Set<String> REJECTED_CREDENTIALS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "ExpiredToken", "InvalidToken", "TokenRefreshRequired", "AuthorizationHeaderMalformed");

    private S3Errors() {
    }

    static SpateException translate(String what, String bucket, Optional<String> key, S3Settings settings, AwsServiceException e) {
        if (e instanceof software.amazon.awssdk.services.sts.model.StsException) {
            return S3Credentials.assumeRoleFailed(what, settings, e);
        }
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
        String serverSays = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? ""
                : " (" + e.awsErrorDetails().errorMessage() + ")";
        String failed = what + " failed: " + status + (code.isEmpty() ? "" : " " + code) + serverSays;
        if (TRANSIENT_STATUS.contains(status) || TRANSIENT_CODES.contains(code)) {
            return new RetriableException(failed, retryAfter(e), e);
        }
        String endpoint = settings.endpoint().map(u -> "endpoint " + u).orElse("AWS");
        String advice;
        if (REJECTED_CREDENTIALS.contains(code)) {
            advice = "the credentials (" + who(settings) + ") were rejected by " + endpoint + "; check aws_access_key_id and"
                    + " aws_secret_access_key (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / the profile), aws_session_token"
                    + " for temporary credentials, and region_name";
        } else if (status == 403) {
            advice = "the credentials (" + who(settings) + ") may not read bucket " + bucket + "; check that its policy allows"
                    + " s3:ListBucket on arn:aws:s3:::" + bucket + " and s3:GetObject on arn:aws:s3:::" + bucket + "/*";
        } else if ("NoSuchBucket".equals(code) || status == 404 && key.isEmpty()) {
            advice = "bucket " + bucket + " does not exist at " + endpoint + "; check bucket (or uri), endpoint and region_name";
        } else if (status == 404) {
            advice = "s3://" + bucket + "/" + key.orElse("") + " does not exist; it may have been deleted after it was listed";
        } else if (status == 301 || "PermanentRedirect".equals(code)) {
            advice = "bucket " + bucket + " is in another region; set region_name to the bucket's region";
        } else {
            advice = "check the bucket, key and credentials";
        }
        return new SpateException(SpateException.Category.INTERNAL, failed + ": " + advice, e);
    }

    static SpateException translateClient(String what, String bucket, S3Settings settings, SdkClientException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return new RetriableException(what + " failed: " + t, e);
            }
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("credentials")) {
            return new SpateException(SpateException.Category.CONFIG, what + " failed: no AWS credentials were found for bucket "
                    + bucket + ": set aws_access_key_id and aws_secret_access_key, or AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY, or AWS_PROFILE, or run where an instance or container role is available", e);
        }
        return new SpateException(SpateException.Category.INTERNAL, what + " failed: " + message, e);
    }

    private static String who(S3Settings settings) {
        if (settings.assumeRole().isPresent() || settings.anonymous()) {
            return settings.credentialsDescription();
        }
        return settings.accessKeyId().map(id -> "access key id " + id)
                .orElse(settings.profile().map(p -> "profile " + p).orElse("from the default AWS credential chain"));
    }

    private static Optional<Duration> retryAfter(AwsServiceException e) {
        if (e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null) {
            return Optional.empty();
        }
        return e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException notSeconds) {
                return Optional.empty();
            }
        });
    }
}
