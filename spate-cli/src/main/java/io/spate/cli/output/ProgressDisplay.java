package io.spate.cli.output;

import io.spate.runtime.Progress;
import io.spate.runtime.ProgressListener;
import java.io.PrintWriter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a running sync. On a terminal: one line, redrawn in place ({@code \r}) on every report. Elsewhere
 * (a pipe, a log file, CI): a plain log line every {@link #LOG_EVERY}. Called from the runtime's progress
 * thread; warnings are logged by the runtime itself and listed again in the summary.
 */
public final class ProgressDisplay implements ProgressListener {
    /** How often a plain progress line is logged when not on a terminal. */
    static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(ProgressDisplay.class);
    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean quiet;
    private Duration nextLog = LOG_EVERY;
    private boolean showing;

    /**
     * @param err the standard error
     * @param terminal standard error is a terminal
     * @param quiet show nothing
     */
    public ProgressDisplay(PrintWriter err, boolean terminal, boolean quiet) {
        this.err = err;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    @Override
    public synchronized void progress(Progress progress) {
        if (quiet) {
            return;
        }
        if (terminal) {
            synchronized (err) {
                err.print(CLEAR_LINE + line(progress));
                err.flush();
            }
            showing = true;
        } else if (progress.elapsed().compareTo(nextLog) >= 0) {
            LOG.info("progress: {}", line(progress));
            nextLog = progress.elapsed().plus(LOG_EVERY);
        }
    }

    /** Removes the progress line, before the summary is printed. */
    public synchronized void finish() {
        if (showing) {
            synchronized (err) {
                err.print(CLEAR_LINE);
                err.flush();
            }
            showing = false;
        }
    }

    /** {@code 1,234,567 rows  845,120 rows/s  tables 1/2  12.3 s}. */
    static String line(Progress progress) {
        return Numbers.count(progress.rows()) + " rows  " + Numbers.rate(progress.rowsPerSecond()) + " rows/s  tables "
                + progress.tablesDone() + "/" + progress.tablesTotal() + "  " + Numbers.seconds(progress.elapsed()) + " s";
    }
}
