package io.spate.format.text;

import static io.spate.format.Reading.read;
import static io.spate.format.Reading.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.format.BadRecordException;
import io.spate.format.Format;
import io.spate.format.Reading;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextLineReaderTest {

    @Test
    void oneRecordPerLineInTheColumnLine() {
        Reading r = read(Format.TXT, "first, with comma\r\n\"quoted\"\n\nlast", Map.of());
        assertThat(r.columns).containsExactly("line");
        assertThat(r.rows).containsExactly(row("first, with comma"), row("\"quoted\""), row(""), row("last"));
        assertThat(r.lines).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void skipRowsSkipsLinesAndRecordsCountFromOne() {
        Reading r = read(Format.TXT, "header\nx\ny\n", Map.of("skip_rows", 1));
        assertThat(r.rows).containsExactly(row("x"), row("y"));
        assertThat(r.lines).containsExactly(2L, 3L);
        assertThat(r.recordNumbers).containsExactly(1L, 2L);
    }

    @Test
    void invalidBytesAreReportedWithTheirLine() {
        byte[] bytes = "ok\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> read(Format.TXT, bytes, Map.of()))
                .isInstanceOf(BadRecordException.class)
                .hasMessage("f.txt line 2 column \"line\": invalid UTF-8 bytes 0xE9 at byte offset 6 (encoding: UTF-8)");
        assertThat(read(Format.TXT, bytes, Map.of("encoding", "latin1")).rows).containsExactly(row("ok"), row("café"));
    }
}
