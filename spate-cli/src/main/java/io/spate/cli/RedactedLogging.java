package io.spate.cli;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Logging for programs that embed spate without its command line (the Lambda handler): spate's loggers at
 * INFO, libraries at WARN, one line per event with the stack trace, every line redacted of the secrets the
 * {@link Redactor} knows.
 */
public final class RedactedLogging {
    private RedactedLogging() {
    }

    /** Sends every log event to {@code stream}, redacted; returns the redacting writer (flush it at the end). */
    public static PrintWriter to(OutputStream stream, Redactor redactor) {
        PrintWriter writer = new PrintWriter(new RedactingWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), redactor), true);
        Logging.configure(writer, false, true, false);
        return writer;
    }
}
