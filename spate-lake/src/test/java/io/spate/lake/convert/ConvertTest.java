package io.spate.lake.convert;

import static io.spate.lake.DuckDbReads.literal;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdOutputStream;
import io.spate.lake.DuckDbReads;
import io.spate.lake.S3Server;
import io.spate.s3.S3ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spate convert} of a tree of CSV files in S3 (S3Proxy) to Parquet and Avro. */
class ConvertTest {
    @TempDir
    Path work;

    static String csv(int from, int to) {
        StringBuilder out = new StringBuilder("id,amount,ordered_at,note\n");
        for (int id = from; id <= to; id++) {
            out.append(id).append(',').append(id * 3).append('.').append(String.format("%02d", id % 100)).append(',')
                    .append("2026-01-").append(String.format("%02d", 1 + id % 28)).append(" 10:00:").append(String.format("%02d", id % 60))
                    .append(',').append(id % 7 == 0 ? "" : "\"note " + id + ", ü\"").append('\n');
        }
        return out.toString();
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    static byte[] zstd(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new ZstdOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void aTreeOfCsvFilesBecomesParquetAndAvroMirroredAndARerunSkipsWhatIsDone() throws Exception {
        try (S3Server s3 = new S3Server(); S3ObjectStore raw = s3.store("raw")) {
            s3.createBucket("raw");
            s3.createBucket("out");
            raw.put("data/a/x.csv.gz", gzip(csv(1, 1000)));
            raw.put("data/a/b/y.csv", csv(1001, 1500).getBytes(StandardCharsets.UTF_8));
            raw.put("data/c/z.csv.zst", zstd(csv(1501, 3000)));
            byte[] broken = gzip(csv(1, 5000));
            raw.put("data/c/broken.csv.gz", Arrays.copyOf(broken, broken.length / 2));

            Map<String, Object> options = new HashMap<>(s3.connection());
            options.put("parallelism", 2);
            ConvertReport first = Convert.run("s3://raw/data/", List.of("parquet", "avro"), "s3://out/converted/", options, Map.of(), work);

            assertThat(first.converted()).extracting(ConvertReport.FileResult::source)
                    .containsExactlyInAnyOrder("data/a/x.csv.gz", "data/a/b/y.csv", "data/c/z.csv.zst");
            assertThat(first.totalRows()).isEqualTo(3000);
            assertThat(first.failures()).hasSize(1);
            assertThat(first.failures().get(0).source()).isEqualTo("data/c/broken.csv.gz");
            assertThat(first.failures().get(0).reason()).startsWith("s3://raw/data/c/broken.csv.gz line ")
                    .contains(": the gzip data is truncated or corrupt after ");
            assertThat(first.sourceRequests().gets()).isEqualTo(4);
            assertThat(first.destinationRequests().puts()).isEqualTo(3 * 2 + 3);
            assertThat(s3.keys("out", "converted/").stream().filter(k -> !k.startsWith("converted/_spate_convert/")).toList())
                    .containsExactlyInAnyOrder("converted/a/x.parquet", "converted/a/x.avro", "converted/a/b/y.parquet",
                            "converted/a/b/y.avro", "converted/c/z.parquet", "converted/c/z.avro");
            assertThat(first.toTable()).contains("3 converted, 0 skipped (already converted), 1 failed")
                    .contains("FAILED data/c/broken.csv.gz: s3://raw/data/c/broken.csv.gz");

            Path local = work.resolve("out");
            s3.download("out", "converted/", local);
            String parquet = "read_parquet(" + literal(local + "/**/*.parquet") + ")";
            assertThat(DuckDbReads.rows("SELECT count(*), count(DISTINCT id), sum(amount), count(note), min(ordered_at), "
                    + "typeof(any_value(amount)), typeof(any_value(ordered_at)) FROM " + parquet))
                    .containsExactly(List.of("3000", "3000", "13505985.00", "2572", "2026-01-01 10:00:00", "DECIMAL(18,2)", "TIMESTAMP"));
            assertThat(DuckDbReads.rows("SELECT note FROM " + parquet + " WHERE id = 1")).containsExactly(List.of("note 1, ü"));
            long avroRows = 0;
            try (Stream<Path> files = Files.walk(local)) {
                for (Path avro : files.filter(p -> p.toString().endsWith(".avro")).toList()) {
                    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(avro.toFile(), new GenericDatumReader<>())) {
                        assertThat(reader.getMetaString("avro.codec")).isEqualTo("deflate");
                        assertThat(reader.getMetaString("spate.source")).startsWith("s3://raw/data/");
                        for (GenericRecord record : reader) {
                            avroRows++;
                        }
                    }
                }
            }
            assertThat(avroRows).isEqualTo(3000);

            ConvertReport second = Convert.run("s3://raw/data/", List.of("parquet", "avro"), "s3://out/converted/", options, Map.of(), work);
            assertThat(second.converted()).isEmpty();
            assertThat(second.skipped()).containsExactlyInAnyOrder("data/a/x.csv.gz", "data/a/b/y.csv", "data/c/z.csv.zst");
            assertThat(second.failures()).extracting(ConvertReport.Failure::source).containsExactly("data/c/broken.csv.gz");
            assertThat(second.sourceRequests().gets()).isEqualTo(1);
            assertThat(second.destinationRequests().puts()).isZero();
        }
    }

    @Test
    void badValuesAfterTheSampleAreSkippedOrQuarantinedAndCounted() throws Exception {
        Path in = work.resolve("in");
        Files.createDirectories(in);
        String text = csv(1, 20_000).replace("\n15000,", "\n15000x,");
        Files.writeString(in.resolve("orders.csv"), text);

        Map<String, Object> options = new HashMap<>(Map.of("sample_bytes", "4KB", "on_error", "quarantine"));
        ConvertReport report = Convert.run(in.toString(), List.of("jsonl", "parquet"), work.resolve("out").toString(), options, Map.of(), work);
        assertThat(report.failures()).isEmpty();
        assertThat(report.converted()).singleElement().satisfies(f -> {
            assertThat(f.rows()).isEqualTo(19_999);
            assertThat(f.rejected()).isEqualTo(1);
        });
        Path rejects = work.resolve("out/_spate_convert/rejects/orders.csv.rejects.jsonl");
        assertThat(Files.readString(rejects)).contains("\"column\":\"id\"").contains("\"raw\":\"15000x,");
        assertThat(DuckDbReads.rows("SELECT count(*) FROM read_parquet(" + literal(work.resolve("out/orders.parquet")) + ")"))
                .containsExactly(List.of("19999"));

        Files.writeString(in.resolve("orders.csv.gz"), "id\n1\n");
        ConvertReport clash = Convert.run(in.toString(), List.of("parquet"), in.resolve("converted").toString(), Map.of(), Map.of(), work);
        assertThat(clash.converted()).extracting(ConvertReport.FileResult::source).containsExactly("orders.csv");
        assertThat(clash.failures()).containsExactly(new ConvertReport.Failure("orders.csv.gz",
                "its outputs would have the same names as those of orders.csv (orders.*): convert one of them at a time, or rename one"));
        ConvertReport again = Convert.run(in.toString(), List.of("parquet"), in.resolve("converted").toString(), Map.of(), Map.of(), work);
        assertThat(again.skipped()).containsExactly("orders.csv");
        Files.delete(in.resolve("orders.csv.gz"));
        try (Stream<Path> converted = Files.walk(in.resolve("converted"))) {
            for (Path path : converted.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }

        options.put("on_error", "fail");
        Files.writeString(in.resolve("orders.csv"), text.replace("1,3.01", "1,3.01 "));
        ConvertReport failing = Convert.run(in.toString(), List.of("parquet"), work.resolve("out2").toString(), options, Map.of(), work);
        assertThat(failing.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains(" line 15001 column \"id\": "));
        assertThat(work.resolve("out2/orders.parquet")).doesNotExist();
    }
}
