package io.spate.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A table found in the source.
 *
 * @param schema its schema
 * @param name its name
 * @param columns its columns in ordinal order
 * @param primaryKey the primary key columns in key order; empty when the table declares none
 */
record SourceTable(String schema, String name, List<SourceColumn> columns, List<String> primaryKey) {
    SourceTable {
        requireNonNull(schema, "schema is null");
        requireNonNull(name, "name is null");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** {@code schema.name}: the destination table name and the key of this table's state. */
    String qualifiedName() {
        return schema + "." + name;
    }

    String quotedName() {
        return Sql.qualified(schema, name);
    }

    Optional<SourceColumn> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
