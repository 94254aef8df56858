package io.spate.jdbc.destination;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Bytes on their way into a running {@code COPY ... FROM STDIN}: gathered in one reused array and handed to
 * the driver whenever it fills, so memory stays at the array's size whatever the batch's.
 */
final class CopyBuffer {
    private static final int SIZE = 1 << 16;

    private final CopyIn copy;
    private final byte[] bytes = new byte[SIZE];
    private int length;

    CopyBuffer(CopyIn copy) {
        this.copy = copy;
    }

    void putByte(int value) throws SQLException {
        room(1);
        bytes[length++] = (byte) value;
    }

    void putShort(int value) throws SQLException {
        room(2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    void putInt(int value) throws SQLException {
        room(4);
        bytes[length++] = (byte) (value >>> 24);
        bytes[length++] = (byte) (value >>> 16);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
    }

    void putLong(long value) throws SQLException {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    void putBytes(byte[] value) throws SQLException {
        if (value.length > SIZE - length) {
            flush();
            if (value.length > SIZE) {
                copy.writeToCopy(value, 0, value.length);
                return;
            }
        }
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
    }

    /** ASCII text (digits, dates, signs); never user text, which goes through {@link #putBytes} as UTF-8. */
    void putAscii(String text) throws SQLException {
        room(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    void putUtf8(String text) throws SQLException {
        putBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands the gathered bytes to the driver. */
    void flush() throws SQLException {
        if (length > 0) {
            copy.writeToCopy(bytes, 0, length);
            length = 0;
        }
    }

    private void room(int needed) throws SQLException {
        if (needed > SIZE - length) {
            flush();
        }
    }
}
