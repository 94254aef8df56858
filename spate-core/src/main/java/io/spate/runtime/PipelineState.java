package io.spate.runtime;

import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline's state across its destinations. Each destination commits the state with its data; after a
 * crash between two destinations' commits they differ, and the run resumes from the older one (rows the
 * newer one already has are sent again and overwrite). A destination with no state at all means a full
 * run from the beginning.
 */
public final class PipelineState {
    private PipelineState() {
    }

    public static Optional<CommittedState> load(String pipelineId, Collection<Destination> destinations) {
        List<Optional<CommittedState>> states = destinations.stream().map(d -> d.loadState(pipelineId)).toList();
        if (states.isEmpty() || states.stream().anyMatch(Optional::isEmpty)) {
            return Optional.empty();
        }
        return states.stream().map(Optional::get).min(Comparator.comparingLong(CommittedState::sequence));
    }

    public static void reset(String pipelineId, Collection<Destination> destinations) {
        destinations.forEach(d -> d.resetState(pipelineId));
    }
}
