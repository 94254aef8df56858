package io.spate.filter;

import io.spate.sdk.DataType;
import io.spate.types.CoercionException;
import io.spate.types.TextValues;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The values a reader could make of a hive partition text: the text itself, and what it parses as with
 * {@link TextValues} (a reader may declare or infer the column as a number, boolean, date or timestamp).
 * Pruning decides only where all of them agree, so it never depends on how the reader types the column.
 */
final class PartitionText {
    private PartitionText() {
    }

    static List<Object> readings(String text) {
        List<Object> readings = new ArrayList<>(4);
        readings.add(text);
        int scale = TextChecks.plainDecimalScale(text);
        if (scale >= 0) {
            addNumbers(text, scale, readings);
        } else {
            DataType inferred = TextValues.inferType(text);
            if (inferred != null && inferred.kind() == DataType.Kind.DOUBLE) {
                readings.add(TextValues.parseDouble(text));
            }
            addIfParses(() -> TextValues.parseBoolean(text), readings);
            addTemporals(text.trim(), readings);
        }
        return readings;
    }

    private static void addNumbers(String text, int scale, List<Object> readings) {
        if (scale == 0) {
            addIfParses(() -> TextValues.parseLong(text), readings);
        }
        addIfParses(() -> TextValues.parseDecimal(text, Math.max(DataType.MAX_DECIMAL_PRECISION, scale), scale), readings);
        readings.add(TextValues.parseDouble(text));
    }

    private static void addTemporals(String text, List<Object> readings) {
        if (text.length() < 10 || text.charAt(4) != '-') {
            return;
        }
        if (text.length() == 10) {
            try {
                LocalDate date = TextValues.parseDate(text);
                readings.add(date);
                readings.add(date.atStartOfDay());
            } catch (CoercionException e) {
                // not a date
            }
        } else if (TextValues.hasOffset(text)) {
            addIfParses(() -> TextValues.parseInstant(text), readings);
        } else {
            addIfParses(() -> TextValues.parseLocalDateTime(text), readings);
        }
    }

    private interface Parse {
        Object value();
    }

    private static void addIfParses(Parse parse, List<Object> readings) {
        try {
            readings.add(parse.value());
        } catch (CoercionException | java.time.DateTimeException e) {
            // the text is not of this type, so no reader makes such a value of it
        }
    }
}
