package io.spate.cli;

import io.spate.sdk.SpateException;

/** The exit codes of {@code spate}; scripts rely on them. */
public enum ExitCode {
    /** Done. */
    OK(0),
    /** The sync (or command) failed: data, remote system, or a bug. */
    FAILED(1),
    /** Bad configuration or command line: nothing was done; fix the input and run again. */
    USAGE(2);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The exit code for a failure: CONFIG is the user's to fix (2), everything else failed (1). */
    public static ExitCode of(Throwable failure) {
        return failure instanceof SpateException e && e.category() == SpateException.Category.CONFIG ? USAGE : FAILED;
    }
}
