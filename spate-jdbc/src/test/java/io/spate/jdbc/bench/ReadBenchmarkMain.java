package io.spate.jdbc.bench;

import io.spate.duckdb.DuckDbDestination;
import io.spate.jdbc.PostgresSource;
import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import io.spate.sdk.Configuration;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.testing.DiscardingDestination;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.postgresql.PGConnection;

/**
 * A manual read benchmark (not a test): {@code ReadBenchmarkMain DATA_DIR ROWS MODE [key=value ...]} with MODE
 * {@code copy} (pgjdbc COPY TO STDOUT into nothing: the protocol limit, as psql's \copy), {@code connector}
 * (the postgres source into operations that only count: the source's own cost), {@code discard} (the postgres
 * source through the runtime into a destination that drops every batch: source plus runtime buffering) or
 * {@code duckdb} (the postgres source through the runtime into a DuckDB warehouse). The data directory keeps the
 * generated {@code orders} table between runs. Besides wall time it prints this JVM's CPU time (user + sys, the
 * PostgreSQL server is another process and not counted) per million rows: on a shared machine the honest number.
 */
public final class ReadBenchmarkMain {
    private ReadBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        String mode = args[2];
        boolean fresh = !Files.exists(dataDir.resolve("PG_VERSION"));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setServerConfig("shared_buffers", "1GB").start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            if (fresh) {
                generate(url, rows);
            }
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("host", "127.0.0.1");
            values.put("port", postgres.getPort());
            values.put("database", "postgres");
            values.put("user", "postgres");
            for (int i = 3; i < args.length; i++) {
                int eq = args[i].indexOf('=');
                values.put(args[i].substring(0, eq), args[i].substring(eq + 1));
            }
            Configuration config = Configuration.of(values);
            // -Drepeat=N runs the measurement N times in this JVM: later runs show the steady state, without
            // class loading and JIT compilation
            for (int run = Integer.getInteger("repeat", 1); run > 0; run--) {
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                long count = switch (mode) {
                    case "copy" -> copy(url);
                    case "connector" -> connector(config);
                    case "discard" -> discard(config);
                    case "duckdb" -> duckdb(config, dataDir.resolveSibling("bench-warehouse.duckdb"));
                    default -> throw new IllegalArgumentException("mode " + mode);
                };
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
                System.out.printf("%s: %d rows in %.2f s = %.0f rows/s, JVM CPU %.2f s = %.2f CPU s per 1M rows, "
                        + "peak RSS %s%n", mode, count, seconds, count / seconds, cpuSeconds, cpuSeconds * 1e6 / count,
                        peakRss());
            }
        }
    }

    private static void generate(String url, long rows) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id int8 PRIMARY KEY, customer_id int4, product_id int4, quantity int2, "
                    + "price numeric(10,2), discount numeric(4,2), status text, note text, ordered_at timestamptz, paid bool, "
                    + "updated_at timestamptz)");
            statement.execute("INSERT INTO orders SELECT g, (g::int8 * 7919) % 1000000, g % 5000, (g % 10)::int2, "
                    + "round(((g % 100000) * 0.37)::numeric, 2), (g % 50) / 100.0, (ARRAY['new','paid','shipped','done'])[g % 4 + 1], "
                    + "CASE WHEN g % 5 = 0 THEN NULL ELSE 'note, \"quoted\" ' || g END, "
                    + "timestamptz '2024-01-01 00:00:00+00' + g * interval '1 second', g % 3 = 0, "
                    + "timestamptz '2024-06-01 00:00:00+00' + (g / 100) * interval '1 second' FROM generate_series(1, " + rows + ") g");
            statement.execute("VACUUM ANALYZE orders");
        }
    }

    private static long copy(String url) throws Exception {
        LongAdder lines = new LongAdder();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "")) {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT * FROM orders) TO STDOUT",
                    new OutputStream() {
                        @Override
                        public void write(int b) {
                            if (b == '\n') {
                                lines.increment();
                            }
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                        }
                    });
        }
    }

    private static long connector(Configuration config) throws Exception {
        LongAdder count = new LongAdder();
        new PostgresSource().update(config, State.empty(), new Operations() {
            @Override
            public void upsert(String table, Map<String, ?> row) {
                count.increment();
            }

            @Override
            public void update(String table, Map<String, ?> partialRow) {
            }

            @Override
            public void delete(String table, Map<String, ?> keys) {
            }

            @Override
            public void truncate(String table) {
            }

            @Override
            public void checkpoint(State state) {
            }

            @Override
            public void warning(String message) {
            }

            @Override
            public void error(String message) {
            }

            @Override
            public RowWriter rowWriter(String table, List<String> columns) {
                return values -> count.increment();
            }
        });
        return count.sum();
    }

    private static long duckdb(Configuration config, Path warehouse) throws Exception {
        Files.deleteIfExists(warehouse);
        Files.deleteIfExists(Path.of(warehouse + ".wal"));
        SyncResult result = Sync.builder().pipelineId("bench").connector(new PostgresSource()).configuration(config)
                .destination("warehouse", DuckDbDestination.open(warehouse, "main", Optional.empty(), Optional.empty()))
                .build().run();
        return result.totalRows();
    }

    private static long discard(Configuration config) {
        SyncResult result = Sync.builder().pipelineId("bench").connector(new PostgresSource()).configuration(config)
                .destination("discard", new DiscardingDestination()).build().run();
        return result.totalRows();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String peakRss() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                .map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("?");
    }
}
