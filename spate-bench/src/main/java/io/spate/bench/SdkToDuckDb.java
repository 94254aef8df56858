package io.spate.bench;

import io.spate.duckdb.DuckDbDestination;
import io.spate.duckdb.WarehouseQuery;
import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Issue 2's benchmark: an SDK connector upserts N generated {@code orders} rows (default 10,000,000) into
 * the DuckDB warehouse with a checkpoint every 50,000 rows. Prints rows/s and peak RSS.
 *
 * <p>{@code SdkToDuckDb [ROWS] [WAREHOUSE]}
 */
public final class SdkToDuckDb {
    private SdkToDuckDb() {
    }

    static final class GeneratedOrders implements Connector {
        private final long rows;

        GeneratedOrders(long rows) {
            this.rows = rows;
        }

        @Override
        public String name() {
            return "bench_orders";
        }

        @Override
        public List<TableSpec> schema(Configuration config) {
            return List.of(Orders.table());
        }

        @Override
        public void update(Configuration config, State state, Operations ops) {
            Operations.RowWriter writer = ops.rowWriter("orders", Orders.COLUMNS);
            Object[] values = new Object[Orders.COLUMNS.size()];
            for (long n = state.getLong("next").orElse(1L); n <= rows; n++) {
                Orders.fill(n, values);
                writer.upsert(values);
                if (n % 50_000 == 0) {
                    ops.checkpoint(State.empty().with("next", n + 1));
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        Path warehouse = Path.of(args.length > 1 ? args[1] : "bench-data/sdk-to-duckdb.duckdb");
        Files.createDirectories(warehouse.toAbsolutePath().getParent());
        Files.deleteIfExists(warehouse);
        Files.deleteIfExists(Path.of(warehouse + ".wal"));
        SyncResult result = Sync.builder().pipelineId("bench").connector(new GeneratedOrders(rows))
                .destination("warehouse", DuckDbDestination.open(warehouse, "main", Optional.empty(), Optional.empty()))
                .build().run();
        double seconds = result.elapsed().toNanos() / 1e9;
        String count = WarehouseQuery.rows(warehouse, "SELECT count(*) FROM orders").get(0).get(0);
        System.out.printf("sdk-to-duckdb: %,d rows in %.2f s = %,.0f rows/s; %d checkpoints; peak RSS %d MB; table rows %s%n",
                result.totalRows(), seconds, result.totalRows() / seconds, result.checkpoints(), Rss.peakMegabytes(), count);
    }
}
