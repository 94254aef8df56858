package io.spate.jdbc;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.DataType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One table_spec entry: settings for one table that override (or, with auto detection off, replace)
 * what discovery finds.
 *
 * @param name {@code table} or {@code schema.table}
 * @param primaryKey the key columns, when given
 * @param strategy INCREMENTAL or FULL, when given
 * @param replicationKey the replication key column, when given
 * @param include only these columns, when not empty
 * @param exclude not these columns
 * @param chunking whether to chunk the snapshot, when given
 * @param columnTypes declared destination types of some columns
 */
record TableSpecEntry(String name, Optional<List<String>> primaryKey, Optional<Strategy> strategy,
        Optional<String> replicationKey, List<String> include, List<String> exclude, Optional<Boolean> chunking,
        Map<String, DataType> columnTypes) {
    TableSpecEntry {
        requireNonNull(name, "name is null");
        primaryKey = primaryKey.map(List::copyOf);
        include = List.copyOf(include);
        exclude = List.copyOf(exclude);
        columnTypes = Map.copyOf(columnTypes);
    }

    /** Whether this entry is about {@code schema.table}. */
    boolean matches(String schema, String table) {
        return name.equals(table) || name.equals(schema + "." + table);
    }

    /** The schema this entry names, if it names one. */
    Optional<String> schema() {
        int dot = name.indexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(name.substring(0, dot));
    }

    String table() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(dot + 1);
    }
}
