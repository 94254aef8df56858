package io.spate.jdbc.destination;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.destination.DestinationProvider;
import io.spate.duckdb.DuckDbDestination;
import io.spate.duckdb.WarehouseQuery;
import io.spate.jdbc.TestPostgres;
import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.DataType;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole syncs through {@link Sync} with a small connector written on the public SDK. */
class SyncIntoPostgresTest {
    private static final int ROWS_PER_RUN = 20_000;

    @TempDir
    Path dir;
    private String database;

    @BeforeEach
    void freshDatabase() {
        database = TestPostgres.freshDatabase("pgsync");
    }

    /**
     * Emits orders {@code next .. next + ROWS_PER_RUN - 1} with a checkpoint every 5,000 rows, updates and
     * deletes some older ones, and keeps a keyless log; resumes from {@code next} in its state.
     */
    static final class OrdersConnector implements Connector {
        @Override
        public String name() {
            return "orders-test";
        }

        @Override
        public List<TableSpec> schema(Configuration config) {
            return List.of(
                    TableSpec.builder("orders").schema("shop").primaryKey("id").column("id", DataType.LONG)
                            .column("customer", DataType.STRING).column("amount", DataType.decimal(12, 2))
                            .column("placed", DataType.UTC_DATETIME).column("status", DataType.STRING).build(),
                    TableSpec.builder("log").column("line", DataType.STRING).build());
        }

        @Override
        public void update(Configuration config, State state, Operations ops) {
            long first = state.getLong("next").orElse(1L);
            long last = first + ROWS_PER_RUN - 1;
            for (long id = first; id <= last; id++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.put("customer", id % 7 == 0 ? null : "customer \"" + (id % 100) + "\", ü");
                row.put("amount", (id % 2 == 0 ? "-" : "") + id + "." + (id % 100));
                row.put("placed", "2026-01-01T00:00:00Z");
                row.put("status", "new");
                ops.upsert("shop.orders", row);
                if (id % 1000 == 0) {
                    ops.update("shop.orders", Map.of("id", id - 500, "status", "shipped"));
                    ops.delete("shop.orders", Map.of("id", id - 900));
                    ops.upsert("log", Map.of("line", "checkpoint " + id / 1000 % 3));
                }
                if (id % 5000 == 0) {
                    ops.checkpoint(State.empty().with("next", id + 1));
                }
            }
            ops.checkpoint(State.empty().with("next", last + 1));
        }
    }

    private SyncResult sync(boolean alsoDuckDb) {
        Sync.Builder sync = Sync.builder().pipelineId("orders").connector(new OrdersConnector())
                .configuration(Configuration.of(Map.of()))
                .destination("pg", new PostgresDestinationProvider().open(TestPostgres.config(database),
                        new DestinationProvider.Context(dir, "run", "pg")));
        if (alsoDuckDb) {
            sync.destination("duck", DuckDbDestination.open(duckDbFile(), "main", Optional.empty(), Optional.of(1)));
        }
        return sync.build().run();
    }

    private Path duckDbFile() {
        return dir.resolve("warehouse.duckdb");
    }

    private List<List<String>> pg(String sql) {
        return TestPostgres.rows(database, sql);
    }

    @Test
    void aSecondRunResumesFromTheCommittedState() {
        sync(false);
        assertThat(pg("SELECT sequence, state::text FROM public._spate_state WHERE pipeline_id = 'orders'"))
                .containsExactly(List.of("6", "{\"next\": 20001}"));
        sync(false);
        assertThat(pg("SELECT state::text FROM public._spate_state")).containsExactly(List.of("{\"next\": 40001}"));
        assertThat(pg("SELECT count(*), count(*) FILTER (WHERE _spate_deleted), count(*) FILTER (WHERE status = 'shipped'),"
                + " sum(amount), min(id), max(id), count(DISTINCT placed) FROM shop.orders"))
                .containsExactly(List.of("40000", "40", "40", expectedAmountSum(40_000), "1", "40000", "1"));
        assertThat(pg("SELECT customer FROM shop.orders WHERE id IN (14, 15) ORDER BY id"))
                .containsExactly(Arrays.asList((String) null), List.of("customer \"15\", ü"));
        assertThat(pg("SELECT line, count(*) FROM public.log GROUP BY line ORDER BY line")).containsExactly(
                List.of("checkpoint 0", "1"), List.of("checkpoint 1", "1"), List.of("checkpoint 2", "1"));
    }

    @Test
    void aFanOutToDuckDbAndPostgresGivesEqualTables() {
        sync(true);
        String orders = "SELECT id, coalesce(customer, '<null>'), CAST(amount AS VARCHAR), status, _spate_deleted"
                + " FROM %s ORDER BY id";
        List<List<String>> inPostgres = pg(String.format(orders, "shop.orders"));
        List<List<String>> inDuckDb = WarehouseQuery.rows(duckDbFile(), String.format(orders, "shop.orders"));
        assertThat(inPostgres).hasSize(ROWS_PER_RUN);
        assertThat(inPostgres.stream().map(r -> r.subList(0, 4)).toList())
                .isEqualTo(inDuckDb.stream().map(r -> r.subList(0, 4)).toList());
        assertThat(inPostgres.stream().map(r -> r.get(4).startsWith("t")).toList())
                .isEqualTo(inDuckDb.stream().map(r -> r.get(4).startsWith("t")).toList());
        String log = "SELECT _spate_id, line FROM %s ORDER BY _spate_id";
        assertThat(pg(String.format(log, "public.log"))).isEqualTo(WarehouseQuery.rows(duckDbFile(), String.format(log, "main.log")));
    }

    /** The sum of the amounts the connector emits for ids 1..n. */
    private static String expectedAmountSum(long n) {
        BigDecimal sum = BigDecimal.ZERO;
        for (long id = 1; id <= n; id++) {
            BigDecimal amount = new BigDecimal(id + "." + (id % 100));
            sum = sum.add(id % 2 == 0 ? amount.negate() : amount);
        }
        return sum.setScale(2).toPlainString();
    }
}
