package io.spate.jdbc;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.runtime.BackgroundCheckpoints;
import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The shared implementation of the {@code postgres} and {@code redshift} sources; the subclasses only pick
 * the {@link Dialect}.
 */
abstract class JdbcSource implements Connector {
    private final Dialect dialect;

    JdbcSource(Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public String name() {
        return dialect.connectorName();
    }

    @Override
    public List<ConfigOption<?>> options() {
        return SourceOptions.all(dialect);
    }

    @Override
    public List<String> validate(Configuration config) {
        return SourceSettings.problemsBetweenOptions(config);
    }

    @Override
    public List<TableSpec> schema(Configuration config) {
        SourceSettings settings = SourceSettings.from(dialect, config);
        try (ConnectionPool pool = open(settings, 1)) {
            return plans(settings, pool).stream().map(TablePlan::tableSpec).toList();
        }
    }

    /**
     * Connects (without retrying, so a wrong host fails fast), runs {@code select 1}, and checks that every
     * schema exists with USAGE, that the user may SELECT every table the configuration would sync (also the
     * tables the user cannot see in {@code information_schema} for lack of any privilege), and that the
     * table_spec and filter fit the tables. One CONFIG error names every problem and how to fix it.
     */
    @Override
    public void check(Configuration config) {
        SourceSettings settings = SourceSettings.from(dialect, config);
        String where = dialect.connectorName() + " at " + settings.host() + ":" + settings.port() + "/"
                + settings.database() + " as " + settings.user();
        try (ConnectionPool pool = open(settings, 1, 0)) {
            List<String> problems = new ArrayList<>();
            Retry.standard(0).run("checking " + where, () -> {
                try (Connection connection = pool.connection()) {
                    problems.addAll(new AccessCheck(dialect, settings).problems(connection));
                    connection.commit();
                }
            });
            if (problems.isEmpty()) {
                try {
                    plans(settings, pool);
                } catch (SpateException e) {
                    problems.add(e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                throw SpateException.config(where + ": " + String.join("; ", problems));
            }
        }
    }

    @Override
    public void update(Configuration config, State state, Operations ops) {
        SourceSettings settings = SourceSettings.from(dialect, config);
        int workers = settings.maxParallelWorkers();
        try (ConnectionPool pool = open(settings, workers)) {
            List<TablePlan> plans = plans(settings, pool);
            for (TablePlan plan : plans) {
                if (plan.inferredFrom().equals("the first timestamp column")) {
                    ops.warning("table " + plan.qualifiedName() + ": replication key " + plan.replicationKey().orElseThrow()
                            + " is the first timestamp column; if it does not change when a row changes, updates are "
                            + "missed: name the right column as replication_key in table_spec");
                }
            }
            boolean anyChunking = plans.stream().anyMatch(TablePlan::chunking);
            int threads = Math.max(1, anyChunking ? workers : Math.min(workers, plans.size()));
            ExecutorService executor = Executors.newFixedThreadPool(threads, workerThreads(dialect));
            BackgroundCheckpoints checkpoints = new BackgroundCheckpoints(ops, dialect.connectorName() + "-checkpoints");
            Throwable failure = null;
            try {
                new SourceRun(settings, pool, ops, new SyncProgress(state, checkpoints), executor,
                        Retry.standard(settings.maxRetries())).run(plans);
            } catch (RuntimeException | Error e) {
                failure = e;
                throw e;
            } finally {
                executor.shutdownNow();
                awaitTermination(executor);
                checkpoints.close(failure);
            }
        }
    }

    private ConnectionPool open(SourceSettings settings, int size) {
        return open(settings, size, settings.maxRetries());
    }

    private ConnectionPool open(SourceSettings settings, int size, int retries) {
        AtomicReference<ConnectionPool> pool = new AtomicReference<>();
        Retry.standard(retries).run("connecting to " + dialect.connectorName() + " at " + settings.host()
                + ":" + settings.port() + "/" + settings.database() + " as " + settings.user(),
                () -> pool.set(ConnectionPool.open(settings, size)));
        return pool.get();
    }

    /** Discovers (or describes) the tables and plans each; every table_spec problem is reported at once. */
    private List<TablePlan> plans(SourceSettings settings, ConnectionPool pool) {
        List<SourceTable> tables = new ArrayList<>();
        Discovery discovery = new Discovery(dialect);
        Retry.standard(settings.maxRetries()).run("discovering tables", () -> {
            tables.clear();
            try (Connection connection = pool.connection()) {
                if (settings.autoSchemaDetection()) {
                    for (String schema : settings.schemas()) {
                        tables.addAll(discovery.tables(connection, schema));
                    }
                } else {
                    for (TableSpecEntry entry : settings.tableSpec()) {
                        String schema = entry.schema().orElse(settings.schemas().get(0));
                        tables.add(discovery.describe(connection, schema, entry.table(),
                                entry.primaryKey().orElse(List.of())));
                    }
                }
                connection.commit();
            }
        });
        List<String> problems = new ArrayList<>();
        if (settings.autoSchemaDetection()) {
            for (TableSpecEntry entry : settings.tableSpec()) {
                boolean found = tables.stream().anyMatch(t -> entry.matches(t.schema(), t.name()));
                if (!found) {
                    problems.add("table_spec names table " + entry.name() + ", which is not in schema(s) "
                            + String.join(", ", settings.schemas()));
                }
            }
        }
        List<TablePlan> plans = new ArrayList<>();
        for (SourceTable table : tables) {
            if (!settings.tableFilter().accepts(table.schema(), table.name())) {
                continue;
            }
            Optional<TableSpecEntry> spec = settings.specFor(table.schema(), table.name());
            try {
                plans.add(TablePlanner.plan(table, spec, settings.chunking(), settings.filter()));
            } catch (SpateException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw SpateException.config(String.join("\n", problems));
        }
        return plans;
    }

    private static ThreadFactory workerThreads(Dialect dialect) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "spate-" + dialect.connectorName() + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
