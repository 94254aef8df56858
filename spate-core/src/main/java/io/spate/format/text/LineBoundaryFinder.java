package io.spate.format.text;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Finds the start of the next line in bytes (after LF, CRLF or CR): a record boundary of JSONL and TXT,
 * whose records never hold a raw line break. Works on bytes: the encoding must write line breaks as single
 * ASCII bytes (UTF-8, ISO-8859-*, windows-125*), not UTF-16.
 */
public final class LineBoundaryFinder {
    private LineBoundaryFinder() {
    }

    /**
     * The offset of the first line start after {@code offset} (the first byte of {@code in}), reading at most
     * {@code window} bytes; empty when no line ends within the window or before the end of the data.
     */
    public static OptionalLong find(InputStream in, long offset, int window) throws IOException {
        byte[] buffer = new byte[Math.min(window, 1 << 16)];
        long position = offset;
        long read = 0;
        long carriageReturnEnd = -1;
        while (read < window) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, window - read));
            if (n < 0) {
                return carriageReturnEnd >= 0 ? OptionalLong.of(carriageReturnEnd) : OptionalLong.empty();
            }
            for (int i = 0; i < n; i++, position++) {
                byte b = buffer[i];
                if (carriageReturnEnd >= 0) {
                    return OptionalLong.of(b == '\n' ? carriageReturnEnd + 1 : carriageReturnEnd);
                }
                if (b == '\n') {
                    return OptionalLong.of(position + 1);
                }
                if (b == '\r') {
                    carriageReturnEnd = position + 1;
                }
            }
            read += n;
        }
        return OptionalLong.empty();
    }
}
