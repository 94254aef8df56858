package io.spate.jdbc;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.DataType;

/**
 * A column of a source table and how to read it.
 *
 * @param name the column name as the source spells it
 * @param sourceType the source's type name, for messages ({@code numeric(12,2)}, {@code timestamptz})
 * @param castType the SQL type a bookmark's text is cast to when compared with this column
 * @param type the SDK type of the destination column
 * @param kind the getter used to read it
 * @param selectExpression what the SELECT list reads ({@code "col"}, or {@code to_json("col")::text} for arrays)
 */
record SourceColumn(String name, String sourceType, String castType, DataType type, ValueKind kind,
        String selectExpression) {
    SourceColumn {
        requireNonNull(name, "name is null");
        requireNonNull(sourceType, "sourceType is null");
        requireNonNull(castType, "castType is null");
        requireNonNull(type, "type is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(selectExpression, "selectExpression is null");
    }

    /** The same column declared with another destination type (a table_spec override). */
    SourceColumn withType(DataType declared) {
        boolean asText = declared.kind() == DataType.Kind.STRING && type.kind() != DataType.Kind.STRING
                && selectExpression.equals(Sql.quote(name));
        return new SourceColumn(name, sourceType, castType, declared, ValueKind.forType(declared),
                asText ? selectExpression + "::text" : selectExpression);
    }

    /** Whether values of this column can be compared and bookmarked (ordered, exact text form). */
    boolean isOrderable() {
        return type.kind() != DataType.Kind.JSON && !sourceType.endsWith("[]") && !sourceType.equals("ARRAY");
    }
}
