package io.spate.testing;

import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.util.List;
import java.util.Map;

/** Operations that pass every call to others; a test overrides the calls it observes or breaks. */
public abstract class ForwardingOperations implements Operations {
    private final Operations delegate;

    protected ForwardingOperations(Operations delegate) {
        this.delegate = delegate;
    }

    @Override
    public void upsert(String table, Map<String, ?> row) {
        delegate.upsert(table, row);
    }

    @Override
    public void update(String table, Map<String, ?> partialRow) {
        delegate.update(table, partialRow);
    }

    @Override
    public void delete(String table, Map<String, ?> keys) {
        delegate.delete(table, keys);
    }

    @Override
    public void truncate(String table) {
        delegate.truncate(table);
    }

    @Override
    public void checkpoint(State state) {
        delegate.checkpoint(state);
    }

    @Override
    public void declare(TableSpec table) {
        delegate.declare(table);
    }

    @Override
    public void count(String name, long delta) {
        delegate.count(name, delta);
    }

    @Override
    public void warning(String message) {
        delegate.warning(message);
    }

    @Override
    public void error(String message) {
        delegate.error(message);
    }

    @Override
    public RowWriter rowWriter(String table, List<String> columns) {
        return delegate.rowWriter(table, columns);
    }
}
