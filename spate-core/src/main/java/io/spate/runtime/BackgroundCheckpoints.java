package io.spate.runtime;

import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checkpoints committed on a thread of their own, so that a connector reads on while the destination
 * commits: {@link Operations#checkpoint} otherwise stops the calling thread for as long as the commit takes.
 *
 * <p>Only for connectors whose replays overwrite: a checkpoint commits every row sent before it starts,
 * which may include rows after the position its state names, and a run resumed from that state sends them
 * again. That is exact when every row is keyed (a primary key, or {@code _spate_file}/{@code _spate_line});
 * a table that cannot be resumed in the middle must not record a middle position. At most one checkpoint is
 * in flight: the next waits for it, so states are committed in order and none is skipped. Before anything
 * that invalidates positions already handed over (a truncate that restarts a table), call
 * {@link #awaitInFlight()}.
 */
public final class BackgroundCheckpoints implements AutoCloseable {
    private final Operations ops;
    private final ExecutorService thread;
    private Future<?> inFlight;

    public BackgroundCheckpoints(Operations ops, String threadName) {
        this.ops = ops;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread checkpoints = new Thread(runnable, threadName);
            checkpoints.setDaemon(true);
            return checkpoints;
        });
    }

    /** Starts checkpointing {@code state} once the previous checkpoint is done; throws its failure. */
    public synchronized void checkpoint(State state) {
        awaitInFlight();
        inFlight = thread.submit(() -> ops.checkpoint(state));
    }

    /** Checkpoints {@code state} after the one in flight, and returns when it is committed. */
    public synchronized void checkpointNow(State state) {
        awaitInFlight();
        ops.checkpoint(state);
    }

    /** Waits for the checkpoint in flight, if any; throws its failure. */
    public synchronized void awaitInFlight() {
        if (inFlight == null) {
            return;
        }
        Future<?> previous = inFlight;
        inFlight = null;
        try {
            previous.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpateException(SpateException.Category.INTERNAL, "interrupted while a checkpoint was being committed", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new SpateException(SpateException.Category.INTERNAL, "a checkpoint failed: " + e.getCause(), e.getCause());
        } catch (CancellationException e) {
            throw new SpateException(SpateException.Category.INTERNAL, "a checkpoint was cancelled", e);
        }
    }

    /**
     * Waits for the checkpoint in flight and stops the thread. A failure of that checkpoint is added to
     * {@code failure} when the run is already failing, else thrown.
     */
    public synchronized void close(Throwable failure) {
        try {
            awaitInFlight();
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            if (e != failure) {
                failure.addSuppressed(e);
            }
        } finally {
            thread.shutdown();
        }
    }

    @Override
    public void close() {
        close(null);
    }
}
