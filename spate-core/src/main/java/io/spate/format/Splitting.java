package io.spate.format;

import io.spate.format.compress.Compression;
import io.spate.format.csv.CsvBoundaryFinder;
import io.spate.format.csv.CsvRecordReader;
import io.spate.format.text.LineBoundaryFinder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Cuts large uncompressed CSV, TSV, JSONL and TXT files into byte ranges parsed in parallel.
 *
 * <h2>Split points</h2>
 * Candidates lie every {@code targetRangeBytes}; from each, a window of at most {@link #WINDOW} bytes is
 * read (a ranged GET) and the next record boundary found: for JSONL and TXT the next line start; for CSV
 * the next line break that ends a record, found by speculative parsing ({@link CsvBoundaryFinder}): the
 * window is parsed from every state the candidate could be in until the paths agree, usually within a
 * few hundred bytes. Split points depend only on the file's bytes and the target size, so a re-read makes
 * the same ranges.
 *
 * <h2>Guarantees</h2>
 * The ranges together read exactly the records a single reader reads. A CSV split is judged wrong only
 * when its window has no quote at all and it lies inside a quoted field longer than the window; then the
 * range before it ends inside that quoted field and its reader throws {@link MisalignedSplitException}
 * (never wrong rows): the caller drops what it read of the file and reads it with one reader. When no
 * safe boundary can be told (non-strict quoting, an {@code escape} character, ambiguous windows), the
 * plan reads the file whole and says why. Compressed files and encodings that do not write ASCII as
 * single bytes (UTF-16) are read whole.
 *
 * <h2>Numbering</h2>
 * A range's reader numbers records and lines from the start of its range (the first range: from the start
 * of the file, header included). Exact file-wide numbers are the sums of the earlier ranges' counts
 * ({@link RecordReader#recordNumber()} after the last record); callers that cannot wait for them key rows
 * by {@code (file, range start, record in range)}, which is stable because split points are. Messages of
 * ranges after the first name the file as {@code FILE [bytes S..E]} so their line numbers read as relative.
 */
public final class Splitting {
    /** Bytes read from a candidate to find the boundary after it. */
    public static final int WINDOW = 1 << 20;
    /** Ranges are at least this long, so the first holds any header and skipped lines. */
    public static final long MIN_RANGE_BYTES = 1 << 20;

    private Splitting() {
    }

    /**
     * How to read a file.
     *
     * @param ranges the ranges in order (one covering the whole file when it is read whole)
     * @param readWholeBecause why the file is not split, when it is not
     */
    public record Plan(List<ByteRange> ranges, Optional<String> readWholeBecause) {
        public Plan {
            ranges = List.copyOf(ranges);
        }

        public boolean isSplit() {
            return ranges.size() > 1;
        }
    }

    /** A plan that reads the file with one reader. */
    public static Plan single(long size, String because) {
        return new Plan(List.of(new ByteRange(0, 0, size)), Optional.of(because));
    }

    /**
     * Plans the ranges of a file of {@code size} bytes.
     *
     * @param compression the file's compression (only uncompressed files split)
     * @param targetRangeBytes the wanted range length (at least {@link #MIN_RANGE_BYTES})
     * @param opener opens byte ranges of the file, to read the windows after candidates
     */
    public static Plan plan(Format format, String file, long size, Compression compression, FormatOptions options,
            long targetRangeBytes, RangeOpener opener) {
        long target = Math.max(targetRangeBytes, MIN_RANGE_BYTES);
        Optional<String> reason = reasonToReadWhole(format, compression, options);
        if (reason.isPresent()) {
            return single(size, reason.get());
        }
        if (size < 2 * target) {
            return single(size, "smaller than two ranges");
        }
        boolean quoted = (format == Format.CSV || format == Format.TSV) && options.quote() != FormatOptions.NO_QUOTE;
        CsvBoundaryFinder csv = quoted ? new CsvBoundaryFinder(options.delimiterFor(format), options.quote()) : null;
        List<Long> points = new ArrayList<>();
        points.add(0L);
        for (long candidate = target; candidate < size; candidate += target) {
            if (candidate <= points.get(points.size() - 1)) {
                continue;
            }
            OptionalLong boundary;
            try (InputStream window = opener.open(candidate, Math.min(WINDOW, size - candidate))) {
                if (csv == null) {
                    boundary = LineBoundaryFinder.find(window, candidate, WINDOW);
                } else {
                    CsvBoundaryFinder.Boundary found = csv.find(window, candidate, WINDOW);
                    if (found.outcome() == CsvBoundaryFinder.Outcome.AMBIGUOUS) {
                        return single(size, "no safe split point could be told near byte " + candidate
                                + " (quotes that strict CSV does not allow, or a quoted field longer than the window)");
                    }
                    boundary = found.outcome() == CsvBoundaryFinder.Outcome.FOUND ? OptionalLong.of(found.position())
                            : OptionalLong.empty();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (boundary.isEmpty()) {
                continue; // a line longer than the window, or the end of the file: no split here
            }
            if (boundary.getAsLong() < size) {
                points.add(boundary.getAsLong());
            }
        }
        points.add(size);
        List<ByteRange> ranges = new ArrayList<>();
        for (int i = 0; i + 1 < points.size(); i++) {
            ranges.add(new ByteRange(i, points.get(i), points.get(i + 1)));
        }
        return new Plan(ranges, ranges.size() > 1 ? Optional.empty() : Optional.of("no record boundary found"));
    }

    private static Optional<String> reasonToReadWhole(Format format, Compression compression, FormatOptions options) {
        if (!format.isSplittable()) {
            return Optional.of(format + " files are not split");
        }
        if (compression != Compression.NONE) {
            return Optional.of(compression.optionName() + "-compressed files are read as one stream");
        }
        if (!isByteSplittable(options.encoding())) {
            return Optional.of(options.encoding().name() + " text cannot be split by bytes");
        }
        if ((format == Format.CSV || format == Format.TSV) && options.escape().isPresent()) {
            return Optional.of("CSV with an escape character is read whole");
        }
        return Optional.empty();
    }

    /** True when the encoding writes ASCII characters as the same single bytes (UTF-8, ISO-8859-*, windows-125*). */
    static boolean isByteSplittable(Charset charset) {
        if (charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.US_ASCII)) {
            return true;
        }
        if (!charset.canEncode()) {
            return false;
        }
        byte[] ascii = "\n\r,;\t|\"'".getBytes(charset);
        return ascii.length == 8 && new String(ascii, StandardCharsets.US_ASCII).equals("\n\r,;\t|\"'")
                && charset.newEncoder().maxBytesPerChar() == 1.0f;
    }

    /**
     * A reader of one range of a plan.
     *
     * @param plan the file's plan ({@code range} is one of its ranges)
     * @param columns the file's columns: read from the first range for CSV/TSV ({@link #columnsOf}), the
     *     inferred ones for JSONL; ranges after the first have no header
     */
    public static RecordReader openRange(Format format, String file, Plan plan, ByteRange range, RangeOpener opener,
            List<String> columns, FormatOptions options, ErrorHandling errors) {
        boolean last = range.index() == plan.ranges().size() - 1;
        InputStream in;
        try {
            in = opener.open(range.start(), range.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = range.isFirst() ? file : file + " [bytes " + range.start() + ".." + range.end() + "]";
        FormatOptions rangeOptions = range.isFirst() ? options : options.forRangeAfterStart(
                format == Format.CSV || format == Format.TSV || format == Format.TXT ? columns : List.of());
        if (format == Format.CSV || format == Format.TSV) {
            return CsvRecordReader.openRange(name, in, format, rangeOptions, errors, !last);
        }
        return FormatReaders.open(format, name, in, rangeOptions, columns, errors);
    }

    /**
     * The column names of a CSV/TSV file: its header (or {@code column_names}), read from its first
     * 4 MiB (skipped lines and the header must fit in them).
     */
    public static List<String> columnsOf(Format format, String file, long size, RangeOpener opener, FormatOptions options) {
        try (RecordReader reader = FormatReaders.open(format, file, opener.open(0, Math.min(size, 4L * WINDOW)), options,
                ErrorHandling.of(OnError.SKIP, bad -> { }))) {
            return reader.columns();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
