package io.spate.runtime;

import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.destination.TableSchema;
import io.spate.sdk.SpateException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that talks to one destination: takes sealed batches and commits in the order they were
 * queued. After a failure it refuses further work and fails every waiting commit with the cause.
 */
final class DestinationWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DestinationWriter.class);

    /** A batch shared by all writers of a fan-out; its bytes are released when the last one is done. */
    static final class Flight {
        final RowBatch batch;
        private final long bytes;
        private final InFlight inFlight;
        private int pending;

        Flight(RowBatch batch, long bytes, InFlight inFlight, int writers) {
            this.batch = batch;
            this.bytes = bytes;
            this.inFlight = inFlight;
            this.pending = writers;
        }

        synchronized void done() {
            if (--pending == 0) {
                inFlight.release(bytes);
            }
        }
    }

    private sealed interface Task permits Write, Ensure, Commit, Completed, Stop {
    }

    private record Completed(String pipelineId, CompletableFuture<Void> done) implements Task {
    }

    private record Write(Flight flight) implements Task {
    }

    private record Ensure(TableSchema table) implements Task {
    }

    private record Commit(String pipelineId, CommittedState state, CompletableFuture<Void> done) implements Task {
    }

    private record Stop() implements Task {
    }

    private final String name;
    private final Destination destination;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Map<String, TableSchema> ensured = new HashMap<>();
    private final Thread thread;
    private volatile RuntimeException failure;

    DestinationWriter(String name, Destination destination) {
        this.name = name;
        this.destination = destination;
        this.thread = new Thread(this::loop, "spate-writer-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    String name() {
        return name;
    }

    void write(Flight flight) {
        if (failure != null) {
            flight.done();
            throw failure;
        }
        queue.add(new Write(flight));
    }

    void ensure(TableSchema table) {
        queue.add(new Ensure(table));
    }

    CompletableFuture<Void> commit(String pipelineId, CommittedState state) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (failure != null) {
            done.completeExceptionally(failure);
        } else {
            queue.add(new Commit(pipelineId, state, done));
        }
        return done;
    }

    /** Tells the destination the run completed, after everything queued before; waits for it. */
    CompletableFuture<Void> runCompleted(String pipelineId) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (failure != null) {
            done.completeExceptionally(failure);
        } else {
            queue.add(new Completed(pipelineId, done));
        }
        return done;
    }

    RuntimeException failure() {
        return failure;
    }

    private void loop() {
        while (true) {
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task instanceof Stop) {
                return;
            }
            if (failure != null) {
                discard(task);
                continue;
            }
            try {
                perform(task);
            } catch (RuntimeException | Error e) {
                failure = asSpateException(e);
                LOG.debug("destination {} failed", name, e);
                discard(task);
            }
        }
    }

    private void perform(Task task) {
        if (task instanceof Write write) {
            try {
                RowBatch batch = write.flight().batch;
                ensureTable(batch.table());
                destination.write(batch);
            } finally {
                write.flight().done();
            }
        } else if (task instanceof Ensure ensure) {
            ensureTable(ensure.table());
        } else if (task instanceof Commit commit) {
            destination.commit(commit.pipelineId(), commit.state());
            commit.done().complete(null);
        } else if (task instanceof Completed completed) {
            destination.runCompleted(completed.pipelineId());
            completed.done().complete(null);
        }
    }

    private void ensureTable(TableSchema table) {
        if (!table.equals(ensured.get(table.qualifiedName()))) {
            destination.ensureTable(table);
            ensured.put(table.qualifiedName(), table);
        }
    }

    private void discard(Task task) {
        if (task instanceof Write write) {
            write.flight().done();
        } else if (task instanceof Commit commit) {
            commit.done().completeExceptionally(failure);
        } else if (task instanceof Completed completed) {
            completed.done().completeExceptionally(failure);
        }
    }

    private RuntimeException asSpateException(Throwable e) {
        String message = "destination " + name + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        if (e instanceof SpateException se) {
            return new SpateException(se.category(), message, e);
        }
        return new SpateException(SpateException.Category.INTERNAL, message, e);
    }

    /** Stops the thread after the queued work and closes the destination (discarding anything uncommitted). */
    @Override
    public void close() {
        queue.add(new Stop());
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (failure != null) {
                destination.rollback();
            }
        } catch (RuntimeException e) {
            LOG.debug("rollback of destination {} failed", name, e);
        } finally {
            destination.close();
        }
    }
}
