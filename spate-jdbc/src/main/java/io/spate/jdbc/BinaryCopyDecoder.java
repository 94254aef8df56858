package io.spate.jdbc;

import io.spate.sdk.SpateException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decodes PostgreSQL's binary COPY format ({@code COPY (...) TO STDOUT (FORMAT binary)}) into the Java values
 * the SDK expects, the same values the cursor path reads through pgjdbc's getters.
 *
 * <p><b>The hot loop of the postgres source lives here; keep it ugly and fast.</b> Values are decoded straight
 * from the bytes of each CopyData message (normally one row each) into one reused array: no per-field
 * buffers, no Calendar or time-zone arithmetic. The stream is treated as bytes, not messages, so a row or the
 * header split over messages is still read correctly (a slow path joins the pieces).
 *
 * <p>Format (PostgreSQL docs, "COPY ... Binary Format"): the 11-byte signature, an int32 flags field, an int32
 * header-extension length and that many bytes; then per row an int16 field count ({@code -1} ends the data),
 * and per field an int32 length ({@code -1} for NULL) and the value in the type's binary send format.
 */
final class BinaryCopyDecoder {
    /** The next CopyData message, or empty at the end of the COPY. */
    interface Messages {
        Optional<byte[]> next() throws java.sql.SQLException;
    }

    /** Builds the exceptions that name the table, column and row (the row's values read so far). */
    interface Problems {
        SpateException infinite(int column, Object[] row);

        SpateException notADecimal(int column, String text, Object[] row);
    }

    /** The wire type of a selected value and the value it becomes. */
    enum Wire {
        BOOL, INT2, INT4, INT8, OID, FLOAT4, FLOAT8, NUMERIC, DATE, TIMESTAMP, TIMESTAMPTZ, BYTEA, TEXT, JSONB
    }

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Seconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch for dates and timestamps. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final long PG_EPOCH_DAYS = 10_957L;
    private static final BigInteger TEN_THOUSAND = BigInteger.valueOf(10_000);
    private static final long[] TENS = new long[19];

    static {
        TENS[0] = 1;
        for (int i = 1; i < TENS.length; i++) {
            TENS[i] = TENS[i - 1] * 10;
        }
    }

    private static final int NUMERIC_POS = 0x0000;
    private static final int NUMERIC_NEG = 0x4000;
    private static final int NUMERIC_NAN = 0xC000;
    private static final int NUMERIC_PINF = 0xD000;
    private static final int NUMERIC_NINF = 0xF000;

    private final Wire[] wires;
    private final Messages messages;
    private final Problems problems;
    private byte[] buf = new byte[0];
    private int pos;
    private boolean headerRead;

    BinaryCopyDecoder(List<Wire> wires, Messages messages, Problems problems) {
        this.wires = wires.toArray(Wire[]::new);
        this.messages = messages;
        this.problems = problems;
    }

    /**
     * Decodes the next row into {@code values} (one per wire, NULL as null).
     *
     * @return false at the end of the data
     */
    boolean next(Object[] values) throws java.sql.SQLException {
        if (!headerRead) {
            readHeader();
            headerRead = true;
        }
        if (!ensure(2)) {
            throw malformed("the data ended without the end-of-data marker");
        }
        short fields = (short) SHORT.get(buf, pos);
        pos += 2;
        if (fields == -1) {
            return false;
        }
        if (fields != wires.length) {
            throw malformed("a row has " + fields + " fields, the query selects " + wires.length);
        }
        for (int i = 0; i < fields; i++) {
            need(4);
            int length = (int) INT.get(buf, pos);
            pos += 4;
            if (length < 0) {
                values[i] = null;
                continue;
            }
            need(length);
            values[i] = decode(i, buf, pos, length, values);
            pos += length;
        }
        return true;
    }

