package io.spate.format.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.spate.format.ByteRange;
import io.spate.format.ErrorHandling;
import io.spate.format.Format;
import io.spate.format.FormatOptions;
import io.spate.format.RangeOpener;
import io.spate.format.RecordReader;
import io.spate.format.Splitting;
import io.spate.format.compress.Compression;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures CSV parsing speed on a generated orders-like file (not a test: run by hand).
 *
 * <pre>
 * java -cp ... io.spate.format.csv.CsvReadBenchmark /tmp/orders.csv 150   # MB to generate if missing
 * </pre>
 */
public final class CsvReadBenchmark {
    private CsvReadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/spate-orders.csv");
        long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 150;
        if (!Files.exists(file)) {
            generateOrders(file, megabytes << 20);
        }
        double size = Files.size(file) / 1e6;
        System.out.printf("file %s: %.1f MB%n", file, size);
        for (int round = 1; round <= 5; round++) {
            long start = System.nanoTime();
            long records = 0;
            try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
                for (CsvRecord record : reader) {
                    records += record.getFieldCount() > 0 ? 1 : 0;
                }
            }
            report("FastCSV CsvRecord (its own UTF-8 reader)", round, size, records, start);

            start = System.nanoTime();
            records = 0;
            long checksum = 0;
            try (InputStream in = Files.newInputStream(file);
                    RecordReader reader = CsvRecordReader.open(file.toString(), in, Format.CSV, FormatOptions.defaults(),
                            ErrorHandling.failFast())) {
                while (reader.next()) {
                    records++;
                    Object[] values = reader.values();
                    checksum += values[0] == null ? 0 : ((String) values[0]).length();
                }
            }
            report("spate CsvRecordReader (strict decoding, Object[])", round, size, records, start);
            if (checksum == 42) {
                System.out.println();
            }
        }
        for (int round = 1; round <= 3; round++) {
            readInRanges(file, 2, round, size);
        }
    }

    /** Splits the file into ranges (as the s3 connector does) and reads them on {@code threads} threads. */
    private static void readInRanges(Path file, int threads, int round, double megabytes) {
        long start = System.nanoTime();
        long size = file.toFile().length();
        FormatOptions options = FormatOptions.defaults();
        RangeOpener opener = (offset, length) -> {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return new java.io.BufferedInputStream(new BoundedStream(in, length), 1 << 16);
        };
        Splitting.Plan plan = Splitting.plan(Format.CSV, file.toString(), size, Compression.NONE, options, 16L << 20, opener);
        long planned = System.nanoTime();
        List<String> columns = Splitting.columnsOf(Format.CSV, file.toString(), size, opener, options);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (ByteRange range : plan.ranges()) {
                counts.add(pool.submit(() -> {
                    long records = 0;
                    try (RecordReader reader = Splitting.openRange(Format.CSV, file.toString(), plan, range, opener, columns,
                            options, ErrorHandling.failFast())) {
                        while (reader.next()) {
                            records++;
                        }
                    }
                    return records;
                }));
            }
            long records = 0;
            for (Future<Long> count : counts) {
                records += count.get();
            }
            System.out.printf("round %d %d ranges planned in %d ms; ", round, plan.ranges().size(), (planned - start) / 1_000_000);
            report("spate CsvRecordReader, " + threads + " threads over ranges", round, megabytes, records, start);
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    /** At most {@code remaining} bytes of {@code in}. */
    private static final class BoundedStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedStream(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            remaining--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }

    private static void report(String what, int round, double megabytes, long records, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("round %d %-52s %,d records in %.2f s: %.0f MB/s, %.2f M records/s%n", round, what, records,
                seconds, megabytes / seconds, records / seconds / 1e6);
    }

    /** An orders CSV like the benchmark's: 10 columns, notes with commas, quotes and some line breaks. */
    public static void generateOrders(Path file, long bytes) throws IOException {
        Random random = new Random(42);
        String[] statuses = {"pending", "shipped", "delivered", "cancelled", "returned"};
        String[] countries = {"US", "DE", "FR", "GB", "JP", "BR", "IN", "ES"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("order_id,customer_id,order_ts,status,amount,currency,quantity,product,notes,country\n");
            long written = 0;
            for (long id = 1; written < bytes; id++) {
                StringBuilder line = new StringBuilder(160);
                line.append(id).append(',').append(random.nextInt(1_000_000)).append(',')
                        .append(String.format("2024-%02d-%02d %02d:%02d:%02d", 1 + random.nextInt(12), 1 + random.nextInt(28),
                                random.nextInt(24), random.nextInt(60), random.nextInt(60)))
                        .append(',').append(statuses[random.nextInt(statuses.length)]).append(',')
                        .append(random.nextInt(100_000)).append('.').append(String.format("%02d", random.nextInt(100)))
                        .append(",USD,").append(1 + random.nextInt(20)).append(",product-").append(random.nextInt(5000))
                        .append(',');
                int kind = random.nextInt(20);
                if (kind == 0) {
                    line.append("\"multi-line note\nsecond line, with comma\"");
                } else if (kind < 4) {
                    line.append("\"customer said \"\"leave at door\"\", thanks\"");
                } else if (kind < 10) {
                    line.append("\"gift, wrap it\"");
                } else {
                    line.append("standard delivery");
                }
                line.append(',').append(countries[random.nextInt(countries.length)]).append('\n');
                out.write(line.toString());
                written += line.length();
            }
        }
    }
}
