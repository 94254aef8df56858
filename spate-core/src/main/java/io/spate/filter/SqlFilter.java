package io.spate.filter;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A filter rendered for a SQL {@code WHERE} clause: identifiers quoted by the caller's function, every
 * literal a {@code ?} bound in order from {@link #parameters()} with {@code PreparedStatement.setObject}
 * (Long, BigDecimal, String, Boolean, LocalDate, LocalDateTime, OffsetDateTime at UTC). Only the keyword
 * {@code NULL} and the fixed {@code ESCAPE '!'} of like appear as constants. Use it as {@code WHERE (sql)}.
 */
public record SqlFilter(String sql, List<Object> parameters) {
    public SqlFilter {
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(parameters);
    }
}
