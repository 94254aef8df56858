package io.spate.format.write;

import io.spate.batch.ColumnVector;
import io.spate.sdk.Column;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * What the writers that stream rows straight into the target share: the columns, the count of rows written and
 * of the bytes that reached the target. A writer encodes the rows of a batch in {@link #writeRows}.
 */
abstract class StreamingRowsWriter implements FormatWriter {
    private final List<Column> columns;
    /** The target, counting what the writer puts into it (after compression). */
    protected final CountingOutputStream counted;
    private long rows;

    StreamingRowsWriter(List<Column> columns, OutputStream target) {
        this.columns = List.copyOf(columns);
        this.counted = new CountingOutputStream(target);
    }

    @Override
    public final List<Column> columns() {
        return columns;
    }

    @Override
    public final void write(List<ColumnVector> vectors, int[] selection, int count) throws IOException {
        writeRows(vectors.toArray(ColumnVector[]::new), selection, count);
        rows += count;
    }

    /** Writes the rows {@code selection[0..count-1]}; {@link #rowCount()} does not count them yet. */
    abstract void writeRows(ColumnVector[] vectors, int[] selection, int count) throws IOException;

    @Override
    public final long rowCount() {
        return rows;
    }

    @Override
    public final long bytesWritten() {
        return counted.count();
    }

    @Override
    public void abort() {
        // nothing to finish: the caller discards the target (closing it would publish the partial content)
    }
}
