package io.spate.runtime;

import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.TableSchema;
import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime side of {@link Operations}: one buffer per calling thread and table, sealed batches fanned
 * out to every destination writer, and checkpoints that wait until every destination has committed.
 */
final class SyncOperations implements Operations {
    private static final Logger LOG = LoggerFactory.getLogger(SyncOperations.class);
    private static final int MAX_WARNINGS_KEPT = 1000;

    private final String pipelineId;
    private final List<DestinationWriter> writers;
    private final DestinationWriter[] writerArray;
    private final SyncLimits limits;
    private final ProgressListener listener;
    private final Map<String, TableInfo> tables = new ConcurrentHashMap<>();
    private final List<String> tableOrder = new CopyOnWriteArrayList<>();
    private final List<TableBuffer> allBuffers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Map<TableInfo, TableBuffer>> threadBuffers = ThreadLocal.withInitial(HashMap::new);
    private final BufferedBytes buffered = new BufferedBytes();
    private final InFlight inFlight;
    private final Object dispatchLock = new Object();
    private final Object checkpointLock = new Object();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Map<String, Long> committedRows = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.LongAdder> counts = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>());
    private volatile State lastState;
    private volatile long sequence;
    private volatile long checkpoints;
    private volatile String connectorError;

    SyncOperations(String pipelineId, List<DestinationWriter> writers, SyncLimits limits, ProgressListener listener,
            State initialState, long lastSequence) {
        this.pipelineId = pipelineId;
        this.writers = List.copyOf(writers);
        this.writerArray = this.writers.toArray(DestinationWriter[]::new);
        this.limits = limits;
        this.listener = listener;
        this.inFlight = new InFlight(limits.inFlightBytes());
        this.lastState = initialState;
        this.sequence = lastSequence;
    }

    @Override
    public void declare(TableSpec spec) {
        checkNotFailed();
        TableInfo known = tables.get(spec.qualifiedName());
        if (known == null) {
            declareFromSchema(spec);
            return;
        }
        known.addColumns(spec.columns());
        TableSchema schema = known.currentSchema();
        synchronized (dispatchLock) {
            writers.forEach(w -> w.ensure(schema));
        }
    }

    /** Registers a table of {@code schema()} and has every destination create it before any row arrives. */
    void declareFromSchema(TableSpec spec) {
        TableInfo info = new TableInfo(spec);
        if (tables.putIfAbsent(spec.qualifiedName(), info) != null) {
            throw SpateException.config("the connector declares table " + spec.qualifiedName() + " twice");
        }
        tableOrder.add(spec.qualifiedName());
        TableSchema schema = info.currentSchema();
        writers.forEach(w -> w.ensure(schema));
    }

    @Override
    public void upsert(String table, Map<String, ?> row) {
        checkNotFailed();
        bufferOf(table).upsert(row);
        boundMemory();
    }

    @Override
    public void update(String table, Map<String, ?> partialRow) {
        checkNotFailed();
        bufferOf(table).update(partialRow);
        boundMemory();
    }

    @Override
    public void delete(String table, Map<String, ?> keys) {
        checkNotFailed();
        bufferOf(table).delete(keys);
        boundMemory();
    }

    @Override
    public void truncate(String table) {
        checkNotFailed();
        TableInfo info = tableInfo(table);
        for (TableBuffer buffer : allBuffers) {
            if (buffer.table() == info) {
                buffer.seal();
            }
        }
        dispatch(new RowBatch(info.currentSchema(), RowBatch.Kind.TRUNCATE, List.of(), List.of(), 0, Instant.now()), 0);
    }

    @Override
    public RowWriter rowWriter(String table, List<String> columns) {
        TableBuffer buffer = bufferOf(table);
        String[] names = columns.toArray(String[]::new);
        int[] indexes = new int[names.length];
        java.util.Arrays.fill(indexes, -1);
        return values -> {
            checkNotFailed();
            if (values.length != names.length) {
                throw SpateException.data("table " + table + ": row has " + values.length + " values for "
                        + names.length + " columns " + columns);
            }
            buffer.upsert(names, indexes, values);
            boundMemory();
        };
    }

    @Override
    public void checkpoint(State state) {
        checkNotFailed();
        synchronized (checkpointLock) {
            sealAll();
            Map<String, Long> rowsNow = new HashMap<>();
            tables.forEach((name, info) -> rowsNow.put(name, info.rows.get()));
            long next = sequence + 1;
            CommittedState committed = new CommittedState(next, state);
            List<CompletableFuture<Void>> commits = new ArrayList<>();
            synchronized (dispatchLock) {
                writers.forEach(w -> commits.add(w.commit(pipelineId, committed)));
            }
            for (CompletableFuture<Void> commit : commits) {
                await(commit);
            }
            sequence = next;
            lastState = state;
            checkpoints++;
            long now = System.nanoTime();
            rowsNow.forEach((name, rows) -> {
                if (!rows.equals(committedRows.get(name))) {
                    tables.get(name).lastWriteNanos.set(now);
                }
            });
            committedRows.putAll(rowsNow);
        }
    }

    @Override
    public void warning(String message) {
        LOG.warn(message);
        if (warnings.size() < MAX_WARNINGS_KEPT) {
            warnings.add(message);
        }
        listener.warning(message);
    }

    @Override
    public void count(String name, long delta) {
        counts.computeIfAbsent(name, n -> new java.util.concurrent.atomic.LongAdder()).add(delta);
    }

    /** The named counts, in first-reported order. */
    Map<String, Long> counts() {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        synchronized (counts) {
            counts.forEach((name, adder) -> out.put(name, adder.sum()));
        }
        return out;
    }

    @Override
    public void error(String message) {
        connectorError = message;
        throw new SpateException(SpateException.Category.DATA, message);
    }

    /**
     * The end of a successful run: the final commit of everything sent since the last checkpoint with the
     * last state, then every destination is told the run completed.
     */
    void finish() {
        if (connectorError != null) {
            throw new SpateException(SpateException.Category.DATA, connectorError);
        }
        checkpoint(lastState);
        List<CompletableFuture<Void>> completions = new ArrayList<>();
        synchronized (dispatchLock) {
            writers.forEach(w -> completions.add(w.runCompleted(pipelineId)));
        }
        completions.forEach(this::await);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    long checkpoints() {
        return checkpoints;
    }

    List<TableMetrics> metrics() {
        List<TableMetrics> out = new ArrayList<>();
        for (String name : tableOrder) {
            out.add(tables.get(name).metrics());
        }
        return out;
    }

    Progress progress(long startNanos) {
        long rows = tables.values().stream().mapToLong(t -> t.rows.get()).sum();
        int done = (int) tables.values().stream()
                .filter(t -> t.rows.get() > 0 && committedRows.getOrDefault(t.qualifiedName(), -1L) == t.rows.get())
                .count();
        java.time.Duration elapsed = java.time.Duration.ofNanos(System.nanoTime() - startNanos);
        double seconds = elapsed.toNanos() / 1e9;
        return new Progress(rows, seconds <= 0 ? 0 : rows / seconds, done, tables.size(), elapsed);
    }

    private void boundMemory() {
        if (buffered.get() > limits.bufferedBytes()) {
            LOG.debug("buffers hold {} bytes, more than {}: sealing all", buffered.get(), limits.bufferedBytes());
            sealAll();
        }
    }

    private void sealAll() {
        for (TableBuffer buffer : allBuffers) {
            buffer.seal();
        }
    }

    private TableBuffer bufferOf(String table) {
        TableInfo info = tableInfo(table);
        return threadBuffers.get().computeIfAbsent(info, t -> {
            TableBuffer buffer = new TableBuffer(t, this::dispatch, limits, buffered);
            allBuffers.add(buffer);
            return buffer;
        });
    }

    private TableInfo tableInfo(String table) {
        TableInfo info = tables.get(table);
        if (info != null) {
            return info;
        }
        if (table == null || table.isBlank()) {
            throw SpateException.data("a table name must not be blank");
        }
        return tables.computeIfAbsent(table, name -> {
            tableOrder.add(name);
            return TableInfo.undeclared(name);
        });
    }

    private void dispatch(RowBatch batch, long bytes) {
        TableInfo info = tables.get(batch.table().qualifiedName());
        if (info != null) {
            info.bytes.addAndGet(bytes);
        }
        inFlight.acquire(bytes);
        synchronized (dispatchLock) {
            DestinationWriter.Flight flight = new DestinationWriter.Flight(batch, bytes, inFlight, writers.size());
            for (DestinationWriter writer : writers) {
                writer.write(flight);
            }
        }
    }

    /** Called for every row: indexes, not an iterator, over the writers. */
    private void checkNotFailed() {
        for (int i = 0; i < writerArray.length; i++) {
            RuntimeException failure = writerArray[i].failure();
            if (failure != null) {
                throw failure;
            }
        }
    }

    private void await(CompletableFuture<Void> commit) {
        try {
            commit.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException re ? re : new SpateException(SpateException.Category.INTERNAL,
                    "commit failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpateException(SpateException.Category.INTERNAL, "interrupted while waiting for a commit", e);
        }
    }
}
