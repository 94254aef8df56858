package io.spate.lake;

import io.spate.format.write.OutputFormat;
import io.spate.lake.parquet.ParquetOptions;
import io.spate.sdk.ConfigOption;
import java.util.List;
import java.util.Locale;

/** The options of the lake destinations ({@code s3} and {@code files}), declared once. */
public final class LakeOptions {
    /** What a run does to a table's earlier files. */
    public enum Mode {
        /** Files are added; earlier files stay. */
        APPEND,
        /** Once the run commits, the table's prefix holds exactly the files of this run. */
        REPLACE
    }

    public static final ConfigOption<String> URI = ConfigOption.string("uri")
            .doc("s3://bucket/prefix/ (s3) or a directory, file:///dir/ (files); the key template is appended");
    public static final ConfigOption<String> BUCKET = ConfigOption.string("bucket").doc("the bucket (s3), with key");
    public static final ConfigOption<String> PATH = ConfigOption.string("path").doc("the root directory (files), with key");
    public static final ConfigOption<String> KEY = ConfigOption.string("key").defaultValue("{table}/")
            .doc("prefix template of a table's files: {table}, {schema}, {date}, {yyyy}/{mm}/{dd}, {run_id}");
    public static final ConfigOption<String> FORMAT = ConfigOption.string("format").defaultValue("parquet")
            .check(f -> isFormat(f), "must be parquet, avro, csv, tsv, json or jsonl").doc("file format");
    public static final ConfigOption<String> COMPRESSION = ConfigOption.string("compression")
            .doc("parquet: zstd (default), snappy, gzip, lz4, none; avro: deflate (default), null, snappy, zstd, xz, bzip2;"
                    + " csv/tsv/json/jsonl: none (default), gzip, bz2, zstd");
    public static final ConfigOption<Mode> MODE = ConfigOption.enumeration("mode", Mode.class).defaultValue(Mode.APPEND)
            .doc("append: add files; replace: the table's prefix holds exactly this run's files once it commits");
    public static final ConfigOption<List<String>> PARTITION_BY = ConfigOption.list("partition_by").defaultValue(List.of())
            .doc("columns written as hive key=value directories, in order");
    public static final ConfigOption<Long> FILE_MAX_BYTES = ConfigOption.bytes("file_max_bytes").defaultValue(256L << 20)
            .check(n -> n >= 1 << 10, "must be at least 1KB").doc("a file is closed and the next one started past this size");
    public static final ConfigOption<Long> FILE_MAX_ROWS = ConfigOption.longInteger("file_max_rows").defaultValue(Long.MAX_VALUE)
            .check(n -> n >= 1, "must be positive").doc("a file is closed and the next one started at this many rows");
    public static final ConfigOption<Integer> PARALLELISM = ConfigOption.integer("parallelism").defaultValue(4)
            .check(n -> n >= 1 && n <= 64, "must be 1..64").doc("files finished and uploaded at once at a checkpoint");
    public static final ConfigOption<Long> PARQUET_ROW_GROUP_SIZE = ConfigOption.longInteger("parquet_row_group_size")
            .defaultValue(ParquetOptions.DEFAULT.rowGroupRows()).check(n -> n >= 2048, "must be at least 2048")
            .doc("rows per Parquet row group");
    public static final ConfigOption<Integer> PARQUET_COMPRESSION_LEVEL = ConfigOption.integer("parquet_compression_level")
            .doc("level of the Parquet codec (zstd 1..22); the codec's default when unset");
    public static final ConfigOption<Boolean> PARQUET_DICTIONARY = ConfigOption.bool("parquet_dictionary").defaultValue(true)
            .doc("dictionary-encode Parquet columns where it pays");
    public static final ConfigOption<Long> PARQUET_DICTIONARY_PAGE_SIZE = ConfigOption.bytes("parquet_dictionary_page_size")
            .defaultValue(ParquetOptions.DEFAULT.dictionaryPageBytes()).doc("largest dictionary page of a string column");
    public static final ConfigOption<String> PARQUET_MEMORY_LIMIT = ConfigOption.string("parquet_memory_limit")
            .defaultValue(ParquetOptions.DEFAULT.memoryLimit())
            .doc("memory one open Parquet file's encoder may hold before it spills to disk, e.g. 256MB");
    public static final ConfigOption<Integer> AVRO_COMPRESSION_LEVEL = ConfigOption.integer("avro_compression_level")
            .check(n -> n >= 0 && n <= 22, "must be 0..22 (deflate 1..9, zstd 1..22, xz 0..9)")
            .doc("level of the Avro codec: deflate 1..9 (default 1, the fastest), zstd 1..22 (default 3), xz 0..9 (default 6)");
    public static final ConfigOption<Long> AVRO_SYNC_INTERVAL = ConfigOption.bytes("avro_sync_interval")
            .defaultValue((long) LakeFormat.DEFAULT_AVRO_SYNC_INTERVAL).check(n -> n >= 32 && n <= 1 << 30, "must be 32B..1GB")
            .doc("approximate bytes of an Avro block");

    /** The options both lake destinations read (the s3 one adds the S3 connection options). */
    public static final List<ConfigOption<?>> COMMON = List.of(URI, KEY, FORMAT, COMPRESSION, MODE, PARTITION_BY, FILE_MAX_BYTES,
            FILE_MAX_ROWS, PARALLELISM, PARQUET_ROW_GROUP_SIZE, PARQUET_COMPRESSION_LEVEL, PARQUET_DICTIONARY,
            PARQUET_DICTIONARY_PAGE_SIZE, PARQUET_MEMORY_LIMIT, AVRO_COMPRESSION_LEVEL, AVRO_SYNC_INTERVAL);

    private LakeOptions() {
    }

    private static boolean isFormat(String text) {
        try {
            OutputFormat.parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
