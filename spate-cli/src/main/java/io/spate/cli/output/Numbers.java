package io.spate.cli.output;

import java.time.Duration;
import java.util.Locale;

/** How numbers, sizes and durations are shown to people. */
public final class Numbers {
    private Numbers() {
    }

    /** {@code 1,234,567}. */
    public static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** Rows per second, rounded: {@code 845,120}. */
    public static String rate(double perSecond) {
        return Double.isFinite(perSecond) ? count(Math.round(perSecond)) : "-";
    }

    /** Megabytes with one decimal: {@code 12.3}. */
    public static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1_048_576.0);
    }

    /** Seconds with one decimal: {@code 3.4}. */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }

    /** Rows per second over a duration; {@code NaN} when no time passed. */
    public static double perSecond(long count, Duration elapsed) {
        long nanos = elapsed.toNanos();
        return nanos <= 0 ? Double.NaN : count * 1e9 / nanos;
    }
}
