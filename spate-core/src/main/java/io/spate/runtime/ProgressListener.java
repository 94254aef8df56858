package io.spate.runtime;

/** Hears about a running sync; called from a runtime thread, so implementations must be thread-safe. */
public interface ProgressListener {
    ProgressListener NONE = new ProgressListener() {
    };

    /** About every 200 ms while the sync runs, and once at the end. */
    default void progress(Progress progress) {
    }

    /** A warning from the connector or the runtime, as it happens. */
    default void warning(String message) {
    }
}
