package io.spate.bench;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * Writes {@link Orders} rows as text: RFC-4180 CSV (a field with a comma, quote or line break is quoted,
 * quotes doubled; LF line ends) and JSON Lines. Timestamps as {@code yyyy-MM-dd HH:mm:ss}, which every
 * compared tool reads as a timestamp.
 */
final class OrdersText {
    static final String CSV_HEADER = String.join(",", Orders.COLUMNS) + "\n";

    private final Object[] values = new Object[Orders.COLUMNS.size()];

    /** Appends order {@code n} as one CSV record with its line end. */
    void appendCsv(long n, StringBuilder out) {
        Orders.fill(n, values);
        out.append((long) values[0]).append(',').append((long) values[1]).append(',');
        appendTimestamp((LocalDateTime) values[2], out);
        out.append(',').append(((BigDecimal) values[3]).toPlainString()).append(',').append((int) values[4]).append(',')
                .append((double) values[5]).append(',').append((String) values[6]).append(',').append((String) values[7])
                .append(',').append((boolean) values[8]).append(',');
        appendCsvField((String) values[9], out);
        out.append('\n');
    }

    /** Appends order {@code n} as one JSON object and a line end. */
    void appendJson(long n, StringBuilder out) {
        Orders.fill(n, values);
        out.append("{\"order_id\":").append((long) values[0]).append(",\"customer_id\":").append((long) values[1])
                .append(",\"order_ts\":\"");
        appendTimestamp((LocalDateTime) values[2], out);
        out.append("\",\"amount\":").append(((BigDecimal) values[3]).toPlainString()).append(",\"quantity\":")
                .append((int) values[4]).append(",\"discount\":").append((double) values[5]).append(",\"status\":\"")
                .append((String) values[6]).append("\",\"country\":\"").append((String) values[7])
                .append("\",\"is_member\":").append((boolean) values[8]).append(",\"note\":\"");
        appendJsonText((String) values[9], out);
        out.append("\"}\n");
    }

    private static void appendCsvField(String text, StringBuilder out) {
        boolean quote = false;
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                out.append('"');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static void appendJsonText(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    static void appendTimestamp(LocalDateTime ts, StringBuilder out) {
        out.append(ts.getYear()).append('-');
        twoDigits(ts.getMonthValue(), out);
        out.append('-');
        twoDigits(ts.getDayOfMonth(), out);
        out.append(' ');
        twoDigits(ts.getHour(), out);
        out.append(':');
        twoDigits(ts.getMinute(), out);
        out.append(':');
        twoDigits(ts.getSecond(), out);
    }

    private static void twoDigits(int value, StringBuilder out) {
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }
}
