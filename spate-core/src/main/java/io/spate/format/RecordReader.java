package io.spate.format;

import java.util.List;

/**
 * Records of one input, read one at a time into a reused array. Not thread-safe: one reader per input
 * per thread. Typical use:
 *
 * <pre>{@code
 * try (RecordReader reader = FormatReaders.open(format, input, options, errors)) {
 *     RowWriter rows = ops.rowWriter(table, reader.columns());
 *     while (reader.next()) {
 *         Object[] values = reader.values();   // reused by the next call: do not retain
 *         ... values[i] aligned with columns().get(i) ...
 *     }
 * }
 * }</pre>
 *
 * <p>Bad records (wrong field count, unterminated quote, invalid bytes in the encoding, malformed JSON)
 * are handed to the {@link ErrorHandling} given at open: under FAIL {@link #next()} throws
 * {@link BadRecordException}; otherwise the record is given to the sink and {@link #next()} moves on. Input
 * that cannot be read further (a truncated compressed stream, a syntax error that loses the place) always
 * throws a DATA {@link io.spate.sdk.SpateException} naming the file and the line. I/O failures of the
 * underlying stream propagate as {@link java.io.UncheckedIOException} so the caller can retry or resume.
 */
public interface RecordReader extends AutoCloseable {
    /**
     * The column names, in the order of {@link #values()}: the header (or the selection). Fixed for the read,
     * except that a JSON/JSONL reader without {@code select} appends a column (never reorders) when a record
     * has a key not seen before; compare the size after {@link #next()} when reading JSON.
     */
    List<String> columns();

    /** Moves to the next good record; false at the end of the input. */
    boolean next();

    /**
     * The current record's values aligned with {@link #columns()}; null for a missing or null value. The
     * array is reused by the next call to {@link #next()}: copy what you keep. (A JSON reader may hand a
     * longer array after its columns grew: fetch it after each {@link #next()}.)
     */
    Object[] values();

    /** The current record's 1-based number among the data records of this input (bad records count too). */
    long recordNumber();

    /** The physical line (1-based) where the current record starts; 0 for formats without lines. */
    long lineNumber();

    /** Bytes of (decompressed) input consumed so far, roughly: for progress and inference sampling. */
    long bytesRead();

    /** Releases the reader and closes the input stream. */
    @Override
    void close();
}
