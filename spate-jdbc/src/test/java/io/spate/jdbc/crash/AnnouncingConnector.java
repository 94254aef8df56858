package io.spate.jdbc.crash;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** A connector that is another one, but prints "checkpoint N" each time a checkpoint has committed. */
final class AnnouncingConnector implements Connector {
    private final Connector delegate;
    private final PrintStream out;

    AnnouncingConnector(Connector delegate, PrintStream out) {
        this.delegate = delegate;
        this.out = out;
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
        delegate.update(config, state, new Operations() {
            private int checkpoints;

            @Override
            public void upsert(String table, Map<String, ?> row) {
                ops.upsert(table, row);
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
                synchronized (this) {
                    out.println("checkpoint " + ++checkpoints);
                    out.flush();
                }
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
                return ops.rowWriter(table, columns);
            }
        });
    }
}
