package io.spate.lake;

import static io.spate.lake.DuckDbReads.literal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.destination.DestinationProvider;
import io.spate.destination.TableSchema;
import io.spate.runtime.Sync;
import io.spate.sdk.Column;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.DataType;
import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files lake destination driven by the real runtime, and its commit protocol driven directly. */
class LakeDestinationTest {
    private static final String ORDERS_COLUMNS = "{'id': 'BIGINT', 'region': 'VARCHAR', 'amount': 'DECIMAL(12,2)', "
            + "'paid_at': 'TIMESTAMPTZ', 'note': 'VARCHAR', '_spate_synced': 'TIMESTAMPTZ', '_spate_deleted': 'BOOLEAN'}";

    @TempDir
    Path work;

    private Path lake() {
        return work.resolve("lake");
    }

    private Destination open(String runId, Map<String, Object> options) {
        Map<String, Object> all = new HashMap<>(options);
        all.putIfAbsent("path", lake().toString());
        return new LakeDestinationProvider.Files().open(Configuration.of(all), new DestinationProvider.Context(work, runId, "lake"));
    }

    private void sync(String pipeline, String runId, Orders orders, Map<String, Object> options) {
        Sync.builder().pipelineId(pipeline).connector(orders).destination("lake", open(runId, options)).build().run();
    }

    private List<Path> dataFiles() throws IOException {
        try (Stream<Path> files = Files.walk(lake())) {
            return files.filter(Files::isRegularFile).filter(p -> !lake().relativize(p).startsWith("_spate")).sorted().toList();
        }
    }

    private String checksum(String relation) {
        return DuckDbReads.rows("WITH t AS (SELECT * FROM " + relation + ") " + Orders.CHECKSUM_SQL).get(0).get(0);
    }

    @Test
    void parquetFilesOfASyncHoldExactlyTheSourceRows() throws Exception {
        Orders orders = new Orders(2500, 1000, "a", false);
        sync("p", "run1", orders, Map.of());
        String files = "read_parquet(" + literal(lake() + "/orders/*.parquet") + ")";
        assertThat(DuckDbReads.rows("SELECT count(*), count(DISTINCT id), bool_or(_spate_deleted) FROM " + files))
                .containsExactly(List.of("2500", "2500", "false"));
        assertThat(checksum(files)).isEqualTo(orders.expectedChecksum());
        assertThat(dataFiles()).extracting(p -> lake().relativize(p).toString()).containsExactly(
                "orders/part-run1-000001-00001.parquet", "orders/part-run1-000002-00001.parquet",
                "orders/part-run1-000003-00001.parquet");
        assertThat(DuckDbReads.rows("SELECT DISTINCT compression FROM parquet_metadata(" + literal(lake() + "/orders/*.parquet") + ")"))
                .containsExactly(List.of("ZSTD"));
    }

    @Test
    void replaceLeavesExactlyTheLastRunsFilesAndAppendKeepsEveryRun() throws Exception {
        sync("first", "run1", new Orders(30, 10, "a", false), Map.of());
        sync("second", "run2", new Orders(30, 10, "b", false), Map.of("mode", "append"));
        String files = "read_parquet(" + literal(lake() + "/orders/*.parquet") + ")";
        assertThat(DuckDbReads.rows("SELECT count(*), count(DISTINCT id), count(DISTINCT note) FILTER (WHERE note LIKE 'a %'),"
                + " count(DISTINCT note) FILTER (WHERE note LIKE 'b %') FROM " + files)).containsExactly(List.of("60", "30", "27", "27"));

        Orders third = new Orders(30, 10, "c", false);
        sync("third", "run3", third, Map.of("mode", "replace"));
        assertThat(DuckDbReads.rows("SELECT count(*), count(DISTINCT id) FROM " + files)).containsExactly(List.of("30", "30"));
        assertThat(checksum(files)).isEqualTo(third.expectedChecksum());
        assertThat(dataFiles()).allMatch(p -> p.getFileName().toString().startsWith("part-run3-"));
    }

