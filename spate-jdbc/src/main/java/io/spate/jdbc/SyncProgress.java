package io.spate.jdbc;

import io.spate.runtime.BackgroundCheckpoints;
import io.spate.sdk.State;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The positions of all tables of a run, shared by the workers. A table's entry only ever describes rows that
 * were already sent, so a checkpoint taken by any worker (which commits every table's sent rows) is safe.
 * Checkpoints are committed in the background, one at a time and in order, so a later checkpoint never
 * carries an older position and workers read on while the destination commits; rows a commit holds past a
 * table's position are sent again by a resumed run and overwrite (keyed tables), or are truncated with the
 * table (keyless tables only record that they finished).
 */
final class SyncProgress {
    static final String TABLES = "tables";

    private final State initial;
    private final BackgroundCheckpoints checkpoints;
    private final Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
    private final Map<String, TableState> current = new LinkedHashMap<>();

    SyncProgress(State initial, BackgroundCheckpoints checkpoints) {
        this.initial = initial;
        this.checkpoints = checkpoints;
        initial.getState(TABLES).asMap().forEach((table, value) -> {
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(String.valueOf(k), v));
                tables.put(table, copy);
            }
        });
    }

    /** The position a table had when the run began, if any. */
    Optional<TableState> previous(String table) {
        State tableState = initial.getState(TABLES).getState(table);
        return tableState.isEmpty() ? Optional.empty() : Optional.of(TableState.fromState(table, tableState));
    }

    synchronized TableState current(String table) {
        TableState state = current.get(table);
        if (state == null) {
            throw new IllegalStateException("no position recorded for " + table);
        }
        return state;
    }

    /**
     * Forgets a table's position, before its destination table is truncated for a new snapshot: a checkpoint
     * that commits the truncation must not carry the old bookmark, so the one in flight is awaited first.
     */
    synchronized void forget(String table) {
        checkpoints.awaitInFlight();
        current.remove(table);
        tables.remove(table);
    }

    /** Records a table's new position without checkpointing; returns it. */
    synchronized TableState record(String table, UnaryOperator<TableState> change) {
        TableState next = change.apply(current.get(table));
        current.put(table, next);
        tables.put(table, next.toMap());
        return next;
    }

    /** Records a table's new position and checkpoints every table's position with the rows sent so far. */
    synchronized TableState checkpoint(String table, UnaryOperator<TableState> change) {
        TableState next = record(table, change);
        checkpoints.checkpoint(snapshot());
        return next;
    }

    /** Checkpoints every table's position after the checkpoint in flight, and returns when it is committed. */
    synchronized void checkpointNow() {
        checkpoints.checkpointNow(snapshot());
    }

    synchronized State snapshot() {
        return initial.with(TABLES, new LinkedHashMap<>(tables));
    }
}
