package io.spate.jdbc.destination;

import io.spate.sdk.DataType;
import io.spate.types.TypeWidening;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How spate types are stored in PostgreSQL, and which stored column needs widening for which incoming type. */
final class PgTypes {
    private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");

    private PgTypes() {
    }

    /** The PostgreSQL column type of a spate type. */
    static String sqlType(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case SHORT -> "smallint";
            case INT -> "integer";
            case LONG -> "bigint";
            case DECIMAL -> "numeric(" + type.precision() + "," + type.scale() + ")";
            case FLOAT -> "real";
            case DOUBLE -> "double precision";
            case NAIVE_DATE -> "date";
            case NAIVE_DATETIME -> "timestamp";
            case UTC_DATETIME -> "timestamptz";
            case BINARY -> "bytea";
            case STRING -> "text";
            case JSON -> "jsonb";
        };
    }

    /**
     * The spate type of a column type as {@code format_type} spells it; empty for a type spate does not create
     * (a column made by someone else, e.g. {@code varchar(20)}), which is then written through casts only.
     */
    static Optional<DataType> fromSql(String formatted) {
        Matcher numeric = NUMERIC.matcher(formatted);
        if (numeric.matches()) {
            return Optional.of(DataType.decimal(Integer.parseInt(numeric.group(1)), Integer.parseInt(numeric.group(2))));
        }
        return Optional.ofNullable(switch (formatted) {
            case "boolean" -> DataType.BOOLEAN;
            case "smallint" -> DataType.SHORT;
            case "integer" -> DataType.INT;
            case "bigint" -> DataType.LONG;
            case "real" -> DataType.FLOAT;
            case "double precision" -> DataType.DOUBLE;
            case "date" -> DataType.NAIVE_DATE;
            case "timestamp without time zone" -> DataType.NAIVE_DATETIME;
            case "timestamp with time zone" -> DataType.UTC_DATETIME;
            case "bytea" -> DataType.BINARY;
            case "text" -> DataType.STRING;
            case "jsonb" -> DataType.JSON;
            default -> null;
        });
    }

    /**
     * The type a column stored as {@code stored} must become to take values of {@code incoming}; empty when it
     * takes them as it is. A column is never narrowed: a table widened by an earlier run stays wide.
     */
    static Optional<DataType> widening(DataType stored, DataType incoming) {
        if (TypeWidening.fitsIn(incoming, stored)) {
            return Optional.empty();
        }
        return Optional.of(TypeWidening.widen(stored, incoming));
    }
}
