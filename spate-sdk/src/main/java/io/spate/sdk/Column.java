package io.spate.sdk;

import static java.util.Objects.requireNonNull;

/**
 * A declared column of a table.
 *
 * @param name the column name as the source spells it
 * @param type its type; values that do not fit it fail the row with a message naming table, column and key
 */
public record Column(String name, DataType type) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isBlank()) {
            throw SpateException.config("a column name must not be blank");
        }
    }

    public static Column of(String name, DataType type) {
        return new Column(name, type);
    }
}
