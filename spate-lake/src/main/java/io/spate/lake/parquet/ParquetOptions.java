package io.spate.lake.parquet;

import static java.util.Objects.requireNonNull;

import io.spate.duckdb.ParquetWriter;
import io.spate.sdk.SpateException;
import java.util.Locale;
import java.util.Optional;

/**
 * How Parquet files are written.
 *
 * @param codec {@code zstd} (default), {@code snappy}, {@code gzip}, {@code lz4} (LZ4_RAW), {@code none}
 * @param compressionLevel the codec's level where it has one (zstd 1..22); the codec's default when empty
 * @param rowGroupRows rows per row group (at least 2,048)
 * @param dictionary whether columns may be dictionary-encoded
 * @param dictionaryPageBytes the largest dictionary page of a string column
 * @param memoryLimit memory the encoder of one file may hold before it spills to {@code temp_directory}
 */
public record ParquetOptions(String codec, Optional<Integer> compressionLevel, long rowGroupRows, boolean dictionary,
        long dictionaryPageBytes, String memoryLimit) {

    public static final ParquetOptions DEFAULT = new ParquetOptions("zstd", Optional.empty(), 122_880, true, 1 << 20, "256MB");

    public ParquetOptions {
        requireNonNull(codec, "codec is null");
        requireNonNull(compressionLevel, "compressionLevel is null");
        requireNonNull(memoryLimit, "memoryLimit is null");
        codec = normalizedCodec(codec);
        if (rowGroupRows < 2048) {
            throw SpateException.config("parquet_row_group_size must be at least 2048 rows, got " + rowGroupRows);
        }
        if (dictionaryPageBytes < 1) {
            throw SpateException.config("parquet_dictionary_page_size must be positive, got " + dictionaryPageBytes);
        }
    }

    /** These options as the Parquet encoder takes them. */
    public ParquetWriter.Options writerOptions() {
        return new ParquetWriter.Options(duckDbCodec(), compressionLevel, rowGroupRows, dictionary, dictionaryPageBytes, memoryLimit);
    }

    /** The codec as DuckDB's {@code COMPRESSION} option names it. */
    private String duckDbCodec() {
        return switch (codec) {
            case "none" -> "uncompressed";
            case "lz4" -> "lz4_raw";
            default -> codec;
        };
    }

    private static String normalizedCodec(String codec) {
        String name = codec.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "zstd", "zstandard" -> "zstd";
            case "snappy" -> "snappy";
            case "gzip", "gz" -> "gzip";
            case "lz4", "lz4_raw" -> "lz4";
            case "none", "uncompressed" -> "none";
            default -> throw SpateException.config("compression \"" + codec + "\" is not a Parquet codec; use one of "
                    + "zstd, snappy, gzip, lz4, none");
        };
    }
}
