package io.spate.format.text;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Physical lines of a {@link DecodedText}: LF, CRLF and CR end a line. The current line is
 * {@code chars()[offset() .. offset() + length())}: a slice of the read buffer when the line lies in it
 * (no copy), else assembled in a line buffer; valid until the next call.
 */
public final class LineInput implements AutoCloseable {
    private final DecodedText text;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private char[] assembled = new char[256];
    private int assembledLength;
    private char[] chars = assembled;
    private int offset;
    private int length;
    private long lineNumber;
    private boolean skipLineFeed;

    public LineInput(DecodedText text) {
        this.text = text;
    }

    /** Reads the next line; false at the end of the input. A last line without a line end counts. */
    public boolean next() {
        assembledLength = 0;
        while (true) {
            if (position == limit && !fill()) {
                if (assembledLength > 0) {
                    lineNumber++;
                    setLine(assembled, 0, assembledLength);
                    return true;
                }
                return false;
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n' && buffer[end] != '\r') {
                end++;
            }
            if (end == limit) {
                append(start, end);
                position = limit;
                continue;
            }
            skipLineFeed = buffer[end] == '\r';
            position = end + 1;
            lineNumber++;
            if (assembledLength == 0) {
                setLine(buffer, start, end - start);
            } else {
                append(start, end);
                setLine(assembled, 0, assembledLength);
            }
            return true;
        }
    }

    private void append(int start, int end) {
        int n = end - start;
        if (assembledLength + n > assembled.length) {
            assembled = java.util.Arrays.copyOf(assembled, Math.max(assembled.length * 2, assembledLength + n));
        }
        System.arraycopy(buffer, start, assembled, assembledLength, n);
        assembledLength += n;
    }

    private void setLine(char[] source, int from, int count) {
        chars = source;
        offset = from;
        length = count;
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
        return chars;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** The current line as a String. */
    public String text() {
        return new String(chars, offset, length);
    }

    /** True when the current line holds an invalid byte sequence of the encoding. */
    public boolean hasInvalid() {
        if (!text.invalidPending()) {
            return false;
        }
        for (int i = offset; i < offset + length; i++) {
            if (chars[i] == DecodedText.INVALID) {
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
