package io.spate.cli.output;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/** Query results as CSV (RFC 4180, LF line ends, a header line); a SQL NULL is an empty field. */
public final class CsvOutput implements AutoCloseable {
    private final CsvWriter csv;

    public CsvOutput(Writer out) {
        this.csv = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out);
    }

    public void record(List<String> values) {
        csv.writeRecord(values.stream().map(v -> v == null ? "" : v).toList());
    }

    @Override
    public void close() {
        try {
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
