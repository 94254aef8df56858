package io.spate.jdbc;

/** How a table is kept in sync. */
enum Strategy {
    /** Snapshot once, then read rows whose replication key moved past the bookmark. */
    INCREMENTAL,
    /** Truncate-and-reload on every run: rows that disappeared from the source are soft-deleted. */
    FULL
}
