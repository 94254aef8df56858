package io.spate.format;

import java.io.IOException;
import java.io.InputStream;

/** Opens a byte range of a file (a ranged GET, a positioned file channel). */
@FunctionalInterface
public interface RangeOpener {
    /** The bytes {@code [offset, offset + length)} of the file, fewer at its end. */
    InputStream open(long offset, long length) throws IOException;
}
