package io.spate.format.text;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Physical lines of a {@link DecodedText}: LF, CRLF and CR end a line. Reuses one buffer; the current line
 * is {@code chars()[0..length())}, valid until the next call.
 */
public final class LineInput implements AutoCloseable {
    private final DecodedText text;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private char[] line = new char[256];
    private int length;
    private long lineNumber;
    private boolean skipLineFeed;

    public LineInput(DecodedText text) {
        this.text = text;
    }

    /** Reads the next line; false at the end of the input. A last line without a line end counts. */
    public boolean next() {
        length = 0;
        boolean any = false;
        while (true) {
            if (position == limit && !fill()) {
                if (any) {
                    lineNumber++;
                }
                return any;
            }
            char c = buffer[position++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    continue;
                }
            }
            if (c == '\n' || c == '\r') {
                skipLineFeed = c == '\r';
                lineNumber++;
                return true;
            }
            any = true;
            if (length == line.length) {
                line = java.util.Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = c;
        }
    }

    private boolean fill() {
        try {
            int n = text.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public char[] chars() {
        return line;
    }

    public int length() {
        return length;
    }

    /** The current line as a String. */
    public String text() {
        return new String(line, 0, length);
    }

    /** True when the current line holds an invalid byte sequence of the encoding. */
    public boolean hasInvalid() {
        if (!text.invalidPending()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (line[i] == DecodedText.INVALID) {
                return true;
            }
        }
        return false;
    }

    /** 1-based number of the current line. */
    public long lineNumber() {
        return lineNumber;
    }

    public DecodedText decodedText() {
        return text;
    }

    @Override
    public void close() {
        try {
            text.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
