package io.spate.lake.convert;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a conversion did: each converted file, each skipped one, each failure, the totals and the requests
 * made to the stores.
 *
 * @param converted files converted in this run
 * @param skipped files already converted from the same version (ETag) by an earlier run
 * @param failures files that could not be converted, with the reason
 * @param sourceRequests requests made to the source store
 * @param destinationRequests requests made to the destination store
 * @param elapsed wall time of the whole conversion
 */
public record ConvertReport(List<FileResult> converted, List<String> skipped, List<Failure> failures, RequestCounts sourceRequests,
        RequestCounts destinationRequests, Duration elapsed) {

    public ConvertReport {
        converted = List.copyOf(converted);
        skipped = List.copyOf(skipped);
        failures = List.copyOf(failures);
        requireNonNull(sourceRequests, "sourceRequests is null");
        requireNonNull(destinationRequests, "destinationRequests is null");
        requireNonNull(elapsed, "elapsed is null");
    }

    /**
     * One converted file.
     *
     * @param source the input's key
     * @param outputs the keys written, one per format
     * @param rows records written
     * @param rejected bad records skipped (and quarantined, under {@code quarantine})
     * @param bytes bytes of the input as stored (compressed)
     * @param seconds time spent on it
     */
    public record FileResult(String source, List<String> outputs, long rows, long rejected, long bytes, double seconds) {
        public FileResult {
            outputs = List.copyOf(outputs);
        }

        /** Input megabytes (10^6 bytes, as stored) per second. */
        public double megabytesPerSecond() {
            return seconds <= 0 ? 0 : bytes / 1e6 / seconds;
        }
    }

    /**
     * A file that failed.
     *
     * @param source the input's key
     * @param reason what went wrong, naming the place
     */
    public record Failure(String source, String reason) {
    }

    public long totalRows() {
        return converted.stream().mapToLong(FileResult::rows).sum();
    }

    public long totalBytes() {
        return converted.stream().mapToLong(FileResult::bytes).sum();
    }

    /** Input megabytes per second of wall time. */
    public double megabytesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : totalBytes() / 1e6 / seconds;
    }

    public boolean failed() {
        return !failures.isEmpty();
    }

    /** The report as a text table, for a terminal. */
    public String toTable() {
        StringBuilder out = new StringBuilder();
        int width = Math.max(4, converted.stream().mapToInt(f -> f.source().length()).max().orElse(4));
        String row = "%-" + width + "s %12s %14s %9s %9s%n";
        out.append(String.format(Locale.ROOT, row, "file", "rows", "bytes", "seconds", "MB/s"));
        for (FileResult file : converted) {
            out.append(String.format(Locale.ROOT, row, file.source(), file.rows(), file.bytes(),
                    String.format(Locale.ROOT, "%.2f", file.seconds()), String.format(Locale.ROOT, "%.1f", file.megabytesPerSecond())));
        }
        out.append(String.format(Locale.ROOT, row, "total", totalRows(), totalBytes(),
                String.format(Locale.ROOT, "%.2f", elapsed.toNanos() / 1e9), String.format(Locale.ROOT, "%.1f", megabytesPerSecond())));
        out.append(converted.size()).append(" converted, ").append(skipped.size()).append(" skipped (already converted), ")
                .append(failures.size()).append(" failed\n");
        long rejected = converted.stream().mapToLong(FileResult::rejected).sum();
        if (rejected > 0) {
            out.append(rejected).append(" bad records skipped\n");
        }
        out.append("requests: source ").append(sourceRequests).append("; destination ").append(destinationRequests).append('\n');
        for (Failure failure : failures) {
            out.append("FAILED ").append(failure.source()).append(": ").append(failure.reason()).append('\n');
        }
        return out.toString();
    }
}
