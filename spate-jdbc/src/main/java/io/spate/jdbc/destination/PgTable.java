package io.spate.jdbc.destination;

import io.spate.destination.TableSchema;
import io.spate.sdk.DataType;
import java.util.List;
import java.util.Optional;

/**
 * What the destination knows of one target table during the open transaction: its stored columns and the
 * schema it was last ensured for. Forgotten on rollback (the transaction may have created or altered it).
 */
final class PgTable {
    private final String schema;
    private final String name;
    private List<StoredColumn> columns;
    private Optional<TableSchema> ensuredFor = Optional.empty();

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
}
