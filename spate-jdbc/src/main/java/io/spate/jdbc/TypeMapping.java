package io.spate.jdbc;

import io.spate.sdk.DataType;
import java.util.Locale;

/**
 * Maps a PostgreSQL / Redshift column type to the SDK type and the way it is read. Values must round-trip
 * exactly, so a type that cannot be held exactly by an SDK type is read as its text:
 * {@code numeric} without a declared precision (or with more than 38 digits) is STRING, because it can hold
 * values no DECIMAL(38,s) holds; {@code time}, {@code interval}, {@code money} and other types without an SDK
 * counterpart are STRING in the source's text form.
 */
final class TypeMapping {
    /** Types whose values are text already; others mapped to STRING are read as the server's text form. */
    private static final java.util.Set<String> TEXT_TYPES = java.util.Set.of("text", "varchar", "bpchar", "char", "name",
            "citext");

    private TypeMapping() {
    }

    /**
     * @param dialect the source
     * @param column the column name
     * @param dataType {@code information_schema.columns.data_type} ({@code ARRAY} for arrays)
     * @param udtSchema the schema of the underlying type
     * @param udtName the underlying type ({@code int4}, {@code timestamptz}, {@code _int4} for arrays)
     * @param precision {@code numeric_precision}, 0 when none
     * @param scale {@code numeric_scale}, 0 when none
     */
    static SourceColumn map(Dialect dialect, String column, String dataType, String udtSchema, String udtName,
            int precision, int scale) {
        String udt = udtName.toLowerCase(Locale.ROOT);
        String quoted = Sql.quote(column);
        boolean isArray = "ARRAY".equalsIgnoreCase(dataType) || udt.startsWith("_");
        String castType = udtSchema == null || udtSchema.isBlank() || "pg_catalog".equals(udtSchema)
                ? udt : Sql.qualified(udtSchema, udtName);
        if (isArray) {
            return new SourceColumn(column, udt.substring(1) + "[]", castType, DataType.JSON, ValueKind.TEXT,
                    dialect.jsonExpression(quoted, true));
        }
        DataType type = switch (udt) {
            case "bool" -> DataType.BOOLEAN;
            case "int2" -> DataType.SHORT;
            case "int4" -> DataType.INT;
            case "int8", "oid" -> DataType.LONG;
            case "float4" -> DataType.FLOAT;
            case "float8" -> DataType.DOUBLE;
            case "numeric" -> precision >= 1 && precision <= DataType.MAX_DECIMAL_PRECISION
                    ? DataType.decimal(precision, scale) : DataType.STRING;
            case "date" -> DataType.NAIVE_DATE;
            case "timestamp" -> DataType.NAIVE_DATETIME;
            case "timestamptz" -> DataType.UTC_DATETIME;
            case "json", "jsonb", "super" -> DataType.JSON;
            case "bytea", "varbyte" -> DataType.BINARY;
            default -> DataType.STRING;
        };
        String sourceType = "numeric".equals(udt) && precision > 0 ? "numeric(" + precision + "," + scale + ")" : udt;
        String select = "super".equals(udt) ? dialect.jsonExpression(quoted, false)
                : type.kind() == DataType.Kind.STRING && !TEXT_TYPES.contains(udt) ? dialect.textExpression(quoted) : quoted;
        return new SourceColumn(column, sourceType, castType, type, ValueKind.forType(type), select);
    }
}
