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
    void unknownNamesAreConfigErrorsListingTheChoices() {
        assertThatThrownBy(() -> OutputCompression.parse("lzma"))
                .hasMessage("compression \"lzma\" is not one of none, gzip, bzip2, zstd for a text format");
        assertThatThrownBy(() -> AvroCodec.parse("gzip"))
                .hasMessage("compression \"gzip\" is not an Avro codec; use one of null, deflate, snappy, zstd, xz, bzip2");
        assertThatThrownBy(() -> OutputFormat.parse("xlsx"))
                .hasMessage("format \"xlsx\" is not one spate writes; use one of parquet, avro, csv, tsv, json, jsonl");
    }
}
