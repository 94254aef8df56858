package io.spate.jdbc.destination;

import io.spate.destination.TableSchema;
import io.spate.sdk.DataType;
import java.util.List;
import java.util.Optional;

/**
 * What the destination knows of one target table during the open transaction: its stored columns and the
 * schema it was last ensured for, and the largest key it holds (so that rows with larger keys, which cannot
 * replace anything, are copied straight into it). Forgotten on rollback (the transaction may have created or altered it).
 */
final class PgTable {
    private final String schema;
    private final String name;
    private List<StoredColumn> columns;
    private Optional<TableSchema> ensuredFor = Optional.empty();
    private boolean maxKeyKnown;
    private boolean hasRows;
    private long maxKey;

    /**
     * A column as PostgreSQL stores it.
     *
     * @param sqlType the type as {@code format_type} spells it
     * @param type the spate type, empty for a type spate does not create (then written through a cast)
     */
    record StoredColumn(String name, String sqlType, Optional<DataType> type) {
    }

    PgTable(String schema, String name, List<StoredColumn> columns) {
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
        return PgSql.qualified(schema, name);
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

    /** The stored column of exactly this name (quoted PostgreSQL identifiers keep their case). */
    Optional<StoredColumn> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst();
    }

    boolean isEnsuredFor(TableSchema schemaOfTable) {
        return ensuredFor.filter(schemaOfTable::equals).isPresent();
    }

    void ensuredFor(TableSchema schemaOfTable) {
        this.ensuredFor = Optional.of(schemaOfTable);
    }

    /** Whether the table's largest key is known in this transaction. */
    boolean maxKeyKnown() {
        return maxKeyKnown;
    }

    /** Records the table's largest key as read from the table; empty when the table has no rows. */
    void maxKey(Optional<Long> max) {
        maxKeyKnown = true;
        hasRows = max.isPresent();
        maxKey = max.orElse(Long.MIN_VALUE);
    }

    /** Whether every key of the table is below {@code min}, so that rows from {@code min} on replace nothing. */
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

    /** Forgets the largest key: other sessions may write between transactions. */
    void forgetMaxKey() {
        maxKeyKnown = false;
    }
}
