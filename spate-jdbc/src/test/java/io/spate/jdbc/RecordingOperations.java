package io.spate.jdbc;

import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test Operations that behave like a destination with the checkpoint contract: rows, truncations and state
 * become visible ("committed") together at a checkpoint; anything sent after the last checkpoint is lost when
 * the run fails. Can fail on purpose after a number of upserts, to interrupt a run.
 */
final class RecordingOperations implements Operations {
    /** A committed row: its values and whether it is soft-deleted. */
    record Row(Map<String, Object> values, boolean deleted) {
    }

    private final Map<String, List<String>> keys = new LinkedHashMap<>();
    private final Map<String, Map<List<Object>, Row>> committed;
    private final List<Runnable> pending = new ArrayList<>();
    private State committedState;
    private final long failAfterUpserts;
    private long upserts;
    private final Map<String, Long> upsertsByTable = new TreeMap<>();
    private final List<String> warnings = new ArrayList<>();
    private int checkpoints;
    private final Map<Long, Runnable> hooks = new LinkedHashMap<>();

    RecordingOperations(List<TableSpec> tables) {
        this(tables, Map.of(), State.empty(), Long.MAX_VALUE);
    }

    private RecordingOperations(List<TableSpec> tables, Map<String, Map<List<Object>, Row>> committed, State state,
            long failAfterUpserts) {
        tables.forEach(t -> keys.put(t.qualifiedName(), t.primaryKey()));
        this.committed = new LinkedHashMap<>();
        committed.forEach((table, rows) -> this.committed.put(table, new LinkedHashMap<>(rows)));
        this.committedState = state;
        this.failAfterUpserts = failAfterUpserts;
    }

    /** A new run's operations starting from what this one committed, failing after that many upserts. */
    synchronized RecordingOperations resume(List<TableSpec> tables, long failAfter) {
        return new RecordingOperations(tables, committed, committedState, failAfter);
    }

    synchronized RecordingOperations resume(List<TableSpec> tables) {
        return resume(tables, Long.MAX_VALUE);
    }

    @Override
    public synchronized void upsert(String table, Map<String, ?> row) {
        if (upserts >= failAfterUpserts) {
            throw new IllegalStateException("injected failure after " + upserts + " upserts");
        }
        upserts++;
        Runnable hook = hooks.remove(upserts);
        if (hook != null) {
            hook.run();
        }
        upsertsByTable.merge(table, 1L, Long::sum);
        Map<String, Object> copy = new LinkedHashMap<>(row);
        pending.add(() -> committed.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(keyOf(table, copy),
                new Row(copy, false)));
    }

    @Override
    public void update(String table, Map<String, ?> partialRow) {
        throw new UnsupportedOperationException("the JDBC source does not update");
    }

    @Override
    public void delete(String table, Map<String, ?> keys) {
        throw new UnsupportedOperationException("the JDBC source does not delete");
    }

    @Override
    public synchronized void truncate(String table) {
        pending.add(() -> committed.computeIfAbsent(table, t -> new LinkedHashMap<>())
                .replaceAll((key, row) -> new Row(row.values(), true)));
    }

    @Override
    public synchronized void checkpoint(State state) {
        pending.forEach(Runnable::run);
        pending.clear();
        committedState = state;
        checkpoints++;
    }

    @Override
    public synchronized void warning(String message) {
        warnings.add(message);
    }

    @Override
    public void error(String message) {
        throw new IllegalStateException(message);
    }

    @Override
    public RowWriter rowWriter(String table, List<String> columns) {
        return values -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), values[i]);
            }
            upsert(table, row);
        };
    }

    private List<Object> keyOf(String table, Map<String, Object> row) {
        List<String> keyColumns = keys.getOrDefault(table, List.of());
        List<Object> key = new ArrayList<>();
        for (String column : keyColumns.isEmpty() ? new ArrayList<>(row.keySet()) : keyColumns) {
            Object value = row.get(column);
            key.add(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value);
        }
        return key;
    }

    /** Runs {@code action} right after the n-th upsert (on the connector's thread). */
    synchronized RecordingOperations afterUpsert(long n, Runnable action) {
        hooks.put(n, action);
        return this;
    }

    synchronized State state() {
        return committedState;
    }

    /** The committed rows of a table that are not deleted, by key. */
    synchronized Map<List<Object>, Map<String, Object>> live(String table) {
        Map<List<Object>, Map<String, Object>> rows = new LinkedHashMap<>();
        committed.getOrDefault(table, Map.of()).forEach((key, row) -> {
            if (!row.deleted()) {
                rows.put(key, row.values());
            }
        });
        return rows;
    }

    synchronized Map<List<Object>, Row> all(String table) {
        return new LinkedHashMap<>(committed.getOrDefault(table, Map.of()));
    }

    synchronized long upserts() {
        return upserts;
    }

    synchronized Map<String, Long> upsertsByTable() {
        return new TreeMap<>(upsertsByTable);
    }

    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    synchronized int checkpoints() {
        return checkpoints;
    }

    @Override
    public String toString() {
        return "RecordingOperations" + Arrays.asList(committed.keySet().toArray());
    }
}
