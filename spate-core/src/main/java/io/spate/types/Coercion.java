package io.spate.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.spate.batch.ColumnVector;
import io.spate.sdk.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;

/**
 * Turns the Java values connectors send into the physical form of a column (see {@link ColumnVector}),
 * and says which type an undeclared value has. The one place type coercion lives; failures are
 * {@link CoercionException}s that the runtime completes with table, column and key.
 */
public final class Coercion {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Coercion() {
    }

    /** Appends {@code value} to {@code vector}, converted to the vector's type. */
    public static void append(ColumnVector vector, Object value) {
        if (value == null) {
            vector.appendNull();
            return;
        }
        if (value instanceof String text) {
            appendText(vector, text);
            return;
        }
        DataType type = vector.type();
        switch (type.kind()) {
            case BOOLEAN -> vector.appendLong(toBoolean(value) ? 1 : 0);
            case SHORT -> vector.appendLong(toIntegral(value, Short.MIN_VALUE, Short.MAX_VALUE, "SHORT"));
            case INT -> vector.appendLong(toIntegral(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "INT"));
            case LONG -> vector.appendLong(toIntegral(value, Long.MIN_VALUE, Long.MAX_VALUE, "LONG"));
            case DECIMAL -> appendDecimal(vector, value, type);
            case FLOAT, DOUBLE -> vector.appendDouble(toDouble(value));
            case NAIVE_DATE -> vector.appendLong(toDate(value).toEpochDay());
            case NAIVE_DATETIME -> vector.appendLong(toLocalDateTimeMicros(value));
            case UTC_DATETIME -> vector.appendLong(value instanceof String text ? TextValues.parseInstantMicros(text)
                    : ColumnVector.microsOf(toInstant(value)));
            case BINARY -> vector.appendObject(toBytes(value));
            case STRING -> vector.appendObject(toText(value));
            case JSON -> vector.appendObject(toJson(value));
        }
    }

    /**
     * Appends text (what CSV and other text formats give) to {@code vector}, parsed as the vector's type: the
     * same rules as {@link #append} for a String, without its checks for other Java types. The hot path of
     * text sources.
     */
    public static void appendText(ColumnVector vector, String text) {
        DataType type = vector.type();
        switch (type.kind()) {
            case BOOLEAN -> vector.appendLong(TextValues.parseBoolean(text) ? 1 : 0);
            case SHORT -> vector.appendLong(inRange(TextValues.parseLong(text), Short.MIN_VALUE, Short.MAX_VALUE, "SHORT"));
            case INT -> vector.appendLong(inRange(TextValues.parseLong(text), Integer.MIN_VALUE, Integer.MAX_VALUE, "INT"));
            case LONG -> vector.appendLong(TextValues.parseLong(text));
            case DECIMAL -> {
                if (vector.storage() == ColumnVector.Storage.LONG) {
                    vector.appendLong(TextValues.parseUnscaledDecimal(text, type.precision(), type.scale()));
                } else {
                    vector.appendObject(TextValues.parseDecimal(text, type.precision(), type.scale()));
                }
            }
            case FLOAT, DOUBLE -> vector.appendDouble(TextValues.parseDouble(text));
            case NAIVE_DATE -> vector.appendLong(TextValues.parseEpochDay(text));
            case NAIVE_DATETIME -> vector.appendLong(TextValues.parseLocalDateTimeMicros(text));
            case UTC_DATETIME -> vector.appendLong(TextValues.parseInstantMicros(text));
            case BINARY -> vector.appendObject(toBytes(text));
            case STRING -> vector.appendObject(text);
            case JSON -> vector.appendObject(toJson(text));
        }
    }

    private static long inRange(long value, long min, long max, String typeName) {
        if (value < min || value > max) {
            throw new CoercionException("is out of range for " + typeName);
        }
        return value;
    }

