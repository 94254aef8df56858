package io.spate.http;

import static io.spate.http.TestServer.csv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.runtime.Connectors;
import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import io.spate.sdk.Column;
import io.spate.sdk.Configuration;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.sdk.SystemColumns;
import io.spate.sdk.TableSpec;
import io.spate.testing.MemoryDestination;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Types sampled from the first page's head, and the {@code filter} option. */
class InferenceAndFilterTest {
    @RegisterExtension
    final TestServer server = TestServer.started();

    Map<String, Object> config(String path, Object... more) {
        return server.config(path, Map.of("auth", "none"), more);
    }

    SyncResult sync(Map<String, Object> config, MemoryDestination destination) {
        return Sync.builder().pipelineId("p").connector(new HttpCsvConnector(b -> b.jitter(0)))
                .configuration(Configuration.of(config)).destination("d", destination).build().run();
    }

    static DataType typeOf(MemoryDestination destination, String table, String column) {
        return destination.schema(table).column(column).orElseThrow().type();
    }

    // ---- inference

    /** 200 rows whose qty and code look like integers in the head; row 150 has qty 7.25, row 180 code "A-1". */
    static String readings() {
        StringBuilder out = new StringBuilder("id,qty,code,seen_at\n");
        for (int id = 1; id <= 200; id++) {
            String qty = id == 150 ? "7.25" : String.valueOf(id);
            String code = id == 180 ? "A-1" : String.valueOf(1000 + id);
            out.append(id).append(',').append(qty).append(',').append(code).append(',')
                    .append(Instant.ofEpochSecond(1_704_067_200L + id).toString()).append('\n');
        }
        return out.toString();
    }

    @Test
    void typesSampledFromTheHeadWidenWhenALaterValueNeedsIt() {
        server.on("/readings.csv", csv(readings().getBytes(StandardCharsets.UTF_8)));
        MemoryDestination destination = new MemoryDestination();
        SyncResult result = sync(config("/readings.csv", "primary_key", "id", "sample_bytes", 1024), destination);

        assertThat(server.requests()).hasSize(1);
        assertThat(result.totalRows()).isEqualTo(200);
        assertThat(typeOf(destination, "readings", "id")).isEqualTo(DataType.LONG);
        assertThat(typeOf(destination, "readings", "qty").kind()).isEqualTo(DataType.Kind.DECIMAL);
        assertThat(typeOf(destination, "readings", "code")).isEqualTo(DataType.STRING);
        assertThat(typeOf(destination, "readings", "seen_at")).isEqualTo(DataType.UTC_DATETIME);
        Map<List<Object>, Map<String, Object>> rows = destination.rows("readings");
        assertThat(rows.get(List.of(150L)).get("qty")).isEqualTo(new BigDecimal("7.25"));
        assertThat(new BigDecimal(rows.get(List.of(3L)).get("qty").toString())).isEqualByComparingTo("3");
        assertThat(rows.get(List.of(180L))).containsEntry("code", "A-1");
        assertThat(rows.get(List.of(3L))).containsEntry("code", "1003")
                .containsEntry("seen_at", Instant.ofEpochSecond(1_704_067_203L));
    }

    @Test
    void theSchemaDeclaresSampledColumnsAsInferredAndConfiguredOnesAsFixed() {
        server.on("/readings.csv", csv(readings().getBytes(StandardCharsets.UTF_8)));
        Configuration config = Configuration.of(config("/readings.csv", "sample_bytes", 1024, "columns", Map.of("code", "STRING")));
        TableSpec spec = new HttpCsvConnector().schema(config).get(0);

        assertThat(spec.columns()).containsExactly(Column.inferred("id", DataType.LONG), Column.inferred("qty", DataType.LONG),
                Column.of("code", DataType.STRING), Column.inferred("seen_at", DataType.UTC_DATETIME),
                Column.of(SystemColumns.FILE, DataType.STRING), Column.of(SystemColumns.LINE, DataType.LONG));
    }

