package io.spate.jdbc;

import java.util.List;
import java.util.stream.Collectors;

/** The one place identifiers are quoted for PostgreSQL and Redshift. */
final class Sql {
    private Sql() {
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    static String quotedList(List<SourceColumn> columns) {
        return columns.stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
    }
}
