package io.spate.http;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * Incremental sync: each run sends {@code param=<the largest value of column seen by earlier runs>}, so
 * the server returns only rows changed since. The value is sent as the CSV spelled it.
 *
 * @param param the query parameter
 * @param column the CSV column whose largest value is the next run's cursor
 * @param initial the value sent on the first run; without it the first run sends no parameter
 */
record Incremental(String param, String column, Optional<String> initial) {

    static final String EXPECTED = "must be a map {param: updated_since, column: updated_at} (optionally with initial: VALUE)";

    /**
     * Orders cursor values: as numbers when both are numbers, as instants or dates when both are ISO-8601
     * timestamps or dates, else as text.
     */
    static final Comparator<String> ORDER = Incremental::compare;

    static Optional<Incremental> parse(Object value) {
        if (value == null || String.valueOf(value).isBlank() || String.valueOf(value).trim().equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        Map<String, Object> map = StructuredValue.asMap(value)
                .orElseThrow(() -> new IllegalArgumentException("incremental is not a map"));
        for (String key : map.keySet()) {
            if (!key.equals("param") && !key.equals("column") && !key.equals("initial")) {
                throw new IllegalArgumentException("incremental has no entry " + key);
            }
        }
        return Optional.of(new Incremental(StructuredValue.text(map, "param", "incremental"),
                StructuredValue.text(map, "column", "incremental"), StructuredValue.optionalText(map, "initial")));
    }

    /** The larger of two cursor values; either may be absent. */
    static Optional<String> max(Optional<String> a, Optional<String> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return ORDER.compare(a.get(), b.get()) >= 0 ? a : b;
    }

    private static int compare(String a, String b) {
        Optional<BigDecimal> na = number(a), nb = number(b);
        if (na.isPresent() && nb.isPresent()) {
            return na.get().compareTo(nb.get());
        }
        Optional<Instant> ia = instant(a), ib = instant(b);
        if (ia.isPresent() && ib.isPresent()) {
            return ia.get().compareTo(ib.get());
        }
        return a.compareTo(b);
    }

    private static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Timestamps with an offset as instants; dates and naive timestamps as if in UTC (they compare among themselves). */
    private static Optional<Instant> instant(String text) {
        String t = text.trim().replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(t.endsWith("Z") || t.matches(".*[+-]\\d\\d:?\\d\\d$") ? t : t + "Z").toInstant());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDateTime.parse(t).toInstant(java.time.ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                try {
                    return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
                } catch (DateTimeParseException e3) {
                    return Optional.empty();
                }
            }
        }
    }
}