    @Test
    void aReplaceRunThatFailsRightAfterACheckpointKeepsTheOlderFilesUntilItsResumeCompletes() throws Exception {
        sync("earlier", "run1", new Orders(30, 10, "a", false), Map.of("mode", "replace"));
        Orders second = new Orders(30, 10, "b", false);
        Connector failsAfterItsCheckpoint = new Connector() {
            @Override
            public String name() {
                return "orders";
            }

            @Override
            public List<TableSpec> schema(Configuration config) {
                return second.schema(config);
            }

            @Override
            public void update(Configuration config, State state, Operations ops) {
                new Orders(20, 10, "b", false).update(config, state, ops);
                throw new IllegalStateException("the source went away");
            }
        };
        assertThatThrownBy(() -> Sync.builder().pipelineId("reload").connector(failsAfterItsCheckpoint)
                .destination("lake", open("run2", Map.of("mode", "replace"))).build().run())
                .hasMessage("connector orders failed: the source went away");
        String files = "read_parquet(" + literal(lake() + "/orders/*.parquet") + ")";
        // run1's rows are all still there, next to the 20 rows run2 committed
        assertThat(DuckDbReads.rows("SELECT count(*) FILTER (WHERE note LIKE 'a %' OR (note IS NULL AND filename LIKE '%part-run1-%')),"
                + " count(*) FILTER (WHERE filename LIKE '%part-run2-%') FROM read_parquet(" + literal(lake() + "/orders/*.parquet")
                + ", filename = true)")).containsExactly(List.of("30", "20"));

        sync("reload", "run3", second, Map.of("mode", "replace"));
        assertThat(DuckDbReads.rows("SELECT count(*), count(DISTINCT id) FROM " + files)).containsExactly(List.of("30", "30"));
        assertThat(checksum(files)).isEqualTo(second.expectedChecksum());
        assertThat(dataFiles()).extracting(p -> p.getFileName().toString()).allMatch(name -> name.startsWith("part-run2-"))
                .anyMatch(name -> name.startsWith("part-run2-run3-"));
    }