    @Test
    void declaredColumnsWinOverTheSampleAndSelectKeepsItsColumns() {
        server.on("/readings.csv", csv(readings().getBytes(StandardCharsets.UTF_8)));
        MemoryDestination destination = new MemoryDestination();
        sync(config("/readings.csv", "primary_key", "id", "columns", Map.of("qty", "DOUBLE", "id", "LONG"),
                "select", "id,qty,seen_at"), destination);

        assertThat(server.requests()).hasSize(1);
        assertThat(destination.schema("readings").columns().stream().map(Column::name))
                .containsExactly("id", "qty", "seen_at");
        assertThat(typeOf(destination, "readings", "id")).isEqualTo(DataType.LONG);
        assertThat(typeOf(destination, "readings", "qty")).isEqualTo(DataType.DOUBLE);
        assertThat(destination.rows("readings").get(List.of(150L))).containsEntry("qty", 7.25);
        assertThat(destination.rows("readings").get(List.of(151L))).containsEntry("qty", 151.0);
    }

    @Test
    void aSampleCutInsideARecordDoesNotJudgeByItsPart() {
        String body = readings();
        int cut = body.indexOf("\n17,17,1017,") + "\n17,17,1017,2024-01".length(); // inside row 17's seen_at
        server.on("/readings.csv", csv(body.getBytes(StandardCharsets.UTF_8)));
        TableSpec spec = new HttpCsvConnector().schema(Configuration.of(config("/readings.csv", "sample_bytes", cut))).get(0);

        assertThat(body.substring(cut - 12, cut)).isEqualTo("1017,2024-01");
        assertThat(spec.column("seen_at")).contains(Column.inferred("seen_at", DataType.UTC_DATETIME));
    }

    @Test
    void aBodyLargerThanTheSampleIsRequestedOnceAndReadWhole() {
        server.on("/orders.csv", csv(Orders.bytes(1, 20_000)));
        MemoryDestination destination = new MemoryDestination();
        SyncResult result = sync(config("/orders.csv", "primary_key", "id", "columns", Map.of("id", "LONG"),
                "sample_bytes", 1 << 18), destination);

        assertThat(Orders.bytes(1, 20_000).length).isGreaterThan(4 << 18);
        assertThat(server.requests()).hasSize(1);
        assertThat(result.totalRows()).isEqualTo(20_000);
        assertThat(HttpCsvConnectorTest.idsOf(destination, "orders")).isEqualTo(HttpCsvConnectorTest.range(1, 20_000));
        assertThat(typeOf(destination, "orders", "amount")).isEqualTo(DataType.decimal(5, 2));
        assertThat(typeOf(destination, "orders", "updated_at")).isEqualTo(DataType.UTC_DATETIME);
    }

    // ---- filter

    @Test
    void keepsOnlyRowsMatchingTheFilterOnNumberAndTextColumns() {
        server.on("/orders.csv", csv(Orders.bytes(1, 300)));
        MemoryDestination destination = new MemoryDestination();
        SyncResult result = sync(config("/orders.csv", "primary_key", "id", "columns", Map.of("id", "LONG"),
                "filter", "amount >= 250.5 and customer in ('customer-3', 'customer-5') and note like 'plain%'"), destination);

        List<Long> expected = new ArrayList<>();
        for (long id = 1; id <= 300; id++) {
            boolean customer = id % 97 == 3 || id % 97 == 5;
            if (new BigDecimal(Orders.amount(id)).compareTo(new BigDecimal("250.5")) >= 0 && customer && id % 7 != 0) {
                expected.add(id);
            }
        }
        assertThat(expected).containsExactly(296L);
        assertThat(HttpCsvConnectorTest.idsOf(destination, "orders")).isEqualTo(expected);
        assertThat(result.totalRows()).isEqualTo(1);
    }

