package io.spate.testing;

import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.destination.TableSchema;
import java.util.Optional;

/**
 * For measuring a source through the runtime without a writer's cost: drops every batch and keeps no state. A
 * benchmark that checks what it was sent overrides {@link #write}.
 */
public class DiscardingDestination implements Destination {
    @Override
    public Optional<CommittedState> loadState(String pipelineId) {
        return Optional.empty();
    }

    @Override
    public void ensureTable(TableSchema table) {
    }

    @Override
    public void write(RowBatch batch) {
    }

    @Override
    public void commit(String pipelineId, CommittedState state) {
    }

    @Override
    public void rollback() {
    }

    @Override
    public void resetState(String pipelineId) {
    }

    @Override
    public void close() {
    }
}
