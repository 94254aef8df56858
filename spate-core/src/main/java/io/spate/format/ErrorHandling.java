package io.spate.format;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;

/**
 * How a read treats bad records: the {@code on_error} policy and, for SKIP and QUARANTINE, the sink that
 * receives each bad record (to count it, or to write it to {@code _spate_rejects}). The sink is called on
 * the reading thread, in record order.
 *
 * @param onError the policy
 * @param sink receives bad records under SKIP and QUARANTINE; never called under FAIL
 */
public record ErrorHandling(OnError onError, Consumer<BadRecord> sink) {
    public ErrorHandling {
        requireNonNull(onError, "onError is null");
        requireNonNull(sink, "sink is null");
    }

    /** Fail on the first bad record. */
    public static ErrorHandling failFast() {
        return new ErrorHandling(OnError.FAIL, bad -> {
            throw new BadRecordException(bad);
        });
    }

    public static ErrorHandling of(OnError onError, Consumer<BadRecord> sink) {
        return new ErrorHandling(onError, sink);
    }

    /** Applies the policy: throws {@link BadRecordException} under FAIL, else hands the record to the sink. */
    public void handle(BadRecord badRecord) {
        if (onError == OnError.FAIL) {
            throw new BadRecordException(badRecord);
        }
        sink.accept(badRecord);
    }
}
