package io.spate.http;

import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checkpoints within a page on a thread of their own, so that reading goes on while the destination commits:
 * a commit otherwise stops the body's reading for as long as it takes, every {@code checkpoint_every_rows}.
 *
 * <p>A checkpoint commits every row sent before it starts, which may include rows after the position its
 * state names; a resumed run sends those again and, as {@code http_csv} rows are always keyed (by the
 * primary key or by {@code _spate_file}, {@code _spate_line}), they overwrite. At most one checkpoint is in
 * flight: the next one waits for it, so states are committed in order and no commit is skipped.
 */
final class BackgroundCheckpoints implements AutoCloseable {
    private final Operations ops;
    private final ExecutorService thread;
    private Future<?> inFlight;

    BackgroundCheckpoints(Operations ops) {
        this.ops = ops;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread checkpoints = new Thread(runnable, "spate-http-checkpoints");
            checkpoints.setDaemon(true);
            return checkpoints;
        });
    }

    /** Starts checkpointing {@code state} once the previous checkpoint is done; throws its failure. */
    void checkpoint(State state) {
        awaitInFlight();
        inFlight = thread.submit(() -> ops.checkpoint(state));
    }

    /** Checkpoints {@code state} after the one in flight, and returns when it is committed. */
    void checkpointNow(State state) {
        awaitInFlight();
        ops.checkpoint(state);
    }

    /** Waits for the checkpoint in flight, if any; throws its failure. */
    void awaitInFlight() {
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
    void close(Throwable failure) {
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
