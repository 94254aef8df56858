package io.spate.testing;

import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.destination.TableSchema;
import java.util.Optional;

/** A destination that passes every call to another; a test overrides the calls it observes or breaks. */
public abstract class ForwardingDestination implements Destination {
    private final Destination delegate;

    protected ForwardingDestination(Destination delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<CommittedState> loadState(String pipelineId) {
        return delegate.loadState(pipelineId);
    }

    @Override
    public void ensureTable(TableSchema table) {
        delegate.ensureTable(table);
    }

    @Override
    public void write(RowBatch batch) {
        delegate.write(batch);
    }

    @Override
    public void commit(String pipelineId, CommittedState state) {
        delegate.commit(pipelineId, state);
    }

    @Override
    public void rollback() {
        delegate.rollback();
    }

    @Override
    public void runCompleted(String pipelineId) {
        delegate.runCompleted(pipelineId);
    }

    @Override
    public void resetState(String pipelineId) {
        delegate.resetState(pipelineId);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
