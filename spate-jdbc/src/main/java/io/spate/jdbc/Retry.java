package io.spate.jdbc;

import io.spate.sdk.SpateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a unit of work that resumes from its own last position after a transient connection failure,
 * with exponential backoff and full jitter, a bounded number of times. Decides which SQL failures are
 * transient and what a permanent one is reported as.
 */
final class Retry {
    private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

    /** One attempt: reads from where the previous attempt stopped. */
    interface Attempt {
        void run() throws SQLException;
    }

    private final int maxRetries;
    private final Duration firstDelay;
    private final Duration maxDelay;

    Retry(int maxRetries, Duration firstDelay, Duration maxDelay) {
        this.maxRetries = maxRetries;
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
    }

    static Retry standard(int maxRetries) {
        return new Retry(maxRetries, Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    void run(String what, Attempt attempt) {
        for (int failures = 0; ; failures++) {
            try {
                attempt.run();
                return;
            } catch (SQLException e) {
                if (!isTransient(e) || failures >= maxRetries) {
                    throw failure(what, e, failures);
                }
                long delay = delayMillis(failures);
                LOG.warn("{}: transient failure ({}), retry {} of {} in {} ms", what, e.getMessage(), failures + 1,
                        maxRetries, delay);
                sleep(delay);
            }
        }
    }

    private long delayMillis(int failures) {
        long cap = Math.min(maxDelay.toMillis(), firstDelay.toMillis() << Math.min(failures, 20));
        return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpateException(SpateException.Category.INTERNAL, "interrupted while waiting to retry", e);
        }
    }

    /** Connection losses, server restarts, too many connections, serialization failures: worth another try. */
    static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("28") || state.startsWith("3D") || state.startsWith("42")) {
                    return false;
                }
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                        || state.equals("53300") || state.equals("40001") || state.equals("40P01")) {
                    return true;
                }
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return e instanceof SQLTransientException || e instanceof SQLRecoverableException;
    }

    static SpateException failure(String what, SQLException e, int retries) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String advice;
        SpateException.Category category = SpateException.Category.INTERNAL;
        if (state.startsWith("28")) {
            advice = "check user and password";
            category = SpateException.Category.CONFIG;
        } else if (state.startsWith("3D")) {
            advice = "check the database name";
            category = SpateException.Category.CONFIG;
        } else if (state.equals("42501")) {
            advice = "grant the user SELECT on the table";
            category = SpateException.Category.CONFIG;
        } else if (state.equals("57014")) {
            advice = "the query ran longer than statement_timeout: raise statement_timeout or lower batch_size";
        } else if (isTransient(e)) {
            advice = "gave up after " + retries + " retries; check that the server is reachable";
            category = SpateException.Category.RETRIABLE;
        } else {
            advice = "see the server's message";
        }
        return new SpateException(category, what + " failed: " + e.getMessage()
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")") + "; " + advice, e);
    }
}
