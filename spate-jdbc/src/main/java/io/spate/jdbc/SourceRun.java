package io.spate.jdbc;

import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code update} of a JDBC source: every table's work (start or resume a snapshot, read its chunks, then
 * read incrementally) as small units on a bounded pool of workers, each unit holding one pooled connection
 * while it reads. The first failure stops the other units at their next checkpoint and fails the run.
 */
final class SourceRun {
    private static final Logger LOG = LoggerFactory.getLogger(SourceRun.class);

    private final SourceSettings settings;
    private final ConnectionPool pool;
    private final Operations ops;
    private final SyncProgress progress;
    private final ExecutorService workers;
    private final Retry retry;
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();

    SourceRun(SourceSettings settings, ConnectionPool pool, Operations ops, SyncProgress progress,
            ExecutorService workers, Retry retry) {
        this.settings = settings;
        this.pool = pool;
        this.ops = ops;
        this.progress = progress;
        this.workers = workers;
        this.retry = retry;
    }

    /** Syncs every table; returns when all are done, or throws the first failure once every unit has stopped. */
    void run(List<TablePlan> plans) {
        List<CompletableFuture<Void>> tables = new ArrayList<>();
        for (TablePlan plan : plans) {
            CompletableFuture<Void> table = CompletableFuture.supplyAsync(() -> start(plan), workers)
                    .thenCompose(state -> state.phase() == TableState.Phase.SNAPSHOT
                            ? snapshot(plan, state).thenRunAsync(() -> finishSnapshot(plan), workers)
                            : CompletableFuture.completedFuture(null))
                    .thenRunAsync(() -> incremental(plan), workers);
            tables.add(table.whenComplete((ok, failure) -> {
                if (failure != null) {
                    firstFailure.compareAndSet(null, unwrap(failure));
                }
            }));
        }
        for (CompletableFuture<Void> table : tables) {
            try {
                table.join();
            } catch (CompletionException | java.util.concurrent.CancellationException e) {
                // recorded in firstFailure; wait for the other tables to stop
            }
        }
        Throwable failure = firstFailure.get();
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure != null) {
            throw new SpateException(SpateException.Category.INTERNAL, failure.toString(), failure);
        }
        progress.checkpointNow();
    }

    private boolean stopped() {
        return firstFailure.get() != null;
    }

    /** Resumes the table's position, or starts a new snapshot (truncating the destination table). */
    private TableState start(TablePlan plan) {
        String table = plan.qualifiedName();
        Optional<TableState> previous = settings.completeResync() ? Optional.empty() : progress.previous(table);
        if (previous.isPresent() && previous.get().fits(plan) && previous.get().phase() != TableState.Phase.COMPLETE) {
            TableState resumed = previous.get();
            boolean chunkingChanged = resumed.phase() == TableState.Phase.SNAPSHOT
                    && resumed.snapshot().orElseThrow().chunkCount() > 1 && !plan.chunking();
            if (!chunkingChanged) {
                LOG.info("{}: resuming {} from {}", table, resumed.phase(), resumed.toMap());
                return progress.record(table, ignored -> resumed);
            }
        }
        if (previous.isPresent() && !previous.get().fits(plan)) {
            TableState before = previous.get();
            ops.warning("table " + table + ": the strategy, replication key or filter changed since the last run ("
                    + describe(before.strategy(), before.replicationKey(), before.filter()) + " -> "
                    + describe(plan.strategy(), plan.replicationKey(), plan.filter().map(RowFilter::text))
                    + "), so it is reloaded in full");
        }
        progress.forget(table);
        ops.truncate(table);
        TableState.Snapshot snapshot = new TableState.Snapshot(plan.chunking() ? chunkEnds(plan) : List.of(),
                List.of(), java.util.Map.of(), highWater(plan));
        LOG.info("{}: {} snapshot in {} chunk(s)", table, plan.strategy(), snapshot.chunkCount());
        return progress.record(table, ignored -> TableState.snapshotStarted(plan, snapshot));
    }

    private static String describe(Strategy strategy, Optional<String> replicationKey, Optional<String> filter) {
        return strategy + " " + replicationKey.orElse("-") + filter.map(f -> " filter " + f).orElse("");
    }

    /** Reads every unfinished chunk, in parallel. */
    private CompletableFuture<Void> snapshot(TablePlan plan, TableState state) {
        TableState.Snapshot snapshot = state.snapshot().orElseThrow();
        List<CompletableFuture<Void>> chunks = new ArrayList<>();
        for (int chunk = 0; chunk < snapshot.chunkCount(); chunk++) {
            if (!snapshot.completed().contains(chunk)) {
                int number = chunk;
                chunks.add(CompletableFuture.runAsync(() -> readChunk(plan, snapshot, number), workers));
            }
        }
        return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new));
    }

    private void readChunk(TablePlan plan, TableState.Snapshot snapshot, int chunk) {
        if (stopped()) {
            return;
        }
        String table = plan.qualifiedName();
        List<SourceColumn> key = plan.keyColumns();
        if (key.isEmpty()) {
            readKeyless(plan);
            return;
        }
        Optional<Bound> lower = Optional.ofNullable(snapshot.positions().get(chunk)).map(Bound::after)
                .or(() -> chunk == 0 ? Optional.empty() : Optional.of(Bound.after(snapshot.chunkEnds().get(chunk - 1))));
        Optional<Bound> upper = chunk < snapshot.chunkEnds().size()
                ? Optional.of(Bound.from(snapshot.chunkEnds().get(chunk))) : Optional.empty();
        KeysetScan scan = new KeysetScan(pool, settings, plan.table(), key, Optional.empty(), plan.filter(), lower, upper,
                this::stopped);
        Operations.RowWriter writer = ops.rowWriter(table, columnNames(plan));
        retry.run(table + " chunk " + (chunk + 1) + "/" + snapshot.chunkCount(), () -> scan.readOnce(writer,
                (position, finished) -> progress.checkpoint(table, state -> finished
                        ? state.withSnapshot(state.snapshot().orElseThrow().withCompleted(chunk))
                        : state.withSnapshot(state.snapshot().orElseThrow().withPosition(chunk, position)))));
        LOG.info("{}: chunk {}/{} done, {} rows", table, chunk + 1, snapshot.chunkCount(), scan.rowsSent());
    }

    /** A table without a key cannot resume in the middle: after a failure it is truncated and read again. */
    private void readKeyless(TablePlan plan) {
        String table = plan.qualifiedName();
        Operations.RowWriter writer = ops.rowWriter(table, columnNames(plan));
        boolean[] first = {true};
        retry.run(table, () -> {
            if (!first[0]) {
                ops.truncate(table);
            }
            first[0] = false;
            KeysetScan scan = new KeysetScan(pool, settings, plan.table(), List.of(), Optional.empty(), plan.filter(),
                    Optional.empty(), Optional.empty(), this::stopped);
            scan.readOnce(writer, (position, finished) -> {
                if (finished) {
                    progress.checkpoint(table, state -> state.withSnapshot(state.snapshot().orElseThrow().withCompleted(0)));
                }
            });
        });
    }

    private void finishSnapshot(TablePlan plan) {
        if (stopped()) {
            return;
        }
        progress.checkpoint(plan.qualifiedName(), TableState::snapshotFinished);
    }

    /** Reads rows after the bookmark in (replication key, primary key) order, for INCREMENTAL tables. */
    private void incremental(TablePlan plan) {
        if (stopped() || plan.strategy() != Strategy.INCREMENTAL) {
            return;
        }
        String table = plan.qualifiedName();
        TableState state = progress.current(table);
        SourceColumn replicationKey = plan.replicationColumn().orElseThrow();
        List<SourceColumn> order = new ArrayList<>();
        order.add(replicationKey);
        order.addAll(plan.keyColumns());
        KeysetScan scan = new KeysetScan(pool, settings, plan.table(), order, Optional.of(replicationKey),
                plan.filter(), state.bookmark(), Optional.empty(), this::stopped);
        Operations.RowWriter writer = ops.rowWriter(table, columnNames(plan));
        retry.run(table + " incremental", () -> scan.readOnce(writer, (position, finished) -> {
            if (!position.isEmpty()) {
                progress.checkpoint(table, s -> s.withBookmark(Bound.after(position)));
            }
        }));
        LOG.info("{}: {} changed rows", table, scan.rowsSent());
    }

    /** The last key of each chunk but the last, found with keyset queries (each reads chunk_size index entries). */
    private List<List<String>> chunkEnds(TablePlan plan) {
        List<SourceColumn> key = plan.keyColumns();
        List<List<String>> ends = new ArrayList<>();
        String what = plan.qualifiedName() + " chunk planning";
        retry.run(what, () -> {
            ends.clear();
            try (Connection connection = pool.connection()) {
                Optional<Bound> lower = Optional.empty();
                while (true) {
                    Optional<List<String>> end = chunkEnd(connection, plan, key, lower);
                    if (end.isEmpty()) {
                        break;
                    }
                    ends.add(end.get());
                    lower = Optional.of(Bound.after(end.get()));
                }
                connection.commit();
            }
        });
        return ends;
    }

    private Optional<List<String>> chunkEnd(Connection connection, TablePlan plan, List<SourceColumn> key,
            Optional<Bound> lower) throws SQLException {
        ScanQuery query = ScanQuery.chunkEnd(settings.dialect(), plan.table(), key, lower, settings.chunkSize());
        try (PreparedStatement statement = connection.prepareStatement(query.sql())) {
            query.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                List<String> end = new ArrayList<>();
                for (int i = 0; i < key.size(); i++) {
                    end.add(KeyText.of(readKey(rows, i + 1, key.get(i)), key.get(i).name()));
                }
                return Optional.of(end);
            }
        }
    }

    /** {@code max(replication key)} before the snapshot reads anything: where incremental reads begin after it. */
    private Optional<String> highWater(TablePlan plan) {
        if (plan.strategy() != Strategy.INCREMENTAL) {
            return Optional.empty();
        }
        SourceColumn column = plan.replicationColumn().orElseThrow();
        AtomicReference<Optional<String>> result = new AtomicReference<>(Optional.empty());
        retry.run(plan.qualifiedName() + " high-water mark", () -> {
            try (Connection connection = pool.connection();
                 PreparedStatement statement = connection.prepareStatement(ScanQuery.max(plan.table(), column).sql());
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                Object value = readKey(rows, 1, column);
                result.set(value == null ? Optional.empty() : Optional.of(KeyText.of(value, column.name())));
                connection.commit();
            }
        });
        return result.get();
    }

    private static Object readKey(ResultSet rows, int index, SourceColumn column) throws SQLException {
        Object value = switch (column.kind()) {
            case DATE -> rows.getObject(index, java.time.LocalDate.class);
            case TIMESTAMP -> rows.getObject(index, java.time.LocalDateTime.class);
            case TIMESTAMPTZ -> {
                java.time.OffsetDateTime v = rows.getObject(index, java.time.OffsetDateTime.class);
                yield v == null ? null : v.toInstant();
            }
            case DECIMAL -> rows.getBigDecimal(index);
            case BYTES -> rows.getBytes(index);
            default -> rows.getString(index);
        };
        return rows.wasNull() ? null : value;
    }

    private static List<String> columnNames(TablePlan plan) {
        return plan.table().columns().stream().map(SourceColumn::name).toList();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
