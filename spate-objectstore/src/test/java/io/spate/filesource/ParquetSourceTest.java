package io.spate.filesource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.duckdb.DuckDbDestination;
import io.spate.duckdb.WarehouseQuery;
import io.spate.runtime.Sync;
import io.spate.s3.FaultProxy;
import io.spate.s3.S3TestServer;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.SpateException;
import io.spate.testing.MemoryDestination;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet objects, written by DuckDB, read through the files and s3 sources (DuckDB read_parquet). */
class ParquetSourceTest {
    /** One row of every type, one row of nulls: written by DuckDB, so the types are DuckDB's Parquet types. */
    private static final String ALL_TYPES = """
            SELECT * FROM (VALUES
              (1, true, 7::TINYINT, 300::SMALLINT, 70000::INTEGER, 9000000000::BIGINT, 18446744073709551615::UBIGINT,
               1.5::FLOAT, 2.25::DOUBLE, 12345.67::DECIMAL(10,2), 123456789012345678.123456789::DECIMAL(38,9),
               'Smith, "J"', '\\x00\\xFF'::BLOB, DATE '2024-02-29', TIMESTAMP '2024-01-02 03:04:05.123456',
               TIMESTAMPTZ '2024-01-02 03:04:05.5+00', {'a': 1, 'b': 'x'}, [1, 2, 3], MAP {'k': 2}),
              (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
            ) t(id, flag, tiny, small, int32, int64, ubig, f32, f64, dec, wide, name, bin, day, ts, tstz, obj, list, map)
            """;

    @TempDir
    Path dir;

