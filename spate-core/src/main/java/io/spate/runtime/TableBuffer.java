package io.spate.runtime;

import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.sdk.SystemColumns;
import io.spate.types.Coercion;
import io.spate.types.CoercionException;
import io.spate.types.TextValues;
import io.spate.types.TypeWidening;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operations one thread sent to one table since the last seal, in columnar form. Consecutive
 * operations of one kind form a segment; a change of kind (or of the columns of a partial update) seals
 * the segment into a {@link RowBatch}, so the destination sees operations in the order they were made.
 * All methods are synchronized: the owner thread appends, other threads may seal (at a checkpoint).
 */
final class TableBuffer {
    /** Receives sealed batches; may block (back-pressure). */
    interface Sink {
        void accept(RowBatch batch, long bytes);
    }

    private final TableInfo table;
    private final Sink sink;
    private final SyncLimits limits;
    private final BufferedBytes buffered;

    // Upsert columns stay for the buffer's life so positional writers can keep their indexes.
    private final List<String> upsertNames = new ArrayList<>();
    private final Map<String, Integer> upsertIndex = new HashMap<>();
    private final List<ColumnVector> upsertVectors = new ArrayList<>();

    private final int[] keyIndexes;
    private RowBatch.Kind kind = RowBatch.Kind.UPSERT;
    private List<String> otherNames = List.of();
    private List<ColumnVector> otherVectors = List.of();
    private int rows;
    private long bytes;
    // Shared counters are updated every REPORT_EVERY rows, not per value: atomics are the hot path's cost.
    private static final int REPORT_EVERY = 256;
    private long reportedBytes;
    private int unreportedRows;

    TableBuffer(TableInfo table, Sink sink, SyncLimits limits, BufferedBytes buffered) {
        this.table = table;
        this.sink = sink;
        this.limits = limits;
        this.buffered = buffered;
        this.keyIndexes = new int[table.primaryKey().size()];
        java.util.Arrays.fill(keyIndexes, -1);
    }

    TableInfo table() {
        return table;
    }

    synchronized void upsert(Map<String, ?> row) {
        startSegment(RowBatch.Kind.UPSERT, null);
        int before = rows;
        try {
            for (Map.Entry<String, ?> entry : row.entrySet()) {
                Object value = entry.getValue();
                int index = upsertColumn(entry.getKey(), value);
                if (index >= 0) {
                    append(upsertVectors, index, entry.getKey(), value, row);
                }
            }
            finishUpsertRow(row);
        } catch (RuntimeException e) {
            rollbackRow(upsertVectors, before);
            throw e;
        }
        afterRow();
    }

    /** Upserts values given by position; {@code indexes[i]} is the buffer column of {@code names[i]} or -1. */
    synchronized void upsert(String[] names, int[] indexes, Object[] values) {
        startSegment(RowBatch.Kind.UPSERT, null);
        int before = rows;
        try {
            for (int i = 0; i < names.length; i++) {
                Object value = values[i];
                if (indexes[i] < 0) {
                    indexes[i] = upsertColumn(names[i], value);
                    if (indexes[i] < 0) {
                        continue;
                    }
                }
                append(upsertVectors, indexes[i], names[i], value, values);
            }
            finishUpsertRow(null);
        } catch (RuntimeException e) {
            rollbackRow(upsertVectors, before);
            throw e;
        }
        afterRow();
    }

    /** The buffer column of an upsert column, adding it when new and {@code value} tells its type; else -1. */
    synchronized int upsertColumn(String name, Object value) {
        Integer index = upsertIndex.get(name);
        if (index != null) {
            return index;
        }
        DataType type = table.typeOf(name, value);
        if (type == null) {
            return -1;
        }
        ColumnVector vector = new ColumnVector(type, Math.max(rows, 1024));
        for (int i = 0; i < rows; i++) {
            vector.appendNull();
        }
        upsertNames.add(name);
        upsertVectors.add(vector);
        upsertIndex.put(name, upsertVectors.size() - 1);
        return upsertVectors.size() - 1;
    }

    synchronized void update(Map<String, ?> partialRow) {
        List<String> names = new ArrayList<>(table.primaryKey());
        for (String column : partialRow.keySet()) {
            if (!names.contains(column)) {
                names.add(column);
            }
        }
        requireKey(partialRow, "update");
        appendKeyed(RowBatch.Kind.UPDATE, names, partialRow);
    }

