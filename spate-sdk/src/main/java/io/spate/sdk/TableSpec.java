package io.spate.sdk;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table a connector declares in {@link Connector#schema}. Columns that are not declared are inferred
 * from the values the connector sends, and widen when a later value needs a wider type.
 *
 * @param name the table name as the source spells it
 * @param schema the source schema, if the source has schemas (the destination table is {@code schema.name})
 * @param primaryKey the key columns; empty means none: the runtime keys the rows by a hash of their values
 * @param columns the declared columns, in order; may be empty
 */
public record TableSpec(String name, Optional<String> schema, List<String> primaryKey, List<Column> columns) {

    public TableSpec {
        requireNonNull(name, "name is null");
        requireNonNull(schema, "schema is null");
        primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        if (name.isBlank()) {
            throw SpateException.config("a table name must not be blank");
        }
        Set<String> seen = new HashSet<>();
        for (Column column : columns) {
            if (!seen.add(column.name())) {
                throw SpateException.config("table " + name + " declares column \"" + column.name() + "\" twice");
            }
        }
        if (new HashSet<>(primaryKey).size() != primaryKey.size()) {
            throw SpateException.config("table " + name + " lists a primary key column twice: " + primaryKey);
        }
    }

    /** The name operations use for this table: {@code schema.name} when there is a schema, else {@code name}. */
    public String qualifiedName() {
        return schema.map(s -> s + "." + name).orElse(name);
    }

    /** The declared column of that name, if any. */
    public Optional<Column> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder that starts from this spec. */
    public Builder toBuilder() {
        Builder builder = new Builder(name);
        builder.schema = schema.orElse(null);
        builder.primaryKey.addAll(primaryKey);
        builder.columns.addAll(columns);
        return builder;
    }

    /** Builds a {@link TableSpec}. */
    public static final class Builder {
        private String name;
        private String schema;
        private final List<String> primaryKey = new ArrayList<>();
        private final List<Column> columns = new ArrayList<>();

        private Builder(String name) {
            this.name = requireNonNull(name, "name is null");
        }

        public Builder name(String name) {
            this.name = requireNonNull(name, "name is null");
            return this;
        }

        public Builder schema(String schema) {
            this.schema = schema;
            return this;
        }

        public Builder primaryKey(String... columnNames) {
            return primaryKey(List.of(columnNames));
        }

        public Builder primaryKey(List<String> columnNames) {
            primaryKey.clear();
            primaryKey.addAll(columnNames);
            return this;
        }

        public Builder column(String columnName, DataType type) {
            columns.add(new Column(columnName, type));
            return this;
        }

        public Builder columns(List<Column> more) {
            columns.addAll(more);
            return this;
        }

        public TableSpec build() {
            return new TableSpec(name, Optional.ofNullable(schema), primaryKey, columns);
        }
    }
}
