package io.spate.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.format.compress.Compression;
import io.spate.format.csv.CsvBoundaryFinder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SplittingTest {
    private static final long TARGET = Splitting.MIN_RANGE_BYTES;

    @Test
    void csvRangesReadExactlyWhatOneReaderReads() {
        byte[] csv = ordersCsv(150_000, "\r\n");
        assertSplitEqualsSingle(Format.CSV, csv, Map.of(), 3);
    }

    @Test
    void csvRangesWithoutQuotesAndWithLfSplitToo() {
        StringBuilder text = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 300_000; i++) {
            text.append(i).append(',').append(i * 7).append(",plain text\n");
        }
        assertSplitEqualsSingle(Format.CSV, text.toString().getBytes(StandardCharsets.UTF_8), Map.of(), 3);
    }

    @Test
    void jsonlAndTxtSplitAtLineStarts() {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            jsonl.append("{\"id\": ").append(i).append(", \"note\": \"line, \\\"quoted\\\"\\nnot a break\"}\n");
        }
        byte[] bytes = jsonl.toString().getBytes(StandardCharsets.UTF_8);
        assertSplitEqualsSingle(Format.JSONL, bytes, Map.of(), 3);
        assertSplitEqualsSingle(Format.TXT, bytes, Map.of("skip_rows", 2), 3);
    }

    @Test
    void compressedFilesAndEscapesAreReadWhole() {
        byte[] csv = ordersCsv(60_000, "\n");
        Splitting.Plan gz = Splitting.plan(Format.CSV, "o.csv.gz", csv.length, Compression.GZIP, FormatOptions.defaults(), TARGET, opener(csv));
        assertThat(gz.ranges()).hasSize(1);
        assertThat(gz.readWholeBecause()).contains("gzip-compressed files are read as one stream");
        Splitting.Plan escaped = Splitting.plan(Format.CSV, "o.csv", csv.length, Compression.NONE,
                Reading.options(Map.of("escape", "\\")), TARGET, opener(csv));
        assertThat(escaped.readWholeBecause()).contains("CSV with an escape character is read whole");
        Splitting.Plan utf16 = Splitting.plan(Format.CSV, "o.csv", csv.length, Compression.NONE,
                Reading.options(Map.of("encoding", "UTF-16")), TARGET, opener(csv));
        assertThat(utf16.readWholeBecause()).contains("UTF-16 text cannot be split by bytes");
    }

    @Test
    void strayQuotesMakeTheSplitAmbiguousSoTheFileIsReadWhole() {
        StringBuilder text = new StringBuilder("id,item\n");
        for (int i = 0; i < 200_000; i++) {
            text.append(i).append(",5\" screen\n");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Splitting.Plan plan = Splitting.plan(Format.CSV, "s.csv", bytes.length, Compression.NONE, FormatOptions.defaults(), TARGET, opener(bytes));
        assertThat(plan.isSplit()).isFalse();
        assertThat(plan.readWholeBecause().orElseThrow()).startsWith("no safe split point could be told near byte 1048576");
    }

    @Test
    void aQuotedFieldLongerThanTheWindowIsDetectedByTheRangeBefore() {
        StringBuilder text = new StringBuilder("id,doc\n");
        while (text.length() < 600_000) {
            text.append("1,short\n");
        }
        text.append("2,\"");
        while (text.length() < 2_900_000) {
            text.append("a long quoted document line without any quote char\n");
        }
        text.append("end\"\n3,after\n");
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        Splitting.Plan plan = Splitting.plan(Format.CSV, "d.csv", bytes.length, Compression.NONE, FormatOptions.defaults(), TARGET, opener(bytes));
        assertThat(plan.isSplit()).isTrue();
        assertThatThrownBy(() -> readRanges(Format.CSV, bytes, FormatOptions.defaults(), plan))
                .isInstanceOf(MisalignedSplitException.class)
                .hasMessageEndingWith(": the byte range ends inside a quoted field, so the split point after it was misjudged; "
                        + "read the file with one reader");
    }

    @Test
    void boundaryFinderHandlesEveryStartingState() throws IOException {
        CsvBoundaryFinder finder = new CsvBoundaryFinder(',', '"');
        // starting inside a quoted field: the text after the candidate closes it
        String data = "still inside, \"\"quoted\"\" text\nmore\",2\n3,\"x\"\n4,y\n";
        CsvBoundaryFinder.Boundary found = finder.find(new ByteArrayInputStream(data.getBytes(StandardCharsets.US_ASCII)), 100, 1000);
        assertThat(found.outcome()).isEqualTo(CsvBoundaryFinder.Outcome.FOUND);
        assertThat(found.position()).isEqualTo(100 + data.indexOf("3,"));
        // starting outside: a quoted field with a line break follows
        String outside = "1,\"a\nb\",c\r\n2,\"x\",y\r\n";
        found = finder.find(new ByteArrayInputStream(outside.getBytes(StandardCharsets.US_ASCII)), 0, 1000);
        assertThat(found.position()).isEqualTo(outside.indexOf("2,"));
    }

    private static void assertSplitEqualsSingle(Format format, byte[] bytes, Map<String, ?> optionValues, int minRanges) {
        FormatOptions options = Reading.options(optionValues);
        Reading single = Reading.read(format, bytes, optionValues);
        Splitting.Plan plan = Splitting.plan(format, "f", bytes.length, Compression.NONE, options, TARGET, opener(bytes));
        assertThat(plan.ranges()).hasSizeGreaterThanOrEqualTo(minRanges);
        assertThat(plan.ranges().get(0).start()).isZero();
        assertThat(plan.ranges().get(plan.ranges().size() - 1).end()).isEqualTo(bytes.length);
        List<List<Object>> rows = readRanges(format, bytes, options, plan);
        assertThat(rows).hasSize(single.rows.size());
        assertThat(rows).isEqualTo(single.rows);
    }

    private static List<List<Object>> readRanges(Format format, byte[] bytes, FormatOptions options, Splitting.Plan plan) {
        List<String> columns = format == Format.CSV ? Splitting.columnsOf(format, "f", bytes.length, opener(bytes), options)
                : format == Format.TXT ? List.of("line") : List.of("id", "note");
        List<List<Object>> rows = new ArrayList<>();
        long records = 0;
        for (ByteRange range : plan.ranges()) {
            try (RecordReader reader = Splitting.openRange(format, "f", plan, range, opener(bytes), columns, options,
                    ErrorHandling.failFast())) {
                while (reader.next()) {
                    rows.add(Arrays.asList(reader.values().clone()));
                }
                records += reader.recordNumber();
            }
        }
        assertThat(records).isEqualTo(rows.size());
        return rows;
    }

    static RangeOpener opener(byte[] bytes) {
        return (offset, length) -> new ByteArrayInputStream(bytes, (int) offset, (int) Math.min(length, bytes.length - offset));
    }

    /** Orders with notes holding commas, doubled quotes and line breaks. */
    static byte[] ordersCsv(int rows, String lineEnd) {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder("order_id,amount,note,country").append(lineEnd);
        for (int i = 0; i < rows; i++) {
            text.append(i).append(',').append(random.nextInt(10_000)).append('.').append(random.nextInt(10)).append(',');
            switch (random.nextInt(5)) {
                case 0 -> text.append("\"two\nlines, \"\"quoted\"\"\"");
                case 1 -> text.append("\"a, b\"");
                case 2 -> text.append("\"\"");
                case 3 -> text.append("\"").append(lineEnd).append("starts with a break\"");
                default -> text.append("plain");
            }
            text.append(',').append(random.nextBoolean() ? "US" : "").append(lineEnd);
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
