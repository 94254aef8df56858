package io.spate.cli;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.SpateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the checks of a pipeline's endpoints in parallel (a bounded pool), each with its own time limit
 * counted from when it starts. A check that runs out of time is interrupted and reported as timed out; a
 * check that ignores the interrupt is left behind on a daemon thread, so it cannot keep the process alive.
 */
final class EndpointChecks {
    /** At most this many checks run at once. */
    static final int MAX_PARALLEL = 8;

    /**
     * One source or destination to check.
     *
     * @param kind {@code source} or {@code destination}
     * @param name its name in the pipeline file
     * @param check the check: returns when the endpoint works, throws the reason (and what to fix) when not
     */
    record Endpoint(String kind, String name, Runnable check) {
        Endpoint {
            requireNonNull(kind, "kind is null");
            requireNonNull(name, "name is null");
            requireNonNull(check, "check is null");
        }

        /** An endpoint whose check is known to fail before it runs (an invalid configuration). */
        static Endpoint failing(String kind, String name, SpateException problem) {
            return new Endpoint(kind, name, () -> {
                throw problem;
            });
        }

        String label() {
            return kind + " " + name;
        }
    }

    /**
     * What a check found.
     *
     * @param endpoint the endpoint checked
     * @param problem empty when it passed; else the reason and what to fix, on one line
     * @param elapsed how long the check took
     */
    record Outcome(Endpoint endpoint, Optional<String> problem, Duration elapsed) {
        boolean ok() {
            return problem.isEmpty();
        }

        /** {@code source raw_orders: OK (0.3 s)} or {@code source raw_orders: REASON}. */
        String line() {
            return endpoint.label() + ": " + problem.orElse("OK (" + Seconds.of(elapsed) + ")");
        }
    }

    private final Duration timeout;

    EndpointChecks(Duration timeout) {
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** Runs every check; returns the outcomes in the order of {@code endpoints}. */
    List<Outcome> run(List<Endpoint> endpoints) throws InterruptedException {
        if (endpoints.isEmpty()) {
            return List.of();
        }
        ExecutorService workers = Executors.newFixedThreadPool(Math.min(MAX_PARALLEL, endpoints.size()), daemons("spate-check"));
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemons("spate-check-timer"));
        try {
            List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
            for (Endpoint endpoint : endpoints) {
                outcomes.add(start(endpoint, workers, timers));
            }
            List<Outcome> done = new ArrayList<>();
            for (CompletableFuture<Outcome> outcome : outcomes) {
                done.add(await(outcome));
            }
            return done;
        } finally {
            workers.shutdownNow();
            timers.shutdownNow();
        }
    }

    private CompletableFuture<Outcome> start(Endpoint endpoint, ExecutorService workers, ScheduledExecutorService timers) {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        workers.execute(new TimedCheck(endpoint, endpoint.check(), outcome, timers));
        return outcome;
    }

    private static Outcome await(CompletableFuture<Outcome> outcome) throws InterruptedException {
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a check's outcome is always completed normally", e);
        }
    }

    /** One check on a worker thread, with a timer that interrupts it when its time is up. */
    private final class TimedCheck implements Runnable {
        private final Endpoint endpoint;
        private final Runnable check;
        private final CompletableFuture<Outcome> outcome;
        private final ScheduledExecutorService timers;
        private boolean finished;

        TimedCheck(Endpoint endpoint, Runnable check, CompletableFuture<Outcome> outcome, ScheduledExecutorService timers) {
            this.endpoint = endpoint;
            this.check = check;
            this.outcome = outcome;
            this.timers = timers;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            Thread worker = Thread.currentThread();
            ScheduledFuture<?> timer = timers.schedule(() -> timeUp(worker, start), timeout.toNanos(), TimeUnit.NANOSECONDS);
            Optional<String> problem = Optional.of("the check stopped without an answer (the JVM is out of resources?)");
            try {
                check.run();
                problem = Optional.empty();
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                // a connector's bug is that endpoint's failing line, not the end of every check
                problem = Optional.of(describe(e));
            } finally {
                timer.cancel(false);
                synchronized (this) {
                    finished = true;
                    // an interrupt from a timer that fired just now must not reach the worker's next check
                    Thread.interrupted();
                }
                outcome.complete(new Outcome(endpoint, problem, Duration.ofNanos(System.nanoTime() - start)));
            }
        }

        private synchronized void timeUp(Thread worker, long start) {
            if (finished) {
                return;
            }
            outcome.complete(new Outcome(endpoint, Optional.of("no answer within " + Seconds.of(timeout)
                    + "; check that it is reachable from here (host, port, endpoint, proxy, firewall), or allow more"
                    + " time with --timeout"), Duration.ofNanos(System.nanoTime() - start)));
            worker.interrupt();
        }
    }

    /** A failure as one line: our messages as they are, anything else with its type and causes. */
    static String describe(Throwable failure) {
        return oneLine(failure instanceof SpateException ? failure.getMessage() : Failures.describe(failure));
    }

    /**
     * Joins a multi-line message into one line: {@code "invalid configuration:\n  - a\n  - b"} becomes
     * {@code "invalid configuration: a; b"}.
     */
    static String oneLine(String message) {
        List<String> lines = message.lines().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> line.startsWith("- ") ? line.substring(2) : line).toList();
        if (lines.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            text.append(i == 1 && text.toString().endsWith(":") ? " " : "; ").append(lines.get(i));
        }
        return text.toString();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Durations as the user reads them: {@code 0.3 s}, {@code 30 s}. */
    static final class Seconds {
        private Seconds() {
        }

        static String of(Duration duration) {
            long millis = duration.toMillis();
            return millis % 1000 == 0 && millis >= 1000 ? millis / 1000 + " s"
                    : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
    }
}
