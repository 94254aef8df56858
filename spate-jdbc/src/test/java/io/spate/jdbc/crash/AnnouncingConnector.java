package io.spate.jdbc.crash;

import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.testing.ForwardingConnector;
import io.spate.testing.ForwardingOperations;
import java.io.PrintStream;

/** A connector that is another one, but prints "checkpoint N" each time a checkpoint has committed. */
final class AnnouncingConnector extends ForwardingConnector {
    private final PrintStream out;

    AnnouncingConnector(Connector delegate, PrintStream out) {
        super(delegate);
        this.out = out;
    }

    @Override
    public void update(Configuration config, State state, Operations ops) throws Exception {
        super.update(config, state, new ForwardingOperations(ops) {
            private int checkpoints;

            @Override
            public void checkpoint(State next) {
                super.checkpoint(next);
                synchronized (this) {
                    out.println("checkpoint " + ++checkpoints);
                    out.flush();
                }
            }
        });
    }
}
