package io.spate.runtime;

import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoints committed on a thread of their own, so that a connector reads on while the destination
 * commits: {@link Operations#checkpoint} otherwise stops the calling thread for as long as the commit takes.
 *
 * <p>Only for connectors whose replays overwrite: a checkpoint commits every row sent before it starts,
 * which may include rows after the position its state names, and a run resumed from that state sends them
 * again. That is exact when every row is keyed (a primary key, or {@code _spate_file}/{@code _spate_line});
 * a table that cannot be resumed in the middle must not record a middle position.
 *
 * <p>Two ways to use it, chosen when it is made:
 * <ul>
 * <li><b>States handed over</b> ({@link #BackgroundCheckpoints(Operations, String)}): the caller names each
 * state, {@link #checkpoint(State)} starts committing it. At most one checkpoint is in flight: the next waits
 * for it, so states are committed in order and none is skipped. Before anything that invalidates positions
 * already handed over (a truncate that restarts a table), call {@link #awaitInFlight()}.
 * <li><b>Coalesced requests</b> ({@link #coalescing(String, Runnable)}): the caller records its progress
 * where the commit action reads it, then {@link #requestCommit() requests} a commit, which never waits for one
 * that runs. The action computes its state when it starts, not when it was requested, so one commit covers
 * every request made before it started: a request while a commit waits to start adds nothing; one while a
 * commit runs queues the next (that one may already have read the state), so the last progress recorded is
 * always committed. The commits on the thread and those of {@link #commitNow()} and {@link #tryCommitNow()}
 * on the caller's thread never run at once, and each reads the state when it starts, so the committed states
 * follow one another in order. A failed background commit makes every later request, and {@link #close},
 * throw it.
 * </ul>
 */
public final class BackgroundCheckpoints implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundCheckpoints.class);

    private final String threadName;
    private final ExecutorService thread;

    // states handed over
    private final Optional<Operations> ops;
    private Future<?> inFlight;

    // coalesced requests
    private final Optional<Runnable> commit;
    /** Held by whichever commit of the coalescing mode runs, on the thread or on a caller's. */
    private final ReentrantLock committing = new ReentrantLock();
    /** Guards the coalescing mode's requests: {@code waiting}, {@code lastRequested}, {@code backgroundFailure}. */
    private final Object requests = new Object();
    private boolean waiting;
    private Future<?> lastRequested;
    private RuntimeException backgroundFailure;

    /** Commits the states handed to {@link #checkpoint(State)} through {@code ops}, one at a time. */
    public BackgroundCheckpoints(Operations ops, String threadName) {
        this(Optional.of(ops), Optional.empty(), threadName);
    }

    /**
     * Runs {@code commit} on a thread of its own when {@link #requestCommit() requested}, coalescing requests
     * made before it starts. {@code commit} reads the progress to commit when it runs and checkpoints it.
     */
    public static BackgroundCheckpoints coalescing(String threadName, Runnable commit) {
        return new BackgroundCheckpoints(Optional.empty(), Optional.of(commit), threadName);
    }

    private BackgroundCheckpoints(Optional<Operations> ops, Optional<Runnable> commit, String threadName) {
        this.ops = ops;
        this.commit = commit;
        this.threadName = threadName;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread checkpoints = new Thread(runnable, threadName);
            checkpoints.setDaemon(true);
            return checkpoints;
        });
    }

    /** Starts checkpointing {@code state} once the previous checkpoint is done; throws its failure. */
    public synchronized void checkpoint(State state) {
        Operations operations = statesMode("checkpoint(State)");
        awaitInFlight();
        inFlight = thread.submit(() -> operations.checkpoint(state));
    }

    /** Checkpoints {@code state} after the one in flight, and returns when it is committed. */
    public synchronized void checkpointNow(State state) {
        Operations operations = statesMode("checkpointNow(State)");
        awaitInFlight();
        operations.checkpoint(state);
    }

    /**
     * Has the commit action run on the thread after this call, without waiting for it; a no-op when a commit
     * requested earlier has not started yet, as that one reads the state later. Throws the failure of an
     * earlier background commit.
     */
    public void requestCommit() {
        Runnable action = coalescingMode("requestCommit()");
        synchronized (requests) {
            if (backgroundFailure != null) {
                throw backgroundFailure;
            }
            if (waiting) {
                return;
            }
            lastRequested = thread.submit(() -> runInBackground(action));
            waiting = true;
        }
    }

    private void runInBackground(Runnable action) {
        committing.lock();
        try {
            synchronized (requests) {
                // from here on the action has yet to read the state: a request before this line is covered by it
                waiting = false;
            }
            action.run();
        } catch (RuntimeException e) {
            synchronized (requests) {
                if (backgroundFailure == null) {
                    backgroundFailure = e;
                }
            }
        } finally {
            committing.unlock();
        }
    }

    /** Runs the commit action on this thread once no other commit runs, and returns when it is committed. */
    public void commitNow() {
        Runnable action = coalescingMode("commitNow()");
        committing.lock();
        try {
            action.run();
        } finally {
            committing.unlock();
        }
    }

    /**
     * Runs the commit action on this thread unless another commit runs (that one, or the next request, commits
     * the progress later); whether it ran.
     */
    public boolean tryCommitNow() {
        Runnable action = coalescingMode("tryCommitNow()");
        if (!committing.tryLock()) {
            return false;
        }
        try {
            action.run();
            return true;
        } finally {
            committing.unlock();
        }
    }

    /**
     * Waits for the checkpoint in flight, if any; throws its failure. When coalescing: waits for the commits
     * requested before this call, and throws the failure of any background commit.
     */
    public void awaitInFlight() {
        if (commit.isPresent()) {
            awaitRequested();
        } else {
            awaitState();
        }
    }

    private synchronized void awaitState() {
        if (inFlight == null) {
            return;
        }
        Future<?> previous = inFlight;
        inFlight = null;
        await(previous);
    }

    private void awaitRequested() {
        Future<?> last;
        synchronized (requests) {
            last = lastRequested;
        }
        if (last != null) {
            // the thread runs requests in order: the last one done, all are
            await(last);
        }
        synchronized (requests) {
            if (backgroundFailure != null) {
                throw backgroundFailure;
            }
        }
    }

    private void await(Future<?> pending) {
        try {
            while (true) {
                try {
                    pending.get(1, TimeUnit.MINUTES);
                    return;
                } catch (TimeoutException e) {
                    LOG.info("{}: waiting for a checkpoint to commit", threadName);
                }
            }
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
     * Waits for the checkpoint in flight (when coalescing: for every requested commit; none is accepted after)
     * and stops the thread. A failure of those checkpoints is added to {@code failure} when the run is already
     * failing, else thrown. {@link #commitNow()} still commits on the caller's thread after.
     */
    public void close(Throwable failure) {
        try {
            if (commit.isPresent()) {
                closeRequests();
            } else {
                closeStates();
            }
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            if (e != failure) {
                failure.addSuppressed(e);
            }
        }
    }

    private synchronized void closeStates() {
        try {
            awaitState();
        } finally {
            thread.shutdown();
        }
    }

    private void closeRequests() {
        synchronized (requests) {
            // under the lock of the requests: none is accepted after, so the last accepted is the last to wait for
            thread.shutdown();
        }
        awaitRequested();
    }

    @Override
    public void close() {
        close(null);
    }

    private Operations statesMode(String method) {
        return ops.orElseThrow(() -> new IllegalStateException(method + " needs checkpoints made with the Operations to "
                + "checkpoint through; these were made by coalescing(...): use requestCommit()"));
    }

    private Runnable coalescingMode(String method) {
        return commit.orElseThrow(() -> new IllegalStateException(method + " needs checkpoints made by coalescing(...) with"
                + " the commit to run; these commit the states handed to checkpoint(State)"));
    }
}
