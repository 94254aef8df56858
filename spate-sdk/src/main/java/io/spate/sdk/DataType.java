package io.spate.sdk;

import static java.util.Objects.requireNonNull;

/**
 * A column type. Values handed to {@link Operations} may be given as the natural Java type of the kind
 * ({@link Kind#javaTypes()}) or as a string the runtime parses.
 *
 * @param kind the kind of type
 * @param precision total digits, for {@link Kind#DECIMAL} only (0 otherwise)
 * @param scale digits after the point, for {@link Kind#DECIMAL} only (0 otherwise)
 */
public record DataType(Kind kind, int precision, int scale) {

    /** Kinds of column types. */
    public enum Kind {
        BOOLEAN("Boolean"),
        SHORT("Short, Integer, Long within range"),
        INT("Integer, Short, Long within range"),
        LONG("Long, Integer, Short"),
        DECIMAL("BigDecimal, or any number"),
        FLOAT("Float, or any number"),
        DOUBLE("Double, or any number"),
        NAIVE_DATE("LocalDate, or \"yyyy-MM-dd\""),
        NAIVE_DATETIME("LocalDateTime, or ISO-8601 text without offset"),
        UTC_DATETIME("Instant, OffsetDateTime, ZonedDateTime, or ISO-8601 text"),
        BINARY("byte[], or base64 text"),
        STRING("String, or any value (its text)"),
        JSON("JSON text, Map, List, or any value");

        private final String javaTypes;

        Kind(String javaTypes) {
            this.javaTypes = javaTypes;
        }

        /** The Java values accepted for this kind, for documentation and error messages. */
        public String javaTypes() {
            return javaTypes;
        }
    }

    /** Largest precision of a DECIMAL. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    public static final DataType BOOLEAN = new DataType(Kind.BOOLEAN, 0, 0);
    public static final DataType SHORT = new DataType(Kind.SHORT, 0, 0);
    public static final DataType INT = new DataType(Kind.INT, 0, 0);
    public static final DataType LONG = new DataType(Kind.LONG, 0, 0);
    public static final DataType FLOAT = new DataType(Kind.FLOAT, 0, 0);
    public static final DataType DOUBLE = new DataType(Kind.DOUBLE, 0, 0);
    public static final DataType NAIVE_DATE = new DataType(Kind.NAIVE_DATE, 0, 0);
    public static final DataType NAIVE_DATETIME = new DataType(Kind.NAIVE_DATETIME, 0, 0);
    public static final DataType UTC_DATETIME = new DataType(Kind.UTC_DATETIME, 0, 0);
    public static final DataType BINARY = new DataType(Kind.BINARY, 0, 0);
    public static final DataType STRING = new DataType(Kind.STRING, 0, 0);
    public static final DataType JSON = new DataType(Kind.JSON, 0, 0);

    public DataType {
        requireNonNull(kind, "kind is null");
        if (kind == Kind.DECIMAL) {
            if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
                throw SpateException.config("DECIMAL precision must be 1.." + MAX_DECIMAL_PRECISION + ", got " + precision);
            }
            if (scale < 0 || scale > precision) {
                throw SpateException.config("DECIMAL(" + precision + "," + scale + ") scale must be 0.." + precision);
            }
        } else if (precision != 0 || scale != 0) {
            throw SpateException.config(kind + " takes no precision or scale");
        }
    }

    public static DataType decimal(int precision, int scale) {
        return new DataType(Kind.DECIMAL, precision, scale);
    }

    /** The type of a simple kind (anything but DECIMAL, which needs {@link #decimal}). */
    public static DataType of(Kind kind) {
        return switch (kind) {
            case BOOLEAN -> BOOLEAN;
            case SHORT -> SHORT;
            case INT -> INT;
            case LONG -> LONG;
            case DECIMAL -> throw SpateException.config("DECIMAL needs a precision and a scale, e.g. DECIMAL(12,2)");
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            case NAIVE_DATE -> NAIVE_DATE;
            case NAIVE_DATETIME -> NAIVE_DATETIME;
            case UTC_DATETIME -> UTC_DATETIME;
            case BINARY -> BINARY;
            case STRING -> STRING;
            case JSON -> JSON;
        };
    }

    /**
     * Parses a type name as written in configuration files: {@code LONG}, {@code decimal(12,2)},
     * {@code string}; a few common aliases are accepted ({@code int64}, {@code bigint}, {@code varchar},
     * {@code timestamp}, {@code timestamptz}, {@code date}, {@code bool}, ...).
     */
    public static DataType parse(String text) {
        requireNonNull(text, "text is null");
        String t = text.trim().toUpperCase(java.util.Locale.ROOT).replace(" ", "");
        if (t.startsWith("DECIMAL(") || t.startsWith("NUMERIC(")) {
            int open = t.indexOf('('), comma = t.indexOf(','), close = t.indexOf(')');
            try {
                if (close == t.length() - 1) {
                    int precision = Integer.parseInt(t.substring(open + 1, comma < 0 ? close : comma));
                    int scale = comma < 0 ? 0 : Integer.parseInt(t.substring(comma + 1, close));
                    return decimal(precision, scale);
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw SpateException.config("\"" + text + "\" is not a type: write DECIMAL(precision,scale), e.g. DECIMAL(12,2)");
        }
        return switch (t) {
            case "BOOLEAN", "BOOL" -> BOOLEAN;
            case "SHORT", "SMALLINT", "INT16" -> SHORT;
            case "INT", "INTEGER", "INT32" -> INT;
            case "LONG", "BIGINT", "INT64" -> LONG;
            case "DECIMAL", "NUMERIC" -> decimal(38, 9);
            case "FLOAT", "REAL", "FLOAT32" -> FLOAT;
            case "DOUBLE", "FLOAT64", "DOUBLEPRECISION" -> DOUBLE;
            case "NAIVE_DATE", "DATE" -> NAIVE_DATE;
            case "NAIVE_DATETIME", "DATETIME", "TIMESTAMP" -> NAIVE_DATETIME;
            case "UTC_DATETIME", "TIMESTAMPTZ", "INSTANT" -> UTC_DATETIME;
            case "BINARY", "BYTES", "BLOB", "BYTEA" -> BINARY;
            case "STRING", "VARCHAR", "TEXT" -> STRING;
            case "JSON", "JSONB" -> JSON;
            default -> throw SpateException.config("\"" + text + "\" is not a type; use one of BOOLEAN, SHORT, INT, LONG, "
                    + "DECIMAL(p,s), FLOAT, DOUBLE, NAIVE_DATE, NAIVE_DATETIME, UTC_DATETIME, BINARY, STRING, JSON");
        };
    }

    @Override
    public String toString() {
        return kind == Kind.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : kind.name();
    }
}
