package io.spate.jdbc.destination;

import io.spate.batch.ColumnVector;
import io.spate.sdk.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Writes rows in PostgreSQL's binary COPY format ("COPY" in the PostgreSQL manual, "Binary Format"): a
 * signature, then per row a field count and per field a length (-1 for NULL) and the value in the type's
 * binary send format, then a -1 trailer. Values are taken from {@link ColumnVector}'s physical encoding.
 */
final class BinaryCopy {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01, PostgreSQL's epoch, in days and microseconds since 1970-01-01. */
    private static final long PG_EPOCH_DAYS = 10_957L;
    private static final long PG_EPOCH_MICROS = PG_EPOCH_DAYS * 86_400_000_000L;
    private static final int NUMERIC_POSITIVE = 0x0000;
    private static final int NUMERIC_NEGATIVE = 0x4000;
    private static final int JSONB_VERSION = 1;

    private BinaryCopy() {
    }

    static void write(List<ColumnVector> vectors, int rows, CopyBuffer out) throws SQLException {
        out.putBytes(SIGNATURE);
        out.putInt(0);
        out.putInt(0);
        int columns = vectors.size();
        ColumnVector[] columnVectors = vectors.toArray(new ColumnVector[0]);
        for (int row = 0; row < rows; row++) {
            out.putShort(columns);
            for (ColumnVector vector : columnVectors) {
                if (vector.isNull(row)) {
                    out.putInt(-1);
                } else {
                    writeValue(vector, row, out);
                }
            }
        }
        out.putShort(-1);
    }

    private static void writeValue(ColumnVector vector, int row, CopyBuffer out) throws SQLException {
        DataType type = vector.type();
        switch (type.kind()) {
            case BOOLEAN -> {
                out.putInt(1);
                out.putByte(vector.getLong(row) != 0 ? 1 : 0);
            }
            case SHORT -> {
                out.putInt(2);
                out.putShort((int) vector.getLong(row));
            }
            case INT -> {
                out.putInt(4);
                out.putInt((int) vector.getLong(row));
            }
            case LONG -> {
                out.putInt(8);
                out.putLong(vector.getLong(row));
            }
            case DECIMAL -> {
                if (vector.storage() == ColumnVector.Storage.LONG) {
                    long unscaled = vector.getLong(row);
                    String digits = Long.toString(unscaled);
                    putNumeric(out, unscaled < 0 ? digits.substring(1) : digits, unscaled < 0, type.scale());
                } else {
                    BigDecimal value = (BigDecimal) vector.getObject(row);
                    String digits = value.setScale(type.scale()).unscaledValue().abs().toString();
                    putNumeric(out, digits, value.signum() < 0, type.scale());
                }
            }
            case FLOAT -> {
                out.putInt(4);
                out.putInt(Float.floatToIntBits((float) vector.getDouble(row)));
            }
            case DOUBLE -> {
                out.putInt(8);
                out.putLong(Double.doubleToLongBits(vector.getDouble(row)));
            }
            case NAIVE_DATE -> {
                out.putInt(4);
                out.putInt(Math.toIntExact(vector.getLong(row) - PG_EPOCH_DAYS));
            }
            case NAIVE_DATETIME, UTC_DATETIME -> {
                out.putInt(8);
                out.putLong(Math.subtractExact(vector.getLong(row), PG_EPOCH_MICROS));
            }
            case BINARY -> {
                byte[] bytes = (byte[]) vector.getObject(row);
                out.putInt(bytes.length);
                out.putBytes(bytes);
            }
            case STRING -> {
                byte[] text = utf8(vector.getObject(row));
                out.putInt(text.length);
                out.putBytes(text);
            }
            case JSON -> {
                byte[] text = utf8(vector.getObject(row));
                out.putInt(text.length + 1);
                out.putByte(JSONB_VERSION);
                out.putBytes(text);
            }
        }
    }

    private static byte[] utf8(Object text) {
        return ((String) text).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * PostgreSQL's numeric send format: ndigits, weight, sign, dscale (int16 each), then ndigits base-10000
     * digits, the first of which is worth 10000^weight. {@code digits} are the decimal digits of the absolute
     * unscaled value.
     */
    static void putNumeric(CopyBuffer out, String digits, boolean negative, int scale) throws SQLException {
        int integerLength = digits.length() - scale;
        int integerGroups = integerLength > 0 ? (integerLength + 3) / 4 : 0;
        int fractionGroups = (scale + 3) / 4;
        // The digits laid out on whole groups: integer part padded on the left, fraction padded on the right.
        char[] padded = new char[(integerGroups + fractionGroups) * 4];
        Arrays.fill(padded, '0');
        int integerStart = integerGroups * 4 - Math.max(integerLength, 0);
        if (integerLength >= 0) {
            digits.getChars(0, digits.length(), padded, integerStart);
        } else {
            digits.getChars(0, digits.length(), padded, integerGroups * 4 - integerLength);
        }
        int groups = integerGroups + fractionGroups;
        int first = 0;
        while (first < groups && group(padded, first) == 0) {
            first++;
        }
        int last = groups - 1;
        while (last >= first && group(padded, last) == 0) {
            last--;
        }
        int ndigits = last - first + 1;
        out.putInt(8 + 2 * ndigits);
        out.putShort(ndigits);
        out.putShort(ndigits == 0 ? 0 : integerGroups - 1 - first);
        out.putShort(negative && ndigits > 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE);
        out.putShort(scale);
        for (int g = first; g <= last; g++) {
            out.putShort(group(padded, g));
        }
    }

    private static int group(char[] padded, int index) {
        int at = index * 4;
        return (padded[at] - '0') * 1000 + (padded[at + 1] - '0') * 100 + (padded[at + 2] - '0') * 10 + (padded[at + 3] - '0');
    }
}
