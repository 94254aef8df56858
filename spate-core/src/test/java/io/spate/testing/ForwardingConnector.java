package io.spate.testing;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.util.List;

/**
 * A connector that is another one; a test overrides {@link #update} (often to hand the delegate a
 * {@link ForwardingOperations}) to observe or break what it sends.
 */
public abstract class ForwardingConnector implements Connector {
    private final Connector delegate;

    protected ForwardingConnector(Connector delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public List<ConfigOption<?>> options() {
        return delegate.options();
    }

    @Override
    public List<String> validate(Configuration config) {
        return delegate.validate(config);
    }

    @Override
    public List<TableSpec> schema(Configuration config) {
        return delegate.schema(config);
    }

    @Override
    public void update(Configuration config, State state, Operations ops) throws Exception {
        delegate.update(config, state, ops);
    }

    @Override
    public void check(Configuration config) {
        delegate.check(config);
    }
}
