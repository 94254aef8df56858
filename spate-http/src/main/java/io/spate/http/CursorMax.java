package io.spate.http;

import java.util.Optional;

/**
 * The largest value of the incremental column seen so far. Called for every row, so values of the same
 * shape (same length, digits in the same places, no sign or offset that breaks text order: ISO
 * timestamps in one zone, unsigned numbers of one width) compare as text; others by {@link Incremental#ORDER}.
 */
final class CursorMax {
    private String max;

    CursorMax(Optional<String> start) {
        this.max = start.orElse(null);
    }

    void offer(String value) {
        if (value == null || value.isEmpty() || value.equals(max)) {
            return;
        }
        if (max == null || compare(value, max) > 0) {
            max = value;
        }
    }

    Optional<String> value() {
        return Optional.ofNullable(max);
    }

    static int compare(String a, String b) {
        return sameShape(a, b) ? a.compareTo(b) : Incremental.ORDER.compare(a, b);
    }

    private static boolean sameShape(String a, String b) {
        if (a.length() != b.length() || a.isEmpty() || a.charAt(0) == '-' || b.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char ca = a.charAt(i), cb = b.charAt(i);
            boolean da = ca >= '0' && ca <= '9', db = cb >= '0' && cb <= '9';
            if (da != db || (!da && ca != cb) || ca == '+' || (ca == '-' && i >= 10)) {
                return false;
            }
        }
        return true;
    }
}
