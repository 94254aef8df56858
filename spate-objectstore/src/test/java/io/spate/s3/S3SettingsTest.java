package io.spate.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

    @Test
    void optionsWinOverTheEnvironment() {
        S3Settings settings = S3Settings.from(Configuration.of(Map.of("endpoint", "http://127.0.0.1:9000", "region_name", "eu-west-1",
                "aws_access_key_id", "AKIAOPTION", "aws_secret_access_key", "option-secret")),
                Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_REGION", "us-west-2", "AWS_ACCESS_KEY_ID", "AKIAENV",
                        "AWS_SECRET_ACCESS_KEY", "env-secret", "AWS_SESSION_TOKEN", "env-token"), 8);
        assertThat(settings.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.effectiveRegion()).contains("eu-west-1");
        assertThat(settings.accessKeyId()).contains("AKIAOPTION");
        assertThat(settings.sessionToken()).isEmpty();
    }

    @Test
    void environmentFillsWhatOptionsLeaveOutAndAnEndpointDefaultsTheRegion() {
        S3Settings settings = S3Settings.from(Configuration.of(Map.of()), Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:1",
                "AWS_ENDPOINT_URL_S3", "127.0.0.1:9000", "AWS_ACCESS_KEY_ID", "AKIAENV", "AWS_SECRET_ACCESS_KEY", "env-secret",
                "AWS_SESSION_TOKEN", "env-token", "AWS_PROFILE", "dev"), 8);
        assertThat(settings.endpoint()).contains(URI.create("https://127.0.0.1:9000"));
        assertThat(settings.effectiveRegion()).contains("us-east-1");
        assertThat(settings.accessKeyId()).contains("AKIAENV");
        assertThat(settings.sessionToken()).contains("env-token");
        assertThat(settings.profile()).contains("dev");
        assertThat(settings.toString()).doesNotContain("env-secret").doesNotContain("env-token");
        assertThat(S3Settings.from(Configuration.of(Map.of("region", "ap-south-1")), Map.of("AWS_DEFAULT_REGION", "x"), 8)
                .effectiveRegion()).contains("ap-south-1");
        assertThat(S3Settings.from(Configuration.of(Map.of()), Map.of(), 8).effectiveRegion()).isEmpty();
    }

    @Test
    void halfAStaticCredentialIsAConfigError() {
        assertThatThrownBy(() -> S3Settings.from(Configuration.of(Map.of("aws_access_key_id", "AKIA")), Map.of(), 8))
                .isInstanceOf(SpateException.class)
                .hasMessage("aws_access_key_id is set but aws_secret_access_key is not: set both, or neither to use the AWS"
                        + " credential chain");
    }
}
