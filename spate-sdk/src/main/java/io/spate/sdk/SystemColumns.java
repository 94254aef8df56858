package io.spate.sdk;

import java.util.Set;

/** Names of the columns spate adds to destination tables. Connectors may set the file columns themselves. */
public final class SystemColumns {
    /** UTC timestamp of the write. */
    public static final String SYNCED = "_spate_synced";
    /** True once the row was deleted (soft delete) or truncated away. */
    public static final String DELETED = "_spate_deleted";
    /** A hash of the row's values: the key of tables that declare no primary key. */
    public static final String ID = "_spate_id";
    /** The file (URI) a row was read from, for file sources. */
    public static final String FILE = "_spate_file";
    /** The 1-based record number of the row within its file, for file sources. */
    public static final String LINE = "_spate_line";

    /** All system column names. */
    public static final Set<String> ALL = Set.of(SYNCED, DELETED, ID, FILE, LINE);

    private SystemColumns() {
    }
}
