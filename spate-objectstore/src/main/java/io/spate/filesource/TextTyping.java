package io.spate.filesource;

import io.spate.sdk.DataType;
import io.spate.types.CoercionException;
import io.spate.types.TextValues;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.util.List;
import java.util.Map;

/**
 * Gives the text values of a text format (CSV, TSV) the types inferred for their columns, so the runtime
 * infers typed columns from them. A text that does not parse as its column's type is sent as it is, and
 * the runtime widens the column: nothing is lost or rejected because a sample missed a value.
 */
final class TextTyping {
    private final DataType[] types;

    private TextTyping(DataType[] types) {
        this.types = types;
    }

    /** The typing of records with these columns; a column the inference did not see stays text. */
    static TextTyping of(List<String> columns, Map<String, DataType> inferred) {
        DataType[] types = new DataType[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = inferred.getOrDefault(columns.get(i), DataType.STRING);
        }
        return new TextTyping(types);
    }

    /** Converts the text values of {@code values} in place. */
    void apply(Object[] values) {
        for (int i = 0; i < types.length && i < values.length; i++) {
            if (values[i] instanceof String text && types[i].kind() != DataType.Kind.STRING) {
                values[i] = convert(text, types[i]);
            }
        }
    }

    static Object convert(String text, DataType type) {
        try {
            return switch (type.kind()) {
                case BOOLEAN -> TextValues.parseBoolean(text);
                case SHORT, INT, LONG -> integral(text);
                case DECIMAL -> new BigDecimal(text.trim());
                case FLOAT, DOUBLE -> TextValues.parseDouble(text);
                case NAIVE_DATE -> TextValues.parseDate(text);
                case NAIVE_DATETIME -> TextValues.parseLocalDateTime(text);
                case UTC_DATETIME -> TextValues.parseInstant(text);
                default -> text;
            };
        } catch (CoercionException | NumberFormatException | DateTimeException | ArithmeticException e) {
            return text;
        }
    }

    private static Object integral(String text) {
        try {
            return TextValues.parseLong(text);
        } catch (CoercionException | NumberFormatException e) {
            return new BigDecimal(text.trim()).toBigIntegerExact();
        }
    }
}
