package io.spate.format;

/**
 * A part of a file read by one worker: the records that start at or after {@code start} and before
 * {@code end}. Split points are record boundaries, so a range holds whole records only. A small
 * serializable description, so a distributed runner can schedule the same units.
 *
 * @param index 0-based position of the range in the file
 * @param start first byte (inclusive)
 * @param end last byte (exclusive)
 */
public record ByteRange(int index, long start, long end) implements java.io.Serializable {
    public ByteRange {
        if (index < 0 || start < 0 || end < start) {
            throw new IllegalArgumentException("invalid range " + index + ": " + start + ".." + end);
        }
    }

    public long length() {
        return end - start;
    }

    /** True for the range that starts the file (and holds its header). */
    public boolean isFirst() {
        return start == 0;
    }
}
