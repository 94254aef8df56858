package io.spate.jdbc;

import io.spate.sdk.DataType;

/**
 * The Java value a column is read as: by a cursor, one {@code ResultSet} getter per kind, by column index; by a
 * binary COPY, the {@link BinaryCopyDecoder.Wire} that decodes into it ({@link CopyQuery}).
 */
enum ValueKind {
    BOOLEAN, SHORT, INT, LONG, FLOAT, DOUBLE, DECIMAL, DATE, TIMESTAMP, TIMESTAMPTZ, BYTES, TEXT;

    /** The getter that yields the Java value the SDK expects for a declared type. */
    static ValueKind forType(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> BOOLEAN;
            case SHORT -> SHORT;
            case INT -> INT;
            case LONG -> LONG;
            case FLOAT -> FLOAT;
            case DOUBLE -> DOUBLE;
            case DECIMAL -> DECIMAL;
            case NAIVE_DATE -> DATE;
            case NAIVE_DATETIME -> TIMESTAMP;
            case UTC_DATETIME -> TIMESTAMPTZ;
            case BINARY -> BYTES;
            case STRING, JSON -> TEXT;
        };
    }
}
