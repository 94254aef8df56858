package io.spate.format.text;

import io.spate.format.BadRecord;
import io.spate.format.ErrorHandling;
import io.spate.format.FormatOptions;
import io.spate.format.RecordReader;
import io.spate.format.compress.CorruptInputException;
import io.spate.sdk.SpateException;
import java.io.InputStream;
import java.util.List;

/** TXT: one record per physical line, one column {@code line} holding the line without its line end. */
public final class TextLineReader implements RecordReader {
    /** The one column of a TXT file. */
    public static final String COLUMN = "line";

    private final String file;
    private final ErrorHandling errors;
    private final LineInput lines;
    private final Object[] values = new Object[1];
    private final List<String> columns;
    private long skipped;

    private TextLineReader(String file, InputStream input, FormatOptions options, ErrorHandling errors) {
        this.file = file;
        this.errors = errors;
        this.lines = new LineInput(DecodedText.open(input, options.encoding()));
        if (!options.select().isEmpty() && !options.select().equals(List.of(COLUMN))) {
            throw SpateException.config(file + ": select: a txt file has one column, \"line\"");
        }
        this.columns = List.of(options.columnNames().size() == 1 ? options.columnNames().get(0) : COLUMN);
        for (int i = 0; i < options.skipRows(); i++) {
            if (!nextLine()) {
                break;
            }
            skipped++;
        }
    }

    public static TextLineReader open(String file, InputStream input, FormatOptions options, ErrorHandling errors) {
        return new TextLineReader(file, input, options, errors);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        while (nextLine()) {
            if (!lines.hasInvalid()) {
                values[0] = lines.text();
                return true;
            }
            String reason = lines.decodedText().takeInvalid().map(DecodedText.InvalidBytes::describe).orElse("invalid bytes");
            errors.handle(BadRecord.inColumn(file, lines.lineNumber(), recordNumber(), columns.get(0),
                    reason + " (encoding: " + lines.decodedText().charset().name() + ")",
                    lines.text().replace(DecodedText.INVALID, '\uFFFD')));
        }
        return false;
    }

    private boolean nextLine() {
        try {
            return lines.next();
        } catch (CorruptInputException e) {
            throw e.atLine(lines.lineNumber() + 1);
        }
    }

    @Override
    public Object[] values() {
        return values;
    }

    @Override
    public long recordNumber() {
        return lines.lineNumber() - skipped;
    }

    @Override
    public long lineNumber() {
        return lines.lineNumber();
    }

    @Override
    public long bytesRead() {
        return lines.decodedText().bytesConsumed();
    }

    @Override
    public void close() {
        lines.close();
    }
}
