package io.spate.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a successful run.
 *
 * @param pipelineId the pipeline whose state was advanced
 * @param elapsed wall time of the run
 * @param tables per-table metrics, in the order tables were first seen
 * @param warnings warnings reported during the run
 * @param checkpoints commits made (including the final one)
 * @param counts the connector's named counts ({@link io.spate.sdk.Operations#count}), in first-reported order
 */
public record SyncResult(String pipelineId, Duration elapsed, List<TableMetrics> tables, List<String> warnings,
        long checkpoints, Map<String, Long> counts) {
    public SyncResult {
        tables = List.copyOf(tables);
        warnings = List.copyOf(warnings);
        counts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(counts));
    }

    /** A result without counts. */
    public SyncResult(String pipelineId, Duration elapsed, List<TableMetrics> tables, List<String> warnings, long checkpoints) {
        this(pipelineId, elapsed, tables, warnings, checkpoints, Map.of());
    }

    public long totalRows() {
        return tables.stream().mapToLong(TableMetrics::rows).sum();
    }

    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : totalRows() / seconds;
    }
}
