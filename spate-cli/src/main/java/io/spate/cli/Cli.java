package io.spate.cli;

import java.io.PrintWriter;
import java.util.Map;

/**
 * What commands print to and read from. Both writers redact every secret the {@link #redactor} knows.
 *
 * @param out the standard output: requested results (JSON, CSV, the run summary)
 * @param err the standard error: progress, logs, warnings and errors
 * @param terminal which streams are a terminal
 * @param environment the environment variables pipeline files are interpolated from
 * @param redactor the secrets to hide; commands add what they learn
 */
public record Cli(PrintWriter out, PrintWriter err, Terminal terminal, Map<String, String> environment, Redactor redactor) {
    public Cli {
        environment = Map.copyOf(environment);
    }
}
