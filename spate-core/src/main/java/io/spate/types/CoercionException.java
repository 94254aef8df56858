package io.spate.types;

/**
 * A value that does not fit a type. Thrown on the hot path, so it carries no stack trace; the runtime
 * turns it into a SpateException naming table, column and row key.
 */
public final class CoercionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CoercionException(String reason) {
        super(reason, null, false, false);
    }
}
