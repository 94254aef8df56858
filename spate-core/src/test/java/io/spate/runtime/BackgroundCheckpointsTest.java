package io.spate.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.Operations;
import io.spate.sdk.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints on a thread of their own. Commits are held at a gate the test opens, so every interleaving
 * asserted is forced, not hoped for; waits are bounded so that a broken build fails instead of hanging.
 */
class BackgroundCheckpointsTest {
    private static final long WAIT_SECONDS = 30;

    @Test
    void requestsWhileACommitWaitsToStartAreCoveredByIt() throws Exception {
        GatedCommit commit = new GatedCommit(Set.of());
        BackgroundCheckpoints checkpoints = BackgroundCheckpoints.coalescing("test-checkpoints", commit);
        CompletableFuture<Void> synchronous = commitNowOnAnotherThread(checkpoints, commit, 1);
        // the synchronous commit runs: the background commit requested now waits for it to end
        commit.progress.set(2);
        checkpoints.requestCommit();
        commit.progress.set(3);
        checkpoints.requestCommit();
        commit.progress.set(4);
        checkpoints.requestCommit();
        commit.open();
        synchronous.get(WAIT_SECONDS, TimeUnit.SECONDS);
        checkpoints.close();

        assertThat(commit.readStates()).containsExactly(1, 4);
    }

    @Test
    void aRequestWhileACommitRunsQueuesTheNextSoTheLastProgressIsCommitted() throws Exception {
        GatedCommit commit = new GatedCommit(Set.of());
        BackgroundCheckpoints checkpoints = BackgroundCheckpoints.coalescing("test-checkpoints", commit);
        commit.progress.set(1);
        checkpoints.requestCommit();
        commit.awaitStarts(1);
        // the running commit read 1 already: these must be committed by another
        commit.progress.set(2);
        checkpoints.requestCommit();
        commit.progress.set(3);
        checkpoints.requestCommit();
        commit.letOneEnd();
        commit.awaitStarts(1);
        commit.letOneEnd();
        checkpoints.close();

        assertThat(commit.readStates()).containsExactly(1, 3);
    }

    @Test
    void aRequestNeverWaitsForTheRunningCommit() throws Exception {
        GatedCommit commit = new GatedCommit(Set.of());
        BackgroundCheckpoints checkpoints = BackgroundCheckpoints.coalescing("test-checkpoints", commit);
        checkpoints.requestCommit();
        commit.awaitStarts(1);
        for (int request = 0; request < 100; request++) {
            checkpoints.requestCommit(); // returns although the gate holds the running commit
        }
        commit.open();
        checkpoints.close();

        assertThat(commit.readStates()).hasSize(2);
    }

    @Test
    void aFailedBackgroundCommitIsThrownByTheNextRequestAndAtClose() throws Exception {
        GatedCommit commit = new GatedCommit(Set.of(1));
        BackgroundCheckpoints checkpoints = BackgroundCheckpoints.coalescing("test-checkpoints", commit);
        checkpoints.requestCommit();
        commit.awaitStarts(1);
        commit.open();
        // a synchronous commit starts once the failed one has ended, which records its failure first
        checkpoints.commitNow();

        assertThatThrownBy(checkpoints::requestCommit).isSameAs(commit.failureOf(1));
        assertThatThrownBy(checkpoints::requestCommit).isSameAs(commit.failureOf(1));
        assertThatThrownBy(checkpoints::close).isSameAs(commit.failureOf(1));
        assertThat(commit.readStates()).hasSize(2);
    }

    @Test
    void awaitInFlightWaitsForTheRequestedCommitsAndThrowsTheirFailure() throws Exception {
        GatedCommit commit = new GatedCommit(Set.of(2));
        BackgroundCheckpoints checkpoints = BackgroundCheckpoints.coalescing("test-checkpoints", commit);
        checkpoints.requestCommit();
        commit.awaitStarts(1);
        checkpoints.requestCommit();
        commit.open();

        assertThatThrownBy(checkpoints::awaitInFlight).isSameAs(commit.failureOf(2));
        assertThat(commit.readStates()).hasSize(2);
        assertThatThrownBy(checkpoints::close).isSameAs(commit.failureOf(2));
    }

