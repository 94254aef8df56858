package io.spate.runtime;

import static java.util.Objects.requireNonNull;

import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.Secrets;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of a connector into one or more destinations: validates the configuration, loads the state,
 * calls {@code schema} and {@code update}, and commits. The owner of the lifecycle; connectors and
 * destinations only answer its calls.
 *
 * <pre>{@code
 * SyncResult result = Sync.builder().pipelineId("orders").connector(connector).configuration(config)
 *         .destination("warehouse", duckdb).build().run();
 * }</pre>
 */
public final class Sync {
    private static final Logger LOG = LoggerFactory.getLogger(Sync.class);
    /** Configuration keys the pipeline reads itself, never reported as unknown. */
    public static final Set<String> PIPELINE_KEYS = Set.of("connector", "filter");

    private final String pipelineId;
    private final Connector connector;
    private final Configuration configuration;
    private final Map<String, Destination> destinations;
    private final SyncLimits limits;
    private final ProgressListener listener;

    private Sync(Builder b) {
        this.pipelineId = requireNonNull(b.pipelineId, "pipelineId is null");
        this.connector = requireNonNull(b.connector, "connector is null");
        this.configuration = requireNonNull(b.configuration, "configuration is null");
        this.destinations = Map.copyOf(b.destinations);
        this.limits = new SyncLimits(b.batchRows, b.batchBytes, b.bufferedBytes, b.inFlightBytes);
        this.listener = b.listener;
        if (destinations.isEmpty()) {
            throw SpateException.config("pipeline " + pipelineId + " has no destination");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the sync to completion. Throws a {@link SpateException} when it fails; then nothing after the
     * last checkpoint is kept, and the next run resumes from there. The destinations are closed either way.
     */
    public SyncResult run() {
        long start = System.nanoTime();
        List<String> secrets = configuration.secretValues(connector.options());
        List<String> unknown = Connectors.validate(connector, configuration);
        Optional<CommittedState> resume = PipelineState.load(pipelineId, destinations.values());
        List<DestinationWriter> writers = new ArrayList<>();
        destinations.forEach((name, destination) -> writers.add(new DestinationWriter(name, destination)));
        SyncOperations ops = new SyncOperations(pipelineId, writers, limits, listener,
                resume.map(CommittedState::state).orElse(State.empty()),
                resume.map(CommittedState::sequence).orElse(0L));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spate-progress");
            t.setDaemon(true);
            return t;
        });
        boolean succeeded = false;
        try {
            unknown.forEach(key -> ops.warning("unknown option " + key + " for connector " + connector.name() + " (ignored)"));
            ticker.scheduleAtFixedRate(() -> listener.progress(ops.progress(start)), 200, 200, TimeUnit.MILLISECONDS);
            List<TableSpec> specs = connector.schema(configuration);
            specs.forEach(ops::declare);
            LOG.info("pipeline {}: connector {} starting{}", pipelineId, connector.name(),
                    resume.isPresent() ? " from checkpoint " + resume.get().sequence() : " from the beginning");
            connector.update(configuration, resume.map(CommittedState::state).orElse(State.empty()), ops);
            ops.finish();
            succeeded = true;
        } catch (SpateException e) {
            throw redacted(e, secrets);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw redacted(new SpateException(SpateException.Category.INTERNAL, "connector " + connector.name() + " failed: "
                    + (e.getMessage() == null ? e.getClass().getName() : e.getMessage()), e), secrets);
        } finally {
            ticker.shutdownNow();
            closeAll(writers, succeeded);
        }
        listener.progress(ops.progress(start));
        return new SyncResult(pipelineId, Duration.ofNanos(System.nanoTime() - start), ops.metrics(), ops.warnings(),
                ops.checkpoints(), ops.counts());
    }

    private static void closeAll(List<DestinationWriter> writers, boolean succeeded) {
        RuntimeException first = null;
        for (DestinationWriter writer : writers) {
            try {
                writer.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null && succeeded) {
            throw first;
        }
    }

    private static SpateException redacted(SpateException e, List<String> secrets) {
        String message = Secrets.redact(e.getMessage(), secrets);
        if (message.equals(e.getMessage())) {
            return e;
        }
        SpateException clean = new SpateException(e.category(), message);
        clean.setStackTrace(e.getStackTrace());
        return clean;
    }

    /** Builds a {@link Sync}. */
    public static final class Builder {
        private String pipelineId;
        private Connector connector;
        private Configuration configuration = Configuration.of(Map.of());
        private final Map<String, Destination> destinations = new LinkedHashMap<>();
        private int batchRows = SyncLimits.DEFAULT.batchRows();
        private long batchBytes = SyncLimits.DEFAULT.batchBytes();
        private long bufferedBytes = SyncLimits.DEFAULT.bufferedBytes();
        private long inFlightBytes = SyncLimits.DEFAULT.inFlightBytes();
        private ProgressListener listener = ProgressListener.NONE;

        /** The key of the state in every destination: the same pipeline id resumes where it stopped. */
        public Builder pipelineId(String id) {
            this.pipelineId = id;
            return this;
        }

        public Builder connector(Connector connector) {
            this.connector = connector;
            return this;
        }

        public Builder configuration(Configuration configuration) {
            this.configuration = configuration;
            return this;
        }

        /** Adds a destination; several make a fan-out (each gets every batch and every commit). */
        public Builder destination(String name, Destination destination) {
            if (destinations.putIfAbsent(requireNonNull(name, "name is null"), requireNonNull(destination, "destination is null")) != null) {
                throw SpateException.config("destination " + name + " is given twice");
            }
            return this;
        }

        /** Rows after which a thread's buffer of a table is sealed into a batch. */
        public Builder batchRows(int rows) {
            this.batchRows = rows;
            return this;
        }

        /** Bytes after which a thread's buffer of a table is sealed into a batch. */
        public Builder batchBytes(long bytes) {
            this.batchBytes = bytes;
            return this;
        }

        /** Bytes all buffers may hold together before all are sealed. */
        public Builder bufferedBytes(long bytes) {
            this.bufferedBytes = bytes;
            return this;
        }

        /** Bytes of sealed batches waiting for the destinations before producers wait. */
        public Builder inFlightBytes(long bytes) {
            this.inFlightBytes = bytes;
            return this;
        }

        public Builder listener(ProgressListener listener) {
            this.listener = requireNonNull(listener, "listener is null");
            return this;
        }

        public Sync build() {
            return new Sync(this);
        }
    }
}