    @Test
    void filteredRowsStillMoveTheIncrementalCursor() {
        server.on("/orders.csv", csv(Orders.bytes(1, 50)));
        MemoryDestination destination = new MemoryDestination();
        sync(config("/orders.csv", "primary_key", "id", "filter", "id <= 10", "columns", Map.of("id", "LONG"),
                "incremental", Map.of("param", "since", "column", "updated_at")), destination);

        assertThat(HttpCsvConnectorTest.idsOf(destination, "orders")).isEqualTo(HttpCsvConnectorTest.range(1, 10));
        assertThat(destination.loadState("p").orElseThrow().state().getString("cursor")).contains(Orders.updatedAt(50));
    }

    @Test
    void aFilterSyntaxErrorIsAConfigurationProblemBeforeAnyRequest() {
        Map<String, Object> config = config("/orders.csv", "filter", "amount > and id = 1");
        assertThatThrownBy(() -> Connectors.validate(new HttpCsvConnector(), Configuration.of(config)))
                .isInstanceOf(SpateException.class)
                .satisfies(e -> assertThat(((SpateException) e).category()).isEqualTo(SpateException.Category.CONFIG))
                .hasMessage("invalid configuration:\n"
                        + "  - filter: expected a value after \">\" but found \"and\" at column 10: amount > and id = 1\n"
                        + "    " + " ".repeat("filter: expected a value after \">\" but found \"and\" at column 10: ".length() + 9) + "^");
        assertThatThrownBy(() -> sync(config, new MemoryDestination())).hasMessageStartingWith("invalid configuration:\n  - filter:");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aFilterOnAColumnTheBodyLacksFailsNamingTheColumnsThereAre() {
        server.on("/orders.csv", csv(Orders.bytes(1, 3)));
        assertThatThrownBy(() -> sync(config("/orders.csv", "filter", "ammount > 1"), new MemoryDestination()))
                .isInstanceOf(SpateException.class)
                .hasMessage(server.url("/orders.csv") + ": filter: no column \"ammount\"; the columns are: \"id\", \"customer\", "
                        + "\"amount\", \"updated_at\", \"note\"");
    }

    @Test
    void aFilterMayNameAColumnOutsideSelect() {
        server.on("/orders.csv", csv(Orders.bytes(1, 30)));
        MemoryDestination destination = new MemoryDestination();
        sync(config("/orders.csv", "primary_key", "id", "select", "id,amount", "filter", "CUSTOMER = 'customer-7'"), destination);

        assertThat(destination.liveRows("orders")).singleElement()
                .satisfies(row -> assertThat(row).containsEntry("id", 7L).containsEntry("amount", new BigDecimal("7.07")));
    }

    @Test
    void aValueTheFilterCannotReadIsABadRecordUnderOnError() {
        String body = Orders.HEADER + Orders.row(1) + "2,customer-2,n/a,2024-01-01T00:02:00Z,plain 2\n" + Orders.row(3);
        server.on("/orders.csv", csv(body.getBytes(StandardCharsets.UTF_8)));
        Map<String, Object> config = config("/orders.csv", "primary_key", "id", "filter", "amount > 2",
                "columns", Map.of("id", "LONG", "amount", "STRING"));
        assertThatThrownBy(() -> sync(config, new MemoryDestination()))
                .hasMessage(server.url("/orders.csv") + " line 3: filter \"amount > 2\": value \"n/a\" of column \"amount\" is not a number");

        config.put("on_error", "skip");
        MemoryDestination destination = new MemoryDestination();
        SyncResult result = sync(config, destination);
        assertThat(destination.liveRows("orders")).singleElement().satisfies(row -> assertThat(row).containsEntry("id", 3L));
        assertThat(result.warnings()).containsExactly("skipped 1 bad records of " + server.url("/orders.csv") + "; the first: "
                + server.url("/orders.csv") + " line 3: filter \"amount > 2\": value \"n/a\" of column \"amount\" is not a number");
    }
}
