package io.spate.format.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.batch.ColumnVector;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact bytes of the text writers (round trips through DuckDB are in spate-lake). */
class TextWritersTest {
    private static final List<Column> COLUMNS = List.of(Column.of("id", DataType.LONG), Column.of("text", DataType.STRING),
            Column.of("amount", DataType.decimal(20, 3)), Column.of("local", DataType.NAIVE_DATETIME),
            Column.of("at", DataType.UTC_DATETIME), Column.of("doc", DataType.JSON));

    private static List<ColumnVector> rows() {
        List<ColumnVector> v = COLUMNS.stream().map(c -> new ColumnVector(c.type(), 2)).toList();
        v.get(0).appendLong(1);
        v.get(1).appendObject("a,\"b\"\nc");
        v.get(2).appendObject(new BigDecimal("12345678901234567.5"));
        v.get(3).appendLong(ColumnVector.microsOf(LocalDateTime.parse("2026-01-31T12:00:00")));
        v.get(4).appendLong(ColumnVector.microsOf(Instant.parse("2026-01-31T12:00:00.000001Z")));
        v.get(5).appendObject("{\"k\":[1]}");
        v.get(0).appendLong(2);
        v.get(1).appendObject("");
        v.get(2).appendNull();
        v.get(3).appendNull();
        v.get(4).appendNull();
        v.get(5).appendNull();
        return v;
    }

