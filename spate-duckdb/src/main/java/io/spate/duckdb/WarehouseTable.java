package io.spate.duckdb;

import io.spate.destination.TableSchema;
import io.spate.sdk.DataType;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the destination knows of one warehouse table during the open unit of work: its stored columns, the
 * schema it was last ensured for, and the largest key it holds (so that rows with larger keys, which cannot
 * replace anything, are appended without a merge). Forgotten on rollback.
 */
final class WarehouseTable {
    private final String schema;
    private final String name;
    private List<StoredColumn> columns;
    private Optional<TableSchema> ensuredFor = Optional.empty();
    private boolean maxKeyKnown;
    private boolean hasRows;
    private long maxKey;
    private Optional<Optional<FreshPrefixes>> freshPrefixes = Optional.empty();

    /** A column as DuckDB stores it; {@code type} is empty for a type spate does not write. */
    record StoredColumn(String name, String sqlType, Optional<DataType> type) {
    }

    WarehouseTable(String schema, String name, List<StoredColumn> columns) {
        this.schema = schema;
        this.name = name;
        this.columns = List.copyOf(columns);
    }

    String schema() {
        return schema;
    }

    String name() {
        return name;
    }

    /** {@code "schema"."table"}. */
    String sqlName() {
        return Sql.qualified(schema, name);
    }

    /** {@code schema.table}, for messages. */
    String displayName() {
        return schema + "." + name;
    }

    List<StoredColumn> columns() {
        return columns;
    }

    void columns(List<StoredColumn> stored) {
        this.columns = List.copyOf(stored);
    }

    /** The stored column of this name; DuckDB identifiers are case-insensitive. */
    Optional<StoredColumn> column(String column) {
        String wanted = column.toLowerCase(Locale.ROOT);
        return columns.stream().filter(c -> c.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /** What is known of fresh key prefixes: empty until loaded; loaded as empty when not tracked. */
    Optional<Optional<FreshPrefixes>> freshPrefixes() {
        return freshPrefixes;
    }

    void freshPrefixes(Optional<FreshPrefixes> known) {
        this.freshPrefixes = Optional.of(known);
    }

    boolean isEnsuredFor(TableSchema schemaOfTable) {
        return ensuredFor.filter(schemaOfTable::equals).isPresent();
    }

    void ensuredFor(TableSchema schemaOfTable) {
        this.ensuredFor = Optional.of(schemaOfTable);
    }

    boolean maxKeyKnown() {
        return maxKeyKnown;
    }

    /** Records the table's largest key as read from the table; empty when the table has no rows. */
    void maxKey(Optional<Long> max) {
        maxKeyKnown = true;
        hasRows = max.isPresent();
        maxKey = max.orElse(Long.MIN_VALUE);
    }

    /** Whether no row of the table can have a key in {@code [min, max]} because all keys are below it. */
    boolean allKeysBelow(long min) {
        return maxKeyKnown && (!hasRows || maxKey < min);
    }

    /** Records that rows up to key {@code max} were written. */
    void keysWrittenUpTo(long max) {
        if (maxKeyKnown) {
            maxKey = hasRows ? Math.max(maxKey, max) : max;
            hasRows = true;
        }
    }
}
