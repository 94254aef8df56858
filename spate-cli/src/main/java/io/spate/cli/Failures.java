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
        for (Throwable cause = failure.getCause(); cause != null && cause != failure; cause = cause.getCause()) {
            text.append("\n  caused by: ").append(cause);
            if (cause.getCause() == cause) {
                break;
            }
        }
        return text.toString();
    }
}
