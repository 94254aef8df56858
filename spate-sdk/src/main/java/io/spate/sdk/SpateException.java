package io.spate.sdk;

import static java.util.Objects.requireNonNull;

/**
 * The one unchecked exception of spate. The {@link Category} tells the runtime and the CLI what kind of
 * failure it is (bad configuration exits with code 2, everything else with 1; RETRIABLE may be retried).
 * The message must name the bad value and the place (file, line, column, table, key) and say what to do.
 */
public class SpateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure this is. */
    public enum Category {
        /** The user's configuration is missing or invalid: exit code 2. */
        CONFIG,
        /** The data cannot be read or typed as declared. */
        DATA,
        /** A transient fault (timeout, reset, throttling): may succeed when tried again. */
        RETRIABLE,
        /** The connector or destination does not support what was asked. */
        UNSUPPORTED,
        /** A permanent failure of a remote system (403, 404, bad credentials) or a bug. */
        INTERNAL
    }

    private final Category category;

    public SpateException(Category category, String message) {
        this(category, message, null);
    }

    public SpateException(Category category, String message, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.category = requireNonNull(category, "category is null");
    }

    public Category category() {
        return category;
    }

    public static SpateException config(String message) {
        return new SpateException(Category.CONFIG, message);
    }

    public static SpateException data(String message) {
        return new SpateException(Category.DATA, message);
    }

    public static SpateException unsupported(String message) {
        return new SpateException(Category.UNSUPPORTED, message);
    }
}