    private Object decode(int column, byte[] b, int at, int length, Object[] row) {
        switch (wires[column]) {
            case BOOL:
                return b[at] != 0 ? Boolean.TRUE : Boolean.FALSE;
            case INT2:
                return (short) SHORT.get(b, at);
            case INT4:
                return (int) INT.get(b, at);
            case INT8:
                return (long) LONG.get(b, at);
            case OID:
                return Integer.toUnsignedLong((int) INT.get(b, at));
            case FLOAT4:
                return Float.intBitsToFloat((int) INT.get(b, at));
            case FLOAT8:
                return Double.longBitsToDouble((long) LONG.get(b, at));
            case NUMERIC:
                return numeric(column, b, at, row);
            case DATE: {
                int days = (int) INT.get(b, at);
                if (days == Integer.MAX_VALUE || days == Integer.MIN_VALUE) {
                    throw problems.infinite(column, row);
                }
                return LocalDate.ofEpochDay(days + PG_EPOCH_DAYS);
            }
            case TIMESTAMP: {
                long micros = timestampMicros(column, b, at, row);
                return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS,
                        (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
            }
            case TIMESTAMPTZ: {
                long micros = timestampMicros(column, b, at, row);
                return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L) + PG_EPOCH_SECONDS,
                        Math.floorMod(micros, 1_000_000L) * 1000);
            }
            case BYTEA:
                return Arrays.copyOfRange(b, at, at + length);
            case TEXT:
                return new String(b, at, length, StandardCharsets.UTF_8);
            case JSONB:
                // jsonb's binary form is a version byte (1) and the document as text
                if (length == 0 || b[at] != 1) {
                    throw malformed("jsonb value of unknown version " + (length == 0 ? "(empty)" : b[at]));
                }
                return new String(b, at + 1, length - 1, StandardCharsets.UTF_8);
            default:
                throw new IllegalStateException("unknown wire type " + wires[column]);
        }
    }

    private long timestampMicros(int column, byte[] b, int at, Object[] row) {
        long micros = (long) LONG.get(b, at);
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            throw problems.infinite(column, row);
        }
        return micros;
    }

    /**
     * numeric: int16 ndigits, int16 weight (of the first digit, in powers of 10000), uint16 sign, int16 display
     * scale, then ndigits base-10000 digits. The result has the display scale, as pgjdbc's getBigDecimal.
     */
    private BigDecimal numeric(int column, byte[] b, int at, Object[] row) {
        int digits = (short) SHORT.get(b, at);
        int weight = (short) SHORT.get(b, at + 2);
        int sign = Short.toUnsignedInt((short) SHORT.get(b, at + 4));
        int displayScale = (short) SHORT.get(b, at + 6);
        if (sign != NUMERIC_POS && sign != NUMERIC_NEG) {
            String text = switch (sign) {
                case NUMERIC_NAN -> "NaN";
                case NUMERIC_PINF -> "Infinity";
                case NUMERIC_NINF -> "-Infinity";
                default -> throw malformed("numeric with unknown sign " + Integer.toHexString(sign));
            };
            throw problems.notADecimal(column, text, row);
        }
        if (digits == 0) {
            return BigDecimal.valueOf(0, displayScale);
        }
        int d = at + 8;
        // the digits as one integer are the value times 10000^(digits - 1 - weight)
        int digitsScale = 4 * (digits - 1 - weight);
        int shift = displayScale - digitsScale;
        if (digits <= 4 && shift >= -18 && shift <= 18) {
            // at most 16 decimal digits: a long, scaled to the display scale unless that overflows
            long unscaled = 0;
            for (int i = 0; i < digits; i++) {
                unscaled = unscaled * 10_000 + (short) SHORT.get(b, d + 2 * i);
            }
            if (shift < 0) {
                // PostgreSQL sends no digit beyond the display scale but the zeros that fill the last group
                unscaled /= TENS[-shift];
                return BigDecimal.valueOf(sign == NUMERIC_NEG ? -unscaled : unscaled, displayScale);
            }
            if (unscaled <= Long.MAX_VALUE / TENS[shift]) {
                unscaled *= TENS[shift];
                return BigDecimal.valueOf(sign == NUMERIC_NEG ? -unscaled : unscaled, displayScale);
            }
        }
        BigInteger unscaled = BigInteger.ZERO;
        for (int i = 0; i < digits; i++) {
            unscaled = unscaled.multiply(TEN_THOUSAND).add(BigInteger.valueOf((short) SHORT.get(b, d + 2 * i)));
        }
        BigDecimal value = new BigDecimal(sign == NUMERIC_NEG ? unscaled.negate() : unscaled, digitsScale);
        return value.setScale(displayScale);
    }

    private void readHeader() throws java.sql.SQLException {
        if (!ensure(SIGNATURE.length + 8)) {
            throw malformed("the header is incomplete");
        }
        if (!Arrays.equals(buf, pos, pos + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw malformed("the signature is not PGCOPY");
        }
        pos += SIGNATURE.length;
        int flags = (int) INT.get(buf, pos);
        if ((flags & 0x10000) != 0) {
            throw malformed("rows carry OIDs");
        }
        int extension = (int) INT.get(buf, pos + 4);
        pos += 8;
        need(extension);
        pos += extension;
    }

    /** Makes {@code n} bytes available at {@code pos}, or fails: the data ends inside a row. */
    private void need(int n) throws java.sql.SQLException {
        if (!ensure(n)) {
            throw malformed("the data ended inside a row");
        }
    }

    /** Makes {@code n} bytes available at {@code pos}, joining messages when needed; false when the data ends first. */
    private boolean ensure(int n) throws java.sql.SQLException {
        while (buf.length - pos < n) {
            Optional<byte[]> message = messages.next();
            if (message.isEmpty()) {
                return false;
            }
            byte[] more = message.get();
            int left = buf.length - pos;
            if (left == 0) {
                buf = more;
            } else {
                byte[] joined = Arrays.copyOfRange(buf, pos, pos + left + more.length);
                System.arraycopy(more, 0, joined, left, more.length);
                buf = joined;
            }
            pos = 0;
        }
        return true;
    }

    private static SpateException malformed(String what) {
        return new SpateException(SpateException.Category.INTERNAL, "unexpected binary COPY data from PostgreSQL: " + what);
    }
}
