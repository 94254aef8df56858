package io.spate.lake;

import io.spate.batch.ColumnVector;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Column vectors the lake makes: constants, all-null columns, and a batch's column brought to a file's wider type. */
final class Vectors {
    private Vectors() {
    }

    static ColumnVector nulls(DataType type, int rows) {
        ColumnVector vector = new ColumnVector(type, rows);
        for (int i = 0; i < rows; i++) {
            vector.appendNull();
        }
        return vector;
    }

    static ColumnVector constantLong(DataType type, long value, int rows) {
        ColumnVector vector = new ColumnVector(type, rows);
        for (int i = 0; i < rows; i++) {
            vector.appendLong(value);
        }
        return vector;
    }

    /**
     * {@code vector} as a vector of {@code target}: itself when the types are equal, else converted, for a
     * batch sealed before its table's columns were widened (integers to wider integers, decimals to a wider
     * decimal or to floating point, dates to timestamps, anything to text).
     */
    static ColumnVector conform(ColumnVector vector, DataType target, String where) {
        if (vector.type().equals(target)) {
            return vector;
        }
        int rows = vector.size();
        ColumnVector out = new ColumnVector(target, rows);
        for (int row = 0; row < rows; row++) {
            if (vector.isNull(row)) {
                out.appendNull();
                continue;
            }
            Object value = vector.getValue(row);
            switch (target.kind()) {
                case STRING, JSON -> out.appendObject(text(value));
                case SHORT, INT, LONG -> out.appendLong(integer(value, vector, target, where));
                case FLOAT, DOUBLE -> out.appendDouble(number(value, vector, target, where).doubleValue());
                case DECIMAL -> {
                    BigDecimal decimal = new BigDecimal(number(value, vector, target, where).toString()).setScale(target.scale());
                    if (out.storage() == ColumnVector.Storage.LONG) {
                        out.appendLong(decimal.unscaledValue().longValueExact());
                    } else {
                        out.appendObject(decimal);
                    }
                }
                case NAIVE_DATETIME -> {
                    if (!(value instanceof LocalDate date)) {
                        throw cannot(vector, target, where);
                    }
                    out.appendLong(ColumnVector.microsOf(date.atStartOfDay()));
                }
                default -> throw cannot(vector, target, where);
            }
        }
        return out;
    }

    /** The text of a value as text columns and partition directories show it. */
    static String text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        if (value instanceof LocalDateTime dateTime) {
            return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(dateTime.atOffset(ZoneOffset.UTC).toLocalDateTime());
        }
        if (value instanceof byte[] bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        return String.valueOf(value);
    }

    private static long integer(Object value, ColumnVector vector, DataType target, String where) {
        if (value instanceof Number n && !(value instanceof BigDecimal) && !(value instanceof Double) && !(value instanceof Float)) {
            return n.longValue();
        }
        throw cannot(vector, target, where);
    }

    private static Number number(Object value, ColumnVector vector, DataType target, String where) {
        if (value instanceof Number n) {
            return n;
        }
        throw cannot(vector, target, where);
    }

    private static SpateException cannot(ColumnVector vector, DataType target, String where) {
        return SpateException.unsupported(where + ": values of type " + vector.type() + " cannot be written into a file column of type "
                + target);
    }
}