    @Test
    void textAndAvroFormatsWithCompressionHoldTheSourceRows() throws Exception {
        Orders orders = new Orders(120, 50, "t", false);
        sync("csv", "runcsv", orders, Map.of("format", "csv", "compression", "gzip", "key", "csv/{table}/"));
        sync("jsonl", "runjsonl", orders, Map.of("format", "jsonl", "compression", "zstd", "key", "jsonl/{table}/"));
        sync("avro", "runavro", orders, Map.of("format", "avro", "compression", "snappy", "key", "avro/{table}/"));
        assertThat(checksum("read_csv(" + literal(lake() + "/csv/orders/*.csv.gz") + ", header = true, allow_quoted_nulls = false, columns = " + ORDERS_COLUMNS + ")"))
                .isEqualTo(orders.expectedChecksum());
        assertThat(checksum("read_json(" + literal(lake() + "/jsonl/orders/*.jsonl.zst") + ", format = 'newline_delimited', columns = " + ORDERS_COLUMNS + ")"))
                .isEqualTo(orders.expectedChecksum());
        long rows = 0;
        try (Stream<Path> avroFiles = Files.list(lake().resolve("avro/orders"))) {
            for (Path file : avroFiles.toList()) {
                try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
                    assertThat(reader.getMetaString("avro.codec")).isEqualTo("snappy");
                    for (GenericRecord record : reader) {
                        long id = (Long) record.get("id");
                        assertThat(record.get("note") == null ? null : record.get("note").toString())
                                .isEqualTo(id % 10 == 0 ? null : orders.note(id));
                        rows++;
                    }
                }
            }
        }
        assertThat(rows).isEqualTo(120);
    }

    @Test
    void partitionByWritesHiveDirectoriesAndFileMaxRowsRollsFiles() throws Exception {
        Orders orders = new Orders(90, 1000, "p", false);
        sync("p", "run1", orders, Map.of("partition_by", "region", "file_max_rows", "12"));
        assertThat(dataFiles()).extracting(p -> lake().relativize(p).getParent().toString()).containsOnly(
                "orders/region=east%2Fwest", "orders/region=north", "orders/region=south");
        // 30 rows per region in files of at most 12 rows: 12 + 12 + 6
        assertThat(dataFiles()).hasSize(9);
        String files = "read_parquet(" + literal(lake() + "/orders/*/*.parquet") + ", hive_partitioning = false)";
        assertThat(checksum(files)).isEqualTo(orders.expectedChecksum());
        assertThat(DuckDbReads.rows("SELECT max(c) FROM (SELECT count(*) c FROM " + files + " GROUP BY filename)"))
                .containsExactly(List.of("12"));
    }

    @Test
    void rowsWrittenButNotCommittedAreNeverVisibleAndAreCleanedUpByTheNextRun() throws Exception {
        TableSchema table = Batches.table();
        Destination crashed = open("crashed", Map.of("file_max_rows", "2"));
        assertThat(crashed.loadState("p")).isEmpty();
        crashed.ensureTable(table);
        crashed.write(Batches.upsert(table, 1, 2, 3, 4, 5));
        // the process dies here: no commit, no close
        assertThat(dataFiles()).isEmpty();
        assertThat(stagedFiles()).isNotEmpty();

        try (Destination next = open("next", Map.of())) {
            assertThat(next.loadState("p")).isEmpty();
            assertThat(stagedFiles()).isEmpty();
            assertThat(dataFiles()).isEmpty();
        }
    }

    @Test
    void aCheckpointSentAgainAfterAResumeReplacesItsEarlierFiles() throws Exception {
        TableSchema table = Batches.table();
        try (Destination first = open("run1", Map.of())) {
            first.loadState("p");
            first.ensureTable(table);
            first.write(Batches.upsert(table, 1, 2));
            first.commit("p", new CommittedState(1, State.empty().with("next", 3)));
            first.write(Batches.upsert(table, 3, 4));
            first.commit("p", new CommittedState(2, State.empty().with("next", 5)));
        }
        // another destination of the pipeline only had checkpoint 1: the run resumes there and sends 3, 4 again
        try (Destination second = open("run2", Map.of())) {
            assertThat(second.loadState("p")).map(CommittedState::sequence).contains(2L);
            second.ensureTable(table);
            second.write(Batches.upsert(table, 3, 4));
            second.commit("p", new CommittedState(2, State.empty().with("next", 5)));
        }
        assertThat(DuckDbReads.rows("SELECT string_agg(id::VARCHAR, ',' ORDER BY id) FROM read_parquet("
                + literal(lake() + "/orders/*.parquet") + ")")).containsExactly(List.of("1,2,3,4"));
        try (Destination third = open("run3", Map.of())) {
            assertThat(third.loadState("p")).contains(new CommittedState(2, State.empty().with("next", 5)));
        }
    }

    @Test
    void deletesAreRowsMarkedDeletedAndTruncateDropsEarlierFiles() throws Exception {
        TableSchema table = Batches.table();
        try (Destination lake = open("run1", Map.of())) {
            lake.loadState("p");
            lake.ensureTable(table);
            lake.write(Batches.upsert(table, 1, 2, 3));
            lake.write(Batches.delete(table, 2));
            lake.commit("p", new CommittedState(1, State.empty()));
            String files = "read_parquet(" + literal(lake() + "/orders/*.parquet") + ", union_by_name = true)";
            assertThat(DuckDbReads.rows("SELECT id, note, _spate_deleted FROM " + files + " ORDER BY id, _spate_deleted"))
                    .containsExactly(List.of("1", "note 1", "false"), List.of("2", "note 2", "false"),
                            java.util.Arrays.asList("2", null, "true"), List.of("3", "note 3", "false"));

            lake.write(Batches.upsert(table, 7));
            lake.write(new RowBatch(table, RowBatch.Kind.TRUNCATE, List.of(), List.of(), 0, Instant.now()));
            lake.write(Batches.upsert(table, 8));
            lake.commit("p", new CommittedState(2, State.empty()));
            assertThat(DuckDbReads.rows("SELECT id FROM " + files)).containsExactly(List.of("8"));

            assertThatThrownBy(() -> lake.write(new RowBatch(table, RowBatch.Kind.UPDATE, List.of("id"),
                    List.of(new ColumnVector(DataType.LONG, 1)), 0, Instant.now())))
                    .isInstanceOf(SpateException.class)
                    .hasMessage("table orders: the lake destination does not support partial updates (files hold whole rows);"
                            + " send the whole row with upsert instead");
        }
    }

    @Test
    void theRuntimeFindsBothLakeDestinationsByName() {
        assertThat(io.spate.runtime.Destinations.find("files")).isInstanceOf(LakeDestinationProvider.Files.class);
        assertThat(io.spate.runtime.Destinations.find("s3")).isInstanceOf(LakeDestinationProvider.S3.class);
    }

    @Test
    void badOptionsAreReportedTogether() {
        Map<String, Object> options = Map.of("path", lake().toString(), "format", "xlsx", "file_max_rows", "0");
        assertThatThrownBy(() -> Configuration.of(options).validate(new LakeDestinationProvider.Files().options(), java.util.Set.of()))
                .hasMessage("invalid configuration:\n  - format must be parquet, avro, csv, tsv, json or jsonl (got xlsx)\n"
                        + "  - file_max_rows must be positive (got 0)");
        assertThatThrownBy(() -> open("r", Map.of("key", "out/{date}/")))
                .hasMessage("key \"out/{date}/\" must contain {table}: every table's files need their own prefix, e.g. out/{date}/{table}/");
    }

    private List<Path> stagedFiles() throws IOException {
        Path tmp = lake().resolve("_spate/p/tmp");
        if (!Files.exists(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(tmp)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Batches of a small {@code orders(id, note)} table. */
    static final class Batches {
        static TableSchema table() {
            return new TableSchema(Optional.empty(), "orders", List.of("id"),
                    List.of(Column.of("id", DataType.LONG), Column.of("note", DataType.STRING)));
        }

        static RowBatch upsert(TableSchema table, long... ids) {
            ColumnVector id = new ColumnVector(DataType.LONG, ids.length);
            ColumnVector note = new ColumnVector(DataType.STRING, ids.length);
            for (long value : ids) {
                id.appendLong(value);
                note.appendObject("note " + value);
            }
            return new RowBatch(table, RowBatch.Kind.UPSERT, List.of("id", "note"), List.of(id, note), ids.length, Instant.now());
        }

        static RowBatch delete(TableSchema table, long... ids) {
            ColumnVector id = new ColumnVector(DataType.LONG, ids.length);
            for (long value : ids) {
                id.appendLong(value);
            }
            return new RowBatch(table, RowBatch.Kind.DELETE, List.of("id"), List.of(id), ids.length, Instant.now());
        }
    }
}
