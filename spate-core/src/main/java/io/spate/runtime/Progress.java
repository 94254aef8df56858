package io.spate.runtime;

import java.time.Duration;

/**
 * A snapshot of a running sync, for a progress line.
 *
 * @param rows rows received so far
 * @param rowsPerSecond average since the start
 * @param tablesDone tables whose rows are all committed
 * @param tablesTotal tables seen so far
 * @param elapsed since the start
 */
public record Progress(long rows, double rowsPerSecond, int tablesDone, int tablesTotal, Duration elapsed) {
}
