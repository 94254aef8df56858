package io.spate.format.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * White-box tests of the JSONL fast path against Jackson itself: a line the scanner accepts must give
 * Jackson's keys and values, and a line Jackson rejects must be declined.
 */
class FlatLineScannerTest {
    private static final JsonFactory JSON = new JsonFactory();

    private final List<String> keys = new ArrayList<>();
    private final FlatLineScanner scanner = new FlatLineScanner(key -> {
        int index = keys.indexOf(key);
        if (index < 0) {
            keys.add(key);
            index = keys.size() - 1;
        }
        return index;
    });

    @Test
    void flatObjectsGiveJacksonsValues() {
        List<String> lines = List.of(
                "{\"order_id\":1,\"amount\":59624.88,\"ts\":\"2023-01-01 00:00:03\",\"ok\":false,\"note\":null}",
                "{}", " { } ", "\t{\"a\" : 1 , \"b\":\t\"x\" }\t",
                "{\"i\":0,\"n\":-0,\"m\":-12,\"big\":999999999999999999,\"neg\":-999999999999999999}",
                "{\"d\":0.5,\"e\":-0.0,\"f\":1.250,\"g\":1e3,\"h\":-2.5E-3,\"k\":7e+2,\"l\":0E0}",
                "{\"s\":\"\",\"t\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\",\"u\":\"\\u00e9\\u20AC\\ud83d\\ude00\",\"v\":\"caf\u00e9 \u2028\"}",
                "{\"dup\":1,\"dup\":\"two\"}", "{\"t\":true,\"f\":false,\"n\":null}");
        for (String line : lines) {
            assertThat(scan(line)).as(line).isEqualTo(Optional.of(jackson(line).orElseThrow()));
        }
    }

    @Test
    void linesJacksonRejectsAreDeclined() {
        List<String> lines = List.of("", "[1]", "1", "\"x\"", "{", "{\"a\":1", "{\"a\":1,}", "{,}", "{\"a\" 1}", "{\"a\":}",
                "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":+1}", "{\"a\":1e}", "{\"a\":1e+}", "{\"a\":1x}",
                "{\"a\":tru}", "{\"a\":truex}", "{\"a\":nul}", "{\"a\":NaN}", "{\"a\":'x'}", "{a:1}", "{\"a\":\"x}",
                "{\"a\":\"tab\there\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":\"\\u12\"}", "{\"a\":1} x", "{\"a\":1}}",
                "{\"a\":1 2}", "{\"a\":\"x\" \"y\"}", "{\"a\":1]", "{\"a\":[1}", "{\"a\":1}\u00a0");
        for (String line : lines) {
            assertThat(jackson(line)).as("Jackson reads " + line).isEmpty();
            assertThat(scanner.scan(line.toCharArray(), 0, line.length())).as(line).isFalse();
        }
    }

    @Test
    void nestedValuesEscapedKeysAndLongIntegersAreLeftToJackson() {
        for (String line : List.of("{\"a\":{\"b\":1}}", "{\"a\":[1,2]}", "{\"a\\u0041\":1}", "{\"a\":1234567890123456789}",
                "{\"a\":-9223372036854775808}")) {
            assertThat(jackson(line)).as("Jackson reads " + line).isPresent();
            assertThat(scanner.scan(line.toCharArray(), 0, line.length())).as(line).isFalse();
        }
    }

    @Test
    void aDeclinedLineAddsNoColumn() {
        String bad = "{\"a\":1,\"new\":2,\"bad\":}";
        assertThat(scanner.scan(bad.toCharArray(), 0, bad.length())).isFalse();
        assertThat(keys).isEmpty();
        assertThat(scan("{\"b\":1,\"a\":2}")).contains(ordered("b", 1L, "a", 2L));
        assertThat(keys).containsExactly("b", "a");
    }

