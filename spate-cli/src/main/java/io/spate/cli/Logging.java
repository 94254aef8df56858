package io.spate.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.LoggerFactory;

/**
 * Sends log events to the CLI's standard error writer, which redacts secrets. spate's own loggers log at
 * INFO ({@code --quiet}: WARN), libraries at WARN. Stack traces only with {@code --stacktrace}.
 */
final class Logging {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private Logging() {
    }

    /**
     * @param err where lines go
     * @param options {@code --quiet} and {@code --stacktrace}
     * @param terminal standard error is a terminal: each line first clears a progress line that may be showing
     */
    static void configure(PrintWriter err, CommonOptions options, boolean terminal) {
        configure(err, options.quiet(), options.stacktrace(), terminal);
    }

    static void configure(PrintWriter err, boolean quiet, boolean stacktrace, boolean terminal) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        ErrorWriterAppender appender = new ErrorWriterAppender(err, stacktrace, terminal);
        appender.setContext(context);
        appender.setName("spate-cli");
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        context.getLogger("io.spate").setLevel(quiet ? Level.WARN : Level.INFO);
    }

    /** One line per event: {@code 12:00:01 WARN  message}. */
    private static final class ErrorWriterAppender extends AppenderBase<ILoggingEvent> {
        private final PrintWriter err;
        private final boolean stacktrace;
        private final String clearLine;

        ErrorWriterAppender(PrintWriter err, boolean stacktrace, boolean terminal) {
            this.err = err;
            this.stacktrace = stacktrace;
            this.clearLine = terminal ? "\r\033[K" : "";
        }

        @Override
        protected void append(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(clearLine)
                    .append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ')
                    .append(String.format("%-5s", event.getLevel())).append(' ')
                    .append(event.getFormattedMessage());
            IThrowableProxy failure = event.getThrowableProxy();
            if (failure != null) {
                line.append(stacktrace ? System.lineSeparator() + ThrowableProxyUtil.asString(failure)
                        : ": " + failure.getMessage());
            }
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        }
    }
}
