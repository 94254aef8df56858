package io.spate.jdbc.destination;

import io.spate.batch.ColumnVector;
import io.spate.sdk.DataType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Writes rows as CSV for {@code COPY ... (FORMAT csv)}: NULL is an empty unquoted field, every text value is
 * quoted (so an empty string stays an empty string), dates and times in ISO form with {@code BC} for years
 * before 1, binary as {@code \x} hex.
 */
final class CsvCopy {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CsvCopy() {
    }

    static void write(List<ColumnVector> vectors, int rows, CopyBuffer out) throws SQLException {
        ColumnVector[] columnVectors = vectors.toArray(new ColumnVector[0]);
        for (int row = 0; row < rows; row++) {
            for (int c = 0; c < columnVectors.length; c++) {
                if (c > 0) {
                    out.putByte(',');
                }
                if (!columnVectors[c].isNull(row)) {
                    writeValue(columnVectors[c], row, out);
                }
            }
            out.putByte('\n');
        }
    }

    private static void writeValue(ColumnVector vector, int row, CopyBuffer out) throws SQLException {
        DataType type = vector.type();
        switch (type.kind()) {
            case BOOLEAN -> out.putByte(vector.getLong(row) != 0 ? 't' : 'f');
            case SHORT, INT, LONG -> out.putAscii(Long.toString(vector.getLong(row)));
            case DECIMAL -> {
                BigDecimal value = vector.storage() == ColumnVector.Storage.LONG
                        ? BigDecimal.valueOf(vector.getLong(row), type.scale()) : (BigDecimal) vector.getObject(row);
                out.putAscii(value.toPlainString());
            }
            case FLOAT -> out.putAscii(Float.toString((float) vector.getDouble(row)));
            case DOUBLE -> out.putAscii(Double.toString(vector.getDouble(row)));
            case NAIVE_DATE -> out.putAscii(date(LocalDate.ofEpochDay(vector.getLong(row))));
            case NAIVE_DATETIME -> out.putAscii(timestamp(ColumnVector.localDateTimeOfMicros(vector.getLong(row)), ""));
            case UTC_DATETIME -> out.putAscii(timestamp(ColumnVector.localDateTimeOfMicros(vector.getLong(row)), "+00"));
            case BINARY -> putHex((byte[]) vector.getObject(row), out);
            case STRING, JSON -> putQuoted((String) vector.getObject(row), out);
        }
    }

    private static void putQuoted(String text, CopyBuffer out) throws SQLException {
        out.putByte('"');
        out.putUtf8(text.indexOf('"') < 0 ? text : text.replace("\"", "\"\""));
        out.putByte('"');
    }

    private static void putHex(byte[] bytes, CopyBuffer out) throws SQLException {
        char[] hex = new char[2 + 2 * bytes.length];
        hex[0] = '\\';
        hex[1] = 'x';
        for (int i = 0; i < bytes.length; i++) {
            hex[2 + 2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            hex[3 + 2 * i] = HEX[bytes[i] & 0xF];
        }
        out.putAscii(new String(hex));
    }

    /** {@code yyyy-mm-dd}, or {@code yyyy-mm-dd BC} for proleptic years before 1 (year 0 is 1 BC). */
    private static String date(LocalDate date) {
        StringBuilder text = new StringBuilder(16);
        appendDate(text, date);
        if (date.getYear() <= 0) {
            text.append(" BC");
        }
        return text.toString();
    }

    private static String timestamp(LocalDateTime value, String offset) {
        StringBuilder text = new StringBuilder(36);
        appendDate(text, value.toLocalDate());
        text.append(' ');
        pad(text, value.getHour(), 2).append(':');
        pad(text, value.getMinute(), 2).append(':');
        pad(text, value.getSecond(), 2).append('.');
        pad(text, value.getNano() / 1000, 6).append(offset);
        if (value.getYear() <= 0) {
            text.append(" BC");
        }
        return text.toString();
    }

    private static void appendDate(StringBuilder text, LocalDate date) {
        int year = date.getYear();
        pad(text, year <= 0 ? 1 - year : year, 4).append('-');
        pad(text, date.getMonthValue(), 2).append('-');
        pad(text, date.getDayOfMonth(), 2);
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
