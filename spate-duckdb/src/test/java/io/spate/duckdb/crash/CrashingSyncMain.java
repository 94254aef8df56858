package io.spate.duckdb.crash;

import io.spate.duckdb.DuckDbDestination;
import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import java.nio.file.Path;
import java.util.Optional;

/** The sync the crash test kills: {@code CrashingSyncMain WAREHOUSE ROWS}; prints "done" when it completes. */
public final class CrashingSyncMain {
    private CrashingSyncMain() {
    }

    public static void main(String[] args) {
        Path warehouse = Path.of(args[0]);
        long rows = Long.parseLong(args[1]);
        SyncResult result = Sync.builder().pipelineId("crash_test").connector(new GeneratedOrders(rows))
                .destination("warehouse", DuckDbDestination.open(warehouse, "main", Optional.empty(), Optional.empty()))
                .build().run();
        System.out.println("done " + result.totalRows());
    }
}
