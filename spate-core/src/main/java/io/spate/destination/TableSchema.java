package io.spate.destination;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.Column;
import io.spate.sdk.SystemColumns;
import java.util.List;
import java.util.Optional;

/**
 * A destination table as the runtime knows it at one moment: declared plus inferred columns, in order.
 * Immutable; schema evolution produces a new one. The system columns {@code _spate_synced},
 * {@code _spate_deleted} (and {@code _spate_id} when {@link #keyless()}) are added by every destination
 * and are not listed in {@link #columns()}.
 *
 * @param schema the destination schema, when the source has one
 * @param name the table name
 * @param primaryKey the key columns; empty when keyless (then {@code _spate_id} is the key)
 * @param columns the data columns in order
 */
public record TableSchema(Optional<String> schema, String name, List<String> primaryKey, List<Column> columns) {

    public TableSchema {
        requireNonNull(schema, "schema is null");
        requireNonNull(name, "name is null");
        primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }

    /** {@code schema.name} or {@code name}: the name connectors use in operations. */
    public String qualifiedName() {
        return schema.map(s -> s + "." + name).orElse(name);
    }

    public boolean keyless() {
        return primaryKey.isEmpty();
    }

    /** The columns rows are identified by: the primary key, or {@code _spate_id}. */
    public List<String> effectiveKey() {
        return keyless() ? List.of(SystemColumns.ID) : primaryKey;
    }

    public int columnIndex(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<Column> column(String column) {
        int index = columnIndex(column);
        return index < 0 ? Optional.empty() : Optional.of(columns.get(index));
    }
}