    @Test
    void aBackgroundFailureAtCloseIsAddedToTheFailureOfTheRun() throws Exception {
        GatedCommit commit = new GatedCommit(Set.of(1));
        BackgroundCheckpoints checkpoints = BackgroundCheckpoints.coalescing("test-checkpoints", commit);
        checkpoints.requestCommit();
        commit.open();
        IllegalStateException runFailure = new IllegalStateException("a worker failed");

        checkpoints.close(runFailure);

        assertThat(runFailure.getSuppressed()).containsExactly(commit.failureOf(1));
    }

    @Test
    void aBackgroundFailureThatIsTheRunsFailureIsNotAddedToItself() throws Exception {
        GatedCommit commit = new GatedCommit(Set.of(1));
        BackgroundCheckpoints checkpoints = BackgroundCheckpoints.coalescing("test-checkpoints", commit);
        checkpoints.requestCommit();
        commit.open();
        assertThatThrownBy(checkpoints::awaitInFlight).isSameAs(commit.failureOf(1));

        checkpoints.close(commit.failureOf(1));

        assertThat(commit.failureOf(1).getSuppressed()).isEmpty();
    }

    @Test
    void closeWaitsForTheRunningAndTheQueuedCommit() throws Exception {
        GatedCommit commit = new GatedCommit(Set.of());
        BackgroundCheckpoints checkpoints = BackgroundCheckpoints.coalescing("test-checkpoints", commit);
        commit.progress.set(1);
        checkpoints.requestCommit();
        commit.awaitStarts(1);
        commit.progress.set(2);
        checkpoints.requestCommit();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(checkpoints::close);
        commit.letOneEnd();
        commit.awaitStarts(1);
        assertThat(closing).isNotDone(); // the queued commit is held at the gate
        commit.letOneEnd();
        closing.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(commit.readStates()).containsExactly(1, 2);
        assertThat(commit.ended.get()).isEqualTo(2);
    }

    @Test
    void aSynchronousCommitWaitsForTheBackgroundOneAndNeverRunsWithIt() throws Exception {
        GatedCommit commit = new GatedCommit(Set.of());
        BackgroundCheckpoints checkpoints = BackgroundCheckpoints.coalescing("test-checkpoints", commit);
        commit.progress.set(1);
        checkpoints.requestCommit();
        commit.awaitStarts(1);
        commit.progress.set(2);
        CompletableFuture<Void> synchronous = CompletableFuture.runAsync(checkpoints::commitNow);
        commit.letOneEnd();
        commit.awaitStarts(1);
        commit.letOneEnd();
        synchronous.get(WAIT_SECONDS, TimeUnit.SECONDS);
        checkpoints.close();

        assertThat(commit.readStates()).containsExactly(1, 2);
        assertThat(commit.mostAtOnce.get()).isEqualTo(1);
    }

    @Test
    void tryCommitNowSkipsWhileACommitRunsAndCommitsOtherwise() throws Exception {
        GatedCommit commit = new GatedCommit(Set.of());
        BackgroundCheckpoints checkpoints = BackgroundCheckpoints.coalescing("test-checkpoints", commit);
        checkpoints.requestCommit();
        commit.awaitStarts(1);

        assertThat(checkpoints.tryCommitNow()).isFalse();
        commit.open();
        checkpoints.awaitInFlight();
        assertThat(checkpoints.tryCommitNow()).isTrue();
        assertThat(commit.readStates()).hasSize(2);
        checkpoints.close();
    }

    @Test
    void aSynchronousCommitsFailureIsThrownToItsCallerOnly() throws Exception {
        GatedCommit commit = new GatedCommit(Set.of(1));
        BackgroundCheckpoints checkpoints = BackgroundCheckpoints.coalescing("test-checkpoints", commit);
        commit.open();

        assertThatThrownBy(checkpoints::commitNow).isSameAs(commit.failureOf(1));
        checkpoints.requestCommit();
        checkpoints.close();
        assertThat(commit.readStates()).hasSize(2);
    }

    @Test
    void commitNowStillCommitsAfterClose() throws Exception {
        GatedCommit commit = new GatedCommit(Set.of());
        BackgroundCheckpoints checkpoints = BackgroundCheckpoints.coalescing("test-checkpoints", commit);
        commit.open();
        checkpoints.requestCommit();
        checkpoints.close();
        commit.progress.set(7);

        checkpoints.commitNow();

        assertThat(commit.readStates()).containsExactly(0, 7);
    }

