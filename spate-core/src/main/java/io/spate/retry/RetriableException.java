package io.spate.retry;

import io.spate.sdk.SpateException;
import java.time.Duration;
import java.util.Optional;

/** A transient failure worth trying again, optionally with the delay the server asked for (Retry-After). */
public final class RetriableException extends SpateException {
    private static final long serialVersionUID = 1L;

    private final transient Optional<Duration> retryAfter;

    public RetriableException(String message, Throwable cause) {
        this(message, Optional.empty(), cause);
    }

    public RetriableException(String message, Optional<Duration> retryAfter, Throwable cause) {
        super(Category.RETRIABLE, message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
