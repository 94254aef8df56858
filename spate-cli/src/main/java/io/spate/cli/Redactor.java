package io.spate.cli;

import io.spate.sdk.Secrets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The secret values known to this CLI run. Everything the CLI prints goes through it (see
 * {@link RedactingWriter}); what counts as secret is decided by {@link Secrets}. Thread-safe: the progress
 * thread prints while the main thread may learn more secrets.
 */
public final class Redactor {
    private volatile List<String> secrets = List.of();

    /** Adds values to hide from now on. */
    public synchronized void addAll(Collection<String> values) {
        List<String> more = new ArrayList<>(secrets);
        for (String value : values) {
            if (value != null && !value.isBlank() && !more.contains(value)) {
                more.add(value);
            }
        }
        // longest first, so that a secret containing another is hidden whole
        more.sort(Comparator.comparingInt(String::length).reversed());
        secrets = List.copyOf(more);
    }

    public String redact(String text) {
        return Secrets.redact(text, secrets);
    }
}
