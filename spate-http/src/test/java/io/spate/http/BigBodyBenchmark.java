package io.spate.http;

import com.sun.net.httpserver.HttpServer;
import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.destination.Destination;
import io.spate.duckdb.DuckDbDestination;
import io.spate.duckdb.WarehouseQuery;
import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import io.spate.sdk.Configuration;
import io.spate.testing.DiscardingDestination;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams a generated CSV body of N bytes (made on the fly, never stored) from a local HTTP server through
 * {@code http_csv} into the runtime and prints rows, MB/s and peak RSS; exits 1 when the rows synced are
 * not exactly the rows served.
 *
 * <pre>
 * java -Xmx256m -cp ... io.spate.http.BigBodyBenchmark [BYTES=2147483648] [count|duckdb] [BUFFER_MB]
 * </pre>
 * BUFFER_MB bounds the runtime's buffered and in-flight bytes (its defaults otherwise).
 * {@code count} hands the batches to a destination that only counts and sums the ids (the connector and
 * runtime alone); {@code duckdb} writes them into an embedded DuckDB warehouse in a temporary directory.
 */
public final class BigBodyBenchmark {

    public static void main(String[] args) throws Exception {
        long bytes = args.length > 0 ? Long.parseLong(args[0]) : 2L << 30;
        String sink = args.length > 1 ? args[1] : "count";
        long bufferBytes = args.length > 2 ? Long.parseLong(args[2]) << 20 : -1;
        AtomicLong servedRows = new AtomicLong();
        AtomicLong servedIdSum = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // rows are an increasing id followed by one of 1,000 prepared tails, so generating them costs little
        byte[][] tails = new byte[1000][];
        for (int i = 0; i < tails.length; i++) {
            String row = Orders.row(i);
            tails[i] = row.substring(row.indexOf(',')).getBytes(StandardCharsets.UTF_8);
        }
        server.createContext("/orders.csv", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 1 << 16)) {
                byte[] header = Orders.HEADER.getBytes(StandardCharsets.UTF_8);
                out.write(header);
                long written = header.length;
                long id = 0;
                while (written < bytes) {
                    id++;
                    byte[] number = Long.toString(id).getBytes(StandardCharsets.ISO_8859_1);
                    byte[] tail = tails[(int) (id % tails.length)];
                    out.write(number);
                    out.write(tail);
                    written += number.length + tail.length;
                }
                servedRows.set(id);
                servedIdSum.set(id * (id + 1) / 2);
            }
        });
        server.start();
        Path dir = Files.createTempDirectory("spate-http-bench");
        try {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("api_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/orders.csv");
            config.put("api_key", "bench-key");
            config.put("primary_key", "id");
            config.put("columns", Map.of("id", "LONG", "amount", "DECIMAL(10,2)", "updated_at", "UTC_DATETIME"));
            config.put("checkpoint_every_rows", 2_000_000);
            CountingDestination counter = new CountingDestination();
            Destination destination = sink.equals("duckdb")
                    ? DuckDbDestination.open(dir.resolve("w.duckdb"), "main", Optional.of("256MB"), Optional.of(1)) : counter;
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            Sync.Builder sync = Sync.builder().pipelineId("big").connector(new HttpCsvConnector())
                    .configuration(Configuration.of(config)).destination(sink, destination);
            if (bufferBytes > 0) {
                sync.bufferedBytes(bufferBytes).inFlightBytes(bufferBytes).batchBytes(Math.min(bufferBytes / 2, 16L << 20));
            }
            SyncResult result = sync.build().run();
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            double seconds = (System.nanoTime() - start) / 1e9;
            long rows;
            long idSum;
            if (sink.equals("duckdb")) {
                List<String> row = WarehouseQuery.rows(dir.resolve("w.duckdb"), "SELECT count(*), sum(id) FROM main.orders").get(0);
                rows = Long.parseLong(row.get(0));
                idSum = Long.parseLong(row.get(1));
            } else {
                rows = counter.rows.get();
                idSum = counter.idSum.get();
            }
            System.out.printf("http_csv %s: %,d bytes, %,d rows in %.1f s: %.1f MB/s, %,.0f rows/s; process CPU %.1f s "
                    + "(server and client); peak RSS %d MB, max heap %d MB%n", sink, bytes, rows, seconds, bytes / seconds / 1e6,
                    rows / seconds, cpuSeconds, peakRssMegabytes(), Runtime.getRuntime().maxMemory() >> 20);
            boolean exact = rows == servedRows.get() && idSum == servedIdSum.get() && result.totalRows() == rows;
            System.out.println(exact ? "EXACT rows=" + rows : "MISMATCH synced " + rows + " served " + servedRows.get());
            if (!exact) {
                System.exit(1);
            }
        } finally {
            server.stop(0);
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long peakRssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /** Counts the upserted rows and sums their ids; keeps nothing. */
    static final class CountingDestination extends DiscardingDestination {
        final AtomicLong rows = new AtomicLong();
        final AtomicLong idSum = new AtomicLong();

        @Override
        public void write(RowBatch batch) {
            if (batch.kind() != RowBatch.Kind.UPSERT) {
                return;
            }
            ColumnVector ids = batch.vector("id");
            long sum = 0;
            for (int row = 0; row < batch.rowCount(); row++) {
                sum += ids.getLong(row);
            }
            idSum.addAndGet(sum);
            rows.addAndGet(batch.rowCount());
        }
    }
}
