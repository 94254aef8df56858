package io.spate.format.write;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.spate.batch.ColumnVector;
import io.spate.sdk.Column;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * JSON Lines (one object per line) or one JSON array of objects. Numbers are JSON numbers; decimals are plain
 * notation at their scale, as numbers up to 15 digits of precision and as strings above (JSON readers parse
 * numbers as doubles, which would round them); booleans are booleans, dates and timestamps ISO-8601 strings (UTC ones with
 * {@code Z}), binary base64 strings, JSON columns nested as JSON values, NULL as {@code null}.
 */
final class JsonRowsWriter extends StreamingRowsWriter {
    /** Digits a double holds exactly: wider decimals are written as strings, which no reader rounds. */
    static final int EXACT_DOUBLE_DIGITS = 15;
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final boolean array;
    private final JsonGenerator json;
    private final String[] names;

    JsonRowsWriter(List<Column> columns, boolean array, OutputStream target, OutputCompression compression) throws IOException {
        super(columns, target);
        this.array = array;
        this.json = FACTORY.createGenerator(compression.wrap(counted), JsonEncoding.UTF8);
        this.names = columns.stream().map(Column::name).toArray(String[]::new);
        // Objects are written at the root and the array's brackets and commas by hand, so that each object
        // is one line in both layouts.
        json.setRootValueSeparator(null);
        if (array) {
            json.writeRaw("[\n");
        }
    }

    @Override
    void writeRows(ColumnVector[] v, int[] selection, int count) throws IOException {
        long before = rowCount();
        for (int i = 0; i < count; i++) {
            int row = selection[i];
            if (array && before + i > 0) {
                json.writeRaw(",\n");
            }
            json.writeStartObject();
            for (int c = 0; c < v.length; c++) {
                json.writeFieldName(names[c]);
                value(v[c], row);
            }
            json.writeEndObject();
            if (!array) {
                json.writeRaw('\n');
            }
        }
    }

    private void value(ColumnVector vector, int row) throws IOException {
        if (vector.isNull(row)) {
            json.writeNull();
            return;
        }
        switch (vector.type().kind()) {
            case BOOLEAN -> json.writeBoolean(vector.getLong(row) != 0);
            case SHORT, INT, LONG -> json.writeNumber(vector.getLong(row));
            case DECIMAL -> {
                String text = ValueText.decimal(vector, row).toPlainString();
                if (vector.type().precision() <= EXACT_DOUBLE_DIGITS) {
                    json.writeNumber(text);
                } else {
                    json.writeString(text);
                }
            }
            case FLOAT -> json.writeNumber((float) vector.getDouble(row));
            case DOUBLE -> json.writeNumber(vector.getDouble(row));
            case JSON -> json.writeRawValue((String) vector.getObject(row));
            case NAIVE_DATE, NAIVE_DATETIME, UTC_DATETIME, BINARY, STRING -> json.writeString(ValueText.of(vector, row));
        }
    }

    @Override
    public void close() throws IOException {
        if (array) {
            json.writeRaw(rowCount() > 0 ? "\n]\n" : "]\n");
        }
        json.close();
    }
}
