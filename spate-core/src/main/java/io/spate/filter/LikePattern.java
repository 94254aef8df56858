package io.spate.filter;

import java.util.Arrays;
import java.util.Optional;

/**
 * A compiled {@code like} pattern: {@code %} matches any run of characters (also none), {@code _} exactly
 * one character (a Unicode code point), everything else itself, case-sensitively. Matching allocates
 * nothing and runs in O(text x pattern) at worst.
 */
final class LikePattern {
    private static final int ANY_ONE = -1;
    private static final int ANY_RUN = -2;

    /** Code points to match, or ANY_ONE / ANY_RUN. */
    private final int[] tokens;

    private LikePattern(int[] tokens) {
        this.tokens = tokens;
    }

    /** Compiles {@code pattern}; fails when it ends with its escape character. */
    static LikePattern compile(String pattern, Optional<Character> escape) {
        int[] tokens = new int[pattern.length()];
        int count = 0;
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (escape.isPresent() && c == escape.get()) {
                if (i >= pattern.length()) {
                    throw new IllegalArgumentException("the like pattern ends with its escape character");
                }
                int escaped = pattern.codePointAt(i);
                i += Character.charCount(escaped);
                tokens[count++] = escaped;
            } else if (c == '%') {
                if (count == 0 || tokens[count - 1] != ANY_RUN) {
                    tokens[count++] = ANY_RUN;
                }
            } else {
                tokens[count++] = c == '_' ? ANY_ONE : c;
            }
        }
        return new LikePattern(Arrays.copyOf(tokens, count));
    }

    boolean matches(CharSequence text) {
        int p = 0, i = 0, n = text.length(), m = tokens.length;
        int runAt = -1, runTextAt = 0;
        while (i < n) {
            if (p < m && tokens[p] == ANY_RUN) {
                runAt = p++;
                runTextAt = i;
                continue;
            }
            if (p < m) {
                int c = Character.codePointAt(text, i);
                if (tokens[p] == ANY_ONE || tokens[p] == c) {
                    p++;
                    i += Character.charCount(c);
                    continue;
                }
            }
            if (runAt < 0) {
                return false;
            }
            // let the last % swallow one more character and retry from there
            runTextAt += Character.charCount(Character.codePointAt(text, runTextAt));
            i = runTextAt;
            p = runAt + 1;
        }
        while (p < m && tokens[p] == ANY_RUN) {
            p++;
        }
        return p == m;
    }

    /**
     * The pattern rewritten for SQL with {@code escape} as its escape character: wildcards as they are,
     * literal %, _ and the escape character itself preceded by it.
     */
    String toSql(char escape) {
        StringBuilder sql = new StringBuilder();
        for (int token : tokens) {
            if (token == ANY_RUN) {
                sql.append('%');
            } else if (token == ANY_ONE) {
                sql.append('_');
            } else {
                if (token == '%' || token == '_' || token == escape) {
                    sql.append(escape);
                }
                sql.appendCodePoint(token);
            }
        }
        return sql.toString();
    }
}
