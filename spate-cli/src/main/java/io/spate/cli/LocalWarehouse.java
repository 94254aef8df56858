package io.spate.cli;

import io.spate.cli.pipeline.Block;
import io.spate.duckdb.DuckDbDestinationProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where an embedded DuckDB destination keeps its file, for the run summary and for {@code reset}. */
final class LocalWarehouse {
    private static final String CONNECTOR = new DuckDbDestinationProvider().name();

    private LocalWarehouse() {
    }

    /** The warehouse file of this destination, when it is an embedded DuckDB one. */
    static Optional<Path> of(Block destination, Path workDir) {
        if (!CONNECTOR.equals(destination.connector())) {
            return Optional.empty();
        }
        return Optional.of(DuckDbDestinationProvider.databasePath(destination.configuration(), workDir));
    }

    /** The database file and the files DuckDB keeps beside it. */
    static List<Path> files(Path database) {
        return List.of(database, database.resolveSibling(database.getFileName() + ".wal"));
    }

    /** The path as short as it can be said from the current directory. */
    static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        return path.startsWith(here) ? here.relativize(path).toString() : path.toString();
    }
}
