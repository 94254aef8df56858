package io.spate.retry;

import io.spate.sdk.SpateException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry policy of spate: exponential backoff from {@code initialDelay}, multiplied each attempt,
 * capped at {@code maxDelay}, with random jitter, at most {@code maxAttempts} attempts, and a server's
 * {@code Retry-After} honoured (still capped by {@code maxRetryAfter}). What is transient is decided by
 * {@link #isTransient}: {@link RetriableException}, a {@link SpateException} of category RETRIABLE,
 * timeouts, refused connections and resets; anything else fails at once.
 */
public final class RetryPolicy {
    private static final Logger LOG = LoggerFactory.getLogger(RetryPolicy.class);

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** One attempt of an operation. */
    @FunctionalInterface
    public interface Attempt<T> {
        /** @param attempt 1 for the first try */
        T run(int attempt) throws Exception;
    }

    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Duration maxRetryAfter;
    private final double multiplier;
    private final double jitter;
    private final Sleeper sleeper;
    private final Predicate<Throwable> transientFailure;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialDelay = b.initialDelay;
        this.maxDelay = b.maxDelay;
        this.maxRetryAfter = b.maxRetryAfter;
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.sleeper = b.sleeper;
        this.transientFailure = b.transientFailure;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** 5 attempts, 1 s doubling to 30 s, 20% jitter. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails with a non-transient error (rethrown as is when it is a
     * {@link SpateException}, else wrapped), or has failed {@code maxAttempts} times (then a SpateException
     * naming the operation, the attempts and the last failure).
     */
    public <T> T call(String operation, Attempt<T> attempt) {
        for (int n = 1; ; n++) {
            try {
                return attempt.run(n);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    throw new SpateException(SpateException.Category.INTERNAL, operation + " was interrupted", e);
                }
                if (!isTransient(e)) {
                    throw e instanceof SpateException se ? se
                            : new SpateException(SpateException.Category.INTERNAL, operation + " failed: " + describe(e), e);
                }
                if (n >= maxAttempts) {
                    throw new SpateException(SpateException.Category.INTERNAL, operation + " failed after " + n
                            + " attempts; last error: " + describe(e), e);
                }
                Duration delay = delayBefore(n + 1, retryAfterOf(e));
                LOG.warn("{} failed (attempt {} of {}): {}; retrying in {} ms", operation, n, maxAttempts, describe(e),
                        delay.toMillis());
                sleep(operation, delay);
            }
        }
    }

    /** Runs an action without a result under this policy. */
    public void run(String operation, ThrowingRunnable action) {
        call(operation, n -> {
            action.run();
            return null;
        });
    }

    /** An action without a result. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /**
     * The wait before attempt {@code attempt} (2 for the first retry): the server's Retry-After when given
     * (capped by maxRetryAfter), else initialDelay x multiplier^(attempt-2), capped at maxDelay, with jitter.
     */
    public Duration delayBefore(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            Duration asked = retryAfter.get();
            return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked.isNegative() ? Duration.ZERO : asked;
        }
        double base = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 2));
        double capped = Math.min(base, maxDelay.toMillis());
        double spread = capped * jitter;
        double withJitter = capped - spread + ThreadLocalRandom.current().nextDouble() * 2 * spread;
        return Duration.ofMillis(Math.round(Math.min(withJitter, maxDelay.toMillis())));
    }

    public boolean isTransient(Throwable e) {
        return transientFailure.test(e);
    }

    /** The default notion of a transient failure, for callers that add their own on top. */
    public static boolean isTransientByDefault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SpateException se) {
                return se.category() == SpateException.Category.RETRIABLE;
            }
            if (t instanceof SocketTimeoutException || t instanceof ConnectException || t instanceof SocketException
                    || t instanceof HttpTimeoutException || t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Duration> retryAfterOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetriableException re) {
                return re.retryAfter();
            }
        }
        return Optional.empty();
    }

    private void sleep(String operation, Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpateException(SpateException.Category.INTERNAL, operation + " was interrupted while waiting to retry", e);
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private int maxAttempts = 5;
        private Duration initialDelay = Duration.ofSeconds(1);
        private Duration maxDelay = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofMinutes(5);
        private double multiplier = 2.0;
        private double jitter = 0.2;
        private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
        private Predicate<Throwable> transientFailure = RetryPolicy::isTransientByDefault;

        /** Total attempts including the first; 1 means no retry. */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw SpateException.config("max attempts must be at least 1, got " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        public Builder initialDelay(Duration delay) {
            this.initialDelay = delay;
            return this;
        }

        public Builder maxDelay(Duration delay) {
            this.maxDelay = delay;
            return this;
        }

        public Builder maxRetryAfter(Duration delay) {
            this.maxRetryAfter = delay;
            return this;
        }

        public Builder multiplier(double factor) {
            this.multiplier = factor;
            return this;
        }

        /** Fraction of the delay randomly added or removed, 0 for none. */
        public Builder jitter(double fraction) {
            this.jitter = fraction;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /** Replaces what counts as transient (start from {@link RetryPolicy#isTransientByDefault}). */
        public Builder retryOn(Predicate<Throwable> isTransient) {
            this.transientFailure = isTransient;
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}
