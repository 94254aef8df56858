package io.spate.format.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.spate.format.ErrorHandling;
import io.spate.format.Format;
import io.spate.format.FormatOptions;
import io.spate.format.RecordReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

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
        for (int round = 1; round <= 3; round++) {
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
