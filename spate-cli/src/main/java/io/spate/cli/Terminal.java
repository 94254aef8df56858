package io.spate.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which of the standard streams are a terminal: a terminal gets a live progress line, aligned tables and
 * questions; anything else (a pipe, a file, a test) gets plain lines and CSV.
 *
 * <p>The launcher {@code ./spate} tells which with {@code -Dspate.terminal=stdin,stdout,stderr} (from the
 * shell's {@code [ -t N ]}); without it, {@link System#console()} decides for all three.
 *
 * @param stdin questions may be asked and answered
 * @param stdout the standard output is a terminal
 * @param stderr the standard error is a terminal
 * @param input where answers are read from, when stdin is a terminal
 */
public record Terminal(boolean stdin, boolean stdout, boolean stderr, Optional<BufferedReader> input) {

    /** No terminal at all: for tests and pipes. */
    public static Terminal none() {
        return new Terminal(false, false, false, Optional.empty());
    }

    /** The streams of this process. */
    public static Terminal detect() {
        String declared = System.getProperty("spate.terminal");
        List<String> ttys = declared != null ? Arrays.asList(declared.split(","))
                : System.console() != null ? List.of("stdin", "stdout", "stderr") : List.of();
        boolean stdin = ttys.contains("stdin");
        Optional<BufferedReader> input = stdin
                ? Optional.of(new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())))
                : Optional.empty();
        return new Terminal(stdin, ttys.contains("stdout"), ttys.contains("stderr"), input);
    }

    /** Reads one answer; empty when there is no terminal to ask or the input ended. */
    public Optional<String> readLine() {
        if (input.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(input.get().readLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
