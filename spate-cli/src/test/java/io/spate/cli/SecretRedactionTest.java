package io.spate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret in a configuration value never reaches any output: not logs, warnings, the summary, error
 * messages that echo the configuration, stack traces or the {@code state} JSON.
 */
class SecretRedactionTest {
    private static final String PASSWORD = "hunter22-pw";
    private static final String DB_PASSWORD = "from-the-env-77";

    @TempDir
    Path workDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int spate(String... args) {
        return Spate.run(out, err, Map.of("DB_PASSWORD", DB_PASSWORD), Terminal.none(), args);
    }

    private Path pipeline(String extra) throws IOException {
        Path file = workDir.resolve("leaky.yaml");
        Files.writeString(file, """
                sources:
                  items:
                    connector: leaky
                    password: %s
                    url: postgres://app:${DB_PASSWORD}@localhost/shop
                """.formatted(PASSWORD) + extra);
        return file;
    }

    private void assertNoSecretIn(String output) {
        assertThat(output).doesNotContain(PASSWORD).doesNotContain(DB_PASSWORD);
    }

    @Test
    void aRunHidesSecretsInLogsWarningsAndSummary() throws IOException {
        assertThat(spate("run", pipeline("").toString(), "--workdir", workDir.toString())).as(err.toString()).isZero();

        assertThat(err.toString()).contains("connecting to postgres://app:****@localhost/shop with password ****")
                .contains("the password is ****");
        assertThat(out.toString()).contains("items: loaded 3 rows").contains("  - the password is ****");
        assertNoSecretIn(out.toString() + err.toString());
    }

    @Test
    void stateHidesSecretsTheConnectorPutInItsState() throws IOException {
        Path file = pipeline("");
        spate("run", file.toString(), "--workdir", workDir.toString());

        assertThat(spate("state", file.toString(), "--workdir", workDir.toString())).isZero();

        assertThat(out.toString()).contains("\"cursor\" : \"****\"").contains("\"url\" : \"postgres://app:****@localhost/shop\"");
        assertNoSecretIn(out.toString() + err.toString());
    }

    @Test
    void aFailureWithItsStackTraceHidesSecrets() throws IOException {
        assertThat(spate("run", pipeline("    fail: true\n").toString(), "--workdir", workDir.toString(), "--stacktrace"))
                .isEqualTo(1);

        assertThat(err.toString()).contains("login failed for postgres://app:****@localhost/shop with password ****")
                .contains("\tat ");
        assertNoSecretIn(out.toString() + err.toString());
    }

    @Test
    void aValidationErrorThatEchoesAValueHidesSecrets() throws IOException {
        assertThat(spate("run", pipeline("    rows: " + PASSWORD + "\n").toString(), "--workdir", workDir.toString()))
                .isEqualTo(2);

        assertThat(err.toString()).contains("line 6: rows is \"****\", expected an integer");
        assertNoSecretIn(out.toString() + err.toString());
    }

    @Test
    void aConfigurationJsonSecretIsHiddenToo() throws IOException {
        Path config = workDir.resolve("configuration.json");
        Files.writeString(config, "{\"password\": \"" + PASSWORD + "\", \"fail\": \"true\"}");

        assertThat(spate("run", "--connector", "leaky", "--config", config.toString(), "--workdir", workDir.toString()))
                .isEqualTo(1);

        assertThat(err.toString()).contains("with password ****");
        assertNoSecretIn(out.toString() + err.toString());
    }
}