    /** The type an undeclared column gets from its first value (null says nothing: returns null). */
    public static DataType inferType(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean) {
            return DataType.BOOLEAN;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return DataType.INT;
        }
        if (value instanceof Long) {
            return DataType.LONG;
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? DataType.LONG : decimalFor(new BigDecimal(b));
        }
        if (value instanceof BigDecimal d) {
            return decimalFor(d);
        }
        if (value instanceof Float) {
            return DataType.FLOAT;
        }
        if (value instanceof Double) {
            return DataType.DOUBLE;
        }
        if (value instanceof LocalDate) {
            return DataType.NAIVE_DATE;
        }
        if (value instanceof LocalDateTime) {
            return DataType.NAIVE_DATETIME;
        }
        if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime
                || value instanceof java.util.Date) {
            return value instanceof java.sql.Date ? DataType.NAIVE_DATE : DataType.UTC_DATETIME;
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return DataType.BINARY;
        }
        if (value instanceof Map || value instanceof Collection || value instanceof Object[]) {
            return DataType.JSON;
        }
        return DataType.STRING;
    }

    /**
     * Room to grow, inside the 64-bit form where the value allows: at least {@value #INFERRED_INTEGER_DIGITS}
     * integer digits and at most {@value ColumnVector#MAX_LONG_DECIMAL_PRECISION} digits in all, so that amounts
     * with different scales (2.50, 10.125) still widen to a type that fits in a {@code long}: a wider DECIMAL
     * is carried as BigDecimal and loaded as text into 128-bit decimals, several times slower.
     */
    private static DataType decimalFor(BigDecimal d) {
        int scale = Math.max(d.scale(), 0);
        int integerDigits = Math.max(d.precision() - d.scale(), 1);
        if (scale + integerDigits > DataType.MAX_DECIMAL_PRECISION) {
            return DataType.STRING;
        }
        int longDigits = ColumnVector.MAX_LONG_DECIMAL_PRECISION;
        if (integerDigits + scale <= longDigits) {
            int wantedIntegerDigits = Math.min(Math.max(integerDigits, INFERRED_INTEGER_DIGITS), longDigits - scale);
            return DataType.decimal(wantedIntegerDigits + scale, scale);
        }
        int wantedIntegerDigits = Math.max(integerDigits, Math.min(18, DataType.MAX_DECIMAL_PRECISION - scale));
        return DataType.decimal(wantedIntegerDigits + scale, scale);
    }

    /** Integer digits an inferred decimal has room for at least, when its scale leaves them in 64 bits. */
    private static final int INFERRED_INTEGER_DIGITS = 14;

    public static boolean toBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            return TextValues.parseBoolean(s);
        }
        if (value instanceof Number n && (n.longValue() == 0 || n.longValue() == 1) && n.doubleValue() == n.longValue()) {
            return n.longValue() == 1;
        }
        throw new CoercionException("is not a boolean");
    }

    public static long toIntegral(Object value, long min, long max, String typeName) {
        long result;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            result = ((Number) value).longValue();
        } else if (value instanceof String s) {
            result = TextValues.parseLong(s);
        } else if (value instanceof BigDecimal || value instanceof BigInteger || value instanceof Double
                || value instanceof Float) {
            BigDecimal d = value instanceof BigDecimal bd ? bd
                    : value instanceof BigInteger bi ? new BigDecimal(bi) : BigDecimal.valueOf(((Number) value).doubleValue());
            try {
                result = d.longValueExact();
            } catch (ArithmeticException e) {
                throw new CoercionException("is not a whole number within the range of " + typeName);
            }
        } else if (value instanceof Boolean b) {
            result = b ? 1 : 0;
        } else {
            throw new CoercionException("is a " + value.getClass().getSimpleName() + ", not a number");
        }
        if (result < min || result > max) {
            throw new CoercionException("is out of range for " + typeName);
        }
        return result;
    }

    private static void appendDecimal(ColumnVector vector, Object value, DataType type) {
        if (vector.storage() == ColumnVector.Storage.LONG) {
            if (value instanceof String s) {
                vector.appendLong(TextValues.parseUnscaledDecimal(s, type.precision(), type.scale()));
                return;
            }
            if ((value instanceof Long || value instanceof Integer || value instanceof Short) && type.scale() == 0) {
                long v = ((Number) value).longValue();
                TextValues.fitDecimal(BigDecimal.valueOf(v), type.precision(), 0);
                vector.appendLong(v);
                return;
            }
            vector.appendLong(unscaledLong(TextValues.fitDecimal(toBigDecimal(value), type.precision(), type.scale())));
            return;
        }
        BigDecimal decimal = value instanceof String s ? TextValues.parseDecimal(s, type.precision(), type.scale())
                : TextValues.fitDecimal(toBigDecimal(value), type.precision(), type.scale());
        vector.appendObject(decimal);
    }

    /**
     * The unscaled value of a decimal of at most 18 digits. {@code unscaledValue()} would make a BigInteger
     * (and its int[]) per value: 1.2 GB for the 10.8 million JSON amounts of a benchmark.
     */
    private static long unscaledLong(BigDecimal fitted) {
        return fitted.scaleByPowerOfTen(fitted.scale()).longValueExact();
    }

    private static BigDecimal toBigDecimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new CoercionException("is not a finite number");
            }
            return BigDecimal.valueOf(d);
        }
        if (value instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw new CoercionException("is not a number");
            }
        }
        throw new CoercionException("is a " + value.getClass().getSimpleName() + ", not a number");
    }

    public static double toDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            return TextValues.parseDouble(s);
        }
        throw new CoercionException("is a " + value.getClass().getSimpleName() + ", not a number");
    }

    public static LocalDate toDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof String s) {
            return TextValues.parseDate(s);
        }
        if (value instanceof LocalDateTime dt && dt.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            return dt.toLocalDate();
        }
        throw new CoercionException("is a " + value.getClass().getSimpleName() + ", not a date");
    }

    private static long toLocalDateTimeMicros(Object value) {
        if (value instanceof LocalDateTime dt) {
            return ColumnVector.microsOf(dt);
        }
        if (value instanceof String s) {
            return TextValues.parseLocalDateTimeMicros(s);
        }
        if (value instanceof java.sql.Timestamp t) {
            return ColumnVector.microsOf(t.toLocalDateTime());
        }
        if (value instanceof LocalDate d) {
            return ColumnVector.microsOf(d.atStartOfDay());
        }
        throw new CoercionException("is a " + value.getClass().getSimpleName() + ", not a date-time");
    }

    public static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant();
        }
        if (value instanceof String s) {
            return TextValues.parseInstant(s);
        }
        if (value instanceof LocalDateTime dt) {
            return dt.toInstant(ZoneOffset.UTC);
        }
        throw new CoercionException("is a " + value.getClass().getSimpleName() + ", not a timestamp");
    }

    private static byte[] toBytes(Object value) {
        if (value instanceof byte[] b) {
            return b;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] copy = new byte[buffer.remaining()];
            buffer.duplicate().get(copy);
            return copy;
        }
        if (value instanceof String s) {
            try {
                return Base64.getDecoder().decode(s.trim());
            } catch (IllegalArgumentException e) {
                throw new CoercionException("is not base64 text");
            }
        }
        throw new CoercionException("is a " + value.getClass().getSimpleName() + ", not bytes");
    }

    /** The text of any value: numbers plainly, temporals in ISO-8601, bytes in base64, maps and lists as JSON. */
    public static String toText(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof byte[] b) {
            return Base64.getEncoder().encodeToString(b);
        }
        if (value instanceof Instant i) {
            return DateTimeFormatter.ISO_INSTANT.format(i);
        }
        if (value instanceof Map || value instanceof Collection || value instanceof Object[]) {
            return writeJson(value);
        }
        return value.toString();
    }

    private static String toJson(Object value) {
        if (value instanceof String s) {
            try {
                JSON.readTree(s);
            } catch (JsonProcessingException e) {
                throw new CoercionException("is not valid JSON (" + e.getOriginalMessage() + ")");
            }
            return s;
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return writeJson(value instanceof byte[] b ? Base64.getEncoder().encodeToString(b)
                : value instanceof java.time.temporal.Temporal ? value.toString() : value);
    }

    private static String writeJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CoercionException("cannot be written as JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** Re-encodes a whole vector to a wider type, converting each value; used when an inferred column widens. */
    public static ColumnVector widen(ColumnVector vector, DataType wider) {
        ColumnVector out = new ColumnVector(wider, vector.size());
        for (int i = 0; i < vector.size(); i++) {
            append(out, vector.getValue(i));
        }
        return out;
    }
}