    @Test
    void handedOverStatesAreCommittedInOrderOneAtATime() {
        RecordingCheckpoints ops = new RecordingCheckpoints();
        BackgroundCheckpoints checkpoints = new BackgroundCheckpoints(ops, "test-checkpoints");
        for (int i = 1; i <= 20; i++) {
            checkpoints.checkpoint(State.empty().with("n", i));
        }
        checkpoints.checkpointNow(State.empty().with("n", 21));
        checkpoints.close();

        assertThat(ops.committed()).containsExactlyElementsOf(IntStream.rangeClosed(1, 21).boxed().toList());
    }

    @Test
    void eachWayRefusesTheOthersMethods() {
        BackgroundCheckpoints states = new BackgroundCheckpoints(new RecordingCheckpoints(), "test-checkpoints");
        BackgroundCheckpoints coalescing = BackgroundCheckpoints.coalescing("test-checkpoints", () -> { });

        assertThatThrownBy(states::requestCommit).isInstanceOf(IllegalStateException.class).hasMessage("requestCommit() needs"
                + " checkpoints made by coalescing(...) with the commit to run; these commit the states handed to checkpoint(State)");
        assertThatThrownBy(() -> coalescing.checkpoint(State.empty())).isInstanceOf(IllegalStateException.class)
                .hasMessage("checkpoint(State) needs checkpoints made with the Operations to checkpoint through; these were made by"
                        + " coalescing(...): use requestCommit()");
        states.close();
        coalescing.close();
    }

    private static CompletableFuture<Void> commitNowOnAnotherThread(BackgroundCheckpoints checkpoints, GatedCommit commit,
            int progress) throws InterruptedException {
        commit.progress.set(progress);
        CompletableFuture<Void> synchronous = CompletableFuture.runAsync(checkpoints::commitNow);
        commit.awaitStarts(1);
        return synchronous;
    }

    /**
     * A commit that reads {@code progress} when it starts, then waits at a gate the test opens one commit at a
     * time ({@link #letOneEnd()}) or for good ({@link #open()}); the commits numbered in {@code failing} then throw.
     */
    private static final class GatedCommit implements Runnable {
        final AtomicInteger progress = new AtomicInteger();
        final AtomicInteger ended = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        private final AtomicInteger running = new AtomicInteger();
        private final List<Integer> read = Collections.synchronizedList(new ArrayList<>());
        private final Semaphore starts = new Semaphore(0);
        private final Semaphore gate = new Semaphore(0);
        private final Set<Integer> failing;
        private final Map<Integer, RuntimeException> failures;

        GatedCommit(Set<Integer> failing) {
            this.failing = failing;
            this.failures = new HashMap<>();
            failing.forEach(n -> failures.put(n, new IllegalStateException("commit " + n + " failed")));
        }

        @Override
        public void run() {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                read.add(progress.get());
                int number = read.size();
                starts.release();
                try {
                    if (!gate.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the test never opened the gate of commit " + number);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                if (failing.contains(number)) {
                    throw failures.get(number);
                }
            } finally {
                running.decrementAndGet();
                ended.incrementAndGet();
            }
        }

        void awaitStarts(int count) throws InterruptedException {
            assertThat(starts.tryAcquire(count, WAIT_SECONDS, TimeUnit.SECONDS)).as("a commit started").isTrue();
        }

        void letOneEnd() {
            gate.release();
        }

        void open() {
            gate.release(Integer.MAX_VALUE / 2);
        }

        RuntimeException failureOf(int number) {
            return failures.get(number);
        }

        List<Integer> readStates() {
            synchronized (read) {
                return List.copyOf(read);
            }
        }
    }

    /** Operations that only record the {@code n} of each checkpointed state. */
    private static final class RecordingCheckpoints implements Operations {
        private final List<Integer> committed = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void checkpoint(State state) {
            committed.add(((Number) state.get("n").orElseThrow()).intValue());
        }

        List<Integer> committed() {
            synchronized (committed) {
                return List.copyOf(committed);
            }
        }

        @Override
        public void upsert(String table, Map<String, ?> row) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void update(String table, Map<String, ?> partialRow) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String table, Map<String, ?> keys) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void truncate(String table) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void warning(String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void error(String message) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RowWriter rowWriter(String table, List<String> columns) {
            throw new UnsupportedOperationException();
        }
    }
}
