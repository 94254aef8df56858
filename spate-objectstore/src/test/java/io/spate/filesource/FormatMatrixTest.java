package io.spate.filesource;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.s3.FaultProxy;
import io.spate.testing.MemoryDestination;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.snappy.FramedSnappyCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every readable format in every compression, from S3, through the source, with exact values. */
class FormatMatrixTest {
    private static final String BUCKET = "format-matrix";
    private static final String[] NAMES = {"Ann", "Bo, \"the\" second", "Cy\nwith a newline"};
    private static final Map<String, String> COMPRESSIONS = new LinkedHashMap<>();

    static {
        COMPRESSIONS.put("none", "");
        COMPRESSIONS.put("gzip", ".gz");
        COMPRESSIONS.put("bzip2", ".bz2");
        COMPRESSIONS.put("zstd", ".zst");
        COMPRESSIONS.put("xz", ".xz");
        COMPRESSIONS.put("lz4", ".lz4");
        COMPRESSIONS.put("snappy", ".sz");
        COMPRESSIONS.put("deflate", ".deflate");
        COMPRESSIONS.put("zip", ".zip");
    }

    private static ProxiedBucket bucket;

    @BeforeAll
    static void start() throws Exception {
        bucket = ProxiedBucket.start(BUCKET);
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (String format : List.of("csv", "tsv", "json", "jsonl", "avro", "txt")) {
            byte[] plain = content(format);
            COMPRESSIONS.forEach((compression, extension) -> {
                String file = "data." + format;
                objects.put(format + "_" + compression + "/" + file + extension, compress(compression, file, plain));
            });
        }
        bucket.server().putAll(BUCKET, objects);
    }

    @AfterAll
    static void stop() throws IOException {
        bucket.close();
    }

    private static byte[] content(String format) throws IOException {
        StringBuilder text = new StringBuilder();
        switch (format) {
            case "csv", "tsv" -> {
                String d = format.equals("csv") ? "," : "\t";
                text.append("id").append(d).append("name").append(d).append("amount\n");
                for (int i = 0; i < NAMES.length; i++) {
                    String name = "\"" + NAMES[i].replace("\"", "\"\"") + "\"";
                    text.append(i + 1).append(d).append(name).append(d).append(10 * (i + 1)).append(".5\n");
                }
            }
            case "json" -> {
                List<String> rows = new ArrayList<>();
                for (int i = 0; i < NAMES.length; i++) {
                    rows.add(jsonRow(i));
                }
                text.append("[").append(String.join(",\n", rows)).append("]");
            }
            case "jsonl" -> {
                for (int i = 0; i < NAMES.length; i++) {
                    text.append(jsonRow(i)).append('\n');
                }
            }
            case "txt" -> {
                for (String name : NAMES) {
                    text.append(name.replace('\n', ' ')).append('\n');
                }
            }
            case "avro" -> {
                return avro();
            }
            default -> throw new IllegalArgumentException(format);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonRow(int i) {
        return "{\"id\": " + (i + 1) + ", \"name\": \"" + NAMES[i].replace("\"", "\\\"").replace("\n", "\\n") + "\", \"amount\": "
                + (10 * (i + 1)) + ".5}";
    }

    private static byte[] avro() throws IOException {
        Schema schema = SchemaBuilder.record("row").fields().requiredLong("id").requiredString("name").requiredDouble("amount")
                .endRecord();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
            writer.setCodec(CodecFactory.deflateCodec(6));
            writer.create(schema, out);
            for (int i = 0; i < NAMES.length; i++) {
                GenericRecord record = new GenericData.Record(schema);
                record.put("id", (long) i + 1);
                record.put("name", NAMES[i]);
                record.put("amount", 10.0 * (i + 1) + 0.5);
                writer.append(record);
            }
        }
        return out.toByteArray();
    }

    private static byte[] compress(String compression, String file, byte[] plain) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (compression.equals("zip")) {
                try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                    zip.putNextEntry(new ZipEntry(file));
                    zip.write(plain);
                    zip.closeEntry();
                }
                return bytes.toByteArray();
            }
            try (OutputStream out = switch (compression) {
                case "none" -> bytes;
                case "gzip" -> new GzipCompressorOutputStream(bytes);
                case "bzip2" -> new BZip2CompressorOutputStream(bytes);
                case "zstd" -> new ZstdCompressorOutputStream(bytes);
                case "xz" -> new XZCompressorOutputStream(bytes);
                case "lz4" -> new FramedLZ4CompressorOutputStream(bytes);
                case "snappy" -> new FramedSnappyCompressorOutputStream(bytes);
                case "deflate" -> new DeflaterOutputStream(bytes);
                default -> throw new IllegalArgumentException(compression);
            }) {
                out.write(plain);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyFormatInEveryCompressionGivesTheSameRows() {
        MemoryDestination destination = new MemoryDestination();
        Map<String, Object> options = bucket.options("");
        options.put("table", "{dir}");
        ProxiedBucket.sync("matrix", options, destination);

        for (String format : List.of("csv", "tsv", "json", "jsonl", "avro", "txt")) {
            for (String compression : COMPRESSIONS.keySet()) {
                String table = format + "_" + compression;
                List<Map<String, Object>> rows = new ArrayList<>(destination.liveRows(table));
                rows.sort(java.util.Comparator.comparing(r -> (Long) r.get("_spate_line")));
                assertThat(rows).as(table).hasSize(3);
                for (int i = 0; i < 3; i++) {
                    Map<String, Object> row = rows.get(i);
                    assertThat(row.get("_spate_line")).as(table).isEqualTo((long) i + 1);
                    if (format.equals("txt")) {
                        assertThat(row.get("line")).as(table).isEqualTo(NAMES[i].replace('\n', ' '));
                        continue;
                    }
                    assertThat(row).as(table).containsKeys("id", "name", "amount");
                    assertThat(((Number) row.get("id")).longValue()).as(table).isEqualTo(i + 1);
                    assertThat(row.get("name")).as(table).isEqualTo(NAMES[i]);
                    assertThat(new java.math.BigDecimal(String.valueOf(row.get("amount")))).as(table)
                            .isEqualByComparingTo(new java.math.BigDecimal((10 * (i + 1)) + ".5"));
                }
            }
        }
        assertThat(bucket.proxy().requests(FaultProxy.Request::isObjectGet).size()).isGreaterThanOrEqualTo(54);
    }
}
