package io.spate.format.csv;

import java.io.IOException;
import java.io.InputStream;

/**
 * Finds a record boundary in CSV bytes starting at an arbitrary offset without knowing whether the offset
 * is inside a quoted field. Speculative parsing: the bytes are run through a strict RFC 4180 state machine
 * from each of the four states the offset could be in (field start, inside an unquoted field, inside a
 * quoted field, just after a quote in a quoted field). A path dies when it meets what strict CSV forbids
 * (a quote inside an unquoted field, a character other than quote, delimiter or line break after a closing
 * quote). Once every live path is in the same state they agree on everything after, and the first line
 * break that ends a record from there is the boundary.
 *
 * <p>If the window holds no quote at all, the offset is taken to be outside quotes and the first line break
 * is the boundary (wrong only inside a quoted field longer than the window with no quote in it; then the
 * range before the split ends inside that field and its reader reports
 * {@link io.spate.format.MisalignedSplitException}). When paths neither die nor meet within the window, or
 * all die (non-strict data such as stray quotes), there is no safe boundary and the file is read whole.
 * Works on bytes: the encoding must write delimiter, quote and line breaks as single ASCII bytes.
 */
public final class CsvBoundaryFinder {
    private static final int START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;
    private static final int DEAD = -1;
    private static final int NONE = -2;

    /** The result of a search. */
    public enum Outcome { FOUND, END_OF_DATA, AMBIGUOUS }

    /**
     * A search result.
     *
     * @param outcome what was found
     * @param position the boundary (the offset of the first byte of the next record) when FOUND
     */
    public record Boundary(Outcome outcome, long position) {
    }

    private final byte delimiter;
    private final byte quote;

    public CsvBoundaryFinder(char delimiter, char quote) {
        if (delimiter > 0x7F || quote > 0x7F) {
            throw new IllegalArgumentException("delimiter and quote must be ASCII to split by bytes");
        }
        this.delimiter = (byte) delimiter;
        this.quote = (byte) quote;
    }

    /** Searches {@code in}, whose first byte is at file offset {@code offset}, reading at most {@code window} bytes. */
    public Boundary find(InputStream in, long offset, int window) throws IOException {
        int[] paths = {START, UNQUOTED, QUOTED, AFTER_QUOTE};
        byte[] buffer = new byte[Math.min(window, 1 << 16)];
        long position = offset;
        long read = 0;
        boolean quoteSeen = false;
        boolean converged = false;
        long firstBreak = -1;
        int afterFirstBreak = -1;
        boolean firstBreakIsCarriageReturn = false;
        long carriageReturnBoundary = -1;
        while (read < window) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, window - read));
            if (n < 0) {
                return carriageReturnBoundary >= 0 ? new Boundary(Outcome.FOUND, carriageReturnBoundary)
                        : new Boundary(Outcome.END_OF_DATA, -1);
            }
            for (int i = 0; i < n; i++, position++) {
                byte b = buffer[i];
                if (carriageReturnBoundary >= 0) {
                    return new Boundary(Outcome.FOUND, b == '\n' ? carriageReturnBoundary + 1 : carriageReturnBoundary);
                }
                boolean lineBreak = b == '\n' || b == '\r';
                if (firstBreak >= 0 && afterFirstBreak < 0) {
                    afterFirstBreak = b;
                }
                if (lineBreak && firstBreak < 0) {
                    firstBreak = position;
                    firstBreakIsCarriageReturn = b == '\r';
                }
                quoteSeen |= b == quote;
                int stateBefore = converged ? liveState(paths) : DEAD;
                for (int p = 0; p < paths.length; p++) {
                    paths[p] = paths[p] == DEAD ? DEAD : step(paths[p], b);
                }
                if (converged && lineBreak && stateBefore != QUOTED) {
                    if (b == '\n') {
                        return new Boundary(Outcome.FOUND, position + 1);
                    }
                    carriageReturnBoundary = position + 1;
                    continue;
                }
                int live = liveState(paths);
                if (live == NONE) {
                    return new Boundary(Outcome.AMBIGUOUS, -1); // every path died: not strict CSV
                }
                converged = live != DEAD;
            }
            read += n;
        }
        if (!quoteSeen && firstBreak >= 0) {
            return new Boundary(Outcome.FOUND, firstBreak + (firstBreakIsCarriageReturn && afterFirstBreak == '\n' ? 2 : 1));
        }
        return new Boundary(Outcome.AMBIGUOUS, -1);
    }

    /** The common state of the live paths; DEAD when they differ; NONE when none lives. */
    private static int liveState(int[] paths) {
        int common = NONE;
        for (int state : paths) {
            if (state == DEAD) {
                continue;
            }
            if (common == NONE) {
                common = state;
            } else if (common != state) {
                return DEAD;
            }
        }
        return common;
    }

    private int step(int state, byte b) {
        boolean lineBreak = b == '\n' || b == '\r';
        return switch (state) {
            case START -> b == quote ? QUOTED : b == delimiter || lineBreak ? START : UNQUOTED;
            case UNQUOTED -> b == delimiter || lineBreak ? START : b == quote ? DEAD : UNQUOTED;
            case QUOTED -> b == quote ? AFTER_QUOTE : QUOTED;
            case AFTER_QUOTE -> b == quote ? QUOTED : b == delimiter || lineBreak ? START : DEAD;
            default -> DEAD;
        };
    }
}
