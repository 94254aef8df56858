package io.spate.format;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.SpateException;

/** A DATA failure caused by one bad record under {@code on_error: fail}; carries the record. */
public final class BadRecordException extends SpateException {
    private static final long serialVersionUID = 1L;

    private final transient BadRecord badRecord;

    public BadRecordException(BadRecord badRecord) {
        super(Category.DATA, badRecord.message());
        this.badRecord = requireNonNull(badRecord, "badRecord is null");
    }

    public BadRecord badRecord() {
        return badRecord;
    }
}
