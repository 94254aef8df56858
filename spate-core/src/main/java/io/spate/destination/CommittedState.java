package io.spate.destination;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.State;

/**
 * A connector state as a destination stores it, with the sequence number of the checkpoint that wrote it.
 * With several destinations, a run resumes from the lowest sequence any of them holds: the others then
 * receive rows they already have, which overwrite.
 *
 * @param sequence the checkpoint's number within the pipeline, increasing across runs
 * @param state the connector's state
 */
public record CommittedState(long sequence, State state) {
    public CommittedState {
        requireNonNull(state, "state is null");
    }
}
