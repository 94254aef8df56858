package io.spate.duckdb;

import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.TableSchema;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.State;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Measures the destination's write path alone: upserts of generated {@code orders} batches with a commit every
 * {@code commitRows} rows. Not a test; run by hand:
 * {@code java -cp ... io.spate.duckdb.WriteBenchmark [rows] [batchRows] [commitRows] [dir] [replaceEvery]}.
 * With {@code replaceEvery} N > 0, every N-th batch re-sends keys already written (the merge path).
 */
public final class WriteBenchmark {
    static final TableSchema ORDERS = new TableSchema(Optional.empty(), "orders", List.of("order_id"), List.of(
            Column.of("order_id", DataType.LONG), Column.of("customer_id", DataType.LONG),
            Column.of("order_ts", DataType.NAIVE_DATETIME), Column.of("amount", DataType.decimal(12, 2)),
            Column.of("quantity", DataType.INT), Column.of("discount", DataType.DOUBLE), Column.of("status", DataType.STRING),
            Column.of("country", DataType.STRING), Column.of("is_member", DataType.BOOLEAN), Column.of("note", DataType.STRING)));
    private static final String[] STATUSES = {"new", "paid", "shipped", "delivered", "cancelled"};
    private static final String[] COUNTRIES = {"DE", "FR", "US", "GB", "NO", "IT", "ES", "JP"};

    private WriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int batchRows = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        int commitRows = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("spate-duckdb-bench");
        int replaceEvery = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Path database = dir.resolve("bench.duckdb");
        Files.deleteIfExists(database);
        Files.deleteIfExists(dir.resolve("bench.duckdb.wal"));
        SplittableRandom random = new SplittableRandom(42);
        long writeNanos = 0;
        long commitNanos = 0;
        long written = 0;
        long sinceCommit = 0;
        long sequence = 0;
        int batchNumber = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuNanos = 0;
        long start = System.nanoTime();
        long closeNanos;
        DuckDbDestination destination = DuckDbDestination.open(database, "main", Optional.empty(), Optional.empty());
        try {
            destination.ensureTable(ORDERS);
            while (written < rows) {
                int n = (int) Math.min(batchRows, rows - written);
                batchNumber++;
                long firstKey = replaceEvery > 0 && batchNumber % replaceEvery == 0 && written > n ? written - n : written;
                RowBatch batch = orders(firstKey, n, random);
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                destination.write(batch);
                cpuNanos += threads.getCurrentThreadCpuTime() - c0;
                writeNanos += System.nanoTime() - t0;
                written += n;
                sinceCommit += n;
                if (sinceCommit >= commitRows || written >= rows) {
                    long t1 = System.nanoTime();
                    long c1 = threads.getCurrentThreadCpuTime();
                    destination.commit("bench", new CommittedState(++sequence, State.of(Map.of("rows", written))));
                    cpuNanos += threads.getCurrentThreadCpuTime() - c1;
                    commitNanos += System.nanoTime() - t1;
                    sinceCommit = 0;
                }
            }
        } finally {
            long t2 = System.nanoTime();
            long c2 = threads.getCurrentThreadCpuTime();
            // closing checkpoints what the WAL holds into the file: part of the cost of writing
            destination.close();
            cpuNanos += threads.getCurrentThreadCpuTime() - c2;
            closeNanos = System.nanoTime() - t2;
        }
        long totalNanos = System.nanoTime() - start;
        double destinationSeconds = (writeNanos + commitNanos + closeNanos) / 1e9;
        System.out.printf("rows=%d batchRows=%d commitRows=%d: write %.2fs + commit %.2fs + close %.2fs = %.2fs in the destination,"
                        + " %.0f rows/s (wall incl. generation %.2fs); writer thread CPU %.2fs = %.0f rows per CPU-second;"
                        + " file %d MB%n",
                rows, batchRows, commitRows, writeNanos / 1e9, commitNanos / 1e9, closeNanos / 1e9, destinationSeconds,
                rows / destinationSeconds, totalNanos / 1e9, cpuNanos / 1e9, rows / (cpuNanos / 1e9), Files.size(database) >> 20);
        System.out.println(WarehouseQuery.rows(database, "SELECT count(*), count(DISTINCT order_id), sum(amount) FROM orders"));
    }

    static RowBatch orders(long firstKey, int n, SplittableRandom random) {
        List<Column> columns = ORDERS.columns();
        ColumnVector[] v = new ColumnVector[columns.size()];
        for (int c = 0; c < v.length; c++) {
            v[c] = new ColumnVector(columns.get(c).type(), n);
        }
        long baseMicros = 1_700_000_000_000_000L;
        for (int i = 0; i < n; i++) {
            long key = firstKey + i + 1;
            v[0].appendLong(key);
            v[1].appendLong(random.nextLong(1, 1_000_000));
            v[2].appendLong(baseMicros + key * 1_000_003L);
            v[3].appendLong(random.nextLong(100, 10_000_000));
            v[4].appendLong(random.nextInt(1, 20));
            v[5].appendDouble(random.nextInt(0, 50) / 100.0);
            v[6].appendObject(STATUSES[random.nextInt(STATUSES.length)]);
            v[7].appendObject(COUNTRIES[random.nextInt(COUNTRIES.length)]);
            v[8].appendLong(random.nextBoolean() ? 1 : 0);
            if (random.nextInt(10) == 0) {
                v[9].appendNull();
            } else {
                v[9].appendObject("note for order " + key + ", with \"quotes\" and commas");
            }
        }
        return new RowBatch(ORDERS, RowBatch.Kind.UPSERT, columns.stream().map(Column::name).toList(), List.of(v), n,
                Instant.now());
    }
}
