package io.spate.filesource;

import io.spate.sdk.State;
import io.spate.storage.ObjectInfo;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The incremental position of a source: one {@link FileHistory} per table, read from and written to the
 * connector's {@link State} as {@code {"version": 1, "tables": {"orders": {"cursor": ..., "files": {...}, "partial": {...}}}}}
 * ({@code partial}: the objects being read in byte ranges and how far they got, only while there are any).
 * Thread-safe: workers record completed objects while another thread takes a snapshot for a checkpoint.
 */
final class SyncLedger {
    static final int VERSION = 1;

    private final Map<String, FileHistory> tables = new TreeMap<>();
    private final int maxEntries;
    private final Duration lookback;

    private SyncLedger(int maxEntries, Duration lookback) {
        this.maxEntries = maxEntries;
        this.lookback = lookback;
    }

    static SyncLedger from(State state, int maxEntries, Duration lookback) {
        SyncLedger ledger = new SyncLedger(maxEntries, lookback);
        if (state.get("tables").orElse(null) instanceof Map<?, ?> tables) {
            tables.forEach((name, history) -> ledger.tables.put(String.valueOf(name), FileHistory.fromJson((Map<?, ?>) history)));
        }
        return ledger;
    }

    synchronized FileHistory.Decision decide(String table, ObjectInfo object) {
        return history(table).decide(object);
    }

    synchronized void completed(String table, ObjectInfo object, long records) {
        history(table).completed(object, records);
    }

    synchronized void progressed(String table, ObjectInfo object, long offset, long records) {
        history(table).progressed(object, offset, records);
    }

    synchronized void abandoned(String table, ObjectInfo object) {
        history(table).abandoned(object);
    }

    /** Applies the bound to every table; returns how many entries inside a look-back window it had to drop. */
    synchronized int bound() {
        int inside = 0;
        for (FileHistory history : tables.values()) {
            history.bound(maxEntries, lookback);
            inside += history.takeEvictedInsideLookback();
        }
        return inside;
    }

    synchronized State snapshot() {
        Map<String, Object> json = new LinkedHashMap<>();
        tables.forEach((name, history) -> json.put(name, history.toJson()));
        return State.empty().with("version", VERSION).with("tables", json);
    }

    private FileHistory history(String table) {
        return tables.computeIfAbsent(table, t -> new FileHistory());
    }
}
