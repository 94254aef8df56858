package io.spate.duckdb;

import io.spate.destination.Destination;
import io.spate.destination.DestinationProvider;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import io.spate.sdk.SpateException.Category;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/** The {@code duckdb} destination: the embedded warehouse, by default {@code files/warehouse.duckdb} under the work dir. */
public final class DuckDbDestinationProvider implements DestinationProvider {
    /** The default database file, relative to the run's work directory. */
    public static final String DEFAULT_PATH = "files/warehouse.duckdb";

    static final ConfigOption<String> PATH = ConfigOption.string("path").defaultValue(DEFAULT_PATH)
            .doc("the DuckDB database file; a relative path is resolved against the work directory");
    static final ConfigOption<String> SCHEMA = ConfigOption.string("schema").defaultValue("main")
            .check(s -> !s.isBlank(), "must not be blank")
            .doc("the DuckDB schema of tables whose source has no schema");
    static final ConfigOption<String> MEMORY_LIMIT = ConfigOption.string("memory_limit")
            .defaultValue(DuckDbDestination.DEFAULT_MEMORY_LIMIT)
            .doc("memory DuckDB may hold (data being loaded, merges) before it spills to disk, e.g. 1GB");
    static final ConfigOption<Integer> THREADS = ConfigOption.integer("threads")
            .check(n -> n >= 1 && n <= 256, "must be 1..256")
            .doc("threads DuckDB may use; half the cores when unset (spate's own threads use the others)");

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(PATH, SCHEMA, MEMORY_LIMIT, THREADS);
    }

    @Override
    public Destination open(Configuration config, Context context) {
        return DuckDbDestination.open(databasePath(config, context.workDir()), config.get(SCHEMA),
                Optional.of(config.get(MEMORY_LIMIT)), config.find(THREADS));
    }

    /**
     * Opens the warehouse (creating its directory and file as a run would) and creates, fills and drops a
     * temporary table; the message names the file and what to fix.
     */
    @Override
    public void check(Configuration config, Context context) {
        Path file = databasePath(config, context.workDir());
        String fix = "; set path to a file in a directory this user may write, and make sure no other process has the"
                + " warehouse open (DuckDB allows one writing process)";
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new SpateException(Category.CONFIG, "cannot write the DuckDB warehouse " + file + ": cannot create the directory "
                    + file.getParent() + " (" + e.getClass().getSimpleName() + ")" + fix, e);
        }
        try (Connection connection = DuckDbConnections.open("jdbc:duckdb:" + file);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE _spate_check (id INTEGER)");
            statement.execute("INSERT INTO _spate_check VALUES (1)");
            statement.execute("DROP TABLE _spate_check");
        } catch (SQLException e) {
            throw new SpateException(Category.CONFIG, "cannot write the DuckDB warehouse " + file + ": " + Sql.errorMessage(e) + fix, e);
        }
    }

    /** Where the warehouse of a configuration lives: {@code path} resolved against the work directory. */
    public static Path databasePath(Configuration config, Path workDir) {
        return workDir.resolve(config.get(PATH)).toAbsolutePath().normalize();
    }
}
