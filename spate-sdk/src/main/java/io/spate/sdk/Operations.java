package io.spate.sdk;

import java.util.List;
import java.util.Map;

/**
 * What a connector calls from {@link Connector#update} to send data. Every method is thread-safe: a
 * connector may call them from any number of its own threads at once.
 *
 * <p>{@code table} is {@link TableSpec#qualifiedName()} of a declared table, or a new name: an undeclared
 * table is created on its first row with inferred columns and no primary key.
 *
 * <p>Row values are the Java types of {@link DataType.Kind#javaTypes()} or strings the runtime parses;
 * {@code null} is a SQL NULL. A row map is read during the call only: the caller may reuse it afterwards.
 */
public interface Operations {

    /** Inserts the row, or replaces the row with the same primary key. */
    void upsert(String table, Map<String, ?> row);

    /** Changes only the given columns of the row whose primary key is in {@code partialRow}. */
    void update(String table, Map<String, ?> partialRow);

    /** Marks the row with these primary key values deleted ({@code _spate_deleted = true}); soft. */
    void delete(String table, Map<String, ?> keys);

    /** Marks every row written to the table before this call deleted; soft. */
    void truncate(String table);

    /**
     * Commits: the data sent before this call and {@code state} become durable together, atomically, and
     * the next run starts from {@code state}. Blocks until that is so. After a crash the sync resumes from
     * the last completed checkpoint; rows sent after it are sent again by the connector and overwrite.
     */
    void checkpoint(State state);

    /**
     * Adds {@code delta} to a named count of the run that the run summary shows, e.g. "files listed" or
     * "GET requests"; counts of one name add up across threads. Implementations other than the runtime's
     * (test doubles) may ignore it.
     */
    default void count(String name, long delta) {
    }

    /** Reports something the user should see in the run summary; the sync goes on. */
    void warning(String message);

    /** Fails the sync with this message: nothing after the last checkpoint is committed. Never returns. */
    void error(String message);

    /**
     * A writer for many rows of one table with the same columns: names are resolved once and values passed
     * by position, which is the fastest way to send rows. The returned writer is for the calling thread.
     */
    RowWriter rowWriter(String table, List<String> columns);

    /** Upserts rows whose values are given by position, in the column order fixed when it was made. */
    interface RowWriter {
        /**
         * Upserts one row. The array is read during the call only and may be reused by the caller.
         *
         * @param values one value per column, in order
         */
        void upsert(Object[] values);
    }
}
