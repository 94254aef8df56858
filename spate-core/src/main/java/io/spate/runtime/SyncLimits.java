package io.spate.runtime;

/**
 * The bounds of a run's memory. A thread's buffer of one table is sealed into a batch at
 * {@code batchRows} rows or {@code batchBytes} bytes; when all buffers together hold more than
 * {@code bufferedBytes}, every buffer is sealed; sealed batches not yet written hold at most
 * {@code inFlightBytes}, and producers wait (back-pressure) until writers catch up.
 */
record SyncLimits(int batchRows, long batchBytes, long bufferedBytes, long inFlightBytes) {
    static final SyncLimits DEFAULT = new SyncLimits(16_384, 16L << 20, 32L << 20, 32L << 20);
}
