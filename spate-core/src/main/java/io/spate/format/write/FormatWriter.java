package io.spate.format.write;

import io.spate.batch.ColumnVector;
import io.spate.sdk.Column;
import java.io.IOException;
import java.util.List;

/**
 * Writes rows of a fixed list of columns into one file of a format. Not thread-safe: one writer per file,
 * used by one thread at a time. Rows are given as {@link ColumnVector}s (the physical encoding documented
 * there) aligned with {@link #columns()}, each of exactly the column's type.
 *
 * <p>{@link #close()} finishes the file (footer, compressed trailer) and closes the target stream;
 * {@link #abort()} gives up without finishing and releases what the writer holds, leaving the target alone:
 * the caller discards it (an object store's output publishes what it holds when closed).
 */
public interface FormatWriter extends AutoCloseable {

    /** The columns of the file, in order. */
    List<Column> columns();

    /**
     * Writes the rows {@code rows[0..count-1]} of the vectors (a selection: row indexes into the vectors,
     * in the order to write them).
     */
    void write(List<ColumnVector> vectors, int[] rows, int count) throws IOException;

    /** Writes rows {@code 0..rowCount-1} of the vectors. */
    default void write(List<ColumnVector> vectors, int rowCount) throws IOException {
        write(vectors, Selection.all(rowCount), rowCount);
    }

    /** Rows written so far. */
    long rowCount();

    /**
     * Bytes written so far: the file's size for streaming formats; for formats that encode at close
     * (Parquet) an estimate of the data held, which the finished file does not exceed in practice.
     */
    long bytesWritten();

    /** Finishes the file and closes the target. */
    @Override
    void close() throws IOException;

    /** Gives up: releases resources without finishing and without closing the target, which the caller discards. */
    void abort();
}
