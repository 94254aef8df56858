package io.spate.format;

/**
 * The current record and its place, which every reader keeps the same way: a reader sets these fields as it
 * reads and the accessors hand them out. The accessors are final field reads, as cheap as a reader's own.
 */
public abstract class AbstractRecordReader implements RecordReader {
    /** The current record's values, reused from record to record (a reader may replace it with a longer one). */
    protected Object[] values;
    /** The current record's 1-based number among the data records. */
    protected long recordNumber;
    /** The physical line where the current record starts; left 0 by formats without lines. */
    protected long lineNumber;

    @Override
    public final Object[] values() {
        return values;
    }

    @Override
    public final long recordNumber() {
        return recordNumber;
    }

    @Override
    public final long lineNumber() {
        return lineNumber;
    }
}
