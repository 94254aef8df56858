package io.spate.format.json;

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
import java.util.List;
import java.util.Random;

/**
 * Measures JSONL parsing speed on a generated events file (not a test: run by hand).
 *
 * <pre>
 * java -cp ... io.spate.format.json.JsonLinesReadBenchmark /tmp/events.jsonl 100   # MB to generate if missing
 * </pre>
 */
public final class JsonLinesReadBenchmark {
    private JsonLinesReadBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/spate-events.jsonl");
        long megabytes = args.length > 1 ? Long.parseLong(args[1]) : 100;
        if (!Files.exists(file)) {
            generate(file, megabytes << 20);
        }
        double size = Files.size(file) / 1e6;
        System.out.printf("file %s: %.1f MB%n", file, size);
        for (int round = 1; round <= 5; round++) {
            long start = System.nanoTime();
            long records = 0;
            try (InputStream in = Files.newInputStream(file);
                    RecordReader reader = JsonRecordReader.open(file.toString(), in, Format.JSONL, FormatOptions.defaults(),
                            List.of(), ErrorHandling.failFast())) {
                while (reader.next()) {
                    records++;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d JsonRecordReader (JSONL) %,d records in %.2f s: %.0f MB/s, %.2f M records/s%n", round,
                    records, seconds, size / seconds, records / seconds / 1e6);
        }
    }

    private static void generate(Path file, long bytes) throws IOException {
        Random random = new Random(1);
        String[] kinds = {"open", "click", "scroll", "close"};
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            long written = 0;
            for (long id = 1; written < bytes; id++) {
                String line = "{\"id\": " + id + ", \"user\": " + random.nextInt(100_000) + ", \"kind\": \""
                        + kinds[random.nextInt(kinds.length)] + "\", \"at\": \"2024-05-01T10:" + (10 + random.nextInt(50))
                        + ":00Z\", \"amount\": " + random.nextInt(10_000) + "." + random.nextInt(100)
                        + ", \"meta\": {\"x\": " + random.nextInt(1000) + ", \"tags\": [\"a\", \"b\"]}}\n";
                out.write(line);
                written += line.length();
            }
        }
    }
}
