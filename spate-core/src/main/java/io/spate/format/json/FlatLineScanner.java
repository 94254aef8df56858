package io.spate.format.json;

import java.math.BigDecimal;

/**
 * The fast path of JSON Lines: scans one line holding a flat JSON object (keys without escapes, values that
 * are strings, numbers, {@code true}, {@code false} or {@code null}) straight from the line's characters,
 * with no parser object, no token objects and no key strings for keys in the same place as in the line
 * before. It gives the same values as {@link JsonRecordReader}'s Jackson path ({@code Long}, {@code BigDecimal},
 * {@code Double}, {@code Boolean}, {@code String}, null).
 *
 * <p>WARNING: hand-written hot loop. It must never accept what Jackson (default features) rejects, so it
 * declines ({@link #scan} returns false) anything else: nested values, escaped keys, integers of more than
 * 18 digits, very long tokens, control characters, any syntax error. A declined line is read by Jackson,
 * which gives the values or the exact error, so declining is always safe; accepting is where care goes.
 * Keys are resolved to columns only after the whole line was accepted, so a declined line adds no column.
 */
final class FlatLineScanner {
    /** Tokens longer than this are left to Jackson, which enforces its own length limits. */
    private static final int MAX_NUMBER_CHARS = 100;
    private static final int MAX_KEY_CHARS = 1000;
    private static final int MAX_STRING_CHARS = 1 << 20;

    /** Resolves keys to columns; called only for lines that were accepted. */
    interface Columns {
        /** The column of {@code key}, added when new; -1 when its values are not read ({@code select}). */
        int indexOf(String key);
    }

    private final Columns columns;
    private int fields;
    private int[] keyStarts = new int[16];
    private int[] keyLengths = new int[16];
    private Object[] parsed = new Object[16];
    private int[] resolved = new int[16];
    // the keys of the line before, by position: a line with the same keys in the same order resolves them without a lookup
    private String[] lastKeys = new String[16];
    private int[] lastIndexes = new int[16];
    private int lastFields;
    private char[] unescaped = new char[64];
    private Object value;

    FlatLineScanner(Columns columns) {
        this.columns = columns;
    }

    /** How many fields the accepted line has. */
    int fields() {
        return fields;
    }

    /** The column of field {@code i} of the accepted line, -1 when it is not read. */
    int column(int i) {
        return resolved[i];
    }

    /** The value of field {@code i} of the accepted line. */
    Object value(int i) {
        return parsed[i];
    }

    /**
     * Scans {@code chars[offset, offset + length)}; true when it is a flat object read here (see {@link #fields}),
     * false when Jackson must read it.
     */
    boolean scan(char[] chars, int offset, int length) {
        fields = 0;
        int end = offset + length;
        int i = skipBlanks(chars, offset, end);
        if (i >= end || chars[i] != '{') {
            return false;
        }
        i = skipBlanks(chars, i + 1, end);
        if (i < end && chars[i] == '}') {
            return finish(chars, i + 1, end);
        }
        while (true) {
            if (i >= end || chars[i] != '"') {
                return false;
            }
            int keyStart = i + 1;
            int keyEnd = keyStart;
            while (keyEnd < end && chars[keyEnd] != '"') {
                char c = chars[keyEnd];
                if (c == '\\' || c < 0x20) {
                    return false;
                }
                keyEnd++;
            }
            if (keyEnd >= end || keyEnd - keyStart > MAX_KEY_CHARS) {
                return false;
            }
            i = skipBlanks(chars, keyEnd + 1, end);
            if (i >= end || chars[i] != ':') {
                return false;
            }
            i = skipBlanks(chars, i + 1, end);
            if (i >= end) {
                return false;
            }
            i = value(chars, i, end);
            if (i < 0) {
                return false;
            }
            add(keyStart, keyEnd - keyStart, value);
            i = skipBlanks(chars, i, end);
            if (i >= end) {
                return false;
            }
            char separator = chars[i];
            if (separator == '}') {
                return finish(chars, i + 1, end);
            }
            if (separator != ',') {
                return false;
            }
            i = skipBlanks(chars, i + 1, end);
        }
    }

    /** After the closing brace only blanks may follow; then the keys are resolved. */
    private boolean finish(char[] chars, int i, int end) {
        if (skipBlanks(chars, i, end) != end) {
            return false;
        }
        resolveKeys(chars);
        return true;
    }

    private void resolveKeys(char[] chars) {
        if (lastKeys.length < fields) {
            lastKeys = java.util.Arrays.copyOf(lastKeys, keyStarts.length);
            lastIndexes = java.util.Arrays.copyOf(lastIndexes, keyStarts.length);
            resolved = java.util.Arrays.copyOf(resolved, keyStarts.length);
        }
        for (int f = 0; f < fields; f++) {
            int start = keyStarts[f];
            int length = keyLengths[f];
            if (f < lastFields && sameKey(lastKeys[f], chars, start, length)) {
                resolved[f] = lastIndexes[f];
                continue;
            }
            String key = new String(chars, start, length);
            int index = columns.indexOf(key);
            resolved[f] = index;
            lastKeys[f] = key;
            lastIndexes[f] = index;
        }
        lastFields = Math.max(lastFields, fields);
    }

    private static boolean sameKey(String known, char[] chars, int start, int length) {
        if (known == null || known.length() != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (known.charAt(k) != chars[start + k]) {
                return false;
            }
        }
        return true;
    }

