package io.spate.format.write;

import io.spate.batch.ColumnVector;
import io.spate.sdk.Column;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV (RFC 4180) or TSV with a header line, UTF-8, {@code \n} line ends. A field is quoted when it holds the
 * delimiter, a quote, CR or LF, or is empty; a quote inside is doubled. NULL is an empty unquoted field, so
 * that readers tell it from the empty string ({@code ""}).
 */
final class DelimitedWriter extends StreamingRowsWriter {
    private final char delimiter;
    private final Writer out;

    DelimitedWriter(List<Column> columns, char delimiter, OutputStream target, OutputCompression compression) throws IOException {
        super(columns, target);
        this.delimiter = delimiter;
        this.out = new BufferedWriter(new OutputStreamWriter(compression.wrap(counted), StandardCharsets.UTF_8), 64 * 1024);
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                out.write(delimiter);
            }
            field(columns.get(c).name());
        }
        out.write('\n');
    }

    @Override
    void writeRows(ColumnVector[] v, int[] selection, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            int row = selection[i];
            for (int c = 0; c < v.length; c++) {
                if (c > 0) {
                    out.write(delimiter);
                }
                if (!v[c].isNull(row)) {
                    switch (v[c].type().kind()) {
                        case SHORT, INT, LONG, BOOLEAN, DECIMAL, FLOAT, DOUBLE, NAIVE_DATE, NAIVE_DATETIME, UTC_DATETIME ->
                                out.write(ValueText.of(v[c], row));
                        case STRING, JSON, BINARY -> field(ValueText.of(v[c], row));
                    }
                }
            }
            out.write('\n');
        }
    }

    private void field(String text) throws IOException {
        if (!needsQuotes(text)) {
            out.write(text);
            return;
        }
        out.write('"');
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                out.write(text, start, i + 1 - start);
                out.write('"');
                start = i + 1;
            }
        }
        out.write(text, start, text.length() - start);
        out.write('"');
    }

    private boolean needsQuotes(String text) {
        if (text.isEmpty()) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == delimiter || ch == '"' || ch == '\n' || ch == '\r') {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
