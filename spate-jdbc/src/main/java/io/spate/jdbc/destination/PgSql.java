package io.spate.jdbc.destination;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The one place that writes identifiers and literals into the destination's PostgreSQL SQL. */
final class PgSql {

    private PgSql() {
    }

    /** An identifier, always quoted: {@code "name"} with inner quotes doubled (PostgreSQL keeps its case). */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}. */
    static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    /** The quoted names, comma-separated. */
    static String columnList(List<String> columns) {
        return columns.stream().map(PgSql::quote).collect(Collectors.joining(", "));
    }

    /** A text literal: {@code 'text'} with inner quotes doubled (standard_conforming_strings is on since 9.1). */
    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    /** A timestamptz literal of an instant, exact to the microsecond whatever the session's time zone. */
    static String timestampTz(Instant instant) {
        return literal(instant.toString()) + "::timestamptz";
    }

    /** The server's message with its SQLSTATE, e.g. {@code ERROR: ... (SQLSTATE 23502)}. */
    static String errorMessage(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return e.getSQLState() == null ? message : message + " (SQLSTATE " + e.getSQLState() + ")";
    }
}
