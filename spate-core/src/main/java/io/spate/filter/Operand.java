package io.spate.filter;

import io.spate.sdk.DataType;
import io.spate.types.CoercionException;
import io.spate.types.TextValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * A literal compiled for comparing values against it. {@link #compare} says whether a non-null value is
 * below, equal to or above the literal (negative, zero, positive), comparing as the literal's type: text
 * values are parsed as that type (with {@link TextValues}); a typed value of another kind is compared with a
 * text literal read as the value's kind. Timestamps without an offset are taken as UTC when compared with
 * instants; a date equals the midnight that starts it. Simple comparisons allocate nothing.
 */
sealed interface Operand {
    /** The comparison result when the value counts as null (blank text against a typed literal): unknown. */
    int UNKNOWN_ORDER = Integer.MIN_VALUE;

    /** Compares a non-null value; throws {@link ComparisonException} when it cannot be compared. */
    int compare(Object value);

    static Operand of(Literal literal) {
        if (literal instanceof Literal.IntegerLiteral l) {
            return new NumberOperand(BigDecimal.valueOf(l.value()), literal.render());
        }
        if (literal instanceof Literal.DecimalLiteral l) {
            return new NumberOperand(l.value(), literal.render());
        }
        if (literal instanceof Literal.StringLiteral l) {
            return new StringOperand(l.value());
        }
        if (literal instanceof Literal.BooleanLiteral l) {
            return new BooleanOperand(l.value());
        }
        if (literal instanceof Literal.DateLiteral l) {
            return TemporalOperand.ofDate(l.value(), literal.render());
        }
        if (literal instanceof Literal.TimestampLiteral l) {
            return new TemporalOperand(false, 0, l.value().toEpochSecond(ZoneOffset.UTC), l.value().getNano(), literal.render());
        }
        if (literal instanceof Literal.InstantLiteral l) {
            return new TemporalOperand(false, 0, l.value().getEpochSecond(), l.value().getNano(), literal.render());
        }
        return new NullOperand();
    }

    private static ComparisonException mismatch(Object value, String literal) {
        return ComparisonException.mismatch("is " + describe(value) + " and cannot be compared with " + literal);
    }

    private static String describe(Object value) {
        if (value instanceof Number) {
            return "a number (" + value + ")";
        }
        if (value instanceof Boolean) {
            return "a boolean (" + value + ")";
        }
        if (value instanceof LocalDate) {
            return "a date (" + value + ")";
        }
        if (isTemporal(value)) {
            return "a timestamp (" + value + ")";
        }
        return "a " + value.getClass().getSimpleName();
    }

    /** Whether the value is a date or timestamp of a type the runtime accepts (see io.spate.types.Coercion). */
    private static boolean isTemporal(Object value) {
        return value instanceof LocalDate || value instanceof LocalDateTime || value instanceof Instant
                || value instanceof OffsetDateTime || value instanceof ZonedDateTime || value instanceof java.util.Date;
    }

    /** The number a text holds, exactly when it is a plain decimal, or null when it is none. */
    private static BigDecimal parseNumberOrNull(String text) {
        int scale = TextChecks.plainDecimalScale(text);
        if (scale < 0) {
            return null;
        }
        try {
            return TextValues.parseDecimal(text, Math.max(DataType.MAX_DECIMAL_PRECISION, scale), scale);
        } catch (CoercionException e) {
            return null; // more digits than any DECIMAL holds: not a number we compare exactly
        }
    }

    /** A number literal: compares integers, decimals, floating point and numeric text exactly. */
    final class NumberOperand implements Operand {
        private final BigDecimal decimal;
        private final String shown;
        private final boolean integral;
        private final boolean floorFitsLong;
        private final long floor;
        private final double doubleValue;
        private final float floatValue;
        /** The literal as unscaled digits at {@link #scale}, when they fit a long and the scale is 0..18. */
        private final boolean unscaledFits;
        private final long unscaled;
        private final int scale;

        NumberOperand(BigDecimal decimal, String shown) {
            this.decimal = decimal;
            this.shown = shown;
            this.integral = decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
            BigDecimal floorValue = decimal.setScale(0, RoundingMode.FLOOR);
            this.floorFitsLong = floorValue.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
                    && floorValue.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
            this.floor = floorFitsLong ? floorValue.longValueExact() : 0;
            this.doubleValue = decimal.doubleValue();
            this.floatValue = decimal.floatValue();
            this.unscaledFits = decimal.scale() >= 0 && decimal.scale() <= 18 && decimal.unscaledValue().bitLength() < 64;
            this.unscaled = unscaledFits ? decimal.unscaledValue().longValue() : 0;
            this.scale = decimal.scale();
        }

        @Override
        public int compare(Object value) {
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return compareLong(((Number) value).longValue());
            }
            if (value instanceof BigDecimal d) {
                return d.compareTo(decimal);
            }
            if (value instanceof Double d) {
                return compareDouble(d);
            }
            if (value instanceof Float f) {
                return compareFloat(f);
            }
            if (value instanceof CharSequence text) {
                return compareText(text);
            }
            if (value instanceof BigInteger b) {
                return new BigDecimal(b).compareTo(decimal);
            }
            throw mismatch(value, shown);
        }

        int compareLong(long value) {
            if (!floorFitsLong) {
                return -decimal.signum();
            }
            if (value != floor) {
                return value < floor ? -1 : 1;
            }
            return integral ? 0 : -1; // floor < literal < floor + 1
        }

        private int compareDouble(double value) {
            if (Double.isNaN(value)) {
                return 1; // NaN sorts above every number, as in PostgreSQL
            }
            if (integral && floorFitsLong) {
                return compareDoubleToLong(value, floor);
            }
            return value < doubleValue ? -1 : value > doubleValue ? 1 : 0;
        }

        private int compareFloat(float value) {
            if (Float.isNaN(value)) {
                return 1;
            }
            // in float precision, so that 0.1f equals the literal 0.1
            return value < floatValue ? -1 : value > floatValue ? 1 : 0;
        }

        private static int compareDoubleToLong(double value, long literal) {
            if (value < -0x1p63) {
                return -1;
            }
            if (value >= 0x1p63) {
                return 1;
            }
            long whole = (long) value;
            if (whole != literal) {
                return whole < literal ? -1 : 1;
            }
            double fraction = value - whole;
            return fraction > 0 ? 1 : fraction < 0 ? -1 : 0;
        }

        /** Compares a decimal given as unscaled digits at a scale, or UNKNOWN_ORDER when rescaling overflows. */
        private int compareUnscaled(long value, int valueScale) {
            int common = Math.max(valueScale, scale);
            long left = value, right = unscaled;
            for (int i = valueScale; i < common; i++) {
                if (Math.abs(left) > Long.MAX_VALUE / 10) {
                    return UNKNOWN_ORDER;
                }
                left *= 10;
            }
            for (int i = scale; i < common; i++) {
                if (Math.abs(right) > Long.MAX_VALUE / 10) {
                    return UNKNOWN_ORDER;
                }
                right *= 10;
            }
            return Long.compare(left, right);
        }

        private int compareText(CharSequence text) {
            int scale = TextChecks.plainDecimalScale(text);
            if (scale >= 0 && text.length() <= 19) { // at most 18 digits: fits a long, parsed without allocating
                int order = compareShortDecimalText(text, scale);
                if (order != UNKNOWN_ORDER) {
                    return order;
                }
            }
            if (scale >= 0) {
                BigDecimal parsed = parseNumberOrNull(text.toString());
                if (parsed != null) {
                    return parsed.compareTo(decimal);
                }
            }
            if (TextChecks.isBlank(text)) {
                return UNKNOWN_ORDER;
            }
            try {
                return compareDouble(TextValues.parseDouble(text.toString()));
            } catch (CoercionException e) {
                throw ComparisonException.badText("is not a number");
            }
        }

        /** UNKNOWN_ORDER when the fast way does not apply ("5." or a literal beyond a long): then the exact way. */
        private int compareShortDecimalText(CharSequence text, int textScale) {
            try {
                if (textScale == 0) {
                    return compareLong(TextValues.parseLong(text));
                }
                return unscaledFits ? compareUnscaled(TextValues.parseUnscaledDecimal(text, 18, textScale), textScale) : UNKNOWN_ORDER;
            } catch (CoercionException e) {
                return UNKNOWN_ORDER;
            }
        }
    }

    /** A text literal: compares text as text, and typed values with the text read as their type. */
    final class StringOperand implements Operand {
        private final String value;
        private final NumberOperand asNumber;
        private final BooleanOperand asBoolean;
        private final TemporalOperand asTemporal;

        StringOperand(String value) {
            this.value = value;
            BigDecimal number = parseNumberOrNull(value);
            String shown = new Literal.StringLiteral(value).render();
            this.asNumber = number == null ? null : new NumberOperand(number, shown);
            this.asBoolean = booleanOrNull(value);
            this.asTemporal = TemporalOperand.parseOrNull(value, shown);
        }

        private static BooleanOperand booleanOrNull(String text) {
            try {
                return new BooleanOperand(TextValues.parseBoolean(text));
            } catch (CoercionException e) {
                return null;
            }
        }

        @Override
        public int compare(Object value) {
            if (value instanceof String text) {
                return Integer.signum(text.compareTo(this.value));
            }
            if (value instanceof CharSequence text) {
                return Integer.signum(text.toString().compareTo(this.value));
            }
            if (value instanceof Number) {
                return typed(asNumber, value, "a number");
            }
            if (value instanceof Boolean) {
                return typed(asBoolean, value, "a boolean");
            }
            if (isTemporal(value)) {
                return typed(asTemporal, value, "a date or timestamp");
            }
            if (value.getClass().isArray()) {
                throw mismatch(value, render());
            }
            return Integer.signum(value.toString().compareTo(this.value));
        }

        private int typed(Operand operand, Object value, String kind) {
            if (operand == null) {
                throw ComparisonException.mismatch("is " + describe(value) + " and cannot be compared with " + render()
                        + ", which is not " + kind);
            }
            return operand.compare(value);
        }

        private String render() {
            return new Literal.StringLiteral(value).render();
        }
    }

    /** A boolean literal: false sorts before true; text is read with {@link TextValues#parseBoolean}. */
    final class BooleanOperand implements Operand {
        private final boolean value;

        BooleanOperand(boolean value) {
            this.value = value;
        }

        @Override
        public int compare(Object value) {
            if (value instanceof Boolean b) {
                return Boolean.compare(b, this.value);
            }
            if (value instanceof CharSequence text) {
                if (TextChecks.isBlank(text)) {
                    return UNKNOWN_ORDER;
                }
                try {
                    return Boolean.compare(TextValues.parseBoolean(text.toString()), this.value);
                } catch (CoercionException e) {
                    throw ComparisonException.badText(e.getMessage());
                }
            }
            throw mismatch(value, Boolean.toString(this.value));
        }
    }

    /**
     * A date or timestamp literal, as seconds and nanoseconds since 1970-01-01T00:00Z (timestamps without
     * an offset taken as UTC). Dates compare with dates by day, with timestamps as their midnight.
     */
    final class TemporalOperand implements Operand {
        private final boolean dateOnly;
        private final long epochDay;
        private final long seconds;
        private final int nanos;
        private final String shown;

        TemporalOperand(boolean dateOnly, long epochDay, long seconds, int nanos, String shown) {
            this.dateOnly = dateOnly;
            this.epochDay = epochDay;
            this.seconds = seconds;
            this.nanos = nanos;
            this.shown = shown;
        }

        static TemporalOperand ofDate(LocalDate date, String shown) {
            return new TemporalOperand(true, date.toEpochDay(), date.toEpochDay() * 86_400L, 0, shown);
        }

        /** The text read as a date (yyyy-MM-dd) or a timestamp, or null when it is neither. */
        static TemporalOperand parseOrNull(String text, String shown) {
            String t = text.trim();
            try {
                if (t.length() == 10) {
                    return ofDate(TextValues.parseDate(t), shown);
                }
                if (t.length() < 16 || t.charAt(4) != '-') {
                    return null;
                }
                Instant instant = TextValues.hasOffset(t) ? TextValues.parseInstant(t)
                        : TextValues.parseLocalDateTime(t).toInstant(ZoneOffset.UTC);
                return new TemporalOperand(false, 0, instant.getEpochSecond(), instant.getNano(), shown);
            } catch (CoercionException | java.time.DateTimeException e) {
                return null;
            }
        }

        @Override
        public int compare(Object value) {
            if (value instanceof LocalDate d) {
                return dateOnly ? Long.compare(d.toEpochDay(), epochDay) : compareInstant(d.toEpochDay() * 86_400L, 0);
            }
            if (value instanceof LocalDateTime t) {
                return compareInstant(t.toEpochSecond(ZoneOffset.UTC), t.getNano());
            }
            if (value instanceof Instant i) {
                return compareInstant(i.getEpochSecond(), i.getNano());
            }
            if (value instanceof OffsetDateTime o) {
                return compareInstant(o.toEpochSecond(), o.getNano());
            }
            if (value instanceof ZonedDateTime z) {
                return compareInstant(z.toEpochSecond(), z.getNano());
            }
            if (value instanceof CharSequence text) {
                return compareText(text.toString());
            }
            if (value instanceof java.sql.Date d) {
                return compare(d.toLocalDate());
            }
            if (value instanceof java.sql.Timestamp t) {
                return compare(t.toLocalDateTime()); // a JDBC timestamp without time zone, as the runtime reads it
            }
            if (value instanceof java.util.Date d) {
                return compare(d.toInstant());
            }
            throw mismatch(value, shown);
        }

        private int compareText(String text) {
            if (TextChecks.isBlank(text)) {
                return UNKNOWN_ORDER;
            }
            String t = text.length() > 0 && (text.charAt(0) == ' ' || text.charAt(text.length() - 1) == ' ') ? text.trim() : text;
            try {
                if (t.length() == 10) {
                    long day = TextValues.parseDate(t).toEpochDay();
                    return dateOnly ? Long.compare(day, epochDay) : compareInstant(day * 86_400L, 0);
                }
                if (TextValues.hasOffset(t)) {
                    Instant instant = TextValues.parseInstant(t);
                    return compareInstant(instant.getEpochSecond(), instant.getNano());
                }
                long micros = TextValues.parseLocalDateTimeMicros(t);
                return compareInstant(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000);
            } catch (CoercionException | java.time.DateTimeException | ArithmeticException e) {
                throw ComparisonException.badText(dateOnly ? "is not a date (yyyy-MM-dd)"
                        : "is not a timestamp (yyyy-MM-dd HH:mm:ss[.ffffff][+hh:mm])");
            }
        }

        private int compareInstant(long valueSeconds, int valueNanos) {
            if (valueSeconds != seconds) {
                return valueSeconds < seconds ? -1 : 1;
            }
            return Integer.compare(valueNanos, nanos);
        }
    }

    /** The null literal: every comparison with it is unknown. */
    final class NullOperand implements Operand {
        @Override
        public int compare(Object value) {
            return UNKNOWN_ORDER;
        }
    }
}