    synchronized void delete(Map<String, ?> keys) {
        requireKey(keys, "delete");
        appendKeyed(RowBatch.Kind.DELETE, table.primaryKey(), keys);
    }

    /** Seals what is buffered into a batch for the destinations; does nothing when empty. */
    synchronized void seal() {
        if (rows == 0) {
            return;
        }
        report();
        RowBatch batch = kind == RowBatch.Kind.UPSERT ? upsertBatch() : keyedBatch();
        long sealedBytes = bytes;
        buffered.add(-bytes);
        rows = 0;
        bytes = 0;
        reportedBytes = 0;
        table.batches.incrementAndGet();
        sink.accept(batch, sealedBytes);
    }

    private void startSegment(RowBatch.Kind wanted, List<String> names) {
        boolean sameSegment = kind == wanted && (names == null || names.equals(otherNames));
        if (!sameSegment) {
            seal();
            kind = wanted;
            if (names != null) {
                otherNames = List.copyOf(names);
                List<ColumnVector> vectors = new ArrayList<>();
                for (String name : names) {
                    vectors.add(new ColumnVector(typeForKeyed(name), 1024));
                }
                otherVectors = vectors;
            }
        }
    }

    private DataType typeForKeyed(String column) {
        DataType type = table.currentType(column);
        return type != null ? type : DataType.STRING;
    }

    private void appendKeyed(RowBatch.Kind wanted, List<String> names, Map<String, ?> values) {
        if (wanted == RowBatch.Kind.UPDATE) {
            for (String name : names) {
                if (table.currentType(name) == null && values.get(name) != null) {
                    table.typeOf(name, values.get(name));
                }
            }
        }
        startSegment(wanted, names);
        int before = rows;
        try {
            for (int i = 0; i < names.size(); i++) {
                append(otherVectors, i, names.get(i), values.get(names.get(i)), values);
            }
        } catch (RuntimeException e) {
            rollbackRow(otherVectors, before);
            throw e;
        }
        rows++;
        afterRow();
    }

    private void requireKey(Map<String, ?> values, String operation) {
        if (table.keyless()) {
            throw SpateException.unsupported("table " + table.qualifiedName() + " has no primary key, so rows cannot be "
                    + operation + "d by key; declare a primary key in the connector's schema()");
        }
        for (String key : table.primaryKey()) {
            if (values.get(key) == null) {
                throw SpateException.data("table " + table.qualifiedName() + ": " + operation + " without a value for key column \""
                        + key + "\" (got " + values.keySet() + ")");
            }
        }
    }

    private void finishUpsertRow(Object rowForMessage) {
        int next = rows + 1;
        for (ColumnVector vector : upsertVectors) {
            if (vector.size() < next) {
                vector.appendNull();
            }
        }
        for (int k = 0; k < keyIndexes.length; k++) {
            if (keyIndexes[k] < 0) {
                keyIndexes[k] = upsertIndex.getOrDefault(table.primaryKey().get(k), -1);
            }
            int index = keyIndexes[k];
            if (index < 0 || upsertVectors.get(index).isNull(rows)) {
                throw SpateException.data("table " + table.qualifiedName() + ": row without a value for key column \""
                        + table.primaryKey().get(k) + "\"" + (rowForMessage == null ? "" : ": "
                        + abbreviate(String.valueOf(rowForMessage))));
            }
        }
        rows = next;
    }

    private void afterRow() {
        if (++unreportedRows >= REPORT_EVERY) {
            report();
        }
        if (rows >= limits.batchRows() || bytes >= limits.batchBytes()) {
            seal();
        }
    }

    /** Adds what this buffer received since the last report to the table's rows and the run's buffered bytes. */
    private void report() {
        if (unreportedRows > 0 && table.rows.getAndAdd(unreportedRows) == 0) {
            table.firstRowNanos.compareAndSet(0, System.nanoTime());
        }
        unreportedRows = 0;
        buffered.add(bytes - reportedBytes);
        reportedBytes = bytes;
    }

    private void rollbackRow(List<ColumnVector> vectors, int rowCount) {
        for (ColumnVector vector : vectors) {
            if (vector.size() > rowCount) {
                vector.truncate(rowCount);
            }
        }
    }

