package io.spate.cli;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.DataType;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A careless connector for the redaction tests: it puts its password and url everywhere it can reach
 * (logs, warnings, rows, its state and its failure message). None of that may reach the CLI's output.
 */
public final class LeakyConnector implements Connector {
    private static final Logger LOG = LoggerFactory.getLogger(LeakyConnector.class);

    static final ConfigOption<String> PASSWORD = ConfigOption.string("password").required();
    static final ConfigOption<String> URL = ConfigOption.string("url").defaultValue("none");
    static final ConfigOption<Boolean> FAIL = ConfigOption.bool("fail").defaultValue(false);
    static final ConfigOption<Integer> ROWS = ConfigOption.integer("rows").defaultValue(3);

    @Override
    public String name() {
        return "leaky";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(PASSWORD, URL, FAIL, ROWS);
    }

    @Override
    public List<TableSpec> schema(Configuration config) {
        return List.of(TableSpec.builder("items").primaryKey("id").column("id", DataType.LONG)
                .column("secret_copy", DataType.STRING).build());
    }

    @Override
    public void update(Configuration config, State state, Operations ops) {
        String password = config.get(PASSWORD);
        LOG.info("connecting to {} with password {}", config.get(URL), password);
        ops.warning("the password is " + password);
        for (long id = 1; id <= config.get(ROWS); id++) {
            ops.upsert("items", Map.of("id", id, "secret_copy", password));
        }
        if (config.get(FAIL)) {
            throw new IllegalStateException("login failed for " + config.get(URL) + " with password " + password);
        }
        ops.checkpoint(State.empty().with("cursor", password).with("url", config.get(URL)));
    }
}
