package io.spate.cli;

import java.io.IOException;
import java.io.Writer;

/**
 * A writer that hides secrets: it holds text back until a line ends (or until {@link #flush}) and writes
 * it redacted, so that a secret written in several pieces is still recognised.
 */
final class RedactingWriter extends Writer {
    private final Writer target;
    private final Redactor redactor;
    private final StringBuilder pending = new StringBuilder();

    RedactingWriter(Writer target, Redactor redactor) {
        this.target = target;
        this.redactor = redactor;
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        synchronized (lock) {
            pending.append(buffer, offset, length);
            int lastBreak = Math.max(pending.lastIndexOf("\n"), pending.lastIndexOf("\r"));
            if (lastBreak >= 0) {
                target.write(redactor.redact(pending.substring(0, lastBreak + 1)));
                pending.delete(0, lastBreak + 1);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            if (pending.length() > 0) {
                target.write(redactor.redact(pending.toString()));
                pending.setLength(0);
            }
            target.flush();
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
