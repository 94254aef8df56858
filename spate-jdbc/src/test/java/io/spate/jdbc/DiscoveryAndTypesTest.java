package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.sdk.Column;
import io.spate.sdk.Configuration;
import io.spate.sdk.DataType;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DiscoveryAndTypesTest {
    private static final String DB = "discovery_types";

    @BeforeAll
    static void createTables() {
        TestPostgres.freshDatabase(DB);
        TestPostgres.execute(DB,
                "CREATE TYPE mood AS ENUM ('sad', 'happy')",
                "CREATE DOMAIN positive_int AS int4 CHECK (VALUE > 0)",
                """
                CREATE TABLE all_types (
                  id int8 PRIMARY KEY, flag bool, small int2, medium int4, big int8, real_value float4,
                  double_value float8, amount numeric(12,2), wide numeric(38,10), free numeric, huge numeric(50,5),
                  day date, local_time timestamp, instant timestamptz, clock time, tz_clock timetz, span interval,
                  name text, code varchar(10), fixed char(3), id_uuid uuid, doc json, docb jsonb, tags text[],
                  numbers int4[], blob bytea, feeling mood, counter positive_int, price money)
                """,
                """
                INSERT INTO all_types VALUES (1, true, -32768, 2147483647, 9223372036854775807, 1.5, 0.1,
                  1234567890.12, 1234567890123456789012345678.0123456789, 3.14159265358979323846264338327950288419716939937510,
                  123456789012345678901234567890123456789012345.67891, '2024-02-29', '2024-03-10 02:30:00.123456',
                  '2024-03-10 02:30:00.123456+05:30', '23:59:59.999999', '12:00:00+02', '1 year 2 mons 3 days 04:05:06',
                  E'h\\u00e9llo \\u4e16\\u754c \\U0001F600 "quoted" \\n newline', 'abc', 'ab',
                  'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"b": 1, "a": [1,2]}', '{"b": 1, "a": [1,2]}',
                  ARRAY['x', 'y,z', NULL], '{1,2,3}', '\\x00ff10', 'happy', 7, 12.34)
                """,
                "INSERT INTO all_types (id) VALUES (2)",
                "INSERT INTO all_types (id, real_value, double_value, free) VALUES (3, 'NaN', '-Infinity', 'NaN')",
                "CREATE TABLE line_items (order_id int4, line int2, sku text, PRIMARY KEY (order_id, line))",
                "CREATE TABLE events (happened_at timestamptz, payload jsonb)",
                "CREATE TABLE measurements (id int8, taken date, v float8, PRIMARY KEY (id, taken)) PARTITION BY RANGE (taken)",
                "CREATE TABLE measurements_2024 PARTITION OF measurements FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "CREATE SCHEMA other",
                "CREATE TABLE other.elsewhere (id int4 PRIMARY KEY)");
    }

    @Test
    void discoversTablesColumnsTypesAndKeysButNotPartitions() {
        List<TableSpec> tables = new PostgresSource().schema(TestPostgres.config(DB));
        assertThat(tables).extracting(TableSpec::qualifiedName)
                .containsExactly("public.all_types", "public.events", "public.line_items", "public.measurements");
        TableSpec allTypes = tables.get(0);
        assertThat(allTypes.schema()).contains("public");
        assertThat(allTypes.name()).isEqualTo("all_types");
        assertThat(allTypes.primaryKey()).containsExactly("id");
        assertThat(allTypes.columns()).containsExactly(
                Column.of("id", DataType.LONG), Column.of("flag", DataType.BOOLEAN), Column.of("small", DataType.SHORT),
                Column.of("medium", DataType.INT), Column.of("big", DataType.LONG), Column.of("real_value", DataType.FLOAT),
                Column.of("double_value", DataType.DOUBLE), Column.of("amount", DataType.decimal(12, 2)),
                Column.of("wide", DataType.decimal(38, 10)), Column.of("free", DataType.STRING),
                Column.of("huge", DataType.STRING), Column.of("day", DataType.NAIVE_DATE),
                Column.of("local_time", DataType.NAIVE_DATETIME), Column.of("instant", DataType.UTC_DATETIME),
                Column.of("clock", DataType.STRING), Column.of("tz_clock", DataType.STRING), Column.of("span", DataType.STRING),
                Column.of("name", DataType.STRING), Column.of("code", DataType.STRING), Column.of("fixed", DataType.STRING),
                Column.of("id_uuid", DataType.STRING), Column.of("doc", DataType.JSON), Column.of("docb", DataType.JSON),
                Column.of("tags", DataType.JSON), Column.of("numbers", DataType.JSON), Column.of("blob", DataType.BINARY),
                Column.of("feeling", DataType.STRING), Column.of("counter", DataType.INT), Column.of("price", DataType.STRING));
        assertThat(tables.get(1).primaryKey()).isEmpty();
        assertThat(tables.get(2).primaryKey()).containsExactly("order_id", "line");
        assertThat(tables.get(3).primaryKey()).containsExactly("id", "taken");
    }

    @Test
    void schemasAndTablePatternsSelectTables() {
        Configuration config = TestPostgres.config(DB, "schema", "public, other", "tables", "!line_*, !public.events");
        assertThat(new PostgresSource().schema(config)).extracting(TableSpec::qualifiedName)
                .containsExactly("public.all_types", "public.measurements", "other.elsewhere");
    }

    @Test
    void everyCommonTypeRoundTripsExactly() throws Exception {
        Configuration config = TestPostgres.config(DB, "tables", "all_types");
        PostgresSource source = new PostgresSource();
        RecordingOperations ops = new RecordingOperations(source.schema(config));
        source.update(config, State.empty(), ops);

        Map<List<Object>, Map<String, Object>> rows = ops.live("public.all_types");
        assertThat(rows).hasSize(3);
        Map<String, Object> full = new LinkedHashMap<>(rows.get(List.of(1L)));
        assertThat((byte[]) full.remove("blob")).containsExactly(0x00, 0xff, 0x10);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("id", 1L);
        expected.put("flag", true);
        expected.put("small", (short) -32768);
        expected.put("medium", 2147483647);
        expected.put("big", 9223372036854775807L);
        expected.put("real_value", 1.5f);
        expected.put("double_value", 0.1);
        expected.put("amount", new BigDecimal("1234567890.12"));
        expected.put("wide", new BigDecimal("1234567890123456789012345678.0123456789"));
        expected.put("free", "3.14159265358979323846264338327950288419716939937510");
        expected.put("huge", "123456789012345678901234567890123456789012345.67891");
        expected.put("day", LocalDate.of(2024, 2, 29));
        expected.put("local_time", LocalDateTime.of(2024, 3, 10, 2, 30, 0, 123_456_000));
        expected.put("instant", Instant.parse("2024-03-09T21:00:00.123456Z"));
        expected.put("clock", "23:59:59.999999");
        expected.put("tz_clock", "12:00:00+02");
        expected.put("span", "1 year 2 mons 3 days 04:05:06");
        expected.put("name", "h\u00e9llo \u4e16\u754c \uD83D\uDE00 \"quoted\" \n newline");
        expected.put("code", "abc");
        expected.put("fixed", "ab ");
        expected.put("id_uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        expected.put("doc", "{\"b\": 1, \"a\": [1,2]}");
        expected.put("docb", "{\"a\": [1, 2], \"b\": 1}");
        expected.put("tags", "[\"x\",\"y,z\",null]");
        expected.put("numbers", "[1,2,3]");
        expected.put("feeling", "happy");
        expected.put("counter", 7);
        expected.put("price", "$12.34");
        assertThat(full).containsExactlyEntriesOf(expected);

        Map<String, Object> nulls = rows.get(List.of(2L));
        assertThat(nulls.get("id")).isEqualTo(2L);
        assertThat(nulls.entrySet().stream().filter(e -> !e.getKey().equals("id")).map(Map.Entry::getValue))
                .hasSize(28).containsOnlyNulls();

        Map<String, Object> special = rows.get(List.of(3L));
        assertThat(special.get("real_value")).isEqualTo(Float.NaN);
        assertThat(special.get("double_value")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(special.get("free")).isEqualTo("NaN");
    }

    @Test
    void withAutoDetectionOffTheTableSpecNamesTablesAndTypesComeFromTheDriver() {
        Configuration config = TestPostgres.config(DB, "auto_schema_detection", "false", "table_spec",
                "[{\"name\": \"line_items\", \"primary_key\": [\"order_id\", \"line\"]}]");
        List<TableSpec> tables = new PostgresSource().schema(config);
        assertThat(tables).containsExactly(new TableSpec("line_items", Optional.of("public"), List.of("order_id", "line"),
                List.of(Column.of("order_id", DataType.INT), Column.of("line", DataType.SHORT),
                        Column.of("sku", DataType.STRING))));
    }
}
