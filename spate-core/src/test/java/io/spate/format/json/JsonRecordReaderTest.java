package io.spate.format.json;

import static io.spate.format.Reading.read;
import static io.spate.format.Reading.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.format.BadRecord;
import io.spate.format.BadRecordException;
import io.spate.format.Format;
import io.spate.format.Reading;
import io.spate.sdk.SpateException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonRecordReaderTest {

    @Test
    void aSingleObjectIsOneRecord() {
        Reading r = read(Format.JSON, "{\"id\": 1, \"name\": \"Ann\", \"ok\": true, \"score\": 2.50, \"big\": 1e3, \"none\": null}", Map.of());
        assertThat(r.columns).containsExactly("id", "name", "ok", "score", "big", "none");
        assertThat(r.rows).containsExactly(row(1L, "Ann", true, new BigDecimal("2.50"), 1000.0, null));
        assertThat(r.lines).containsExactly(1L);
    }

    @Test
    void anArrayOfObjectsIsStreamedWithLinesAndGrowingColumns() {
        String json = "[\n  {\"id\": 1, \"a\": \"x\"},\n  {\"id\": 2, \"b\": [1, 2]},\n  {\"id\": 99999999999999999999}\n]\n";
        Reading r = read(Format.JSON, json, Map.of());
        assertThat(r.columns).containsExactly("id", "a", "b");
        assertThat(r.rows).containsExactly(row(1L, "x"), row(2L, null, "[1,2]"), row(new BigDecimal("99999999999999999999"), null, null));
        assertThat(r.lines).containsExactly(2L, 3L, 4L);
        assertThat(r.recordNumbers).containsExactly(1L, 2L, 3L);
    }

    @Test
    void nestedValuesAreJsonTextUnlessFlattened() {
        String json = "{\"id\": 1, \"addr\": {\"city\": \"Oslo\", \"geo\": {\"lat\": 59.9}}, \"tags\": [\"a\"]}";
        Reading nested = read(Format.JSON, json, Map.of());
        assertThat(nested.columns).containsExactly("id", "addr", "tags");
        assertThat(nested.rows).containsExactly(row(1L, "{\"city\":\"Oslo\",\"geo\":{\"lat\":59.9}}", "[\"a\"]"));
        Reading flat = read(Format.JSON, json, Map.of("flatten", true));
        assertThat(flat.columns).containsExactly("id", "addr.city", "addr.geo", "tags");
        assertThat(flat.rows).containsExactly(row(1L, "Oslo", "{\"lat\":59.9}", "[\"a\"]"));
    }

    @Test
    void jsonLinesSkipsBlankLinesAndNumbersPhysicalLines() {
        String jsonl = "{\"id\": 1}\n\n{\"id\": 2, \"s\": \"a\\nb\"}\r\n   \n{\"id\": 3}";
        Reading r = read(Format.JSONL, jsonl, Map.of());
        // a record's values are as wide as the columns known when it was read
        assertThat(r.rows).containsExactly(row(1L), row(2L, "a\nb"), row(3L, null));
        assertThat(r.lines).containsExactly(1L, 3L, 5L);
        assertThat(r.recordNumbers).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aMalformedLineIsABadRecordAndReadingGoesOn() {
        String jsonl = "{\"id\": 1}\n{\"id\": 2,,}\n[1]\n{\"id\": 4} x\n{\"id\": 5}\n";
        assertThatThrownBy(() -> read(Format.JSONL, jsonl, Map.of()))
                .isInstanceOf(BadRecordException.class)
                .hasMessageStartingWith("f.jsonl line 2: is not valid JSON at character 10: Unexpected character (',' (code 44))");
        Reading r = read(Format.JSONL, jsonl, Map.of("on_error", "quarantine"));
        assertThat(r.rows).containsExactly(row(1L), row(5L));
        assertThat(r.recordNumbers).containsExactly(1L, 5L);
        assertThat(r.bad).extracting(BadRecord::line, BadRecord::reason, BadRecord::rawText).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, r.bad.get(0).reason(), "{\"id\": 2,,}"),
                org.assertj.core.groups.Tuple.tuple(3L, "is not a JSON object (starts with an array)", "[1]"),
                org.assertj.core.groups.Tuple.tuple(4L, "is not valid JSON at character 11: Unrecognized token 'x': was expecting (JSON String, Number, "
                        + "Array, Object or token 'null', 'true' or 'false')", "{\"id\": 4} x"));
    }

    @Test
    void aSyntaxErrorInAJsonDocumentStopsWithItsPlace() {
        assertThatThrownBy(() -> read(Format.JSON, "[{\"id\": 1},\n {\"id\": }]", Map.of("on_error", "skip")))
                .isInstanceOf(SpateException.class)
                .hasMessageStartingWith("f.json line 2 character 9: invalid JSON: Unexpected character ('}' (code 125))");
    }

    @Test
    void arrayElementsThatAreNotObjectsAreBadRecords() {
        Reading r = read(Format.JSON, "[{\"id\": 1}, 7, {\"id\": 3}]", Map.of("on_error", "skip"));
        assertThat(r.rows).containsExactly(row(1L), row(3L));
        assertThat(r.bad).containsExactly(new BadRecord("f.json", 1, 2, Optional.empty(),
                "element 2 of the array is not a JSON object (7)", "7"));
    }

    @Test
    void rootObjectsOneAfterAnother() {
        Reading r = read(Format.JSON, "{\"a\": 1}\n{\"a\": 2}\n", Map.of());
        assertThat(r.rows).containsExactly(row(1L), row(2L));
    }

    @Test
    void selectKeepsOnlyTheNamedKeys() {
        Reading r = read(Format.JSONL, "{\"a\": 1, \"b\": {\"x\": 1}, \"c\": 3}\n", Map.of("select", List.of("c", "a")));
        assertThat(r.columns).containsExactly("c", "a");
        assertThat(r.rows).containsExactly(row(3L, 1L));
    }

    @Test
    void invalidUtf8IsABadRecordOfItsLine() {
        byte[] bytes = "{\"a\": \"ok\"}\n{\"a\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
        Reading r = read(Format.JSONL, bytes, Map.of("on_error", "skip"));
        assertThat(r.rows).containsExactly(row("ok"));
        assertThat(r.bad).singleElement().extracting(BadRecord::message)
                .isEqualTo("f.jsonl line 2: invalid UTF-8 bytes 0xE9 at byte offset 22 (encoding: UTF-8)");
    }

    @Test
    void aLargeArrayIsReadAsAStream() {
        InputStream huge = new InputStream() {
            private final byte[] element = "{\"id\": 12345, \"name\": \"some name\"},\n".getBytes(StandardCharsets.UTF_8);
            private long served;
            private int at;
            private final long elements = 300_000;
            private int phase; // 0: '[', 1: elements, 2: last element + ']', 3: done
            private byte[] tail = "{\"id\": 0}]".getBytes(StandardCharsets.UTF_8);

            @Override
            public int read() {
                switch (phase) {
                    case 0 -> {
                        phase = 1;
                        return '[';
                    }
                    case 1 -> {
                        int b = element[at++];
                        if (at == element.length) {
                            at = 0;
                            if (++served == elements) {
                                phase = 2;
                            }
                        }
                        return b;
                    }
                    case 2 -> {
                        int b = tail[at++];
                        if (at == tail.length) {
                            phase = 3;
                        }
                        return b;
                    }
                    default -> {
                        return -1;
                    }
                }
            }
        };
        long count = 0;
        try (var reader = io.spate.format.FormatReaders.open(Format.JSON, "big.json", huge, io.spate.format.FormatOptions.defaults(),
                io.spate.format.ErrorHandling.failFast())) {
            while (reader.next()) {
                count++;
            }
        }
        assertThat(count).isEqualTo(300_001);
    }

    @Test
    void flatAndNestedLinesMixedGiveTheSameValuesAsOneParserWould() {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            // lines 1-20 flat (the scanner), 21-40 nested (Jackson, the scanner given up after its misses), then flat again
            jsonl.append(i <= 20 ? "{\"id\": " + i + ", \"amount\": 1." + i + ", \"s\": \"x\\ty\"}\n"
                    : "{\"id\": " + i + ", \"tags\": [" + i + "], \"amount\": 2.5e1}\n");
        }
        jsonl.append("{\"s\": \"last\", \"new\": true, \"id\": 41}\n");
        Reading r = read(Format.JSONL, jsonl.toString(), Map.of());
        assertThat(r.columns).containsExactly("id", "amount", "s", "tags", "new");
        assertThat(r.rows).hasSize(41);
        assertThat(r.rows.get(0)).containsExactly(1L, new BigDecimal("1.1"), "x\ty");
        assertThat(r.rows.get(19)).containsExactly(20L, new BigDecimal("1.20"), "x\ty");
        assertThat(r.rows.get(20)).containsExactly(21L, 25.0, null, "[21]");
        assertThat(r.rows.get(40)).containsExactly(41L, null, "last", null, true);
    }

    @Test
    void aBadLineAmongFlatLinesIsReportedByJacksonWithItsPlace() {
        String jsonl = "{\"id\": 1, \"a\": \"x\"}\n{\"id\": 2, \"a\": 01}\n{\"id\": 3, \"a\": \"z\", \"b\": }\n{\"id\": 4, \"a\": \"w\"}\n";
        Reading r = read(Format.JSONL, jsonl, Map.of("on_error", "skip"));
        assertThat(r.rows).containsExactly(row(1L, "x"), row(4L, "w"));
        assertThat(r.columns).containsExactly("id", "a");
        assertThat(r.bad).extracting(BadRecord::line, BadRecord::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, "is not valid JSON at character 17: Invalid numeric value: Leading zeroes "
                        + "not allowed"),
                org.assertj.core.groups.Tuple.tuple(3L, "is not valid JSON at character 26: Unexpected character ('}' (code 125)):"
                        + " expected a value"));
    }

    @Test
    void selectReadsOnlyTheNamedKeysOfFlatLines() {
        Reading r = read(Format.JSONL, "{\"a\": 1, \"b\": 2, \"c\": 3}\n{\"c\": 30, \"b\": 20}\n", Map.of("select", List.of("c", "a")));
        assertThat(r.columns).containsExactly("c", "a");
        assertThat(r.rows).containsExactly(row(3L, 1L), row(30L, null));
    }

    static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
