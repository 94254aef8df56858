package io.spate.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigurationTest {
    enum OnError { FAIL, SKIP, QUARANTINE }

    static final ConfigOption<String> HOST = ConfigOption.string("host").required().doc("the server's name");
    static final ConfigOption<Integer> PORT = ConfigOption.integer("port").defaultValue(5432)
            .check(p -> p > 0 && p < 65536, "must be 1..65535");
    static final ConfigOption<OnError> ON_ERROR = ConfigOption.enumeration("on_error", OnError.class).defaultValue(OnError.FAIL);
    static final ConfigOption<Duration> TIMEOUT = ConfigOption.duration("timeout").defaultValue(Duration.ofSeconds(10));
    static final ConfigOption<String> PASSWORD = ConfigOption.string("password").required();

    @Test
    void typedGettersConvertTextAndFallBackToDefaults() {
        Configuration config = Configuration.of(Map.of("host", "db", "port", "6543", "on_error", "Skip", "timeout", "500ms"));

        assertThat(config.get(HOST)).isEqualTo("db");
        assertThat(config.get(PORT)).isEqualTo(6543);
        assertThat(config.get(ON_ERROR)).isEqualTo(OnError.SKIP);
        assertThat(config.get(TIMEOUT)).isEqualTo(Duration.ofMillis(500));
        assertThat(Configuration.of(Map.of()).get(PORT)).isEqualTo(5432);
        assertThat(config.getList("missing")).isEmpty();
        assertThat(Configuration.of(Map.of("cols", "a, b,c")).getList("cols")).containsExactly("a", "b", "c");
    }

    @Test
    void validationListsEveryMissingOrInvalidKeyInOneMessage() {
        Configuration config = Configuration.of(Map.of("port", "http", "on_error", "explode", "timeout", "3 fortnights"));

        assertThatThrownBy(() -> config.validate(List.of(HOST, PORT, ON_ERROR, TIMEOUT, PASSWORD), Set.of()))
                .isInstanceOf(SpateException.class)
                .hasMessage("invalid configuration:\n"
                        + "  - host is missing: expected text (the server's name)\n"
                        + "  - port is \"http\", expected an integer\n"
                        + "  - on_error is \"explode\", expected one of fail | skip | quarantine\n"
                        + "  - timeout is \"3 fortnights\", expected a duration like 500ms, 10s, 2m\n"
                        + "  - password is missing: expected text")
                .satisfies(e -> assertThat(((SpateException) e).category()).isEqualTo(SpateException.Category.CONFIG));
    }

    @Test
    void validationReturnsUnknownKeysForAWarning() {
        Configuration config = Configuration.of(Map.of("host", "db", "password", "pw", "prot", "1", "connector", "x"));

        assertThat(config.validate(List.of(HOST, PORT, PASSWORD), Set.of("connector"))).containsExactly("prot");
    }

    @Test
    void anInvalidSecretIsNeverEchoed() {
        ConfigOption<Integer> pin = ConfigOption.integer("pin_secret");
        Configuration config = Configuration.of(Map.of("pin_secret", "hunter2"));

        assertThatThrownBy(() -> config.validate(List.of(pin), Set.of()))
                .hasMessage("invalid configuration:\n  - pin_secret is ****, expected an integer");
    }

    @Test
    void toStringMasksSecrets() {
        Configuration config = Configuration.parseJson("{\"aws_access_key_id\":\"AKIA1\",\"aws_secret_access_key\":\"abc\","
                + "\"api_key\":\"k-123\",\"primary_key\":\"id\"}");

        assertThat(config.toString()).isEqualTo(
                "{\"aws_access_key_id\":\"AKIA1\",\"aws_secret_access_key\":\"****\",\"api_key\":\"****\",\"primary_key\":\"id\"}");
        assertThat(config.secretValues(List.of())).containsExactly("abc", "k-123");
    }

    @Test
    void secretKeysAreRecognisedByName() {
        assertThat(List.of("password", "redshift_password", "api_key", "aws_secret_access_key", "aws_session_token",
                "client_secret", "private_key")).allMatch(Secrets::isSensitiveKey);
        assertThat(List.of("aws_access_key_id", "primary_key", "replication_key", "key", "host", "user", "bucket"))
                .noneMatch(Secrets::isSensitiveKey);
        assertThat(Secrets.redact("GET /x?token=abc123 failed", List.of("abc123"))).isEqualTo("GET /x?token=**** failed");
    }

    @Test
    void sizesAndDurationsAcceptUnits() {
        assertThat(Configuration.of(Map.of("b", "256MB")).get(ConfigOption.bytes("b"))).isEqualTo(256L << 20);
        assertThat(Configuration.of(Map.of("d", "2m")).get(ConfigOption.duration("d"))).isEqualTo(Duration.ofMinutes(2));
        assertThat(Configuration.of(Map.of("d", 16)).get(ConfigOption.duration("d"))).isEqualTo(Duration.ofSeconds(16));
    }
}
