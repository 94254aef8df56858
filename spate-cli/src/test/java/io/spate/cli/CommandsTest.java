package io.spate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.duckdb.WarehouseQuery;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end: the quick start into a real embedded warehouse under a temporary work dir. */
class CommandsTest {
    private static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml");
    private static final Map<String, String> SMALL = Map.of("ORDERS_ROWS", "5000");

    @TempDir
    Path workDir;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int spate(Map<String, String> environment, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return Spate.run(out, err, environment, Terminal.none(), args);
    }

    private Path warehouse() {
        return workDir.resolve("files/warehouse.duckdb");
    }

    private List<List<String>> query(String sql) {
        return WarehouseQuery.rows(warehouse(), sql);
    }

    @Test
    void runLoadsTheQuickstartIntoTheEmbeddedWarehouseAndSaysWhatItLoaded() {
        assertThat(spate(SMALL, "run", QUICKSTART.toString(), "--workdir", workDir.toString())).as(err.toString()).isZero();

        assertThat(query("select count(*), count(distinct order_id), min(order_id), max(order_id) from orders"))
                .containsExactly(List.of("5000", "5000", "1", "5000"));
        assertThat(query("select count(*) from countries where not _spate_deleted")).containsExactly(List.of("8"));
        assertThat(out.toString())
                .contains("orders: loaded 5,008 rows into 2 tables of warehouse in ")
                .containsPattern("orders +5,000 +\\d+ +\\d+\\.\\d +\\d+\\.\\d +[0-9,]+")
                .contains("warehouse: " + LocalWarehouse.shown(warehouse()))
                .contains("look at it: ./spate query " + LocalWarehouse.shown(warehouse()) + " \"select count(*) from orders\"");
    }

    @Test
    void aSecondRunContinuesWithNewUpdatedAndCancelledOrders() {
        assertThat(spate(SMALL, "run", QUICKSTART.toString(), "--workdir", workDir.toString())).isZero();
        assertThat(spate(SMALL, "run", QUICKSTART.toString(), "--workdir", workDir.toString())).as(err.toString()).isZero();

        assertThat(query("select count(*), max(order_id) from orders")).containsExactly(List.of("10000", "10000"));
        assertThat(query("select count(*) from orders where status = 'delivered'")).containsExactly(List.of("50"));
        assertThat(query("select count(*) from orders where _spate_deleted")).containsExactly(List.of("10"));
        assertThat(query("select count(*) from countries where not _spate_deleted")).containsExactly(List.of("8"));
    }

    @Test
    void stateShowsWhereTheNextRunResumesAndResetForgetsItAndTheWarehouse() {
        assertThat(spate(SMALL, "state", QUICKSTART.toString(), "--workdir", workDir.toString())).isZero();
        assertThat(out.toString()).isEqualToIgnoringWhitespace("{\"orders\": null}");
        assertThat(warehouse()).as("state creates no warehouse").doesNotExist();

        spate(SMALL, "run", QUICKSTART.toString(), "--workdir", workDir.toString());
        assertThat(spate(SMALL, "state", QUICKSTART.toString(), "--workdir", workDir.toString())).isZero();
        assertThat(out.toString()).contains("\"state\" : {\n      \"next_order_id\" : 5001,\n      \"runs_done\" : 1\n    }");

        assertThat(spate(SMALL, "reset", QUICKSTART.toString(), "--workdir", workDir.toString())).isZero();
        assertThat(err.toString()).contains("reset orders; deleted ");
        assertThat(warehouse()).doesNotExist();
        assertThat(spate(SMALL, "state", QUICKSTART.toString(), "--workdir", workDir.toString())).isZero();
        assertThat(out.toString()).isEqualToIgnoringWhitespace("{\"orders\": null}");
    }

