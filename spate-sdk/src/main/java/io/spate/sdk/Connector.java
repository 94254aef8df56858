package io.spate.sdk;

import java.util.List;

/**
 * A source connector. Found by {@link #name()} through {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.spate.sdk.Connector}) or by its class name, which needs a public no-argument
 * constructor.
 *
 * <p>Lifecycle: the runtime calls {@link #options()} and validates the configuration against it, then
 * {@link #schema} once, then {@link #update} once, all on one thread. A connector holds no state between
 * runs: its position lives in the {@link State} it checkpoints.
 */
public interface Connector {

    /** The name pipelines use ({@code connector: NAME}). Defaults to the fully qualified class name. */
    default String name() {
        return getClass().getName();
    }

    /**
     * The options this connector reads: the runtime checks a configuration against them before anything
     * else and reports every missing or invalid key in one message, and redacts the sensitive ones.
     */
    default List<ConfigOption<?>> options() {
        return List.of();
    }

    /**
     * Rules between options that {@link #options()} cannot express, such as "api_key is required unless
     * auth is none": one problem per broken rule, worded like the runtime's own ("api_key is missing:
     * required unless auth: none"). The runtime reports them in the same message as the options' problems,
     * before anything runs. Called even when some options are invalid: read them with
     * {@link Configuration#has} and {@link Configuration#raw}, not with getters that would fail.
     */
    default List<String> validate(Configuration config) {
        return List.of();
    }

    /** The tables this connector will write, as far as it knows them before reading. */
    List<TableSpec> schema(Configuration config);

    /**
     * Reads the source from the position in {@code state} (empty on a first run) and sends rows to
     * {@code ops}, calling {@link Operations#checkpoint} whenever the position is worth saving. Returning
     * normally means the run is complete; throwing fails it and nothing after the last checkpoint is kept.
     */
    void update(Configuration config, State state, Operations ops) throws Exception;

    /**
     * Checks that the source is reachable with this configuration without syncing; throws a
     * {@link SpateException} naming what is wrong and what to fix.
     */
    default void check(Configuration config) {
        throw SpateException.unsupported("connector " + name() + " does not support check");
    }
}