    private static void writeParquet(Path file, String select) throws SQLException {
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("COPY (" + select + ") TO '" + file.toString().replace("'", "''") + "' (FORMAT parquet)");
        }
    }

    private static void sync(Connector connector, Map<String, Object> options, io.spate.destination.Destination destination) {
        Sync.builder().pipelineId("p").connector(connector).configuration(Configuration.of(options))
                .destination("d", destination).build().run();
    }

    private static void assertEveryType(Map<String, Object> row) {
        assertThat(row).containsEntry("id", 1).containsEntry("flag", true).containsEntry("tiny", 7).containsEntry("small", 300)
                .containsEntry("int32", 70000).containsEntry("int64", 9_000_000_000L)
                .containsEntry("f32", 1.5f).containsEntry("f64", 2.25).containsEntry("dec", new BigDecimal("12345.67"))
                .containsEntry("wide", new BigDecimal("123456789012345678.123456789")).containsEntry("name", "Smith, \"J\"")
                .containsEntry("day", LocalDate.of(2024, 2, 29))
                .containsEntry("ts", LocalDateTime.parse("2024-01-02T03:04:05.123456"))
                .containsEntry("tstz", Instant.parse("2024-01-02T03:04:05.5Z"))
                .containsEntry("obj", "{\"a\":1,\"b\":\"x\"}").containsEntry("list", "[1,2,3]").containsEntry("map", "{\"k\":2}");
        assertThat(row.get("ubig")).isIn(new BigInteger("18446744073709551615"), new BigDecimal("18446744073709551615"));
        assertThat((byte[]) row.get("bin")).containsExactly(0x00, 0xFF);
    }

    @Test
    void filesSourceReadsEveryParquetTypeWithExactValues() throws Exception {
        writeParquet(dir.resolve("types.parquet"), ALL_TYPES);
        MemoryDestination destination = new MemoryDestination();
        sync(new FilesSource(), Map.of("path", dir.toString()), destination);

        List<Map<String, Object>> rows = destination.liveRows("types");
        assertThat(rows).hasSize(2);
        Map<String, Object> full = rows.stream().filter(r -> r.get("_spate_line").equals(1L)).findFirst().orElseThrow();
        assertEveryType(full);
        assertThat(full).containsEntry("_spate_file", dir.resolve("types.parquet").toUri().toString());
        Map<String, Object> nulls = rows.stream().filter(r -> r.get("_spate_line").equals(2L)).findFirst().orElseThrow();
        assertThat(nulls).containsEntry("id", 2);
        assertThat(nulls.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey))
                .containsExactlyInAnyOrder("flag", "tiny", "small", "int32", "int64", "ubig", "f32", "f64", "dec", "wide", "name",
                        "bin", "day", "ts", "tstz", "obj", "list", "map");
    }

    @Test
    void selectReadsOnlyTheProjectedColumnsInItsOrder() throws Exception {
        writeParquet(dir.resolve("types.parquet"), ALL_TYPES);
        MemoryDestination destination = new MemoryDestination();
        sync(new FilesSource(), Map.of("path", dir.toString(), "select", List.of("dec", "id")), destination);

        assertThat(destination.liveRows("types")).hasSize(2).allSatisfy(r -> assertThat(r.keySet())
                .containsExactlyInAnyOrder("dec", "id", "_spate_file", "_spate_line", "_spate_deleted"));
        assertThat(destination.schema("types").columns().stream().map(io.spate.sdk.Column::name).limit(2)).containsExactly("dec", "id");
    }

    @Test
    void selectOfAColumnTheFileLacksNamesIt() throws Exception {
        writeParquet(dir.resolve("types.parquet"), "SELECT 1 AS id");
        assertThatThrownBy(() -> sync(new FilesSource(), Map.of("path", dir.toString(), "select", List.of("nope")),
                new MemoryDestination())).isInstanceOf(SpateException.class)
                .hasMessageContaining(dir.resolve("types.parquet") + ": select: column \"nope\" is not in the file (its columns: id)");
    }

    @Test
    void s3SourceSpoolsParquetThroughACutConnectionIntoDuckDbExactly() throws Exception {
        Path file = dir.resolve("big.parquet");
        writeParquet(file, "SELECT i AS id, (i * 3 / 100.0)::DECIMAL(12,2) AS amount, 'n-' || i AS note,"
                + " DATE '2024-01-01' + (i % 365)::INTEGER AS day FROM range(1, 50001) t(i)");
        writeParquet(dir.resolve("types.parquet"), ALL_TYPES);
        try (S3TestServer server = new S3TestServer(); FaultProxy proxy = new FaultProxy(server.port())) {
            server.createBucket("pq-lake");
            server.put("pq-lake", "data/big.parquet", Files.readAllBytes(file));
            server.put("pq-lake", "data/types.parquet", Files.readAllBytes(dir.resolve("types.parquet")));
            int[] gets = {0};
            proxy.plan(r -> r.isObjectGet() && r.target().contains("big.parquet") && r.range().isEmpty() && gets[0]++ == 0
                    ? new FaultProxy.Action.CutAfter(100_000) : new FaultProxy.Action.Forward());
            Map<String, Object> options = new LinkedHashMap<>(server.connection(proxy.endpoint()));
            options.put("uri", "s3://pq-lake/data/");
            Path warehouse = dir.resolve("warehouse.duckdb");
            try (DuckDbDestination duck = DuckDbDestination.open(warehouse, "main", Optional.empty(), Optional.of(2))) {
                sync(new S3Source(Map.of()), options, duck);
            }
            // the schema: the last 8 bytes, then the footer; the rows: the whole object, cut, then resumed from the byte reached
            List<String> ranges = proxy.requests(r -> r.isObjectGet() && r.target().contains("big.parquet")).stream()
                    .map(FaultProxy.Request::range).toList();
            long size = Files.size(file);
            assertThat(ranges).hasSize(4);
            assertThat(ranges.get(0)).isEqualTo("bytes=" + (size - 8) + "-" + (size - 1));
            assertThat(ranges.get(1)).endsWith("-" + (size - 9));
            assertThat(ranges.get(2)).isEmpty();
            assertThat(ranges.get(3)).isEqualTo("bytes=100000-" + (size - 1));

            assertThat(WarehouseQuery.rows(warehouse, "SELECT count(*), sum(id), sum(amount), count(DISTINCT note), min(day),"
                    + " max(_spate_line) FROM big")).containsExactly(List.of("50000", "1250025000", "37500750.00", "50000",
                    "2024-01-01", "50000"));
            assertThat(WarehouseQuery.rows(warehouse, "SELECT column_name || ' ' || data_type FROM information_schema.columns"
                    + " WHERE table_name = 'types' AND column_name NOT LIKE '\\_spate%' ESCAPE '\\' ORDER BY ordinal_position"))
                    .extracting(r -> r.get(0)).containsExactly("id INTEGER", "flag BOOLEAN", "tiny INTEGER", "small INTEGER",
                            "int32 INTEGER", "int64 BIGINT", "ubig DECIMAL(38,0)", "f32 FLOAT", "f64 DOUBLE", "dec DECIMAL(10,2)",
                            "wide DECIMAL(38,9)", "name VARCHAR", "bin BLOB", "day DATE", "ts TIMESTAMP",
                            "tstz TIMESTAMP WITH TIME ZONE", "obj JSON", "list JSON", "map JSON");
            assertThat(WarehouseQuery.rows(warehouse, "SELECT id, flag, tiny, int64, dec, wide, name, day, ts, tstz, obj, list"
                    + " FROM types ORDER BY id")).containsExactly(
                    List.of("1", "true", "7", "9000000000", "12345.67", "123456789012345678.123456789", "Smith, \"J\"",
                            "2024-02-29", "2024-01-02 03:04:05.123456", "2024-01-02 03:04:05.5+00", "{\"a\":1,\"b\":\"x\"}",
                            "[1,2,3]"),
                    java.util.Arrays.asList("2", null, null, null, null, null, null, null, null, null, null, null));
        }
        try (var spooled = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(spooled.filter(p -> p.getFileName().toString().startsWith("spate-spool-"))).isEmpty();
        }
    }
}
