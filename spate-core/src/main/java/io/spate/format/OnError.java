package io.spate.format;

/** What happens to a record that cannot be read or typed ({@code on_error} option). */
public enum OnError {
    /** Stop the read with a {@link BadRecordException} whose message names file, line and column (default). */
    FAIL,
    /** Count the record and go on; the run summary reports how many were skipped. */
    SKIP,
    /** Hand the record to the caller's sink, which writes its raw text and reason to {@code _spate_rejects}. */
    QUARANTINE
}
