package io.spate.filter;

import io.spate.sdk.SpateException;

/** The one format of filter syntax errors: the problem, the column, the text, and a caret under the spot. */
final class FilterErrors {
    private static final String PREFIX = "filter: ";

    private FilterErrors() {
    }

    /**
     * A CONFIG error at {@code offset} (0-based) of {@code text}:
     * <pre>
     * filter: expected a value after "=" but found "and" at column 8: year = and month = 1
     *                                                                        ^
     * </pre>
     * Line breaks and tabs in the text are shown as spaces so that the caret lines up.
     */
    static SpateException at(String text, int offset, String problem) {
        String head = PREFIX + problem + " at column " + (offset + 1) + ": ";
        String shown = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return SpateException.config(head + shown + "\n" + " ".repeat(head.length() + offset) + "^");
    }
}
