package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {
    @TempDir
    Path work;

    @Test
    void bothConnectorsAreFoundByName() {
        assertThat(ServiceLoader.load(io.spate.sdk.Connector.class).stream().map(p -> p.get().name()))
                .contains("postgres", "redshift");
    }

    @Test
    void optionsHaveTheDocumentedDefaultsAndThePasswordIsSensitive() {
        Map<String, Object> defaults = new java.util.LinkedHashMap<>();
        for (ConfigOption<?> option : new RedshiftSource().options()) {
            option.defaultValue().ifPresent(v -> defaults.put(option.key(), v));
        }
        assertThat(defaults).containsEntry("port", 5439).containsEntry("schema", List.of("public"))
                .containsEntry("ssl_mode", Dialect.SslMode.PREFER).containsEntry("batch_size", 10_000)
                .containsEntry("checkpoint_every_rows", 50_000L).containsEntry("max_parallel_workers", 2)
                .containsEntry("auto_schema_detection", true).containsEntry("enable_complete_resync", false);
        assertThat(new PostgresSource().options()).filteredOn(o -> o.key().equals("port")).extracting(o -> (Object) o.defaultValue().orElseThrow())
                .containsExactly(5432);
        assertThat(new PostgresSource().options()).filteredOn(ConfigOption::isSensitive).extracting(ConfigOption::key)
                .containsExactly("password");
    }

    @Test
    void missingConnectionOptionsAreReportedTogether() {
        assertThatThrownBy(() -> SourceSettings.from(Dialect.POSTGRES, Configuration.of(Map.of("batch_size", "0"))))
                .isInstanceOf(SpateException.class)
                .hasMessage("invalid configuration:\n"
                        + "  - host is missing: expected text (the database host name)\n"
                        + "  - database is missing: expected text (the database to read)\n"
                        + "  - user is missing: expected text (the user to connect as)\n"
                        + "  - batch_size must be 1..1000000 (got 0)");
        assertThatThrownBy(() -> SourceSettings.from(Dialect.REDSHIFT, Configuration.of(Map.of("redshift_host", "h"))))
                .isInstanceOf(SpateException.class)
                .hasMessage("invalid configuration:\n"
                        + "  - database is missing: expected text (the database to read); redshift_database is accepted too\n"
                        + "  - user is missing: expected text (the user to connect as); redshift_user is accepted too");
    }

    @Test
    void seedStyleKeysAreAliasesAndPlainKeysWin() {
        SourceSettings settings = SourceSettings.from(Dialect.REDSHIFT, Configuration.of(Map.of("redshift_host", "seed",
                "host", "plain", "redshift_port", "5440", "redshift_database", "dev", "redshift_user", "u",
                "redshift_password", "secret", "redshift_schema", "sales")));
        assertThat(List.of(settings.host(), settings.port(), settings.database(), settings.user(), settings.password(),
                settings.schemas())).containsExactly("plain", 5440, "dev", "u", "secret", List.of("sales"));
        assertThat(settings.toString()).doesNotContain("secret");
    }

    @Test
    void tableSpecIsReadFromYamlFilesAndProblemsAreReportedTogether() throws Exception {
        Path spec = work.resolve("tables.yaml");
        Files.writeString(spec, """
                tables:
                  - name: sales.orders
                    primary_key: [id]
                    replication_key: updated_at
                    chunking: true
                    columns: {amount: "DECIMAL(38,9)"}
                  - name: events
                    strategy: full
                """);
        List<TableSpecEntry> entries = TableSpecParser.parse(spec.toString());
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).schema()).contains("sales");
        assertThat(entries.get(0).table()).isEqualTo("orders");
        assertThat(entries.get(0).chunking()).contains(true);
        assertThat(entries.get(1).strategy()).contains(Strategy.FULL);

        assertThatThrownBy(() -> TableSpecParser.parse("[{\"name\": \"a\", \"strategy\": \"sometimes\"}, "
                + "{\"primary_key\": \"id\"}, {\"name\": \"b\", \"chunk\": true}]"))
                .isInstanceOf(SpateException.class)
                .hasMessage("table_spec entry 1: strategy is \"sometimes\", expected INCREMENTAL or FULL\n"
                        + "table_spec entry 2: name is missing\n"
                        + "table_spec entry 3: unknown key \"chunk\"; expected one of "
                        + TableSpecParser.KEYS);
    }

    @Test
    void anUnreachableServerFailsNamingWhereItConnected() {
        Configuration config = Configuration.of(Map.of("host", "127.0.0.1", "port", 1, "database", "shop", "user", "u",
                "password", "hunter22", "max_retries", 0, "connect_timeout", "1s"));
        assertThatThrownBy(() -> new PostgresSource().schema(config))
                .isInstanceOf(SpateException.class)
                .hasMessageStartingWith("connecting to postgres at 127.0.0.1:1/shop as u failed after 1 attempts; last error: ")
                .hasMessageNotContaining("hunter22");
    }
}
