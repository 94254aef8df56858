package io.spate.destination.sql;

import io.spate.destination.TableSchema;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a SQL destination knows of one target table during the open transaction: its stored columns, the
 * schema it was last ensured for, and the largest key it holds (so that rows with larger keys, which cannot
 * replace anything, are written straight into it without a merge). Forgotten on rollback (the transaction
 * may have created or altered it).
 */
public final class SqlTable {
    private final String schema;
    private final String name;
    private final String sqlName;
    private final boolean identifiersKeepCase;
    private List<StoredColumn> columns;
    private Optional<TableSchema> ensuredFor = Optional.empty();
    private boolean maxKeyKnown;
    private boolean hasRows;
    private long maxKey;

    /**
     * @param sqlName the quoted {@code "schema"."table"}
     * @param identifiersKeepCase true where quoted identifiers keep their case (PostgreSQL), false where they
     *     match whatever the case (DuckDB)
     */
    SqlTable(String schema, String name, String sqlName, boolean identifiersKeepCase, List<StoredColumn> columns) {
        this.schema = schema;
        this.name = name;
        this.sqlName = sqlName;
        this.identifiersKeepCase = identifiersKeepCase;
        this.columns = List.copyOf(columns);
    }

    public String schema() {
        return schema;
    }

    public String name() {
        return name;
    }

    /** {@code "schema"."table"}. */
    public String sqlName() {
        return sqlName;
    }

    /** {@code schema.table}, for messages. */
    public String displayName() {
        return schema + "." + name;
    }

    public List<StoredColumn> columns() {
        return columns;
    }

    void columns(List<StoredColumn> stored) {
        this.columns = List.copyOf(stored);
    }

    /** The stored column of this name: exactly this name where identifiers keep their case, else in any case. */
    public Optional<StoredColumn> column(String column) {
        if (identifiersKeepCase) {
            return columns.stream().filter(c -> c.name().equals(column)).findFirst();
        }
        String wanted = column.toLowerCase(Locale.ROOT);
        return columns.stream().filter(c -> c.name().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
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
    public void keysWrittenUpTo(long max) {
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
