package io.spate.jdbc;

import io.spate.sdk.SpateException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The text form of a key or replication-key value as stored in a bookmark: exact, and read back by the
 * server with {@code CAST(? AS type)}, so a resumed query compares against precisely the value last sent.
 */
final class KeyText {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private KeyText() {
    }

    static String of(Object value, String column) {
        if (value == null) {
            throw SpateException.data("key column \"" + column + "\" is NULL: a key that orders rows must not be NULL");
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof LocalDateTime dateTime) {
            return MICROS.format(dateTime);
        }
        if (value instanceof Instant instant) {
            return MICROS.format(instant.atOffset(ZoneOffset.UTC)) + "+00";
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }
}
