package io.spate.format.write;

import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;

/**
 * The Avro schema of a list of columns. Types map faithfully: DECIMAL to {@code bytes} with the
 * {@code decimal} logical type, NAIVE_DATE to {@code int}/{@code date}, NAIVE_DATETIME to
 * {@code long}/{@code local-timestamp-micros}, UTC_DATETIME to {@code long}/{@code timestamp-micros}, JSON
 * to {@code string} with the property {@code "spate.type": "JSON"}, BINARY to {@code bytes}. Nullable
 * columns are unions {@code ["null", T]} with default null.
 *
 * <p>Avro names allow only {@code [A-Za-z_][A-Za-z0-9_]*}: other characters become {@code _} (a leading
 * digit gets a {@code _} before it, a clash a {@code _2} after it) and the original name is kept in the
 * field property {@code "spate.name"}.
 */
public final class AvroSchemas {
    /** Field property holding a column's name when Avro's naming rules changed it. */
    public static final String ORIGINAL_NAME = "spate.name";
    /** Field property marking a string field as JSON text. */
    public static final String SPATE_TYPE = "spate.type";

    private AvroSchemas() {
    }

    /**
     * The record schema of {@code columns}.
     *
     * @param recordName the record's name (made a valid Avro name)
     * @param columns the fields in order
     * @param nonNullable names of columns that never hold NULL (written without a union)
     */
    public static Schema record(String recordName, List<Column> columns, Set<String> nonNullable) {
        List<Field> fields = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Column column : columns) {
            String name = unique(avroName(column.name()), used);
            Schema type = fieldType(column.type());
            Field field = nonNullable.contains(column.name())
                    ? new Field(name, type)
                    : new Field(name, Schema.createUnion(Schema.create(Schema.Type.NULL), type), null, Field.NULL_DEFAULT_VALUE);
            if (!name.equals(column.name())) {
                field.addProp(ORIGINAL_NAME, column.name());
            }
            if (column.type().kind() == DataType.Kind.JSON) {
                field.addProp(SPATE_TYPE, "JSON");
            }
            fields.add(field);
        }
        return Schema.createRecord(avroName(recordName), null, "io.spate.lake", false, fields);
    }

    /** The Avro type of a spate type (without the null union). */
    static Schema fieldType(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case SHORT, INT -> Schema.create(Schema.Type.INT);
            case LONG -> Schema.create(Schema.Type.LONG);
            case FLOAT -> Schema.create(Schema.Type.FLOAT);
            case DOUBLE -> Schema.create(Schema.Type.DOUBLE);
            case DECIMAL -> LogicalTypes.decimal(type.precision(), type.scale()).addToSchema(Schema.create(Schema.Type.BYTES));
            case NAIVE_DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case NAIVE_DATETIME -> LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case UTC_DATETIME -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case BINARY -> Schema.create(Schema.Type.BYTES);
            case STRING, JSON -> Schema.create(Schema.Type.STRING);
        };
    }

    /** {@code name} with every character Avro does not allow replaced by {@code _}. */
    static String avroName(String name) {
        StringBuilder out = new StringBuilder(name.length() + 1);
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            boolean letter = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '_';
            boolean digit = ch >= '0' && ch <= '9';
            if (i == 0 && digit) {
                out.append('_');
            }
            out.append(letter || digit ? ch : '_');
        }
        return out.length() == 0 ? "_" : out.toString();
    }

    private static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }
}
