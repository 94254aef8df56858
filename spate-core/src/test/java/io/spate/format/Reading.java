package io.spate.format;

import io.spate.sdk.Configuration;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Test helper: reads a whole input into rows ("line:values") and bad records. */
public final class Reading {
    public final List<String> columns;
    public final List<List<Object>> rows = new ArrayList<>();
    public final List<Long> lines = new ArrayList<>();
    public final List<Long> recordNumbers = new ArrayList<>();
    public final List<BadRecord> bad = new ArrayList<>();

    private Reading(List<String> columns) {
        this.columns = columns;
    }

    public static FormatOptions options(Map<String, ?> values) {
        return FormatOptions.from(Configuration.of(values));
    }

    public static Reading read(Format format, String text, Map<String, ?> options) {
        return read(format, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), options);
    }

    public static Reading read(Format format, byte[] bytes, Map<String, ?> options) {
        return read(format, new ByteArrayInputStream(bytes), options);
    }

    public static Reading read(Format format, InputStream in, Map<String, ?> options) {
        return readNamed(format, "f." + format.name().toLowerCase(), in, options);
    }

    public static Reading readNamed(Format format, String file, byte[] bytes, Map<String, ?> options) {
        return readNamed(format, file, new ByteArrayInputStream(bytes), options);
    }

    public static Reading readNamed(Format format, String file, InputStream in, Map<String, ?> options) {
        FormatOptions parsed = options(options);
        List<BadRecord> bad = new ArrayList<>();
        try (RecordReader reader = FormatReaders.open(format, file, in, parsed,
                ErrorHandling.of(parsed.onError(), bad::add))) {
            Reading result = new Reading(reader.columns());
            while (reader.next()) {
                result.rows.add(Arrays.asList(reader.values().clone()));
                result.lines.add(reader.lineNumber());
                result.recordNumbers.add(reader.recordNumber());
            }
            result.bad.addAll(bad);
            return result;
        }
    }

    public static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }
}
