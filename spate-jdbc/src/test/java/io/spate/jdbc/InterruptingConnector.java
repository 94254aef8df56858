package io.spate.jdbc;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Another connector whose run fails, as a crash would, once it has sent a number of rows. */
final class InterruptingConnector implements Connector {
    private final Connector delegate;
    private final long failAfterRows;

    InterruptingConnector(Connector delegate, long failAfterRows) {
        this.delegate = delegate;
        this.failAfterRows = failAfterRows;
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
    public List<TableSpec> schema(Configuration config) {
        return delegate.schema(config);
    }

    @Override
    public void update(Configuration config, State state, Operations ops) throws Exception {
        AtomicLong rows = new AtomicLong();
        delegate.update(config, state, new Operations() {
            @Override
            public void upsert(String table, Map<String, ?> row) {
                count();
                ops.upsert(table, row);
            }

            private void count() {
                if (rows.incrementAndGet() > failAfterRows) {
                    throw new IllegalStateException("injected failure after " + failAfterRows + " rows");
                }
            }

            @Override
            public void update(String table, Map<String, ?> partialRow) {
                ops.update(table, partialRow);
            }

            @Override
            public void delete(String table, Map<String, ?> keys) {
                ops.delete(table, keys);
            }

            @Override
            public void truncate(String table) {
                ops.truncate(table);
            }

            @Override
            public void checkpoint(State next) {
                ops.checkpoint(next);
            }

            @Override
            public void warning(String message) {
                ops.warning(message);
            }

            @Override
            public void error(String message) {
                ops.error(message);
            }

            @Override
            public RowWriter rowWriter(String table, List<String> columns) {
                RowWriter writer = ops.rowWriter(table, columns);
                return values -> {
                    count();
                    writer.upsert(values);
                };
            }
        });
    }
}
