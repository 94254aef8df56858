package io.spate.filter;

/** Allocation-free looks at text values, before parsing them with io.spate.types.TextValues. */
final class TextChecks {
    private TextChecks() {
    }

    static boolean isBlank(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Digits after the point of a plain decimal text ({@code -12.50} has 2, {@code 7} has 0), or -1 when the
     * text is not one (blank, exponent, other characters). Blanks around are allowed.
     */
    static int plainDecimalScale(CharSequence text) {
        int start = 0, end = text.length();
        while (start < end && text.charAt(start) == ' ') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        if (start < end && (text.charAt(start) == '-' || text.charAt(start) == '+')) {
            start++;
        }
        int digits = 0, scale = 0;
        boolean point = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == '.' && !point) {
                point = true;
            } else if (c >= '0' && c <= '9') {
                digits++;
                if (point) {
                    scale++;
                }
            } else {
                return -1;
            }
        }
        return digits == 0 ? -1 : scale;
    }
}
