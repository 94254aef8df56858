package io.spate.cli;

import io.spate.sdk.SpateException;

/** How a failure is told to the user: our messages as they are, anything else with its type and cause. */
final class Failures {
    private Failures() {
    }

    static String describe(Throwable failure) {
        if (failure instanceof SpateException) {
            return failure.getMessage();
        }
        StringBuilder text = new StringBuilder(String.valueOf(failure));
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            text.append("\n  caused by: ").append(cause);
        }
        return text.toString();
    }
}
