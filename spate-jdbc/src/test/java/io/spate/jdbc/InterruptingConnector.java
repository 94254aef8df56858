package io.spate.jdbc;

import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.testing.ForwardingConnector;
import io.spate.testing.ForwardingOperations;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Another connector whose run fails, as a crash would, once it has sent a number of rows. */
final class InterruptingConnector extends ForwardingConnector {
    private final long failAfterRows;

    InterruptingConnector(Connector delegate, long failAfterRows) {
        super(delegate);
        this.failAfterRows = failAfterRows;
    }

    @Override
    public void update(Configuration config, State state, Operations ops) throws Exception {
        AtomicLong rows = new AtomicLong();
        super.update(config, state, new ForwardingOperations(ops) {
            @Override
            public void upsert(String table, Map<String, ?> row) {
                count();
                super.upsert(table, row);
            }

            private void count() {
                if (rows.incrementAndGet() > failAfterRows) {
                    throw new IllegalStateException("injected failure after " + failAfterRows + " rows");
                }
            }

            @Override
            public RowWriter rowWriter(String table, List<String> columns) {
                RowWriter writer = super.rowWriter(table, columns);
                return values -> {
                    count();
                    writer.upsert(values);
                };
            }
        });
    }
}
