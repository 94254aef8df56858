package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.duckdb.DuckDbDestination;
import io.spate.duckdb.WarehouseQuery;
import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The postgres source through the real runtime into the DuckDB warehouse. */
class WarehouseRoundTripTest {
    private static final String DB = "warehouse_round_trip";

    @TempDir
    Path work;

    @BeforeAll
    static void createTables() {
        TestPostgres.freshDatabase(DB);
        TestPostgres.execute(DB,
                """
                CREATE TABLE all_types (
                  id int8 PRIMARY KEY, flag bool, small int2, medium int4, big int8, real_value float4,
                  double_value float8, amount numeric(12,2), wide numeric(38,10), free numeric, day date,
                  local_time timestamp, instant timestamptz, clock time, name text, fixed char(3), id_uuid uuid,
                  doc json, docb jsonb, tags text[], numbers int4[], blob bytea)
                """,
                """
                INSERT INTO all_types VALUES (1, true, -32768, 2147483647, 9223372036854775807, 1.5, 0.1,
                  1234567890.12, 1234567890123456789012345678.0123456789, 3.14159265358979323846264338327950288419716939937510,
                  '2024-02-29', '2024-03-10 02:30:00.123456', '2024-03-10 02:30:00.123456+05:30', '23:59:59.999999',
                  E'h\\u00e9llo \\u4e16\\u754c \\U0001F600 "quoted" \\n newline', 'ab',
                  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"b": 1, "a": [1,2]}', '{"b": 1, "a": [1,2]}',
                  ARRAY['x', 'y,z', NULL], '{1,2,3}', '\\x00ff10')
                """,
                "INSERT INTO all_types (id) VALUES (2)",
                "INSERT INTO all_types (id, amount, wide, day, instant) VALUES "
                        + "(3, -0.01, -0.0000000001, '0001-01-01', '1969-12-31 23:59:59.999999+00')");
    }

    static SyncResult sync(Path warehouse, String pipeline, Connector connector, Configuration config) {
        return Sync.builder().pipelineId(pipeline).connector(connector).configuration(config)
                .destination("warehouse", DuckDbDestination.open(warehouse, "main", Optional.empty(), Optional.empty()))
                .build().run();
    }

    @Test
    void everyCommonTypeArrivesInTheWarehouseExactly() {
        Path warehouse = work.resolve("warehouse.duckdb");
        SyncResult result = sync(warehouse, "types", new PostgresSource(), TestPostgres.config(DB, "tables", "all_types"));
        // 3 rows of the snapshot, then the row at the high-water mark of local_time again (the incremental step)
        assertThat(result.totalRows()).isEqualTo(4);
        List<List<String>> rows = WarehouseQuery.rows(warehouse, "SELECT id, flag, small, medium, big, real_value, "
                + "double_value, amount, wide, free, day, local_time, instant, clock, name, fixed, id_uuid, doc, docb, tags, "
                + "numbers, hex(blob), _spate_deleted FROM \"public\".\"all_types\" ORDER BY id");
        assertThat(rows.get(0)).containsExactly("1", "true", "-32768", "2147483647", "9223372036854775807", "1.5", "0.1",
                "1234567890.12", "1234567890123456789012345678.0123456789",
                "3.14159265358979323846264338327950288419716939937510", "2024-02-29", "2024-03-10 02:30:00.123456",
                "2024-03-09 21:00:00.123456+00", "23:59:59.999999", "h\u00e9llo \u4e16\u754c \uD83D\uDE00 \"quoted\" \n newline",
                "ab ", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "{\"b\": 1, \"a\": [1,2]}", "{\"a\": [1, 2], \"b\": 1}",
                "[\"x\",\"y,z\",null]", "[1,2,3]", "00FF10", "false");
        assertThat(rows.get(1)).containsExactlyElementsOf(concat(List.of("2"), nulls(21), List.of("false")));
        List<String> edge = rows.get(2);
        assertThat(List.of(edge.get(7), edge.get(8), edge.get(10), edge.get(12)))
                .containsExactly("-0.01", "-0.0000000001", "0001-01-01", "1969-12-31 23:59:59.999999+00");
    }

    @Test
    void incrementalRunsInterruptedInARunOfEqualReplicationKeysResumeWithoutSkipOrDuplicate() {
        TestPostgres.execute(DB, "DROP TABLE IF EXISTS orders",
                "CREATE TABLE orders (id int8 PRIMARY KEY, amount numeric(12,2) NOT NULL, updated_at timestamptz NOT NULL)",
                "INSERT INTO orders SELECT g, g * 1.25, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' "
                        + "FROM generate_series(1, 1000) g");
        Path warehouse = work.resolve("warehouse.duckdb");
        Configuration config = TestPostgres.config(DB, "tables", "orders", "checkpoint_every_rows", 100, "batch_size", 64);
        assertThat(sync(warehouse, "orders", new PostgresSource(), config).totalRows()).isEqualTo(1001);

        TestPostgres.execute(DB, "UPDATE orders SET amount = amount + 100000, updated_at = '2025-01-01 12:00:00+00'",
                "INSERT INTO orders SELECT g, g, '2025-01-01 12:00:00+00' FROM generate_series(1001, 1010) g");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> sync(warehouse, "orders", new InterruptingConnector(new PostgresSource(), 450), config))
                .hasMessageContaining("injected failure after 450 rows");
        assertThat(WarehouseQuery.rows(warehouse, "SELECT count(*) FROM \"public\".\"orders\" WHERE amount > 10000"))
                .containsExactly(List.of("400"));

        // the resumed run starts after (2025-01-01 12:00, id 400): exactly the 610 rows not yet committed
        assertThat(sync(warehouse, "orders", new PostgresSource(), config).totalRows()).isEqualTo(610);
        assertThat(WarehouseQuery.rows(warehouse, "SELECT count(*), count(DISTINCT id), sum(amount), "
                + "count(*) FILTER (WHERE updated_at = TIMESTAMPTZ '2025-01-01 12:00:00+00') "
                + "FROM \"public\".\"orders\" WHERE NOT _spate_deleted"))
                .containsExactly(List.of("1010", "1010", sourceSum(), "1010"));
    }

    private static String sourceSum() {
        try (java.sql.Connection connection = TestPostgres.connect(DB);
             java.sql.ResultSet rows = connection.createStatement().executeQuery("SELECT sum(amount) FROM orders")) {
            rows.next();
            return rows.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> nulls(int n) {
        return Arrays.asList(new String[n]);
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }
}
