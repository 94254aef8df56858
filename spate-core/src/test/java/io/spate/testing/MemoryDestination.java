package io.spate.testing;

import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.destination.TableSchema;
import io.spate.sdk.SystemColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A destination that keeps tables in memory, applying batches with the documented semantics, for
 * testing the runtime's ordering, fan-out and commit protocol. Committed data survives a "reopen" through
 * {@link #reopen()}; uncommitted work is discarded on rollback or close.
 */
public final class MemoryDestination implements Destination {
    private Map<String, Map<List<Object>, Map<String, Object>>> committed = new LinkedHashMap<>();
    private Map<String, CommittedState> committedStates = new HashMap<>();
    private Map<String, Map<List<Object>, Map<String, Object>>> working = new LinkedHashMap<>();
    private final Map<String, TableSchema> schemas = new HashMap<>();
    private final List<String> log = new ArrayList<>();
    private RuntimeException failOnWrite;
    private RuntimeException failOnCommit;
    private int failingCommit;
    private int commits;

    public synchronized MemoryDestination reopen() {
        MemoryDestination copy = new MemoryDestination();
        copy.committed = deepCopy(committed);
        copy.committedStates = new HashMap<>(committedStates);
        copy.working = deepCopy(committed);
        return copy;
    }

    public synchronized void failOnNextWrite(RuntimeException failure) {
        this.failOnWrite = failure;
    }

    /** Makes commit number {@code commitNumber} (1-based, counting this destination's commits) throw {@code failure}. */
    public synchronized void failCommit(int commitNumber, RuntimeException failure) {
        this.failingCommit = commitNumber;
        this.failOnCommit = failure;
    }

    /** The committed rows of a table, by key. */
    public synchronized Map<List<Object>, Map<String, Object>> rows(String table) {
        return deepCopy(committed).getOrDefault(table, Map.of());
    }

    public synchronized List<Map<String, Object>> liveRows(String table) {
        return rows(table).values().stream().filter(r -> !Boolean.TRUE.equals(r.get(SystemColumns.DELETED))).toList();
    }

    public synchronized TableSchema schema(String table) {
        return schemas.get(table);
    }

    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    public synchronized int commits() {
        return commits;
    }

    @Override
    public synchronized Optional<CommittedState> loadState(String pipelineId) {
        return Optional.ofNullable(committedStates.get(pipelineId));
    }

    @Override
    public synchronized void ensureTable(TableSchema table) {
        schemas.merge(table.qualifiedName(), table, (old, now) -> now.columns().size() >= old.columns().size() ? now : old);
        working.computeIfAbsent(table.qualifiedName(), t -> new LinkedHashMap<>());
        log.add("ensure " + table.qualifiedName());
    }

    @Override
    public synchronized void write(RowBatch batch) {
        if (failOnWrite != null) {
            RuntimeException failure = failOnWrite;
            failOnWrite = null;
            throw failure;
        }
        log.add(batch.kind() + " " + batch.table().qualifiedName() + " " + batch.rowCount());
        Map<List<Object>, Map<String, Object>> table = working.computeIfAbsent(batch.table().qualifiedName(), t -> new LinkedHashMap<>());
        List<String> key = batch.table().effectiveKey();
        switch (batch.kind()) {
            case UPSERT -> {
                for (int row = 0; row < batch.rowCount(); row++) {
                    Map<String, Object> values = values(batch, row);
                    values.put(SystemColumns.DELETED, false);
                    table.put(keyOf(values, key), values);
                }
            }
            case UPDATE -> {
                for (int row = 0; row < batch.rowCount(); row++) {
                    Map<String, Object> values = values(batch, row);
                    Map<String, Object> existing = table.get(keyOf(values, key));
                    if (existing != null) {
                        existing.putAll(values);
                    }
                }
            }
            case DELETE -> {
                for (int row = 0; row < batch.rowCount(); row++) {
                    Map<String, Object> existing = table.get(keyOf(values(batch, row), key));
                    if (existing != null) {
                        existing.put(SystemColumns.DELETED, true);
                    }
                }
            }
            case TRUNCATE -> table.values().forEach(r -> r.put(SystemColumns.DELETED, true));
        }
    }

    @Override
    public synchronized void commit(String pipelineId, CommittedState state) {
        if (failOnCommit != null && commits + 1 == failingCommit) {
            RuntimeException failure = failOnCommit;
            failOnCommit = null;
            throw failure;
        }
        committed = deepCopy(working);
        committedStates.put(pipelineId, state);
        commits++;
        log.add("commit " + state.sequence());
    }

    @Override
    public synchronized void runCompleted(String pipelineId) {
        log.add("completed " + pipelineId);
    }

    @Override
    public synchronized void rollback() {
        working = deepCopy(committed);
        log.add("rollback");
    }

    @Override
    public synchronized void resetState(String pipelineId) {
        committedStates.remove(pipelineId);
    }

    @Override
    public synchronized void close() {
        working = deepCopy(committed);
    }

    private static Map<String, Object> values(RowBatch batch, int row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < batch.columnNames().size(); i++) {
            ColumnVector vector = batch.vectors().get(i);
            values.put(batch.columnNames().get(i), vector.getValue(row));
        }
        return values;
    }

    private static List<Object> keyOf(Map<String, Object> values, List<String> key) {
        List<Object> out = new ArrayList<>();
        key.forEach(k -> out.add(values.get(k)));
        return out;
    }

    private static Map<String, Map<List<Object>, Map<String, Object>>> deepCopy(Map<String, Map<List<Object>, Map<String, Object>>> tables) {
        Map<String, Map<List<Object>, Map<String, Object>>> copy = new LinkedHashMap<>();
        tables.forEach((name, rows) -> {
            Map<List<Object>, Map<String, Object>> rowsCopy = new LinkedHashMap<>();
            rows.forEach((k, v) -> rowsCopy.put(k, new LinkedHashMap<>(v)));
            copy.put(name, rowsCopy);
        });
        return copy;
    }
}
