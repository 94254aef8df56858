package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.Configuration;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncBehaviourTest {
    private static final String DB = "sync_behaviour";
    private final PostgresSource source = new PostgresSource();

    @BeforeEach
    void freshDatabase() {
        TestPostgres.freshDatabase(DB);
    }

    private RecordingOperations run(Configuration config, RecordingOperations previous, long failAfter) throws Exception {
        List<TableSpec> tables = source.schema(config);
        RecordingOperations ops = previous == null ? new RecordingOperations(tables).resume(tables, failAfter)
                : previous.resume(tables, failAfter);
        source.update(config, ops.state(), ops);
        return ops;
    }

    private RecordingOperations run(Configuration config, RecordingOperations previous) throws Exception {
        return run(config, previous, Long.MAX_VALUE);
    }

    /** Runs and expects the injected failure; returns the operations holding what was committed. */
    private RecordingOperations interruptedRun(Configuration config, RecordingOperations previous, long failAfter) {
        List<TableSpec> tables = source.schema(config);
        RecordingOperations ops = previous == null ? new RecordingOperations(tables).resume(tables, failAfter)
                : previous.resume(tables, failAfter);
        assertThatThrownBy(() -> source.update(config, ops.state(), ops)).hasMessageContaining("injected failure");
        return ops;
    }

    /** The source table as the connector should deliver it: id to amount. */
    private static Map<Long, BigDecimal> sourceAmounts(String table) throws SQLException {
        Map<Long, BigDecimal> rows = new LinkedHashMap<>();
        try (Connection connection = TestPostgres.connect(DB); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT id, amount FROM " + table + " ORDER BY id")) {
            while (result.next()) {
                rows.put(result.getLong(1), result.getBigDecimal(2));
            }
        }
        return rows;
    }

    private static Map<Long, BigDecimal> syncedAmounts(RecordingOperations ops, String table) {
        Map<Long, BigDecimal> rows = new java.util.TreeMap<>();
        ops.live(table).values().forEach(row -> rows.put((Long) row.get("id"), (BigDecimal) row.get("amount")));
        return rows;
    }

    private static void createOrders(int rows) {
        TestPostgres.execute(DB,
                "CREATE TABLE orders (id int8 PRIMARY KEY, amount numeric(12,2) NOT NULL, updated_at timestamptz)",
                "INSERT INTO orders SELECT g, g * 1.25, timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second' "
                        + "FROM generate_series(1, " + rows + ") g");
    }

    @Test
    void incrementalSyncPicksUpExactlyTheInsertedAndUpdatedRows() throws Exception {
        createOrders(100);
        Configuration config = TestPostgres.config(DB);
        RecordingOperations first = run(config, null);
        assertThat(syncedAmounts(first, "public.orders")).isEqualTo(sourceAmounts("orders"));
        assertThat(first.state().getState("tables").getState("public.orders").toJson()).isEqualTo(
                "{\"strategy\":\"INCREMENTAL\",\"replication_key\":\"updated_at\",\"phase\":\"incremental\",\"bookmark\":"
                        + "{\"value\":\"2024-01-01 00:01:40.000000+00\",\"key\":[\"100\"],\"inclusive\":false}}");

        RecordingOperations unchanged = run(config, first);
        assertThat(unchanged.upserts()).isZero();

        TestPostgres.execute(DB,
                "INSERT INTO orders SELECT g, g, timestamptz '2024-06-01 00:00:00+00' FROM generate_series(101, 105) g",
                "UPDATE orders SET amount = 0.01, updated_at = '2024-06-01 00:00:00+00' WHERE id IN (3, 50, 99)",
                "INSERT INTO orders VALUES (106, 6, NULL)");
        RecordingOperations changed = run(config, unchanged);
        assertThat(changed.upserts()).isEqualTo(8);
        assertThat(syncedAmounts(changed, "public.orders")).hasSize(105)
                .isEqualTo(withoutId(sourceAmounts("orders"), 106L));
    }

    private static Map<Long, BigDecimal> withoutId(Map<Long, BigDecimal> rows, long id) {
        rows.remove(id);
        return rows;
    }

    @Test
    void aRunOfEqualReplicationKeysInterruptedInTheMiddleResumesWithoutSkipOrDuplicate() throws Exception {
        createOrders(1000);
        Configuration config = TestPostgres.config(DB, "checkpoint_every_rows", 100, "batch_size", 64);
        RecordingOperations snapshot = run(config, null);
        TestPostgres.execute(DB, "UPDATE orders SET amount = amount + 100000, updated_at = '2025-01-01 12:00:00+00'");

        RecordingOperations interrupted = interruptedRun(config, snapshot, 450);
        assertThat(interrupted.state().getState("tables").getState("public.orders").getState("bookmark").toJson())
                .isEqualTo("{\"value\":\"2025-01-01 12:00:00.000000+00\",\"key\":[\"400\"],\"inclusive\":false}");
        // checkpoints commit in the background with every row sent before they start: the rows the state
        // covers (ids 1..400), and maybe some of the rows sent after them (401..450), which the resumed run
        // sends again and overwrites
        Map<Long, BigDecimal> committed = syncedAmounts(interrupted, "public.orders");
        assertThat(committed.entrySet().stream().filter(e -> e.getValue().compareTo(new BigDecimal("10000")) > 0)
                .map(Map.Entry::getKey).toList()).containsAll(LongStream.rangeClosed(1, 400).boxed().toList())
                .allMatch(id -> id <= 450);

        RecordingOperations resumed = run(config, interrupted);
        assertThat(resumed.upserts()).isEqualTo(600);
        assertThat(syncedAmounts(resumed, "public.orders")).isEqualTo(sourceAmounts("orders"));
    }

    @Test
    void aChunkedParallelSnapshotInterruptedResumesItsChunks() throws Exception {
        createOrders(10_000);
        Configuration config = TestPostgres.config(DB, "chunking", "true", "chunk_size", 1000, "max_parallel_workers", 3,
                "checkpoint_every_rows", 250, "batch_size", 100);
        RecordingOperations interrupted = interruptedRun(config, null, 5_500);
        State table = interrupted.state().getState("tables").getState("public.orders");
        assertThat(table.getString("phase")).contains("snapshot");
        assertThat(table.getState("snapshot").get("chunk_ends")).contains(List.of(List.of("1000"), List.of("2000"),
                List.of("3000"), List.of("4000"), List.of("5000"), List.of("6000"), List.of("7000"), List.of("8000"),
                List.of("9000"), List.of("10000")));
        long committedRows = interrupted.live("public.orders").size();
        long coveredByState = rowsCoveredBySnapshotState(table.getState("snapshot"));
        assertThat(coveredByState).isPositive().isLessThanOrEqualTo(committedRows);
        assertThat(committedRows).isLessThanOrEqualTo(5_500L);

        RecordingOperations resumed = run(config, interrupted);
        assertThat(syncedAmounts(resumed, "public.orders")).isEqualTo(sourceAmounts("orders"));
        // each chunk resumed after its last checkpointed key: only the rows its state does not cover are read
        // again (plus the one row at the high-water mark that the incremental step after the snapshot re-reads)
        assertThat(resumed.upserts()).isEqualTo(10_000 - coveredByState + 1);
        assertThat(resumed.state().getState("tables").getState("public.orders").getString("phase")).contains("incremental");
    }

    /** For ids 1..10000 in chunks of 1000: rows in completed chunks plus rows up to each chunk's position. */
    private static long rowsCoveredBySnapshotState(State snapshot) {
        long covered = 0;
        for (Object chunk : (List<?>) snapshot.get("completed_chunks").orElseThrow()) {
            covered += ((Number) chunk).intValue() < 10 ? 1000 : 0;
        }
        for (Map.Entry<String, Object> position : snapshot.getState("chunk_positions").asMap().entrySet()) {
            long key = Long.parseLong(((List<?>) position.getValue()).get(0).toString());
            covered += key - 1000L * Integer.parseInt(position.getKey());
        }
        return covered;
    }

    @Test
    void fullStrategyReloadsAndSoftDeletesRowsThatDisappeared() throws Exception {
        TestPostgres.execute(DB,
                "CREATE TABLE events (kind text, amount numeric(12,2))",
                "INSERT INTO events SELECT 'k' || g, g FROM generate_series(1, 50) g",
                "CREATE TABLE prices (id int8 PRIMARY KEY, amount numeric(12,2))",
                "INSERT INTO prices SELECT g, g FROM generate_series(1, 50) g");
        Configuration config = TestPostgres.config(DB, "checkpoint_every_rows", 7);
        RecordingOperations first = run(config, null);
        assertThat(first.live("public.events")).hasSize(50);
        assertThat(first.live("public.prices")).hasSize(50);

        TestPostgres.execute(DB, "DELETE FROM events WHERE amount <= 10", "INSERT INTO events VALUES ('new', 99)",
                "DELETE FROM prices WHERE id > 45", "UPDATE prices SET amount = 0 WHERE id = 1");
        RecordingOperations second = run(config, first);
        assertThat(second.live("public.events")).hasSize(41);
        assertThat(second.all("public.events")).hasSize(51);
        assertThat(syncedAmounts(second, "public.prices")).isEqualTo(sourceAmounts("prices"));
        assertThat(second.state().getState("tables").getState("public.prices").toJson())
                .isEqualTo("{\"strategy\":\"FULL\",\"phase\":\"complete\"}");
    }

    @Test
    void anInterruptedFullReloadResumesFromItsKeyWithoutTruncatingAgain() throws Exception {
        TestPostgres.execute(DB, "CREATE TABLE prices (id int8 PRIMARY KEY, amount numeric(12,2))",
                "INSERT INTO prices SELECT g, g FROM generate_series(1, 500) g");
        Configuration config = TestPostgres.config(DB, "checkpoint_every_rows", 100, "batch_size", 50);
        RecordingOperations interrupted = interruptedRun(config, null, 250);
        // the 200 rows the state covers, and maybe some of the 50 sent after them (committed in the background)
        assertThat(interrupted.live("public.prices")).hasSizeBetween(200, 250);
        RecordingOperations resumed = run(config, interrupted);
        assertThat(resumed.upserts()).isEqualTo(300);
        assertThat(syncedAmounts(resumed, "public.prices")).isEqualTo(sourceAmounts("prices"));
    }

    @Test
    void aLostConnectionIsRetriedAndTheReadResumesAfterTheLastRowSent() throws Exception {
        createOrders(1000);
        Configuration config = TestPostgres.config(DB, "batch_size", 100, "tables", "orders");
        List<TableSpec> tables = source.schema(config);
        RecordingOperations ops = new RecordingOperations(tables).afterUpsert(250, () -> TestPostgres.execute(DB,
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'spate'"));
        source.update(config, State.empty(), ops);
        // 1000 rows of the snapshot, then the one row at the high-water mark read by the incremental step
        assertThat(ops.upserts()).isEqualTo(1001);
        assertThat(syncedAmounts(ops, "public.orders")).isEqualTo(sourceAmounts("orders"));
    }

    @Test
    void completeResyncReloadsEveryTable() throws Exception {
        createOrders(20);
        RecordingOperations first = run(TestPostgres.config(DB), null);
        TestPostgres.execute(DB, "DELETE FROM orders WHERE id <= 5");
        RecordingOperations resync = run(TestPostgres.config(DB, "enable_complete_resync", "true"), first);
        assertThat(resync.live("public.orders")).hasSize(15);
        assertThat(resync.all("public.orders")).hasSize(20);
    }
}