    private void append(List<ColumnVector> vectors, int index, String column, Object value, Object row) {
        ColumnVector vector = vectors.get(index);
        if (vector.size() > rows) {
            throw SpateException.data("table " + table.qualifiedName() + ": column \"" + column + "\" appears twice in one row");
        }
        try {
            Coercion.append(vector, value);
        } catch (CoercionException e) {
            if (table.isDeclared(column)) {
                throw typeError(column, value, vector.type(), e, row);
            }
            ColumnVector wider = widen(vector, column, value);
            vectors.set(index, wider);
            Coercion.append(wider, value);
        }
        bytes += value instanceof String s ? 40 + 2L * s.length() : value instanceof byte[] b ? 16 + b.length : 8;
    }

    private ColumnVector widen(ColumnVector vector, String column, Object value) {
        DataType needed = value instanceof String text ? TextValues.inferType(text) : Coercion.inferType(value);
        DataType target = table.widen(column, TypeWidening.widen(vector.type(), needed == null ? vector.type() : needed));
        if (!TypeWidening.fitsIn(vector.type(), target)) {
            target = table.widen(column, DataType.STRING);
        }
        ColumnVector wider = Coercion.widen(vector, target);
        try {
            ColumnVector probe = new ColumnVector(target, 1);
            Coercion.append(probe, value);
            return wider;
        } catch (CoercionException stillNot) {
            return Coercion.widen(vector, table.widen(column, DataType.STRING));
        }
    }

    private SpateException typeError(String column, Object value, DataType type, CoercionException e, Object row) {
        return SpateException.data("table " + table.qualifiedName() + ", column \"" + column + "\", row " + keyOf(row)
                + ": " + quote(value) + " " + e.getMessage() + "; expected " + type);
    }

    private String keyOf(Object row) {
        if (table.keyless()) {
            return rowNumberText();
        }
        Map<String, Object> key = new LinkedHashMap<>();
        for (String column : table.primaryKey()) {
            Object value = null;
            if (row instanceof Map<?, ?> map) {
                value = map.get(column);
            } else if (row instanceof Object[] values) {
                Integer index = upsertIndex.get(column);
                value = index != null && index < values.length ? values[index] : null;
            }
            key.put(column, value);
        }
        return "with key " + key;
    }

    private String rowNumberText() {
        return "#" + (table.rows.get() + unreportedRows + 1);
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + abbreviate(s) + "\"" : abbreviate(String.valueOf(value));
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 97) + "...";
    }

    private RowBatch upsertBatch() {
        List<String> names = new ArrayList<>(upsertNames);
        List<ColumnVector> vectors = new ArrayList<>(upsertVectors);
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            columns.add(new Column(names.get(i), vectors.get(i).type()));
        }
        if (table.keyless()) {
            ColumnVector ids = new ColumnVector(DataType.STRING, rows);
            for (int row = 0; row < rows; row++) {
                ids.appendObject(RowIdentity.hash(names, vectors, row));
            }
            names.add(SystemColumns.ID);
            vectors.add(ids);
        }
        vectors = keepLastPerKey(names, vectors);
        int count = vectors.isEmpty() ? 0 : vectors.get(0).size();
        upsertVectors.replaceAll(v -> new ColumnVector(v.type(), Math.min(Math.max(v.size(), 1024), limits.batchRows())));
        return new RowBatch(table.schemaWith(columns), RowBatch.Kind.UPSERT, names, vectors, count, Instant.now());
    }

    private RowBatch keyedBatch() {
        List<ColumnVector> vectors = keepLastPerKey(otherNames, otherVectors);
        int count = vectors.get(0).size();
        RowBatch batch = new RowBatch(table.currentSchema(), kind, otherNames, vectors, count, Instant.now());
        List<ColumnVector> fresh = new ArrayList<>();
        otherVectors.forEach(v -> fresh.add(new ColumnVector(v.type(), 1024)));
        otherVectors = fresh;
        return batch;
    }

    private List<ColumnVector> keepLastPerKey(List<String> names, List<ColumnVector> vectors) {
        List<ColumnVector> keys = new ArrayList<>();
        for (String key : table.keyless() ? List.of(SystemColumns.ID) : table.primaryKey()) {
            keys.add(vectors.get(names.indexOf(key)));
        }
        int[] kept = RowIdentity.lastRowPerKey(keys, rows);
        return kept == null ? vectors : RowIdentity.compact(vectors, kept);
    }
}