    private static String write(OutputFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FormatWriter writer = FormatWriters.text(format, COLUMNS, OutputCompression.NONE, out)) {
            writer.write(rows(), 2);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvQuotesWhatNeedsQuotesAndTellsEmptyFromNull() throws IOException {
        assertThat(write(OutputFormat.CSV)).isEqualTo("id,text,amount,local,at,doc\n"
                + "1,\"a,\"\"b\"\"\nc\",12345678901234567.500,2026-01-31T12:00:00,2026-01-31T12:00:00.000001Z,\"{\"\"k\"\":[1]}\"\n"
                + "2,\"\",,,,\n");
    }

    @Test
    void tsvUsesTabsAndTheSameQuoting() throws IOException {
        assertThat(write(OutputFormat.TSV)).startsWith("id\ttext\tamount\tlocal\tat\tdoc\n1\t\"a,\"\"b\"\"\nc\"\t");
    }

    @Test
    void jsonLinesNestJsonAndWriteWideDecimalsAsStrings() throws IOException {
        assertThat(write(OutputFormat.JSONL)).isEqualTo(
                "{\"id\":1,\"text\":\"a,\\\"b\\\"\\nc\",\"amount\":\"12345678901234567.500\",\"local\":\"2026-01-31T12:00:00\","
                        + "\"at\":\"2026-01-31T12:00:00.000001Z\",\"doc\":{\"k\":[1]}}\n"
                        + "{\"id\":2,\"text\":\"\",\"amount\":null,\"local\":null,\"at\":null,\"doc\":null}\n");
    }

    @Test
    void jsonIsOneArrayOfObjects() throws IOException {
        assertThat(write(OutputFormat.JSON)).isEqualTo("[\n"
                + "{\"id\":1,\"text\":\"a,\\\"b\\\"\\nc\",\"amount\":\"12345678901234567.500\",\"local\":\"2026-01-31T12:00:00\","
                + "\"at\":\"2026-01-31T12:00:00.000001Z\",\"doc\":{\"k\":[1]}},\n"
                + "{\"id\":2,\"text\":\"\",\"amount\":null,\"local\":null,\"at\":null,\"doc\":null}\n]\n");
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        FormatWriters.text(OutputFormat.JSON, COLUMNS, OutputCompression.NONE, empty).close();
        assertThat(empty.toString(StandardCharsets.UTF_8)).isEqualTo("[\n]\n");
    }

    @Test
    void avroRowsEncodedDirectlyReadBackWithTheAvroLibraryAtAnyDeflateLevel() throws IOException {
        List<Column> columns = List.of(Column.of("b", DataType.BOOLEAN), Column.of("i", DataType.INT), Column.of("l", DataType.LONG),
                Column.of("f", DataType.FLOAT), Column.of("d", DataType.DOUBLE), Column.of("m", DataType.decimal(12, 2)),
                Column.of("day", DataType.NAIVE_DATE), Column.of("s", DataType.STRING));
        String longUnicode = "zürich ✓ ".repeat(20);
        String longAscii = "x".repeat(200);
        List<ColumnVector> v = columns.stream().map(c -> new ColumnVector(c.type(), 3)).toList();
        Object[][] rows = {
            {1L, -7L, Long.MIN_VALUE, 1.5, -2.25e300, -12345L, 19_000L, longUnicode},
            {0L, Integer.MAX_VALUE + 0L, 1L << 40, -0.0, 0.1, 99_999_999_999L, -1L, longAscii},
            {null, null, null, null, null, null, null, null}};
        for (Object[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                if (row[c] == null) {
                    v.get(c).appendNull();
                } else if (row[c] instanceof Double d) {
                    v.get(c).appendDouble(d);
                } else if (row[c] instanceof Long n) {
                    v.get(c).appendLong(n);
                } else {
                    v.get(c).appendObject(row[c]);
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FormatWriter writer = FormatWriters.avro("r", columns, java.util.Set.of(), AvroCodec.DEFLATE, java.util.Optional.of(9),
                1024, java.util.Map.of(), out)) {
            writer.write(v, 3);
        }
        List<String> read = new java.util.ArrayList<>();
        try (org.apache.avro.file.DataFileStream<org.apache.avro.generic.GenericRecord> reader = new org.apache.avro.file.DataFileStream<>(
                new java.io.ByteArrayInputStream(out.toByteArray()), new org.apache.avro.generic.GenericDatumReader<>(null, null, logicalTypes()))) {
            assertThat(reader.getMetaString("avro.codec")).isEqualTo("deflate");
            reader.forEach(record -> read.add(record.getSchema().getFields().stream()
                    .map(f -> f.name() + "=" + record.get(f.name())).collect(java.util.stream.Collectors.joining(", "))));
        }
        assertThat(read).containsExactly(
                "b=true, i=-7, l=-9223372036854775808, f=1.5, d=-2.25E300, m=-123.45, day=2022-01-08, s=" + longUnicode,
                "b=false, i=2147483647, l=1099511627776, f=-0.0, d=0.1, m=999999999.99, day=1969-12-31, s=" + longAscii,
                "b=null, i=null, l=null, f=null, d=null, m=null, day=null, s=null");
        assertThatThrownBy(() -> FormatWriters.avro("r", columns, java.util.Set.of(), AvroCodec.DEFLATE, java.util.Optional.of(10),
                1024, java.util.Map.of(), new ByteArrayOutputStream()))
                .hasMessage("avro_compression_level 10 is not a level of deflate (1..9)");
    }

    private static org.apache.avro.generic.GenericData logicalTypes() {
        org.apache.avro.generic.GenericData model = new org.apache.avro.generic.GenericData();
        model.addLogicalTypeConversion(new org.apache.avro.Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new org.apache.avro.data.TimeConversions.DateConversion());
        return model;
    }

    @Test
    void unknownNamesAreConfigErrorsListingTheChoices() {
        assertThatThrownBy(() -> OutputCompression.parse("lzma"))
                .hasMessage("compression \"lzma\" is not one of none, gzip, bzip2, zstd for a text format");
        assertThatThrownBy(() -> AvroCodec.parse("gzip"))
                .hasMessage("compression \"gzip\" is not an Avro codec; use one of null, deflate, snappy, zstd, xz, bzip2");
        assertThatThrownBy(() -> OutputFormat.parse("xlsx"))
                .hasMessage("format \"xlsx\" is not one spate writes; use one of parquet, avro, csv, tsv, json, jsonl");
    }
}
