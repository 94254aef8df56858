package io.spate.jdbc;

import io.spate.retry.RetryPolicy;
import io.spate.sdk.SpateException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;

/**
 * Runs a unit of work that resumes from its own last position under the one retry policy of spate
 * ({@link RetryPolicy}: exponential backoff with jitter, bounded attempts), and decides which SQL failures
 * are transient and what a permanent one is reported as.
 */
final class Retry {
    /** One attempt: reads from where the previous attempt stopped. */
    interface Attempt {
        void run() throws SQLException;
    }

    private final RetryPolicy policy;

    Retry(RetryPolicy policy) {
        this.policy = policy;
    }

    /** {@code maxRetries} retries after the first attempt, from 500 ms doubling to 30 s. */
    static Retry standard(int maxRetries) {
        return new Retry(RetryPolicy.builder().maxAttempts(maxRetries + 1).initialDelay(Duration.ofMillis(500))
                .maxDelay(Duration.ofSeconds(30)).retryOn(e -> RetryPolicy.isTransientByDefault(e)
                        || e instanceof SQLException sql && isTransient(sql)).build());
    }

    /** Runs the attempt until it succeeds; a permanent SQL failure becomes a SpateException saying what to fix. */
    void run(String what, Attempt attempt) {
        policy.run(what, () -> {
            try {
                attempt.run();
            } catch (SQLException e) {
                if (isTransient(e)) {
                    throw e;
                }
                throw failure(what, e);
            }
        });
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

    static SpateException failure(String what, SQLException e) {
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
            advice = "the query ran longer than statement_timeout: raise statement_timeout, or lower batch_size"
                    + " and checkpoint_every_rows";
        } else {
            advice = "see the server's message";
        }
        return new SpateException(category, what + " failed: " + e.getMessage()
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")") + "; " + advice, e);
    }
}
