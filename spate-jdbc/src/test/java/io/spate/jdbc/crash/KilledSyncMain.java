package io.spate.jdbc.crash;

import io.spate.duckdb.DuckDbDestination;
import io.spate.jdbc.PostgresSource;
import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import io.spate.sdk.Configuration;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sync the crash test kills: {@code KilledSyncMain PORT DATABASE WAREHOUSE [key=value ...]} syncs the
 * PostgreSQL database on 127.0.0.1:PORT into the warehouse, printing "checkpoint N" after each committed
 * checkpoint and "done ROWS SECONDS" at the end.
 */
public final class KilledSyncMain {
    private KilledSyncMain() {
    }

    public static void main(String[] args) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("host", "127.0.0.1");
        values.put("port", args[0]);
        values.put("database", args[1]);
        values.put("user", "postgres");
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            values.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        long start = System.nanoTime();
        SyncResult result = Sync.builder().pipelineId("killed").connector(new AnnouncingConnector(new PostgresSource(), System.out))
                .configuration(Configuration.of(values))
                .destination("warehouse", DuckDbDestination.open(Path.of(args[2]), "main", Optional.empty(), Optional.empty()))
                .build().run();
        System.out.println("done " + result.totalRows() + " " + (System.nanoTime() - start) / 1_000_000_000.0);
    }
}
