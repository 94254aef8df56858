package io.spate.destination;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens a destination by connector name. Found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.spate.destination.DestinationProvider}).
 */
public interface DestinationProvider {

    /** The name pipelines use: {@code duckdb}, {@code s3}, {@code files}, {@code postgres}. */
    String name();

    /** The options it reads, validated before {@link #open}. */
    List<ConfigOption<?>> options();

    /** Opens the destination for one run. */
    Destination open(Configuration config, Context context);

    /**
     * Checks that the destination is reachable and writable with this configuration, without syncing;
     * throws a {@link io.spate.sdk.SpateException} naming what is wrong and what to fix. The default opens
     * the destination, reads a state and closes it; providers override it with a real write test (a
     * temporary table, a marker object).
     */
    default void check(Configuration config, Context context) {
        try (Destination destination = open(config, context)) {
            destination.loadState("_spate_check");
        }
    }

    /**
     * What a destination learns of the run.
     *
     * @param workDir the run's work directory (the embedded warehouse lives under it)
     * @param runId a unique id of this run
     * @param destinationName the destination's name in the pipeline file
     */
    record Context(Path workDir, String runId, String destinationName) {
    }
}
