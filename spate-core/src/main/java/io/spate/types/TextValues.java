package io.spate.types;

import io.spate.sdk.DataType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * How text becomes a typed value, and which type a text looks like. The one place these rules live:
 * the runtime parses text sent for typed columns with it, and format readers infer column types with it,
 * so what inference accepts always parses. Hot-path methods parse without allocating where they can.
 */
public final class TextValues {
    private static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(LOCAL_DATE_TIME)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendOffset("+HH:MM:ss", "Z")
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter OFFSET_DATE_TIME_SHORT = new DateTimeFormatterBuilder()
            .append(LOCAL_DATE_TIME)
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendOffset("+HHmm", "Z")
            .toFormatter(Locale.ROOT);

    /** 10^0 .. 10^18. */
    private static final long[] LONG_POWERS_OF_TEN = new long[19];
    /** 10^0 .. 10^15, all exact doubles. */
    private static final double[] DOUBLE_POWERS_OF_TEN = new double[16];
    /** Days from 0000-01-01 to 1970-01-01, as in {@link LocalDate#toEpochDay()}. */
    private static final long DAYS_0000_TO_1970 = 719_528L;

    static {
        LONG_POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < LONG_POWERS_OF_TEN.length; i++) {
            LONG_POWERS_OF_TEN[i] = LONG_POWERS_OF_TEN[i - 1] * 10;
        }
        for (int i = 0; i < DOUBLE_POWERS_OF_TEN.length; i++) {
            DOUBLE_POWERS_OF_TEN[i] = LONG_POWERS_OF_TEN[i];
        }
    }

    private TextValues() {
    }

    /**
     * true/t/yes/y/1 or false/f/no/n/0, any case, surrounding blanks allowed. The plain ASCII spellings are
     * matched char by char; anything else takes the general comparison, which decides alike.
     */
    public static boolean parseBoolean(String text) {
        int start = firstNonBlank(text);
        int end = endWithoutBlanks(text, start);
        int length = end - start;
        if (length == 1) {
            char c = text.charAt(start);
            int lower = c | 0x20;
            if (c == '1' || lower == 't' || lower == 'y') {
                return true;
            }
            if (c == '0' || lower == 'f' || lower == 'n') {
                return false;
            }
        } else if (length == 4 && asciiIgnoringCase(text, start, "true")) {
            return true;
        } else if (length == 5 && asciiIgnoringCase(text, start, "false")) {
            return false;
        }
        return parseBooleanWords(text);
    }

    /** The index of the first character of {@code text} above a blank (space or control character), or its length. */
    private static int firstNonBlank(String text) {
        int start = 0;
        while (start < text.length() && text.charAt(start) <= ' ') {
            start++;
        }
        return start;
    }

    /** The end of {@code text} without the blanks (spaces, control characters) it ends with, not before {@code start}. */
    private static int endWithoutBlanks(String text, int start) {
        int end = text.length();
        while (end > start && text.charAt(end - 1) <= ' ') {
            end--;
        }
        return end;
    }

    /** True when {@code text} holds {@code lowerCaseWord} (ASCII letters) at {@code from}, in any ASCII case. */
    private static boolean asciiIgnoringCase(String text, int from, String lowerCaseWord) {
        for (int i = 0; i < lowerCaseWord.length(); i++) {
            if ((text.charAt(from + i) | 0x20) != lowerCaseWord.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean parseBooleanWords(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("t") || t.equalsIgnoreCase("yes") || t.equals("1")
                || t.equalsIgnoreCase("y")) {
            return true;
        }
        if (t.equalsIgnoreCase("false") || t.equalsIgnoreCase("f") || t.equalsIgnoreCase("no") || t.equals("0")
                || t.equalsIgnoreCase("n")) {
            return false;
        }
        throw new CoercionException("is not a boolean (true/false)");
    }

    /** Parses a decimal integer (optional sign, surrounding blanks allowed) without allocating. */
    public static long parseLong(CharSequence text) {
        // Trimmed here and in parseUnscaledDecimal, not in a shared helper: that helper's charAt would see every
        // caller's CharSequence class and could stop being inlined, a call per character of every field.
        int start = 0, end = text.length();
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        if (start == end) {
            throw new CoercionException("is empty");
        }
        boolean negative = false;
        char first = text.charAt(start);
        if (first == '-' || first == '+') {
            negative = first == '-';
            start++;
            if (start == end) {
                throw new CoercionException("is not an integer");
            }
        }
        if (end - start <= 18) {
            // at most 18 digits cannot overflow: no range check (a division) per digit
            long value = 0;
            for (int i = start; i < end; i++) {
                int digit = text.charAt(i) - '0';
                if (digit < 0 || digit > 9) {
                    throw new CoercionException("is not an integer");
                }
                value = value * 10 + digit;
            }
            return negative ? -value : value;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new CoercionException("is not an integer");
            }
            if (value < (Long.MIN_VALUE + digit) / 10) {
                throw new CoercionException("is out of range for a LONG");
            }
            value = value * 10 - digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                throw new CoercionException("is out of range for a LONG");
            }
            return -value;
        }
        return value;
    }

    /**
     * The unscaled value of a decimal text at {@code scale} digits after the point, for precisions up to
     * 18; fails when it has more significant fraction digits than the scale or more than
     * {@code precision} digits in all.
     */
    public static long parseUnscaledDecimal(CharSequence text, int precision, int scale) {
        int start = 0, end = text.length();
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        if (start == end) {
            throw new CoercionException("is empty");
        }
        boolean negative = false;
        char first = text.charAt(start);
        if (first == '-' || first == '+') {
            negative = first == '-';
            start++;
        }
        long unscaled = 0;
        int digits = 0, fractionDigits = 0;
        boolean seenPoint = false, seenDigit = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.' && !seenPoint) {
                seenPoint = true;
                continue;
            }
            int digit = c - '0';
            if (digit < 0 || digit > 9) {
                return slowUnscaled(text, precision, scale);
            }
            seenDigit = true;
            if (seenPoint) {
                if (fractionDigits == scale) {
                    if (digit != 0) {
                        throw new CoercionException("has more than " + scale + " digits after the point");
                    }
                    continue;
                }
                fractionDigits++;
            }
            if (unscaled != 0 || digit != 0) {
                digits++;
            }
            unscaled = unscaled * 10 + digit;
            if (digits > 18) {
                throw new CoercionException("has more than " + precision + " digits");
            }
        }
        if (!seenDigit) {
            throw new CoercionException("is not a number");
        }
        for (; fractionDigits < scale; fractionDigits++) {
            unscaled *= 10;
        }
        checkPrecision(unscaled, precision);
        return negative ? -unscaled : unscaled;
    }

    private static long slowUnscaled(CharSequence text, int precision, int scale) {
        BigDecimal value = parseDecimal(text.toString(), precision, scale);
        return value.unscaledValue().longValueExact();
    }

    private static void checkPrecision(long unscaled, int precision) {
        if (precision < 19 && Math.abs(unscaled) >= LONG_POWERS_OF_TEN[precision]) {
            throw new CoercionException("has more than " + precision + " digits");
        }
    }

    /** A decimal at exactly {@code scale} (trailing zeros only may be dropped), within {@code precision}. */
    public static BigDecimal parseDecimal(String text, int precision, int scale) {
        BigDecimal value;
        try {
            value = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new CoercionException("is not a number");
        }
        return fitDecimal(value, precision, scale);
    }

    /** {@code value} at {@code scale}, failing when digits would be lost or it exceeds {@code precision}. */
    public static BigDecimal fitDecimal(BigDecimal value, int precision, int scale) {
        // Decided from the digit counts first when the exponent is far out ("1e999999999"): rescaling such a value
        // computes a power of ten with as many digits, minutes of CPU for a result known beforehand.
        if (value.signum() == 0) {
            return BigDecimal.valueOf(0, scale);
        }
        long droppedDigits = (long) value.scale() - scale;
        if (droppedDigits >= value.precision()) {
            // more digits dropped than the unscaled value has: some are not zero
            throw new CoercionException("has more than " + scale + " digits after the point");
        }
        if (droppedDigits <= 0 && value.precision() - droppedDigits > precision) {
            throw new CoercionException("has more than " + precision + " digits");
        }
        BigDecimal scaled;
        try {
            scaled = value.setScale(scale, java.math.RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new CoercionException("has more than " + scale + " digits after the point");
        }
        if (scaled.precision() > precision && scaled.signum() != 0) {
            throw new CoercionException("has more than " + precision + " digits");
        }
        return scaled;
    }

    /**
     * A double from text: decimal or exponent notation, nan, inf/infinity with an optional sign, surrounding
     * blanks allowed. Plain decimals of up to 15 digits (the usual case) are computed exactly here; the rest
     * goes through {@link Double#parseDouble}, which rounds the same.
     */
    public static double parseDouble(String text) {
        double fast = fastDouble(text);
        return fast == fast ? fast : parseDoubleText(text);
    }

    /**
     * The value of a plain decimal text ({@code [+-]digits[.digits]}, at most 15 digits, blanks around allowed)
     * as a correctly rounded double, else NaN. Exact because the digits as an integer (below 2^53) and the power
     * of ten (at most 10^22) are both exact doubles, and one IEEE division rounds correctly, as
     * {@link Double#parseDouble} does.
     */
    private static double fastDouble(String text) {
        int start = firstNonBlank(text);
        int end = endWithoutBlanks(text, start);
        if (start == end) {
            return Double.NaN;
        }
        boolean negative = false;
        char first = text.charAt(start);
        if (first == '-' || first == '+') {
            negative = first == '-';
            start++;
        }
        long mantissa = 0;
        int digits = 0, fractionDigits = 0;
        boolean seenPoint = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.' && !seenPoint) {
                seenPoint = true;
                continue;
            }
            int digit = c - '0';
            if (digit < 0 || digit > 9 || ++digits > 15) {
                return Double.NaN;
            }
            mantissa = mantissa * 10 + digit;
            if (seenPoint) {
                fractionDigits++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        double value = fractionDigits == 0 ? (double) mantissa : (double) mantissa / DOUBLE_POWERS_OF_TEN[fractionDigits];
        return negative ? -value : value;
    }

    private static double parseDoubleText(String text) {
        String t = text.trim();
        try {
            return switch (t.toLowerCase(Locale.ROOT)) {
                case "nan" -> Double.NaN;
                case "inf", "infinity", "+inf", "+infinity" -> Double.POSITIVE_INFINITY;
                case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(t);
            };
        } catch (NumberFormatException e) {
            throw new CoercionException("is not a number");
        }
    }

    /** Days since 1970-01-01 of a date text, as {@link #parseDate} reads it; yyyy-MM-dd without allocating. */
    public static long parseEpochDay(String text) {
        int start = firstNonBlank(text);
        int end = endWithoutBlanks(text, start);
        if (end - start == 10 && text.charAt(start + 4) == '-' && text.charAt(start + 7) == '-') {
            int year = digitsOrMinus(text, start, start + 4);
            int month = digitsOrMinus(text, start + 5, start + 7);
            int day = digitsOrMinus(text, start + 8, start + 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                long epochDay = epochDayOrMin(year, month, day);
                if (epochDay != Long.MIN_VALUE) {
                    return epochDay;
                }
            }
        }
        return parseDate(text).toEpochDay();
    }

    /** The non-negative number of the ASCII digits in {@code t[from, to)}; -1 when one is not a digit. */
    private static int digitsOrMinus(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int d = t.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    public static LocalDate parseDate(String text) {
        String t = text.trim();
        if (t.length() == 10 && t.charAt(4) == '-' && t.charAt(7) == '-') {
            try {
                return LocalDate.of(digits(t, 0, 4), digits(t, 5, 7), digits(t, 8, 10));
            } catch (java.time.DateTimeException e) {
                throw new CoercionException("is not a valid date");
            }
        }
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new CoercionException("is not a date (yyyy-MM-dd)");
        }
    }

    /** Microseconds since 1970-01-01T00:00 of an ISO local date-time ('T' or ' ' between date and time). */
    public static long parseLocalDateTimeMicros(String text) {
        String t = text.trim();
        int length = t.length();
        if (length >= 19 && t.charAt(4) == '-' && t.charAt(7) == '-' && (t.charAt(10) == ' ' || t.charAt(10) == 'T')
                && t.charAt(13) == ':' && t.charAt(16) == ':') {
            long micros = fastLocalMicros(t, length);
            if (micros != Long.MIN_VALUE) {
                return micros;
            }
        }
        return microsOf(parseLocalDateTime(t));
    }

    public static LocalDateTime parseLocalDateTime(String text) {
        String t = text.trim();
        try {
            return LocalDateTime.parse(t, LOCAL_DATE_TIME);
        } catch (DateTimeParseException e) {
            if (t.length() == 10) {
                return parseDate(t).atStartOfDay();
            }
            throw new CoercionException("is not a date-time (yyyy-MM-dd HH:mm:ss[.ffffff])");
        }
    }

    /**
     * Microseconds since the epoch of ISO text with an offset or Z (text without one is UTC); the common
     * layouts ({@code 2024-01-31T10:00:00[.ffffff](Z|+hh:mm|+hhmm|+hh)}, 'T' or ' ') parse without
     * allocating.
     */
    public static long parseInstantMicros(String text) {
        String t = text.trim();
        int length = t.length();
        if (length >= 20 && t.charAt(4) == '-' && t.charAt(7) == '-' && (t.charAt(10) == ' ' || t.charAt(10) == 'T')
                && t.charAt(13) == ':' && t.charAt(16) == ':') {
            int offsetAt = 19;
            if (t.charAt(19) == '.') {
                offsetAt = 20;
                while (offsetAt < length && Character.isDigit(t.charAt(offsetAt))) {
                    offsetAt++;
                }
            }
            long offsetSeconds = fastOffsetSeconds(t, offsetAt);
            if (offsetSeconds != Long.MIN_VALUE) {
                long local = fastLocalMicros(t, offsetAt);
                if (local != Long.MIN_VALUE) {
                    return local - offsetSeconds * 1_000_000L;
                }
            }
        }
        Instant instant = parseInstant(t);
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    /** Seconds east of UTC of an offset starting at {@code at}: Z, +hh, +hhmm, +hh:mm (a blank before it allowed). */
    private static long fastOffsetSeconds(String t, int at) {
        int length = t.length();
        if (at < length && t.charAt(at) == ' ') {
            at++;
        }
        if (at == length - 1 && (t.charAt(at) == 'Z' || t.charAt(at) == 'z')) {
            return 0;
        }
        if (at >= length || (t.charAt(at) != '+' && t.charAt(at) != '-')) {
            return Long.MIN_VALUE;
        }
        int sign = t.charAt(at) == '-' ? -1 : 1;
        int rest = length - at - 1;
        try {
            int hours = digits(t, at + 1, at + 3);
            int minutes = switch (rest) {
                case 2 -> 0;
                case 4 -> digits(t, at + 3, at + 5);
                case 5 -> t.charAt(at + 3) == ':' ? digits(t, at + 4, at + 6) : -1;
                default -> -1;
            };
            if (minutes < 0 || hours > 18 || minutes > 59) {
                return Long.MIN_VALUE;
            }
            return sign * (hours * 3600L + minutes * 60L);
        } catch (CoercionException e) {
            return Long.MIN_VALUE;
        }
    }

    /** An instant from ISO text with an offset or Z; text without an offset is taken as UTC. */
    public static Instant parseInstant(String text) {
        String t = text.trim();
        if (hasOffset(t)) {
            for (DateTimeFormatter f : new DateTimeFormatter[] {OFFSET_DATE_TIME, OFFSET_DATE_TIME_SHORT}) {
                try {
                    return OffsetDateTime.parse(t, f).toInstant();
                } catch (DateTimeParseException e) {
                    // try the next layout
                }
            }
            try {
                return OffsetDateTime.parse(t.length() > 3 && (t.charAt(t.length() - 3) == '+' || t.charAt(t.length() - 3) == '-')
                        ? t + ":00" : t, OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new CoercionException("is not a timestamp (ISO-8601, e.g. 2024-01-31T12:00:00Z)");
            }
        }
        return parseLocalDateTime(t).toInstant(ZoneOffset.UTC);
    }

    /** True when an ISO date-time text ends with an offset (Z, +hh, +hh:mm, -hhmm). */
    public static boolean hasOffset(String t) {
        if (t.endsWith("Z") || t.endsWith("z")) {
            return true;
        }
        int timeStart = Math.min(t.length(), 11);
        for (int i = t.length() - 1; i > timeStart + 4; i--) {
            char c = t.charAt(i);
            if (c == '+' || c == '-') {
                return true;
            }
            if (!Character.isDigit(c) && c != ':') {
                return false;
            }
        }
        return false;
    }

    /**
     * The narrowest type that {@code text} parses as, for schema inference: BOOLEAN, LONG (integers up to 18
     * digits), DECIMAL(p,s), DOUBLE, NAIVE_DATE, NAIVE_DATETIME, UTC_DATETIME, else STRING. Blank text
     * says nothing (returns null).
     */
    public static DataType inferType(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return null;
        }
        char c = t.charAt(0);
        if (c == 't' || c == 'f' || c == 'T' || c == 'F') {
            if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
                return DataType.BOOLEAN;
            }
            return DataType.STRING;
        }
        if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
            DataType number = inferNumber(t);
            if (number != null) {
                return number;
            }
            return inferTemporal(t);
        }
        return DataType.STRING;
    }

    private static DataType inferNumber(String t) {
        int start = t.charAt(0) == '-' || t.charAt(0) == '+' ? 1 : 0;
        int digits = 0, fraction = 0;
        boolean point = false, exponent = false;
        for (int i = start; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c >= '0' && c <= '9') {
                if (point) {
                    fraction++;
                }
                digits++;
            } else if (c == '.' && !point && !exponent) {
                point = true;
            } else if ((c == 'e' || c == 'E') && digits > 0 && !exponent) {
                exponent = true;
                if (i + 1 < t.length() && (t.charAt(i + 1) == '-' || t.charAt(i + 1) == '+')) {
                    i++;
                }
            } else {
                return null;
            }
        }
        if (digits == 0) {
            return null;
        }
        if (exponent) {
            return DataType.DOUBLE;
        }
        if (!point) {
            if (digits > 1 && t.charAt(start) == '0') {
                return DataType.STRING; // leading zeros: an identifier such as a zip code, not a number
            }
            // 64-bit, as DuckDB's and Polars' CSV sniffers: a later 10-digit value must not force a column change
            if (digits <= 18) {
                return DataType.LONG;
            }
            return digits <= DataType.MAX_DECIMAL_PRECISION ? DataType.decimal(digits, 0) : DataType.STRING;
        }
        int integerDigits = Math.max(digits - fraction, 1);
        if (integerDigits + fraction > DataType.MAX_DECIMAL_PRECISION) {
            return DataType.DOUBLE;
        }
        return DataType.decimal(Math.max(integerDigits + fraction, 1), fraction);
    }

    private static DataType inferTemporal(String t) {
        if (t.length() == 10 && t.charAt(4) == '-' && t.charAt(7) == '-') {
            try {
                parseDate(t);
                return DataType.NAIVE_DATE;
            } catch (CoercionException e) {
                return DataType.STRING;
            }
        }
        if (t.length() >= 16 && t.charAt(4) == '-' && t.charAt(7) == '-' && (t.charAt(10) == 'T' || t.charAt(10) == ' ')) {
            try {
                // the allocation-free parsers: a sample's every value passes here, for every file
                if (hasOffset(t)) {
                    parseInstantMicros(t);
                    return DataType.UTC_DATETIME;
                }
                parseLocalDateTimeMicros(t);
                return DataType.NAIVE_DATETIME;
            } catch (CoercionException e) {
                return DataType.STRING;
            }
        }
        return DataType.STRING;
    }

    /** The local date-time in {@code t[0, length)}; Long.MIN_VALUE when it is not in the common layout. */
    private static long fastLocalMicros(String t, int length) {
        try {
            int year = digits(t, 0, 4), month = digits(t, 5, 7), day = digits(t, 8, 10);
            int hour = digits(t, 11, 13), minute = digits(t, 14, 16), second = digits(t, 17, 19);
            int micros = 0;
            if (length > 19) {
                if (t.charAt(19) != '.' || length > 29) {
                    return Long.MIN_VALUE;
                }
                int fractionDigits = length - 20;
                int fraction = digits(t, 20, length);
                if (fractionDigits > 6) {
                    for (int i = 6; i < fractionDigits; i++) {
                        fraction /= 10;
                    }
                } else {
                    for (int i = fractionDigits; i < 6; i++) {
                        fraction *= 10;
                    }
                }
                micros = fraction;
            }
            if (hour > 23 || minute > 59 || second > 59) {
                return Long.MIN_VALUE;
            }
            long epochDay = epochDayOrMin(year, month, day);
            if (epochDay == Long.MIN_VALUE) {
                return Long.MIN_VALUE;
            }
            return (epochDay * 86_400L + hour * 3600L + minute * 60L + second) * 1_000_000L + micros;
        } catch (CoercionException e) {
            return Long.MIN_VALUE;
        }
    }

    /**
     * Days since 1970-01-01 of a date of the years 0..9999, computed as {@link LocalDate#toEpochDay()} does;
     * Long.MIN_VALUE when there is no such date (month or day out of range, February 29 of a common year).
     */
    static long epochDayOrMin(int year, int month, int day) {
        if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) {
            return Long.MIN_VALUE;
        }
        boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
        if (day > 28 && day > lengthOfMonth(month, leap)) {
            return Long.MIN_VALUE;
        }
        long y = year;
        long total = 365 * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total -= leap ? 1 : 2;
        }
        return total - DAYS_0000_TO_1970;
    }

    private static int lengthOfMonth(int month, boolean leap) {
        return switch (month) {
            case 2 -> leap ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static int digits(String t, int from, int to) {
        int value = digitsOrMinus(t, from, to);
        if (value < 0) {
            throw new CoercionException("is not a date-time");
        }
        return value;
    }

    private static long microsOf(LocalDateTime value) {
        return Math.addExact(Math.multiplyExact(value.toEpochSecond(ZoneOffset.UTC), 1_000_000L), value.getNano() / 1000);
    }
}
