package io.spate.lambda;

import static java.util.Objects.requireNonNull;

import io.spate.cli.event.CreatedObject;
import java.util.Optional;

/**
 * What the handler did with one object of an event.
 *
 * @param object the object
 * @param status what happened
 * @param pipeline the pipeline (or convert job) that handled it, when one did
 * @param rows rows read from it (0 when skipped, ignored or failed)
 * @param detail a sentence for the log: what was written, why it was skipped or ignored, or why it failed
 */
record ObjectOutcome(CreatedObject object, Status status, Optional<String> pipeline, long rows, String detail) {
    /** What happened to an object. */
    enum Status {
        /** Synced into the pipeline's destinations. */
        SYNCED,
        /** Converted to the requested formats. */
        CONVERTED,
        /** Already done: the same object (same ETag) was handled before; nothing was written. */
        SKIPPED,
        /** No pipeline covers the object; nothing to do. */
        IGNORED,
        /** It could not be handled; the others went on. */
        FAILED
    }

    ObjectOutcome {
        requireNonNull(object, "object is null");
        requireNonNull(status, "status is null");
        requireNonNull(pipeline, "pipeline is null");
        requireNonNull(detail, "detail is null");
    }

    boolean failed() {
        return status == Status.FAILED;
    }
}
