package io.spate.format.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.spate.format.AbstractRecordReader;
import io.spate.format.BadRecord;
import io.spate.format.ErrorHandling;
import io.spate.format.Format;
import io.spate.format.FormatOptions;
import io.spate.format.compress.CorruptInputException;
import io.spate.format.text.DecodedText;
import io.spate.format.text.LineInput;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * JSON objects as records, streamed with Jackson's parser, never loaded whole. {@link Format#JSON}: a
 * single object, an array of objects, or several root objects one after another. {@link Format#JSONL}:
 * one object per line, blank lines skipped; a line that is not a JSON object is a bad record and reading
 * goes on (in a JSON file a syntax error loses the place, so it stops the read).
 *
 * <p>Values: {@code Long} (integers that fit), {@code BigDecimal} (other integers and decimals without an
 * exponent), {@code Double} (numbers with an exponent), {@code Boolean}, {@code String}, null; nested
 * objects and arrays as their JSON text ({@link #isNested} tells which), or with {@code flatten: true}
 * nested objects become columns {@code parent.child} (one level; deeper values stay JSON text).
 *
 * <p>Columns are the keys in order of first appearance: {@link #columns()} starts with the columns given at
 * open (from inference, or {@code select}) and, without {@code select}, grows when a record has a key not
 * seen before, so no value is dropped silently; callers compare its size after {@link #next()}.
 *
 * <p>A JSON Lines line that is a flat object (scalar values only) is read by {@link FlatLineScanner} without a
 * parser per line; every other line, and every line with an error, is read by Jackson, which words the message.
 */
public final class JsonRecordReader extends AbstractRecordReader {
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int MAX_SCANNER_MISSES = 16;

    private final String file;
    private final Format format;
    private final boolean flatten;
    private final ErrorHandling errors;
    private final DecodedText text;
    private final LineInput lines;
    private final JsonParser documentParser;
    private final Set<String> selected;
    private final List<String> columns = new ArrayList<>();
    private final List<String> columnsView = Collections.unmodifiableList(columns);
    private final Map<String, Integer> indexes = new HashMap<>();
    private final BitSet nested = new BitSet();
    private final StringWriter nestedText = new StringWriter(64);
    private JsonGenerator nestedWriter;
    private final FlatLineScanner scanner;
    private int scannerHits;
    private int scannerMisses;
    private boolean inArray;
    private long arrayElement;

    private JsonRecordReader(String file, InputStream input, Format format, FormatOptions options, List<String> knownColumns,
            ErrorHandling errors) {
        this.file = file;
        this.format = format;
        this.flatten = options.flatten();
        this.errors = errors;
        this.text = DecodedText.open(input, options.encoding());
        this.selected = options.select().isEmpty() ? null : new LinkedHashSet<>(options.select());
        (selected != null ? options.select() : knownColumns).forEach(this::columnIndex);
        this.values = new Object[columns.size()];
        if (format == Format.JSONL) {
            this.lines = new LineInput(text);
            this.documentParser = null;
            this.scanner = new FlatLineScanner(key -> selected != null && !selected.contains(key) ? -1 : columnIndex(key));
        } else {
            this.lines = null;
            this.scanner = null;
            try {
                this.documentParser = JSON.createParser(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Opens a JSON or JSONL reader over a decompressed stream.
     *
     * @param knownColumns columns to start with (e.g. the inferred ones), so their order is stable; may be empty
     */
    public static JsonRecordReader open(String file, InputStream input, Format format, FormatOptions options,
            List<String> knownColumns, ErrorHandling errors) {
        return new JsonRecordReader(file, input, format, options, knownColumns, errors);
    }

    @Override
    public List<String> columns() {
        return columnsView;
    }

    /** True when value {@code index} of the current record is nested JSON text (an object or an array). */
    public boolean isNested(int index) {
        return nested.get(index);
    }

    @Override
    public boolean next() {
        try {
            return format == Format.JSONL ? nextLine() : nextInDocument();
        } catch (CorruptInputException e) {
            throw e.atLine(Math.max(lineNumber, 1));
        }
    }

    private boolean nextLine() {
        while (lines.next()) {
            if (isBlank(lines.chars(), lines.offset(), lines.length())) {
                continue;
            }
            recordNumber++;
            lineNumber = lines.lineNumber();
            Optional<BadRecord> bad = parseLine();
            if (bad.isEmpty()) {
                return true;
            }
            errors.handle(bad.get());
        }
        text.failOnUnplacedInvalid(file, "outside the records");
        return false;
    }

    private Optional<BadRecord> parseLine() {
        if (lines.hasInvalid()) {
            return Optional.of(badRecord(Optional.empty(), text.takeInvalid().map(DecodedText.InvalidBytes::describe)
                    .orElse("invalid bytes") + " (encoding: " + text.charset().name() + ")"));
        }
        if (scanned()) {
            return Optional.empty();
        }
        try (JsonParser parser = JSON.createParser(lines.chars(), lines.offset(), lines.length())) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                return Optional.of(badRecord(Optional.empty(), "is not a JSON object (starts with " + describe(first, parser) + ")"));
            }
            readObject(parser);
            JsonToken after = parser.nextToken();
            if (after != null) {
                return Optional.of(badRecord(Optional.empty(), "has text after the JSON object at character "
                        + parser.currentTokenLocation().getColumnNr()));
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return Optional.of(badRecord(Optional.empty(), "is not valid JSON"
                    + (at != null ? " at character " + at.getColumnNr() : "") + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the line with the {@link FlatLineScanner} when it is a flat object; false leaves it to Jackson. A
     * file whose lines the scanner mostly declines (nested values) stops trying it.
     */
    private boolean scanned() {
        if (scannerMisses > MAX_SCANNER_MISSES && scannerMisses > scannerHits) {
            return false;
        }
        if (!scanner.scan(lines.chars(), lines.offset(), lines.length())) {
            scannerMisses++;
            return false;
        }
        scannerHits++;
        Arrays.fill(values, null);
        nested.clear();
        for (int f = 0; f < scanner.fields(); f++) {
            int index = scanner.column(f);
            if (index < 0) {
                continue;
            }
            if (index >= values.length) {
                values = Arrays.copyOf(values, columns.size());
            }
            values[index] = scanner.value(f);
        }
        return true;
    }

    private BadRecord badRecord(Optional<String> column, String reason) {
        String raw = lines != null ? lines.text() : "";
        return new BadRecord(file, lineNumber, recordNumber, column, reason, raw.replace(DecodedText.INVALID, '\uFFFD'));
    }

    private boolean nextInDocument() {
        JsonParser parser = documentParser;
        try {
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    text.failOnUnplacedInvalid(file, "outside the records");
                    return false;
                }
                if (!inArray && token == JsonToken.START_ARRAY) {
                    inArray = true;
                    arrayElement = 0;
                    continue;
                }
                if (inArray && token == JsonToken.END_ARRAY) {
                    inArray = false;
                    continue;
                }
                arrayElement++;
                recordNumber++;
                lineNumber = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT) {
                    String what = describe(token, parser);
                    parser.skipChildren();
                    errors.handle(new BadRecord(file, lineNumber, recordNumber, Optional.empty(), (inArray
                            ? "element " + arrayElement + " of the array" : "the value") + " is not a JSON object (" + what + ")", what));
                    continue;
                }
                readObject(parser);
                Optional<String> column = text.invalidPending() ? columnWithInvalid() : Optional.empty();
                if (column.isPresent()) {
                    errors.handle(new BadRecord(file, lineNumber, recordNumber, column, text.takeInvalid()
                            .map(DecodedText.InvalidBytes::describe).orElse("invalid bytes") + " (encoding: "
                            + text.charset().name() + ")", ""));
                    continue;
                }
                return true;
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw SpateException.data(file + (at != null ? " line " + at.getLineNr() + " character " + at.getColumnNr() : "")
                    + ": invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<String> columnWithInvalid() {
        for (int i = 0; i < values.length; i++) {
            if (values[i] instanceof String s && s.indexOf(DecodedText.INVALID) >= 0) {
                return Optional.of(columns.get(i));
            }
        }
        return Optional.empty();
    }

    private void readObject(JsonParser parser) throws IOException {
        Arrays.fill(values, null);
        nested.clear();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (flatten && token == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String child = name + "." + parser.currentName();
                    JsonToken childToken = parser.nextToken();
                    setOrSkip(child, childToken, parser);
                }
                continue;
            }
            setOrSkip(name, token, parser);
        }
    }

    private void setOrSkip(String name, JsonToken token, JsonParser parser) throws IOException {
        if (selected != null && !selected.contains(name)) {
            parser.skipChildren();
            return;
        }
        int index = columnIndex(name);
        if (index >= values.length) {
            values = Arrays.copyOf(values, columns.size());
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            values[index] = jsonText(parser);
            nested.set(index);
        } else {
            values[index] = scalar(token, parser);
            nested.clear(index);
        }
    }

    private int columnIndex(String name) {
        Integer index = indexes.get(name);
        if (index == null) {
            index = columns.size();
            indexes.put(name, index);
            columns.add(name);
        }
        return index;
    }

    private static Object scalar(JsonToken token, JsonParser parser) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? new BigDecimal(parser.getBigIntegerValue()) : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> hasExponent(parser) ? (Object) parser.getDoubleValue() : parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        };
    }

    private static boolean hasExponent(JsonParser parser) throws IOException {
        char[] chars = parser.getTextCharacters();
        int end = parser.getTextOffset() + parser.getTextLength();
        for (int i = parser.getTextOffset(); i < end; i++) {
            if (chars[i] == 'e' || chars[i] == 'E') {
                return true;
            }
        }
        return false;
    }

    /** The JSON text of the value at the parser, written by one reused generator. */
    private String jsonText(JsonParser parser) throws IOException {
        if (nestedWriter == null) {
            nestedWriter = JSON.createGenerator(nestedText);
            nestedWriter.setRootValueSeparator(null);
        }
        nestedText.getBuffer().setLength(0);
        nestedWriter.copyCurrentStructure(parser);
        nestedWriter.flush();
        return nestedText.toString();
    }

    private static String describe(JsonToken token, JsonParser parser) throws IOException {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "the string \"" + parser.getText() + "\"";
            default -> parser.getText();
        };
    }

    private static boolean isBlank(char[] chars, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (!Character.isWhitespace(chars[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return text.bytesConsumed();
    }

    @Override
    public void close() {
        try {
            if (documentParser != null) {
                documentParser.close();
            }
            if (nestedWriter != null) {
                nestedWriter.close();
            }
            text.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
