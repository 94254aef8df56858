package io.spate.runtime;

import java.time.Duration;

/**
 * What one table of a run moved.
 *
 * @param table the qualified table name
 * @param rows operations received (upserts, updates, deletes)
 * @param bytes estimated bytes of the values received
 * @param batches batches handed to the destinations
 * @param elapsed from the first row to the last write
 */
public record TableMetrics(String table, long rows, long bytes, long batches, Duration elapsed) {
    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rows / seconds;
    }
}
