package io.spate.cli.pipeline;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where something is written in a configuration file, for messages.
 *
 * @param file the file as the user named it
 * @param line 1-based line, 0 when unknown
 * @param column 1-based column, 0 when unknown
 */
public record Location(Path file, int line, int column) {
    public Location {
        requireNonNull(file, "file is null");
    }

    public static Location of(Path file) {
        return new Location(file, 0, 0);
    }

    /** {@code examples/quickstart.yaml line 7, column 11}, or just the file when the line is unknown. */
    @Override
    public String toString() {
        if (line <= 0) {
            return file.toString();
        }
        return file + " line " + line + (column > 0 ? ", column " + column : "");
    }
}
