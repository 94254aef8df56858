package io.spate.destination;

import io.spate.batch.RowBatch;
import io.spate.sdk.State;
import java.util.Optional;

/**
 * Where synced data lands. One instance serves one run and is called from one writer thread at a time,
 * in this order: {@link #loadState}, then any number of rounds of {@link #ensureTable}/{@link #write}
 * followed by {@link #commit}, then {@link #runCompleted} when the run succeeded, then {@link #close}.
 * {@link #rollback} may come instead of a commit.
 *
 * <p>The contract that makes exactly-once work: nothing written since the last commit is visible or
 * durable until {@link #commit} returns, and then the data and the state are durable together. A crash
 * at any instant leaves the destination as of some completed commit.
 */
public interface Destination extends AutoCloseable {

    /** The state committed last for this pipeline, if any. */
    Optional<CommittedState> loadState(String pipelineId);

    /**
     * Makes the table exist with at least these columns, each at least as wide as given: creates schema
     * and table, adds missing columns, widens columns whose type became wider. Idempotent.
     */
    void ensureTable(TableSchema table);

    /** Writes a batch into the open unit of work; its table was passed to {@link #ensureTable} first. */
    void write(RowBatch batch);

    /** Makes everything written since the last commit durable together with this pipeline's state. */
    void commit(String pipelineId, CommittedState state);

    /** Discards everything written since the last commit. */
    void rollback();

    /**
     * Told once, after the final commit of a run that completed (the connector's {@code update} returned and
     * everything is committed), before {@link #close}; never after a failed run. A destination whose
     * meaning depends on a whole run (a lake in replace mode) acts on it here. The default does nothing.
     */
    default void runCompleted(String pipelineId) {
    }

    /** Forgets this pipeline's state (and, for a local warehouse, nothing else). */
    void resetState(String pipelineId);

    @Override
    void close();
}
