package io.spate.format.write;

import io.spate.batch.ColumnVector;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The text of a value in text formats: decimals at their scale in plain notation, dates {@code 2026-01-31},
 * naive timestamps {@code 2026-01-31T12:00:00.123456} (ISO-8601, no offset), UTC timestamps with {@code Z},
 * booleans {@code true}/{@code false}, binary as base64, JSON as its text.
 */
final class ValueText {
    private ValueText() {
    }

    /** The text of a non-null value. */
    static String of(ColumnVector vector, int row) {
        return switch (vector.type().kind()) {
            case BOOLEAN -> vector.getLong(row) != 0 ? "true" : "false";
            case SHORT, INT, LONG -> Long.toString(vector.getLong(row));
            case DECIMAL -> decimal(vector, row).toPlainString();
            case FLOAT -> Float.toString((float) vector.getDouble(row));
            case DOUBLE -> Double.toString(vector.getDouble(row));
            case NAIVE_DATE -> LocalDate.ofEpochDay(vector.getLong(row)).toString();
            case NAIVE_DATETIME -> DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(ColumnVector.localDateTimeOfMicros(vector.getLong(row)));
            case UTC_DATETIME -> DateTimeFormatter.ISO_INSTANT.format(ColumnVector.instantOfMicros(vector.getLong(row)));
            case BINARY -> Base64.getEncoder().encodeToString((byte[]) vector.getObject(row));
            case STRING, JSON -> (String) vector.getObject(row);
        };
    }

    /** A DECIMAL value at the column's scale, whichever storage it has. */
    static BigDecimal decimal(ColumnVector vector, int row) {
        if (vector.storage() == ColumnVector.Storage.LONG) {
            return BigDecimal.valueOf(vector.getLong(row), vector.type().scale());
        }
        return ((BigDecimal) vector.getObject(row)).setScale(vector.type().scale());
    }
}
