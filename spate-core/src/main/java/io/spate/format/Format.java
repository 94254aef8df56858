package io.spate.format;

import io.spate.format.compress.Compression;
import io.spate.sdk.SpateException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A file format spate reads. {@link #PARQUET} is read from a local file through a {@link FormatReaderProvider}. */
public enum Format {
    CSV(".csv"),
    TSV(".tsv", ".tab"),
    JSON(".json"),
    JSONL(".jsonl", ".ndjson"),
    PARQUET(".parquet", ".pq"),
    AVRO(".avro"),
    TXT(".txt", ".text", ".log");

    private final String[] extensions;

    Format(String... extensions) {
        this.extensions = extensions;
    }

    /** The user's {@code format} option: a format name, or {@code auto} (empty: detect from the file name). */
    public static Optional<Format> fromOption(String option) {
        String name = option == null ? "auto" : option.trim().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals("auto")) {
            return Optional.empty();
        }
        if (name.equals("ndjson")) {
            return Optional.of(JSONL);
        }
        for (Format format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(name)) {
                return Optional.of(format);
            }
        }
        throw SpateException.config("format \"" + option + "\" is not known; use auto or one of "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /** The format a file name says, after its compression extensions are stripped ({@code a.csv.gz} is CSV). */
    public static Optional<Format> byFileName(String fileName) {
        String name = Compression.stripExtensions(fileName).toLowerCase(Locale.ROOT);
        for (Format format : values()) {
            for (String extension : format.extensions) {
                if (name.endsWith(extension)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The format to read {@code fileName} as: the {@code format} option when it names one, else the one the
     * file name says; fails with a CONFIG error naming the file when neither says.
     */
    public static Format resolve(String option, String fileName) {
        return fromOption(option).or(() -> byFileName(fileName)).orElseThrow(() -> SpateException.config(
                fileName + ": cannot tell the format from the file name; set format: to one of csv, tsv, json, jsonl, "
                        + "parquet, avro, txt"));
    }

    /** The file name without its format extension (and compression extensions): the default table name. */
    public static String baseName(String fileName) {
        String name = Compression.stripExtensions(fileName);
        int slash = name.lastIndexOf('/');
        name = name.substring(slash + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        for (Format format : values()) {
            for (String extension : format.extensions) {
                if (lower.endsWith(extension) && lower.length() > extension.length()) {
                    return name.substring(0, name.length() - extension.length());
                }
            }
        }
        return name;
    }

    /** True for formats read as text lines, whose records have physical line numbers. */
    public boolean isLineBased() {
        return this == CSV || this == TSV || this == JSONL || this == TXT;
    }

    /** True for formats whose large files can be split into byte ranges read in parallel. */
    public boolean isSplittable() {
        return this == CSV || this == TSV || this == JSONL || this == TXT;
    }
}
