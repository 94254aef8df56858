package io.spate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spate check} against real endpoints: the quick start, and sources that cannot work. */
class CheckCommandTest {
    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml");
    private static final String DB_PASSWORD = "pg-Secret-77";

    @TempDir
    Path workDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int spate(String... args) {
        return Spate.run(out, err, Map.of("DB_PASSWORD", DB_PASSWORD), Terminal.none(), args);
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    private Path pipeline(String yaml) throws IOException {
        Path file = workDir.resolve("pipeline.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void theQuickstartPassesAndTheCheckLeavesNoWarehouseBehind() {
        assertThat(spate("check", QUICKSTART.toString(), "--workdir", workDir.toString())).as(err.toString()).isZero();

        assertThat(lines()).hasSize(3);
        assertThat(lines().get(0)).matches("source orders: OK \\(\\d+\\.\\d s\\)");
        assertThat(lines().get(1)).matches("destination warehouse: OK \\(\\d+\\.\\d s\\)");
        assertThat(lines().get(2)).isEqualTo("all 2 endpoints OK");
        assertThat(workDir.resolve("files")).doesNotExist();
    }

    @Test
    void anExistingWarehouseIsCheckedAndKept() {
        assertThat(spate("run", QUICKSTART.toString(), "--workdir", workDir.toString())).isZero();
        StringWriter before = out;

        assertThat(spate("check", QUICKSTART.toString(), "--workdir", workDir.toString(), "--quiet")).as(err.toString()).isZero();

        assertThat(out.toString()).doesNotContain("endpoints OK");
        assertThat(workDir.resolve("files/warehouse.duckdb")).exists();
        assertThat(before).isSameAs(out);
    }

    @Test
    void everyBrokenEndpointGetsOneLineNamingItAndTheCheckFails() throws IOException {
        Path file = pipeline("""
                sources:
                  landing:
                    connector: files
                    path: %s
                  orders_db:
                    connector: postgres
                    host: 127.0.0.1
                    port: 1
                    database: shop
                    user: app
                    password: ${DB_PASSWORD}
                    connect_timeout: 2s
                    max_retries: 0
                  api:
                    connector: http_csv
                    api_url: http://127.0.0.1:1/orders.csv
                    api_key: ${DB_PASSWORD}
                    max_retries: 0
                  legacy:
                    connector: leaky
                    password: ${DB_PASSWORD}
                  generated:
                    connector: example_orders
                    rows: -1
                  typo:
                    connector: no_such_connector
                destinations:
                  warehouse:
                    connector: duckdb
                  replica:
                    connector: postgres
                    host: 127.0.0.1
                    port: 1
                    database: replica
                    user: loader
                    password: ${DB_PASSWORD}
                pipelines:
                  - from: landing
                    to: [warehouse, replica]
                  - from: orders_db
                    to: warehouse
                  - from: api
                    to: warehouse
                  - from: legacy
                    to: warehouse
                  - from: generated
                    to: warehouse
                  - from: typo
                    to: warehouse
                """.formatted(workDir.resolve("no-such-dir")));

        int exit = spate("check", file.toString(), "--workdir", workDir.toString());

        assertThat(exit).as(out + "\n" + err).isEqualTo(1);
        assertThat(lines()).hasSize(9);
        assertThat(lines().get(0)).startsWith("source landing: ").contains("no-such-dir").doesNotContain(": OK");
        assertThat(lines().get(1)).startsWith("source orders_db: ").contains("127.0.0.1:1").doesNotContain(": OK");
        assertThat(lines().get(2)).startsWith("source api: ").contains("127.0.0.1:1").doesNotContain(": OK");
        assertThat(lines().get(3)).isEqualTo("source legacy: connector leaky does not support check yet (its configuration is valid)");
        assertThat(lines().get(4)).isEqualTo("source generated: invalid configuration (" + file
                + " line 22, column 3): line 24: rows must be 0 or more (got -1)");
        assertThat(lines().get(5)).startsWith("source typo: unknown connector \"no_such_connector\": use one of ")
                .contains("example_orders, files, hanging, http_csv, leaky, postgres, redshift, s3");
        assertThat(lines().get(6)).matches("destination warehouse: OK \\(\\d+\\.\\d s\\)");
        assertThat(lines().get(7)).startsWith("destination replica: ").contains("127.0.0.1").doesNotContain(": OK");
        assertThat(lines().get(8)).isEqualTo("7 of 8 endpoints failed");
        assertThat(out.toString() + err).doesNotContain(DB_PASSWORD);
    }

    @Test
    void aCheckThatDoesNotAnswerIsStoppedAtTheTimeoutAndItsSecretHidden() throws IOException {
        Path file = pipeline("""
                sources:
                  slow:
                    connector: hanging
                    password: ${DB_PASSWORD}
                  generated:
                    connector: example_orders
                """);

        int exit = spate("check", file.toString(), "--workdir", workDir.toString(), "--timeout", "1");

        assertThat(exit).isEqualTo(1);
        assertThat(lines()).containsExactly(
                "source slow: no answer within 1 s; check that it is reachable from here (host, port, endpoint,"
                        + " proxy, firewall), or allow more time with --timeout",
                lines().get(1), lines().get(2), "1 of 3 endpoints failed");
        assertThat(lines().get(1)).startsWith("source generated: OK");
        assertThat(out.toString() + err).doesNotContain(DB_PASSWORD);
    }

    @Test
    void aConnectorWithAConfigurationJsonIsCheckedWithTheEmbeddedWarehouse() {
        assertThat(spate("check", "--connector", "example_orders", "--config", "../examples/configuration.json",
                "--workdir", workDir.toString())).as(err.toString()).isZero();

        assertThat(lines()).hasSize(3);
        assertThat(lines().get(0)).startsWith("source example_orders: OK (");
        assertThat(lines().get(1)).startsWith("destination warehouse: OK (");
    }

    @Test
    void aTimeoutBelowOneSecondIsAUsageError() {
        assertThat(spate("check", QUICKSTART.toString(), "--timeout", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--timeout must be 1 second or more; got 0");
    }

    @Test
    void aBrokenPipelineFileIsAUsageError() throws IOException {
        Path file = pipeline("sources: [1, 2]\n");

        assertThat(spate("check", file.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: " + file + " line 1");
    }
}
