package io.spate.cli.pipeline;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.Configuration;
import java.util.Map;
import java.util.Optional;

/**
 * One source or destination of a pipeline file: its name, its connector and its configuration (every key
 * of the block, {@code connector} included).
 *
 * @param name the block's name in the file ({@code raw_orders}, {@code warehouse})
 * @param connector the connector's name or class name
 * @param configuration the block's keys, interpolated
 * @param location where the block starts
 * @param keyLocations where each key of the block is written; empty for a configuration.json
 */
public record Block(String name, String connector, Configuration configuration, Location location,
        Map<String, Location> keyLocations) {

    public Block {
        requireNonNull(name, "name is null");
        requireNonNull(connector, "connector is null");
        requireNonNull(configuration, "configuration is null");
        requireNonNull(location, "location is null");
        keyLocations = Map.copyOf(requireNonNull(keyLocations, "keyLocations is null"));
    }

    /** Where {@code key} is written, or where the block starts. */
    public Location locationOf(String key) {
        return Optional.ofNullable(keyLocations.get(key)).orElse(location);
    }
}
