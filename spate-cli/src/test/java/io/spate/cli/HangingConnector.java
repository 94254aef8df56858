package io.spate.cli;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A source whose check never answers (as a host that drops packets would), until it is interrupted; and
 * whose failure message carries its password, which the CLI must hide.
 */
public final class HangingConnector implements Connector {
    static final ConfigOption<String> PASSWORD = ConfigOption.string("password").required();

    @Override
    public String name() {
        return "hanging";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(PASSWORD);
    }

    @Override
    public List<TableSpec> schema(Configuration config) {
        return List.of();
    }

    @Override
    public void check(Configuration config) {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpateException(SpateException.Category.RETRIABLE, "interrupted while logging in with " + config.get(PASSWORD));
        }
    }

    @Override
    public void update(Configuration config, State state, Operations ops) {
        throw SpateException.unsupported("this connector only hangs");
    }
}