    private void add(int keyStart, int keyLength, Object fieldValue) {
        if (fields == keyStarts.length) {
            int grown = fields * 2;
            keyStarts = java.util.Arrays.copyOf(keyStarts, grown);
            keyLengths = java.util.Arrays.copyOf(keyLengths, grown);
            parsed = java.util.Arrays.copyOf(parsed, grown);
        }
        keyStarts[fields] = keyStart;
        keyLengths[fields] = keyLength;
        parsed[fields] = fieldValue;
        fields++;
    }

    /** Scans the value at {@code i} into {@link #value}; returns the index after it, or -1 to decline. */
    private int value(char[] chars, int i, int end) {
        char c = chars[i];
        if (c == '"') {
            return string(chars, i + 1, end);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(chars, i, end);
        }
        if (c == 't' && literal(chars, i, end, "true")) {
            value = Boolean.TRUE;
            return i + 4;
        }
        if (c == 'f' && literal(chars, i, end, "false")) {
            value = Boolean.FALSE;
            return i + 5;
        }
        if (c == 'n' && literal(chars, i, end, "null")) {
            value = null;
            return i + 4;
        }
        return -1;
    }

    /** The literal at {@code i}, followed by a character that ends a value (else Jackson names the bad token). */
    private static boolean literal(char[] chars, int i, int end, String literal) {
        int after = i + literal.length();
        if (after > end) {
            return false;
        }
        for (int k = 1; k < literal.length(); k++) {
            if (chars[i + k] != literal.charAt(k)) {
                return false;
            }
        }
        return after == end || endsValue(chars[after]);
    }

    private static boolean endsValue(char c) {
        return c == ',' || c == '}' || c == ' ' || c == '\t';
    }

    private int string(char[] chars, int start, int end) {
        int i = start;
        while (i < end) {
            char c = chars[i];
            if (c == '"') {
                if (i - start > MAX_STRING_CHARS) {
                    return -1;
                }
                value = new String(chars, start, i - start);
                return i + 1;
            }
            if (c == '\\') {
                return escapedString(chars, start, i, end);
            }
            if (c < 0x20) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    /** A string with escapes from {@code escape} on: decoded into a scratch buffer. */
    private int escapedString(char[] chars, int start, int escape, int end) {
        int length = escape - start;
        ensureUnescaped(length + 16);
        System.arraycopy(chars, start, unescaped, 0, length);
        int i = escape;
        while (i < end) {
            char c = chars[i];
            if (c == '"') {
                if (length > MAX_STRING_CHARS) {
                    return -1;
                }
                value = new String(unescaped, 0, length);
                return i + 1;
            }
            if (c < 0x20) {
                return -1;
            }
            if (c == '\\') {
                if (i + 1 >= end) {
                    return -1;
                }
                char e = chars[i + 1];
                i += 2;
                switch (e) {
                    case '"', '\\', '/' -> c = e;
                    case 'b' -> c = '\b';
                    case 'f' -> c = '\f';
                    case 'n' -> c = '\n';
                    case 'r' -> c = '\r';
                    case 't' -> c = '\t';
                    case 'u' -> {
                        if (i + 4 > end) {
                            return -1;
                        }
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            int digit = hexDigit(chars[i + k]);
                            if (digit < 0) {
                                return -1;
                            }
                            code = code << 4 | digit;
                        }
                        i += 4;
                        c = (char) code;
                    }
                    default -> {
                        return -1;
                    }
                }
            } else {
                i++;
            }
            ensureUnescaped(length + 1);
            unescaped[length++] = c;
        }
        return -1;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private void ensureUnescaped(int capacity) {
        if (unescaped.length < capacity) {
            unescaped = java.util.Arrays.copyOf(unescaped, Math.max(capacity, unescaped.length * 2));
        }
    }

    /**
     * A number as JSON writes it ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}): a {@code Long} for an
     * integer of up to 18 digits, a {@code BigDecimal} with a fraction, a {@code Double} with an exponent.
     */
    private int number(char[] chars, int start, int end) {
        int i = start;
        if (chars[i] == '-') {
            i++;
        }
        int digitsStart = i;
        if (i >= end) {
            return -1;
        }
        if (chars[i] == '0') {
            i++;
        } else if (chars[i] >= '1' && chars[i] <= '9') {
            while (i < end && chars[i] >= '0' && chars[i] <= '9') {
                i++;
            }
        } else {
            return -1;
        }
        int integerEnd = i;
        boolean fraction = false;
        boolean exponent = false;
        if (i < end && chars[i] == '.') {
            int fractionStart = ++i;
            while (i < end && chars[i] >= '0' && chars[i] <= '9') {
                i++;
            }
            if (i == fractionStart) {
                return -1;
            }
            fraction = true;
        }
        if (i < end && (chars[i] == 'e' || chars[i] == 'E')) {
            i++;
            if (i < end && (chars[i] == '+' || chars[i] == '-')) {
                i++;
            }
            int exponentStart = i;
            while (i < end && chars[i] >= '0' && chars[i] <= '9') {
                i++;
            }
            if (i == exponentStart) {
                return -1;
            }
            exponent = true;
        }
        if (i - start > MAX_NUMBER_CHARS || (i < end && !endsValue(chars[i]))) {
            return -1;
        }
        if (exponent) {
            value = Double.parseDouble(new String(chars, start, i - start));
        } else if (fraction) {
            value = new BigDecimal(chars, start, i - start);
        } else if (integerEnd - digitsStart <= 18) {
            long n = 0;
            for (int k = digitsStart; k < integerEnd; k++) {
                n = n * 10 + (chars[k] - '0');
            }
            value = digitsStart > start ? -n : n;
        } else {
            return -1;
        }
        return i;
    }

    private static int skipBlanks(char[] chars, int i, int end) {
        while (i < end && (chars[i] == ' ' || chars[i] == '\t')) {
            i++;
        }
        return i;
    }
}
