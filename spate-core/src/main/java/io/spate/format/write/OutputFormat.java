package io.spate.format.write;

import io.spate.sdk.SpateException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A file format spate writes. */
public enum OutputFormat {
    PARQUET(".parquet"),
    AVRO(".avro"),
    CSV(".csv"),
    TSV(".tsv"),
    /** One JSON array of objects. */
    JSON(".json"),
    /** One JSON object per line. */
    JSONL(".jsonl");

    private final String extension;

    OutputFormat(String extension) {
        this.extension = extension;
    }

    public static OutputFormat parse(String option) {
        String name = option.trim().toUpperCase(Locale.ROOT);
        if (name.equals("NDJSON")) {
            return JSONL;
        }
        for (OutputFormat format : values()) {
            if (format.name().equals(name)) {
                return format;
            }
        }
        throw SpateException.config("format \"" + option + "\" is not one spate writes; use one of "
                + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /** The file name extension, before any compression suffix: {@code .parquet}, {@code .csv}. */
    public String extension() {
        return extension;
    }

    /** Whether it is a text format compressed as a whole file ({@link OutputCompression}). */
    public boolean isText() {
        return this == CSV || this == TSV || this == JSON || this == JSONL;
    }

    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
