package io.spate.format.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Rewrites escape sequences inside quoted fields into RFC 4180 form for FastCSV, which knows only doubled
 * quotes: {@code \"} becomes {@code ""} and {@code \X} becomes {@code X}. Outside quoted fields the
 * escape character is data. Only used when an {@code escape} option is set (the slow path).
 */
final class EscapeTranslator extends Reader {
    private static final int START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int ESCAPED = 3;
    private static final int AFTER_QUOTE = 4;

    private final Reader in;
    private final char quote;
    private final char escape;
    private final char delimiter;
    private char[] buffer = new char[0];
    private int state = START;

    EscapeTranslator(Reader in, char quote, char escape, char delimiter) {
        this.in = in;
        this.quote = quote;
        this.escape = escape;
        this.delimiter = delimiter;
    }

    @Override
    public int read(char[] out, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (buffer.length < len) {
            buffer = new char[len];
        }
        while (true) {
            // an escaped quote turns 2 chars into 2, anything else escaped 2 into 1: output never outgrows input
            int n = in.read(buffer, 0, len);
            if (n < 0) {
                return -1;
            }
            int written = translate(n, out, off);
            if (written > 0) {
                return written;
            }
        }
    }

    private int translate(int n, char[] out, int off) {
        int w = off;
        for (int i = 0; i < n; i++) {
            char c = buffer[i];
            switch (state) {
                case START -> {
                    state = c == quote ? QUOTED : c == delimiter || c == '\n' || c == '\r' ? START : UNQUOTED;
                    out[w++] = c;
                }
                case UNQUOTED -> {
                    if (c == delimiter || c == '\n' || c == '\r') {
                        state = START;
                    }
                    out[w++] = c;
                }
                case QUOTED -> {
                    if (c == escape) {
                        state = ESCAPED;
                    } else {
                        if (c == quote) {
                            state = AFTER_QUOTE;
                        }
                        out[w++] = c;
                    }
                }
                case AFTER_QUOTE -> {
                    state = c == quote ? QUOTED : c == delimiter || c == '\n' || c == '\r' ? START : UNQUOTED;
                    out[w++] = c;
                }
                default -> { // ESCAPED
                    if (c == quote) {
                        out[w++] = quote;
                    }
                    out[w++] = c;
                    state = QUOTED;
                }
            }
        }
        return w - off;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
