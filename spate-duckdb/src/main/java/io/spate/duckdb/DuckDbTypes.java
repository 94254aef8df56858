package io.spate.duckdb;

import io.spate.sdk.DataType;
import io.spate.types.TypeWidening;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How spate types are stored in DuckDB, and which stored type can take values of which spate type. */
final class DuckDbTypes {
    private static final Pattern DECIMAL = Pattern.compile("(?:DECIMAL|NUMERIC)\\((\\d+),\\s*(\\d+)\\)");

    private DuckDbTypes() {
    }

    /** The DuckDB column type of a spate type. */
    static String sqlType(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case SHORT -> "SMALLINT";
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
            case FLOAT -> "REAL";
            case DOUBLE -> "DOUBLE";
            case NAIVE_DATE -> "DATE";
            case NAIVE_DATETIME -> "TIMESTAMP";
            case UTC_DATETIME -> "TIMESTAMPTZ";
            case BINARY -> "BLOB";
            case STRING -> "VARCHAR";
            case JSON -> "JSON";
        };
    }

    /**
     * The spate type of a DuckDB column type as {@code information_schema} spells it; empty for a type spate
     * does not write (a table made by someone else), which is then only ever written through casts.
     */
    static Optional<DataType> fromSql(String sqlType) {
        String t = sqlType.trim().toUpperCase(Locale.ROOT);
        Matcher decimal = DECIMAL.matcher(t);
        if (decimal.matches()) {
            return Optional.of(DataType.decimal(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2))));
        }
        return Optional.ofNullable(switch (t) {
            case "BOOLEAN" -> DataType.BOOLEAN;
            case "SMALLINT" -> DataType.SHORT;
            case "INTEGER" -> DataType.INT;
            case "BIGINT" -> DataType.LONG;
            case "REAL", "FLOAT" -> DataType.FLOAT;
            case "DOUBLE" -> DataType.DOUBLE;
            case "DATE" -> DataType.NAIVE_DATE;
            case "TIMESTAMP" -> DataType.NAIVE_DATETIME;
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> DataType.UTC_DATETIME;
            case "BLOB" -> DataType.BINARY;
            case "VARCHAR" -> DataType.STRING;
            case "JSON" -> DataType.JSON;
            default -> null;
        });
    }

    /** True when every value of {@code incoming} is a value of a column stored as {@code stored}. */
    static boolean holds(DataType stored, DataType incoming) {
        return TypeWidening.fitsIn(incoming, stored);
    }

    /** The type a column stored as {@code stored} becomes when values of {@code incoming} arrive: the lattice's join. */
    static DataType widened(DataType stored, DataType incoming) {
        return TypeWidening.widen(stored, incoming);
    }
}
