package io.spate.cli.pipeline;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One source synced into one or more destinations.
 *
 * @param id the pipeline's id, the key its state is stored under: the source's name
 * @param source the source block
 * @param destinations the destinations, in the order written; at least one
 */
public record Pipeline(String id, Block source, List<Block> destinations) {
    public Pipeline {
        requireNonNull(id, "id is null");
        requireNonNull(source, "source is null");
        destinations = List.copyOf(requireNonNull(destinations, "destinations is null"));
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs a destination");
        }
    }
}