    @Test
    void keysInAnotherOrderThanTheLineBeforeFindTheirColumns() {
        scan("{\"a\":1,\"b\":2,\"c\":3}");
        assertThat(scan("{\"c\":30,\"a\":10,\"d\":40}")).contains(ordered("c", 30L, "a", 10L, "d", 40L));
        assertThat(scan("{\"a\":100}")).contains(ordered("a", 100L));
        assertThat(keys).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aSliceOfALongerBufferIsScannedAlone() {
        char[] buffer = "xx{\"a\":12}{\"b\":3}".toCharArray();
        assertThat(scanner.scan(buffer, 2, 8)).isTrue();
        assertThat(scanner.value(0)).isEqualTo(12L);
        assertThat(scanner.scan(buffer, 2, 7)).isFalse();
    }

    @Test
    void randomFlatLinesAgreeWithJackson() {
        Random random = new Random(42);
        String[] pieces = {"0", "-", "1", "9", ".", "e", "E", "+", "5", "\"", "\\", "u", "n", "t", "f", "a", " ", ",", ":", "}",
                "{", "true", "false", "null", "\\n", "\\u00e9", "\u00e9", "\t", "x"};
        int accepted = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder("{");
            int fields = random.nextInt(4);
            for (int f = 0; f < fields; f++) {
                line.append(f > 0 ? "," : "").append("\"k").append(random.nextInt(5)).append("\":");
                if (random.nextInt(3) == 0) {
                    for (int p = random.nextInt(4) + 1; p > 0; p--) {
                        line.append(pieces[random.nextInt(pieces.length)]);
                    }
                } else {
                    line.append(validValue(random));
                }
            }
            line.append(random.nextInt(20) == 0 ? pieces[random.nextInt(pieces.length)] : "}");
            String text = line.toString();
            Optional<List<List<Object>>> expected = jackson(text);
            Optional<List<List<Object>>> actual = scan(text);
            if (actual.isPresent()) {
                accepted++;
                assertThat(actual).as(text).isEqualTo(expected);
            } else if (expected.isEmpty()) {
                assertThat(actual).as(text).isEmpty();
            }
        }
        assertThat(accepted).isGreaterThan(5_000);
    }

    private static String validValue(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> String.valueOf(random.nextLong() >> random.nextInt(64));
            case 1 -> BigDecimal.valueOf(random.nextInt(), random.nextInt(6)).toPlainString();
            case 2 -> String.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
            case 3 -> "\"v" + random.nextInt(100) + (random.nextBoolean() ? "\\t\\\"" : "") + "\"";
            case 4 -> random.nextBoolean() ? "true" : "false";
            case 5 -> "null";
            default -> "\"\"";
        };
    }

    /** The (key, value) pairs the scanner gives for a line, in order; empty when it declines the line. */
    private Optional<List<List<Object>>> scan(String line) {
        if (!scanner.scan(line.toCharArray(), 0, line.length())) {
            return Optional.empty();
        }
        List<List<Object>> fields = new ArrayList<>();
        for (int f = 0; f < scanner.fields(); f++) {
            fields.add(java.util.Arrays.asList(keys.get(scanner.column(f)), scanner.value(f)));
        }
        return Optional.of(fields);
    }

    /** The (key, value) pairs JsonRecordReader's Jackson path reads from a line; empty when Jackson rejects it. */
    private static Optional<List<List<Object>>> jackson(String line) {
        try (JsonParser parser = JSON.createParser(line.toCharArray(), 0, line.length())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            List<List<Object>> fields = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                Object value = switch (token) {
                    case VALUE_STRING -> parser.getText();
                    case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            ? new BigDecimal(parser.getBigIntegerValue()) : (Object) parser.getLongValue();
                    case VALUE_NUMBER_FLOAT -> parser.getText().matches(".*[eE].*") ? (Object) parser.getDoubleValue()
                            : parser.getDecimalValue();
                    case VALUE_TRUE -> Boolean.TRUE;
                    case VALUE_FALSE -> Boolean.FALSE;
                    case START_OBJECT, START_ARRAY -> {
                        parser.skipChildren();
                        yield "nested";
                    }
                    default -> null;
                };
                fields.add(java.util.Arrays.asList(name, value));
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return Optional.empty();
            }
            return Optional.of(fields);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<List<Object>> ordered(Object... keysAndValues) {
        List<List<Object>> fields = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.add(List.of(keysAndValues[i], keysAndValues[i + 1]));
        }
        return fields;
    }
}
