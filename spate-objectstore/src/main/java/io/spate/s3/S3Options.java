package io.spate.s3;

import io.spate.sdk.ConfigOption;
import java.util.List;

/** The options of every S3 connection, source or destination, declared once. */
public final class S3Options {
    public static final ConfigOption<String> ENDPOINT = ConfigOption.string("endpoint")
            .doc("URL of an S3-compatible store (MinIO, Ceph, R2, S3Proxy); implies path-style addressing;"
                    + " default AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, else AWS");
    public static final ConfigOption<String> REGION_NAME = ConfigOption.string("region_name")
            .doc("AWS region; default AWS_REGION / AWS_DEFAULT_REGION / the profile, us-east-1 with an endpoint");
    public static final ConfigOption<String> REGION = ConfigOption.string("region").doc("same as region_name");
    public static final ConfigOption<String> ACCESS_KEY_ID = ConfigOption.string("aws_access_key_id")
            .doc("access key id; default the AWS credential chain (env, profile, instance or container role)");
    public static final ConfigOption<String> SECRET_ACCESS_KEY = ConfigOption.string("aws_secret_access_key").sensitive()
            .doc("secret access key, with aws_access_key_id");
    public static final ConfigOption<String> SESSION_TOKEN = ConfigOption.string("aws_session_token").sensitive()
            .doc("session token of temporary credentials");
    public static final ConfigOption<String> PROFILE = ConfigOption.string("aws_profile")
            .doc("named profile of the shared credentials/config files (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE,"
                    + " else ~/.aws/credentials and ~/.aws/config); default AWS_PROFILE");
    public static final ConfigOption<String> PROFILE_NAME = ConfigOption.string("profile").doc("same as aws_profile");
    public static final ConfigOption<String> ROLE_ARN = ConfigOption.string("role_arn")
            .doc("assume this IAM role through STS, with the other credentials as the source; refreshed before expiry");
    public static final ConfigOption<String> EXTERNAL_ID = ConfigOption.string("external_id").sensitive()
            .doc("the external id the role's trust policy requires, with role_arn");
    public static final ConfigOption<String> ROLE_SESSION_NAME = ConfigOption.string("role_session_name").defaultValue("spate")
            .check(n -> n.matches("[\\w+=,.@-]{2,64}"), "must be 2..64 characters of letters, digits and +=,.@_-")
            .doc("the session name of the assumed role (shown in CloudTrail), with role_arn");
    public static final ConfigOption<Integer> DURATION_SECONDS = ConfigOption.integer("duration_seconds")
            .check(n -> n >= 900 && n <= 43_200, "must be 900..43200").doc("lifetime of each assumed-role session, with"
                    + " role_arn; default the role's (1 hour)");
    public static final ConfigOption<String> STS_ENDPOINT = ConfigOption.string("sts_endpoint")
            .doc("URL of the STS endpoint for role_arn; default the region's (AWS_ENDPOINT_URL_STS honoured)");
    public static final ConfigOption<Boolean> ANONYMOUS = ConfigOption.bool("anonymous").defaultValue(false)
            .doc("true: unsigned requests, for public buckets; no credentials are looked up");
    public static final ConfigOption<Integer> MAX_ATTEMPTS = ConfigOption.integer("max_attempts").defaultValue(5)
            .check(n -> n >= 1 && n <= 20, "must be 1..20").doc("attempts of each S3 request on transient faults");
    public static final ConfigOption<Integer> LIST_PAGE_SIZE = ConfigOption.integer("list_page_size").defaultValue(1000)
            .check(n -> n >= 1 && n <= 1000, "must be 1..1000").doc("keys per ListObjectsV2 page (max-keys)");

    /** All of them, for a connector's {@code options()}. */
    public static final List<ConfigOption<?>> ALL = List.of(ENDPOINT, REGION_NAME, REGION, ACCESS_KEY_ID, SECRET_ACCESS_KEY,
            SESSION_TOKEN, PROFILE, PROFILE_NAME, ROLE_ARN, EXTERNAL_ID, ROLE_SESSION_NAME, DURATION_SECONDS, STS_ENDPOINT, ANONYMOUS,
            MAX_ATTEMPTS, LIST_PAGE_SIZE);

    private S3Options() {
    }
}
