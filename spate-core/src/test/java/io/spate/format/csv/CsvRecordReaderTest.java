package io.spate.format.csv;

import static io.spate.format.Reading.read;
import static io.spate.format.Reading.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.format.BadRecord;
import io.spate.format.BadRecordException;
import io.spate.format.Format;
import io.spate.format.Reading;
import io.spate.sdk.SpateException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {

    @Test
    void readsHeaderAndRecordsAsTextWithEmptyFieldsAsNull() {
        Reading r = read(Format.CSV, "id,name,amount\n1,Ann,12.50\n2,,3\n", Map.of());
        assertThat(r.columns).containsExactly("id", "name", "amount");
        assertThat(r.rows).containsExactly(row("1", "Ann", "12.50"), row("2", null, "3"));
        assertThat(r.lines).containsExactly(2L, 3L);
        assertThat(r.recordNumbers).containsExactly(1L, 2L);
    }

    @Test
    void quotedFieldsKeepDelimitersQuotesAndLineBreaks() {
        String csv = "id,note\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\"\r\n3,\"two\nlines\"\r\n4,\"\"\n5,x\n";
        Reading r = read(Format.CSV, csv, Map.of());
        assertThat(r.rows).containsExactly(row("1", "a, b"), row("2", "say \"hi\""), row("3", "two\nlines"),
                row("4", ""), row("5", "x"));
        assertThat(r.lines).containsExactly(2L, 3L, 4L, 6L, 7L);
        assertThat(r.recordNumbers).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void carriageReturnAloneEndsLines() {
        Reading r = read(Format.CSV, "a,b\r1,2\r3,4", Map.of());
        assertThat(r.rows).containsExactly(row("1", "2"), row("3", "4"));
        assertThat(r.lines).containsExactly(2L, 3L);
    }

    @Test
    void blankLinesAreSkippedButCounted() {
        Reading r = read(Format.CSV, "a,b\n\n1,2\n\n\n3,4\n", Map.of());
        assertThat(r.rows).containsExactly(row("1", "2"), row("3", "4"));
        assertThat(r.lines).containsExactly(3L, 6L);
        assertThat(r.recordNumbers).containsExactly(1L, 2L);
    }

    @Test
    void customDelimiterQuoteAndNullValues() {
        Reading r = read(Format.CSV, "a;b;c\n'x;y';NULL;\n'NULL';NA;z\n",
                Map.of("delimiter", ";", "quote", "'", "null_values", List.of("NULL", "NA")));
        assertThat(r.rows).containsExactly(row("x;y", null, ""), row("NULL", null, "z"));
    }

    @Test
    void tsvUsesTabs() {
        Reading r = read(Format.TSV, "a\tb\n1\t2,3\n", Map.of());
        assertThat(r.rows).containsExactly(row("1", "2,3"));
    }

    @Test
    void delimiterOptionAcceptsTabSpelledOut() {
        Reading r = read(Format.CSV, "a\tb\n1\t2\n", Map.of("delimiter", "\\t"));
        assertThat(r.rows).containsExactly(row("1", "2"));
    }

    @Test
    void quotingCanBeTurnedOff() {
        Reading r = read(Format.TSV, "a\tb\n\"x\t5\" screen\n", Map.of("quote", "none"));
        assertThat(r.rows).containsExactly(row("\"x", "5\" screen"));
    }

    @Test
    void escapeCharacterInsideQuotedFields() {
        Reading r = read(Format.CSV, "a,b\n\"say \\\"hi\\\"\",\"back\\\\slash\"\n\"x\"\"y\",plain\\n\n",
                Map.of("escape", "\\"));
        assertThat(r.rows).containsExactly(row("say \"hi\"", "back\\slash"), row("x\"y", "plain\\n"));
    }

    @Test
    void withoutHeaderColumnsAreNumbered() {
        Reading r = read(Format.CSV, "1,2\n3,\n", Map.of("header", false));
        assertThat(r.columns).containsExactly("column_1", "column_2");
        assertThat(r.rows).containsExactly(row("1", "2"), row("3", null));
        assertThat(r.lines).containsExactly(1L, 2L);
        assertThat(r.recordNumbers).containsExactly(1L, 2L);
    }

    @Test
    void columnNamesNameAHeaderlessFile() {
        Reading r = read(Format.CSV, "1,2\n3,4\n", Map.of("header", false, "column_names", List.of("x", "y")));
        assertThat(r.columns).containsExactly("x", "y");
        assertThat(r.rows).containsExactly(row("1", "2"), row("3", "4"));
    }

    @Test
    void columnNamesRenameTheHeader() {
        Reading r = read(Format.CSV, "a,b\n1,2\n", Map.of("column_names", List.of("x", "y")));
        assertThat(r.columns).containsExactly("x", "y");
        assertThat(r.rows).containsExactly(row("1", "2"));
    }

    @Test
    void columnNamesOfTheWrongCountFail() {
        assertThatThrownBy(() -> read(Format.CSV, "a,b\n1,2\n", Map.of("column_names", List.of("x"))))
                .isInstanceOf(SpateException.class)
                .hasMessage("f.csv: column_names has 1 names but the header has 2 columns (a, b)");
    }

    @Test
    void skipRowsBeforeHeaderAndAfterIt() {
        Reading r = read(Format.CSV, "report of 2024\n# exported\na,b\nunits,count\n1,2\n",
                Map.of("skip_rows", 2, "skip_rows_after_header", 1));
        assertThat(r.columns).containsExactly("a", "b");
        assertThat(r.rows).containsExactly(row("1", "2"));
        assertThat(r.lines).containsExactly(5L);
        assertThat(r.recordNumbers).containsExactly(1L);
    }

    @Test
    void duplicateAndBlankHeaderNamesAreMadeUnique() {
        Reading r = read(Format.CSV, "a,a,,b\n1,2,3,4\n", Map.of());
        assertThat(r.columns).containsExactly("a", "a_2", "column_3", "b");
    }

    @Test
    void selectReadsOnlyTheNamedColumnsInItsOrder() {
        Reading r = read(Format.CSV, "a,b,c\n1,2,3\n4,5,6\n", Map.of("select", List.of("c", "a")));
        assertThat(r.columns).containsExactly("c", "a");
        assertThat(r.rows).containsExactly(row("3", "1"), row("6", "4"));
    }

    @Test
    void usecolsIsSelect() {
        Reading r = read(Format.CSV, "a,b,c\n1,2,3\n", Map.of("usecols", "b"));
        assertThat(r.rows).containsExactly(row("2"));
    }

    @Test
    void selectOfAMissingColumnFails() {
        assertThatThrownBy(() -> read(Format.CSV, "a,b\n1,2\n", Map.of("select", List.of("z"))))
                .hasMessage("f.csv: select: column \"z\" is not in the file (its columns: a, b)");
    }

    @Test
    void utf8ByteOrderMarkIsStripped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        Reading r = read(Format.CSV, concat(bom, "id,name\n1,Zoë\n".getBytes(StandardCharsets.UTF_8)), Map.of());
        assertThat(r.columns).containsExactly("id", "name");
        assertThat(r.rows).containsExactly(row("1", "Zoë"));
    }

    @Test
    void utf16WithByteOrderMarkInEitherByteOrder() {
        String csv = "id,name\n1,Zoë ☃\n";
        for (Charset charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            byte[] bom = charset == StandardCharsets.UTF_16LE ? new byte[] {(byte) 0xFF, (byte) 0xFE} : new byte[] {(byte) 0xFE, (byte) 0xFF};
            Reading r = read(Format.CSV, concat(bom, csv.getBytes(charset)), Map.of("encoding", "UTF-16"));
            assertThat(r.rows).containsExactly(row("1", "Zoë ☃"));
        }
    }

    @Test
    void latin1AndWindows1252() {
        Reading latin1 = read(Format.CSV, "n\ncafé\n".getBytes(StandardCharsets.ISO_8859_1), Map.of("encoding", "ISO-8859-1"));
        assertThat(latin1.rows).containsExactly(row("café"));
        Reading cp1252 = read(Format.CSV, "n\n€5\n".getBytes(Charset.forName("windows-1252")), Map.of("encoding", "windows-1252"));
        assertThat(cp1252.rows).containsExactly(row("€5"));
    }

    @Test
    void wrongFieldCountFailsWithFileLineAndColumn() {
        assertThatThrownBy(() -> read(Format.CSV, "a,b,c\n1,2,3\n4,5\n", Map.of()))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("f.csv line 3 column \"c\": has 2 fields, expected 3");
        assertThatThrownBy(() -> read(Format.CSV, "a,b\n1,2\n\n4,5,6\n", Map.of()))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("f.csv line 4: has 3 fields, expected 2");
    }

    @Test
    void wrongFieldCountIsSkippedOrQuarantinedWithItsRawText() {
        for (String policy : List.of("skip", "quarantine")) {
            Reading r = read(Format.CSV, "a,b\n1,2\n3,\"x,y\",9\n4,5\n6\n", Map.of("on_error", policy));
            assertThat(r.rows).containsExactly(row("1", "2"), row("4", "5"));
            assertThat(r.recordNumbers).containsExactly(1L, 3L);
            assertThat(r.bad).containsExactly(
                    new BadRecord("f.csv", 3, 2, Optional.empty(), "has 3 fields, expected 2", "3,\"x,y\",9"),
                    BadRecord.inColumn("f.csv", 5, 4, "b", "has 1 field, expected 2", "6"));
        }
    }

    @Test
    void unterminatedQuoteIsReportedWithTheLineAndColumnWhereItOpens() {
        assertThatThrownBy(() -> read(Format.CSV, "a,b\n1,2\n3,\"open\n4,5\n", Map.of()))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("f.csv line 3 column \"b\": unterminated quoted field: the quote is not closed before the end of the file");
        Reading r = read(Format.CSV, "a,b\n1,2\n3,\"open\n4,5\n", Map.of("on_error", "skip"));
        assertThat(r.rows).containsExactly(row("1", "2"));
        assertThat(r.bad).extracting(BadRecord::line, BadRecord::recordNumber).containsExactly(org.assertj.core.groups.Tuple.tuple(3L, 2L));
    }

    @Test
    void characterAfterClosingQuoteFails() {
        assertThatThrownBy(() -> read(Format.CSV, "a,b\n1,\"x\"y\n", Map.of("on_error", "skip")))
                .isInstanceOf(SpateException.class)
                .hasMessage("f.csv line 2 column \"b\": unexpected character 'y' after the closing quote of a quoted field "
                        + "(a quote inside a quoted field must be doubled, or set escape:)");
    }

    @Test
    void invalidBytesInTheEncodingAreReportedWithLineAndColumn() {
        byte[] bad = concat("id,name\n1,ok\n2,caf".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE9},
                "\n3,fine\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> read(Format.CSV, bad, Map.of()))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("f.csv line 3 column \"name\": invalid UTF-8 bytes 0xE9 at byte offset 18 (encoding: UTF-8)");
        Reading r = read(Format.CSV, bad, Map.of("on_error", "quarantine"));
        assertThat(r.rows).containsExactly(row("1", "ok"), row("3", "fine"));
        assertThat(r.bad).singleElement().satisfies(b -> {
            assertThat(b.line()).isEqualTo(3);
            assertThat(b.rawText()).isEqualTo("2,caf\uFFFD");
        });
    }

    @Test
    void invalidBytesInTheHeaderFail() {
        byte[] bad = concat("id,n".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF}, "\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> read(Format.CSV, bad, Map.of("on_error", "skip")))
                .hasMessage("f.csv line 1: the header has invalid UTF-8 bytes 0xFF at byte offset 4; set encoding: to the file's encoding");
    }

    @Test
    void truncatedMultibyteSequenceAtTheEndIsReported() {
        byte[] bad = concat("a\nx".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xE2, (byte) 0x82});
        assertThatThrownBy(() -> read(Format.CSV, bad, Map.of()))
                .hasMessage("f.csv line 2 column \"a\": invalid UTF-8 bytes 0xE2 0x82 at byte offset 3 (encoding: UTF-8)");
    }

    @Test
    void emptyInputHasNoColumnsAndNoRecords() {
        Reading r = read(Format.CSV, "", Map.of());
        assertThat(r.columns).isEmpty();
        assertThat(r.rows).isEmpty();
        assertThat(read(Format.CSV, "", Map.of("select", List.of("a"))).rows).isEmpty();
    }

    @Test
    void anUnterminatedQuoteInTheHeaderFails() {
        assertThatThrownBy(() -> read(Format.CSV, "a,\"b\n1,2\n", Map.of("on_error", "skip")))
                .isInstanceOf(SpateException.class)
                .hasMessage("f.csv line 1: cannot read the header: Unclosed quoted field at end of input (record starting at line 1)");
    }

    @Test
    void badOptionsAreConfigErrors() {
        assertThatThrownBy(() -> read(Format.CSV, "a\n", Map.of("delimiter", ";;", "encoding", "klingon")))
                .isInstanceOf(SpateException.class)
                .hasMessage("invalid configuration:\n  - delimiter must be one character, got \";;\"\n"
                        + "  - encoding \"klingon\" is not a known character set (e.g. UTF-8, ISO-8859-1, windows-1252, UTF-16)");
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
