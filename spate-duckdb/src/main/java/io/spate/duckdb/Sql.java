package io.spate.duckdb;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** The one place that writes identifiers and literals into DuckDB SQL. */
public final class Sql {

    private Sql() {
    }

    /** An identifier, always quoted: {@code "name"} with inner quotes doubled. */
    public static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}. */
    static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    /** The quoted names, comma-separated. */
    static String columnList(List<String> columns) {
        return columns.stream().map(Sql::quote).collect(Collectors.joining(", "));
    }

    /** A text literal: {@code 'text'} with inner quotes doubled. */
    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    /** A TIMESTAMPTZ literal of an instant, exact to the microsecond and independent of the time zone. */
    static String timestampTz(Instant instant) {
        long micros = Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        return "(TIMESTAMPTZ '1970-01-01 00:00:00+00' + to_microseconds(" + micros + "))";
    }

    /**
     * DuckDB's own message of a failure, without the JDBC driver's wrapper sentence ("Attempting to execute an
     * unsuccessful or closed pending query result").
     */
    static String errorMessage(SQLException e) {
        String message = String.valueOf(e.getMessage());
        String wrapped = "pending query result\nError: ";
        int at = message.indexOf(wrapped);
        return at >= 0 ? message.substring(at + wrapped.length()) : message;
    }
}
