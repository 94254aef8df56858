package io.spate.format;

import io.spate.sdk.SpateException;

/**
 * A byte range of a CSV file ended inside a quoted field: the split point after it was misjudged (only
 * possible when no quote was seen near it, see {@link Splitting}). The caller discards what it read of
 * the file and reads it again with one reader ({@link Splitting#single}).
 */
public final class MisalignedSplitException extends SpateException {
    private static final long serialVersionUID = 1L;

    public MisalignedSplitException(String message) {
        super(Category.RETRIABLE, message);
    }
}
