package io.spate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
public final class CommonOptions {
    @Option(names = "--workdir", paramLabel = "DIR", defaultValue = ".",
            description = "Work directory: the embedded warehouse is files/warehouse.duckdb under it (default: the current directory).")
    private Path workDir;

    @Option(names = "--stacktrace", description = "Print the stack trace of a failure.")
    private boolean stacktrace;

    @Option(names = {"-q", "--quiet"}, description = "Print only warnings, errors and requested output.")
    private boolean quiet;

    public Path workDir() {
        return workDir.toAbsolutePath().normalize();
    }

    public boolean stacktrace() {
        return stacktrace;
    }

    public boolean quiet() {
        return quiet;
    }
}
