package io.spate.http;

import java.io.InputStream;
import java.util.List;

/**
 * The seam between the HTTP side and the CSV parser: reads a decoded body as a header and numbered records.
 * Records are handed over one at a time and must not be retained.
 */
interface CsvRecords {

    /** Receives what a body holds, in order. */
    interface Handler {
        /** The column names, once, before any record. */
        void header(List<String> columns);

        /**
         * One data record.
         *
         * @param number the 1-based record number within the body (after the header)
         * @param fields one value per column, {@code null} for NULL; reused by the caller after the call
         */
        void record(long number, String[] fields);

        /** A record that could not be read; {@code on_error} decides what to do with it. */
        void malformed(long number, long line, String reason, String raw);
    }

    /**
     * Reads the whole body.
     *
     * @param body the decoded body
     * @param source the URL to name in messages
     */
    void read(InputStream body, String source, Handler handler);
}
