package io.spate.sdk;

import static java.util.Objects.requireNonNull;

/**
 * A column of a table, declared by a connector.
 *
 * @param name the column name as the source spells it
 * @param type its type
 * @param widens false for a declared type, which values must fit (a value that does not fails the row with
 *        a message naming table, column and key); true for a type guessed from a sample (schema inference),
 *        which widens when a later value needs it, as an undeclared column does
 */
public record Column(String name, DataType type, boolean widens) {
    public Column {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        if (name.isBlank()) {
            throw SpateException.config("a column name must not be blank");
        }
    }

    /** A declared column: its values must fit {@code type}. */
    public Column(String name, DataType type) {
        this(name, type, false);
    }

    /** A declared column: its values must fit {@code type}. */
    public static Column of(String name, DataType type) {
        return new Column(name, type, false);
    }

    /** A column whose type was guessed from a sample: it starts as {@code type} and widens when needed. */
    public static Column inferred(String name, DataType type) {
        return new Column(name, type, true);
    }
}