    @Test
    void resetOnATerminalAsksAndDoesNothingWithoutYes() throws IOException {
        spate(SMALL, "run", QUICKSTART.toString(), "--workdir", workDir.toString());
        Terminal terminal = new Terminal(true, false, false,
                java.util.Optional.of(new java.io.BufferedReader(new java.io.StringReader("n\n"))));
        out = new StringWriter();
        err = new StringWriter();

        int exit = Spate.run(out, err, SMALL, terminal, "reset", QUICKSTART.toString(), "--workdir", workDir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("Forget the state of orders and delete ").contains("? [y/N] ")
                .contains("reset cancelled: nothing changed");
        assertThat(warehouse()).exists();
    }

    @Test
    void schemaPrintsTheDeclaredTablesAsJson() {
        assertThat(spate(SMALL, "schema", QUICKSTART.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).startsWith("{\n  \"orders\" : {\n    \"connector\" : \"example_orders\",")
                .contains("\"name\" : \"amount\",\n        \"type\" : \"DECIMAL(12,2)\"")
                .contains("\"primary_key\" : [ \"code\" ]");
    }

    @Test
    void queryPrintsCsvWithAHeaderWhenNotOnATerminal() {
        spate(SMALL, "run", QUICKSTART.toString(), "--workdir", workDir.toString());

        assertThat(spate(Map.of(), "query", warehouse().toString(),
                "select code, name, null as nothing from countries where code in ('GB', 'US') order by code")).isZero();

        assertThat(out.toString()).isEqualTo("code,name,nothing\nGB,United Kingdom,\nUS,United States,\n");
    }

    @Test
    void queryPrintsATableWhenAskedTo() {
        spate(SMALL, "run", QUICKSTART.toString(), "--workdir", workDir.toString());

        assertThat(spate(Map.of(), "query", "--format", "table", warehouse().toString(),
                "select code, length(name) as len from countries where code in ('DE', 'GB') order by code")).isZero();

        assertThat(out.toString()).isEqualTo("code  len\n----  ---\nDE      7\nGB     14\n(2 rows)\n"
                .replace("\n", System.lineSeparator()));
    }

    @Test
    void aConnectorAndAConfigurationJsonRunWithoutAPipelineFile() throws IOException {
        Path config = workDir.resolve("configuration.json");
        Files.writeString(config, "{\"rows\": \"1234\", \"seed\": \"7\"}");

        assertThat(spate(Map.of(), "run", "--connector", "io.spate.examples.orders.OrdersConnector", "--config",
                config.toString(), "--workdir", workDir.toString())).as(err.toString()).isZero();

        assertThat(query("select count(*) from orders")).containsExactly(List.of("1234"));
    }

    @Test
    void theExampleConfigurationJsonRuns() {
        assertThat(spate(Map.of(), "run", "--connector", "example_orders", "--config",
                Path.of("..", "examples", "configuration.json").toString(), "--workdir", workDir.toString()))
                .as(err.toString()).isZero();

        assertThat(query("select count(*) from orders")).containsExactly(List.of("20000"));
        assertThat(spate(Map.of(), "state", "--connector", "example_orders", "--workdir", workDir.toString())).isZero();
        assertThat(out.toString()).contains("\"example_orders\" : {\n    \"checkpoint\" : 7,\n    \"state\" : {\n      \"next_order_id\" : 20001,");
    }

    @Test
    void severalSourcesWithoutPipelinesAllGoToTheOneDestinationEachWithItsOwnState() throws IOException {
        Path file = workDir.resolve("two.yaml");
        Files.writeString(file, """
                sources:
                  orders: {connector: example_orders, rows: 100}
                  items: {connector: leaky, password: pw-123, rows: 7}
                """);

        assertThat(spate(Map.of(), "run", file.toString(), "--workdir", workDir.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("orders: loaded 108 rows").contains("items: loaded 7 rows");
        assertThat(query("select (select count(*) from orders), (select count(*) from items)"))
                .containsExactly(List.of("100", "7"));

        assertThat(spate(Map.of(), "state", file.toString(), "--workdir", workDir.toString())).isZero();
        assertThat(out.toString()).contains("\"orders\" : {", "\"items\" : {", "\"next_order_id\" : 101", "\"cursor\" : \"****\"");
    }

    @Test
    void everyConfigurationProblemIsReportedAtOnceWithExitCode2() throws IOException {
        Path file = workDir.resolve("bad.yaml");
        Files.writeString(file, """
                sources:
                  orders:
                    connector: example_orders
                    rows: many
                    checkpoint_every: 0
                  other:
                    connector: no_such_connector
                destinations:
                  warehouse:
                    connector: duckdb
                    threads: 0
                """);

        assertThat(spate(Map.of(), "run", file.toString(), "--workdir", workDir.toString())).isEqualTo(2);

        assertThat(err.toString().replace(file.toString(), "bad.yaml")).startsWith("""
                error: bad.yaml line 2, column 3: source orders (connector example_orders): invalid configuration:
                  - line 4: rows is "many", expected an integer
                  - line 5: checkpoint_every must be 1 or more (got 0)
                bad.yaml line 9, column 3: destination warehouse (connector duckdb): invalid configuration:
                  - line 11: threads must be 1..256 (got 0)
                bad.yaml line 6, column 3: source other: unknown connector "no_such_connector": use one of\s""");
        assertThat(warehouse()).doesNotExist();
    }

    @Test
    void anUnknownDestinationOptionIsAWarningWithItsLine() throws IOException {
        Path file = workDir.resolve("typo.yaml");
        Files.writeString(file, """
                sources:
                  orders: {connector: example_orders, rows: 10}
                destinations:
                  warehouse:
                    connector: duckdb
                    pathh: other.duckdb
                """);

        assertThat(spate(Map.of(), "run", file.toString(), "--workdir", workDir.toString())).isZero();

        assertThat(err.toString()).contains("WARN  " + file + " line 6, column 5: destination warehouse (connector duckdb)"
                + " has no option \"pathh\" (ignored); its options: [path, schema, memory_limit, threads]");
        assertThat(query("select count(*) from orders")).containsExactly(List.of("10"));
    }

    @Test
    void anUnknownSourceOptionIsAWarningInTheSummary() throws IOException {
        Path file = workDir.resolve("typo.yaml");
        Files.writeString(file, "sources:\n  orders: {connector: example_orders, rows: 10, rowz: 20}\n");

        assertThat(spate(Map.of(), "run", file.toString(), "--workdir", workDir.toString())).isZero();

        assertThat(out.toString()).contains("warnings (1):\n  - unknown option rowz for connector example_orders (ignored)"
                .replace("\n", System.lineSeparator()));
    }

    @Test
    void aFailingSyncExitsWith1AndSaysWhy() throws IOException {
        Path file = workDir.resolve("failing.yaml");
        Files.writeString(file, "sources:\n  items:\n    connector: leaky\n    password: pw-1\n    fail: true\n");

        assertThat(spate(Map.of(), "run", file.toString(), "--workdir", workDir.toString())).isEqualTo(1);

        assertThat(err.toString()).contains("error: connector leaky failed: login failed for none with password ****");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("run", "schema", "state", "reset", "query")) {
            assertThat(spate(Map.of(), command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).startsWith("Usage: spate " + command).contains("--workdir=DIR", "--stacktrace");
        }
    }

    @Test
    void runWithoutAPipelineIsAUsageError() {
        assertThat(spate(Map.of(), "run")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: name a pipeline file (PIPELINE.yaml), or --connector NAME --config"
                + " configuration.json" + System.lineSeparator());
    }
}
