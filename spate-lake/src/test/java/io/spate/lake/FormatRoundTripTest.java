package io.spate.lake;

import static io.spate.lake.DuckDbReads.literal;
import static org.assertj.core.api.Assertions.assertThat;

import io.spate.format.write.AvroCodec;
import io.spate.format.write.AvroSchemas;
import io.spate.format.write.FormatWriter;
import io.spate.format.write.FormatWriters;
import io.spate.format.write.OutputCompression;
import io.spate.format.write.OutputFormat;
import io.spate.lake.parquet.ParquetFileWriter;
import io.spate.lake.parquet.ParquetOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every format and compression written by spate reads back equal: with DuckDB, and Avro with the Avro library. */
class FormatRoundTripTest {
    @TempDir
    Path dir;

    static Stream<Arguments> textFormats() {
        List<Arguments> cases = new ArrayList<>();
        for (OutputFormat format : List.of(OutputFormat.CSV, OutputFormat.TSV, OutputFormat.JSON, OutputFormat.JSONL)) {
            for (OutputCompression compression : OutputCompression.values()) {
                cases.add(Arguments.of(format, compression));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("textFormats")
    void textFormatsReadBackEqualInDuckDb(OutputFormat format, OutputCompression compression) throws Exception {
        Path file = dir.resolve("rows" + format.extension() + compression.extension());
        try (FormatWriter writer = FormatWriters.text(format, TestRows.COLUMNS, compression, Files.newOutputStream(file))) {
            writer.write(TestRows.vectors(), 3);
            assertThat(writer.rowCount()).isEqualTo(3);
        }
        Path readable = file;
        if (compression == OutputCompression.BZIP2) {
            // DuckDB reads gzip and zstd itself but not bzip2
            readable = dir.resolve("rows" + format.extension());
            try (InputStream in = new BZip2CompressorInputStream(Files.newInputStream(file))) {
                Files.copy(in, readable);
            }
        }
        String source = switch (format) {
            case CSV -> "read_csv(" + literal(readable) + ", header = true, allow_quoted_nulls = false, delim = ',', quote = '\"', escape = '\"', columns = "
                    + TestRows.DUCKDB_COLUMNS + ")";
            case TSV -> "read_csv(" + literal(readable) + ", header = true, allow_quoted_nulls = false, delim = '\t', quote = '\"', escape = '\"', columns = "
                    + TestRows.DUCKDB_COLUMNS + ")";
            case JSON -> "read_json(" + literal(readable) + ", format = 'array', columns = " + TestRows.DUCKDB_COLUMNS + ")";
            default -> "read_json(" + literal(readable) + ", format = 'newline_delimited', columns = " + TestRows.DUCKDB_COLUMNS + ")";
        };
        assertThat(DuckDbReads.rows("SELECT " + TestRows.select(false) + " FROM " + source + " ORDER BY id"))
                .isEqualTo(TestRows.expected());
    }

    @ParameterizedTest
    @ValueSource(strings = {"zstd", "snappy", "gzip", "lz4", "none"})
    void parquetReadsBackEqualInDuckDbWithFaithfulTypes(String codec) throws Exception {
        Path file = dir.resolve("rows.parquet");
        ParquetOptions options = new ParquetOptions(codec, Optional.empty(), 2048, !codec.equals("none"), 1 << 20, "64MB");
        try (OutputStream out = Files.newOutputStream(file);
                FormatWriter writer = ParquetFileWriter.duckDb(dir.resolve("tmp")).open(TestRows.COLUMNS, options,
                        Map.of("spate.source", "unit"), out)) {
            writer.write(TestRows.vectors(), 3);
        }
        assertThat(DuckDbReads.rows("SELECT " + TestRows.select(true) + " FROM read_parquet(" + literal(file) + ") ORDER BY id"))
                .isEqualTo(TestRows.expected());
        assertThat(DuckDbReads.rows("SELECT name, converted_type, scale, precision, logical_type FROM parquet_schema("
                + literal(file) + ") WHERE name IN ('amount', 'big', 'local', 'at', 'doc') ORDER BY name"))
                .containsExactly(
                        List.of("amount", "DECIMAL", "2", "12", "DecimalType(scale=2, precision=12)"),
                        java.util.Arrays.asList("at", "TIMESTAMP_MICROS", null, null,
                                "TimestampType(isAdjustedToUTC=1, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>))"),
                        List.of("big", "DECIMAL", "10", "38", "DecimalType(scale=10, precision=38)"),
                        java.util.Arrays.asList("doc", "JSON", null, null, "JsonType()"),
                        java.util.Arrays.asList("local", "TIMESTAMP_MICROS", null, null,
                                "TimestampType(isAdjustedToUTC=0, unit=TimeUnit(MILLIS=<null>, MICROS=MicroSeconds(), NANOS=<null>))"));
        String expectedCodec = switch (codec) {
            case "none" -> "UNCOMPRESSED";
            case "lz4" -> "LZ4_RAW";
            default -> codec.toUpperCase(java.util.Locale.ROOT);
        };
        assertThat(DuckDbReads.rows("SELECT DISTINCT compression FROM parquet_metadata(" + literal(file) + ")"))
                .containsExactly(List.of(expectedCodec));
        assertThat(DuckDbReads.rows("SELECT decode(value) FROM parquet_kv_metadata(" + literal(file) + ") WHERE decode(key) = 'spate.source'"))
                .containsExactly(List.of("unit"));
    }

    @ParameterizedTest
    @EnumSource(AvroCodec.class)
    void avroReadsBackEqualWithTheAvroLibrary(AvroCodec codec) throws Exception {
        Path file = dir.resolve("rows.avro");
        try (FormatWriter writer = FormatWriters.avro("orders", TestRows.COLUMNS, Set.of("id"), codec, 64 * 1024,
                Map.of("spate.source", "unit"), Files.newOutputStream(file))) {
            writer.write(TestRows.vectors(), 3);
        }
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
            Schema schema = reader.getSchema();
            assertThat(reader.getMetaString("avro.codec")).isEqualTo(codec == AvroCodec.NULL ? "null"
                    : codec.name().toLowerCase(java.util.Locale.ROOT).replace("zstd", "zstandard"));
            assertThat(reader.getMetaString("spate.source")).isEqualTo("unit");
            assertThat(schema.getField("id").schema().getType()).isEqualTo(Schema.Type.LONG);
            Schema amount = schema.getField("amount").schema().getTypes().get(1);
            assertThat(amount.getLogicalType()).isEqualTo(LogicalTypes.decimal(12, 2));
            assertThat(schema.getField("day").schema().getTypes().get(1).getLogicalType()).isEqualTo(LogicalTypes.date());
            assertThat(schema.getField("local").schema().getTypes().get(1).getLogicalType()).isEqualTo(LogicalTypes.localTimestampMicros());
            assertThat(schema.getField("at").schema().getTypes().get(1).getLogicalType()).isEqualTo(LogicalTypes.timestampMicros());
            assertThat(schema.getField("doc").getProp(AvroSchemas.SPATE_TYPE)).isEqualTo("JSON");
            List<List<String>> rows = new ArrayList<>();
            for (GenericRecord record : reader) {
                rows.add(avroRow(record));
            }
            assertThat(rows).containsExactly(
                    List.of("1", "1234.50", "12345678901234567890.1234567890", "0.1", "7", "true", "20484", "1769862896123456",
                            "1769862896123456", TestRows.NAME_1, "{\"a\":[1,2],\"b\":\"ü\"}", "Ynl0ZXMAIQ=="),
                    nullsAfterId("2"),
                    List.of("3", "-0.05", "-1E-10", "-1.5E300", "-2147483648", "false", "-1", "-2208988800000000", "0", "", "[]", ""));
        }
    }

    @Test
    void avroNamesThatAvroRejectsAreSanitisedAndKept() {
        Schema schema = AvroSchemas.record("my table", List.of(io.spate.sdk.Column.of("order id", io.spate.sdk.DataType.LONG),
                io.spate.sdk.Column.of("order-id", io.spate.sdk.DataType.LONG), io.spate.sdk.Column.of("1st", io.spate.sdk.DataType.LONG)),
                Set.of());
        assertThat(schema.getName()).isEqualTo("my_table");
        assertThat(schema.getFields()).extracting(Schema.Field::name).containsExactly("order_id", "order_id_2", "_1st");
        assertThat(schema.getFields()).extracting(f -> f.getProp(AvroSchemas.ORIGINAL_NAME)).containsExactly("order id", "order-id", "1st");
    }

    private static List<String> nullsAfterId(String id) {
        List<String> row = new ArrayList<>();
        row.add(id);
        for (int i = 1; i < 12; i++) {
            row.add(null);
        }
        return row;
    }

    private static List<String> avroRow(GenericRecord record) {
        List<String> row = new ArrayList<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value == null) {
                row.add(null);
            } else if (value instanceof ByteBuffer bytes) {
                byte[] array = new byte[bytes.remaining()];
                bytes.duplicate().get(array);
                Schema type = field.schema().getType() == Schema.Type.UNION ? field.schema().getTypes().get(1) : field.schema();
                if (type.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
                    row.add(new BigDecimal(new BigInteger(array), decimal.getScale()).toString());
                } else {
                    row.add(Base64.getEncoder().encodeToString(array));
                }
            } else {
                row.add(new String(String.valueOf(value).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            }
        }
        return row;
    }
}
