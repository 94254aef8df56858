package io.spate.filesource;

import io.spate.s3.S3Options;
import io.spate.sdk.ConfigOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The options of the {@code s3} and {@code files} sources, declared once. */
final class FileSourceOptions {

    /** How much of the source a run reads. */
    enum Mode {
        /** Only objects that are new or changed since the last run. */
        INCREMENTAL,
        /** Everything, every run; rows of objects that disappeared are marked deleted. */
        FULL
    }

    /** Whether {@code name=value} directories become columns. */
    enum Partitioning {
        /** Detected: any {@code name=value} directory segment becomes a column. */
        AUTO,
        /** The same as auto, said explicitly. */
        HIVE,
        /** Directory names are never columns. */
        NONE
    }

    static final ConfigOption<String> URI = ConfigOption.string("uri")
            .doc("where the files are: s3://bucket/prefix/ (s3), file:///dir/ (files); may end with a glob");
    static final ConfigOption<String> PATH = ConfigOption.string("path")
            .doc("files: a local directory, file or glob, instead of uri");
    static final ConfigOption<String> BUCKET = ConfigOption.string("bucket").doc("s3: the bucket, instead of uri");
    static final ConfigOption<String> BUCKET_NAME = ConfigOption.string("bucket_name").doc("same as bucket");
    static final ConfigOption<String> PREFIX = ConfigOption.string("prefix").defaultValue("")
            .doc("keys under this prefix (the bucket root when empty)");
    static final ConfigOption<String> KEY = ConfigOption.string("key").doc("one object (or folder) instead of a prefix");
    static final ConfigOption<List<String>> GLOB = ConfigOption.list("glob").defaultValue(List.of("**"))
            .doc("globs of keys to read, relative to the prefix (* within a directory, ** across)");
    static final ConfigOption<List<String>> EXCLUDE = ConfigOption.list("exclude").defaultValue(List.of())
            .doc("globs of keys to skip, relative to the prefix");
    static final ConfigOption<String> TABLE = ConfigOption.string("table")
            .doc("destination table: a fixed name or a template of {file}, {dir}, {path} and table_regex groups {1}, {name};"
                    + " default the file name without its extensions");
    static final ConfigOption<String> TABLE_REGEX = ConfigOption.string("table_regex")
            .doc("a regex searched in the key (relative to the prefix); its groups fill {1}.. / {name} of table"
                    + " (group 1 when table is not set); keys that do not match are skipped with a warning");
    static final ConfigOption<List<String>> PRIMARY_KEY = ConfigOption.list("primary_key")
            .doc("key columns of the tables; default [_spate_file, _spate_line]");
    static final ConfigOption<Integer> PARALLELISM = ConfigOption.integer("parallelism").defaultValue(4)
            .check(n -> n >= 1 && n <= 64, "must be 1..64").doc("objects (or byte ranges) read at once");
    static final ConfigOption<Partitioning> PARTITIONING = ConfigOption.enumeration("partitioning", Partitioning.class)
            .defaultValue(Partitioning.AUTO).doc("hive: name=value directories become columns (auto-detected); none");
    static final ConfigOption<Mode> MODE = ConfigOption.enumeration("mode", Mode.class).defaultValue(Mode.INCREMENTAL)
            .doc("incremental: read only new or changed objects; full: read everything every run");
    static final ConfigOption<Integer> HISTORY_SIZE = ConfigOption.integer("history_size").defaultValue(10_000)
            .check(n -> n >= 1, "must be at least 1").doc("objects remembered per table for incremental runs");
    static final ConfigOption<Duration> LOOKBACK = ConfigOption.duration("lookback").defaultValue(Duration.ofHours(1))
            .doc("objects modified this long before the newest one stay remembered, so late arrivals with old"
                    + " timestamps are still read");
    static final ConfigOption<Boolean> INFER_TYPES = ConfigOption.bool("infer_types").defaultValue(true)
            .doc("csv/tsv: sample the newest objects of each table (sample_files, sample_bytes) and send values with the"
                    + " inferred types; false: every column is text (unless columns: declares it)");
    static final ConfigOption<String> FILTER = ConfigOption.string("filter")
            .doc("keep only rows for which this condition is true (docs/filters.md); objects whose hive partition"
                    + " values cannot match are not read");
    static final ConfigOption<Long> SPLIT_BYTES = ConfigOption.bytes("split_bytes").defaultValue(32L << 20)
            .check(n -> n >= 1 << 20, "must be at least 1MB")
            .doc("uncompressed csv/tsv/txt objects of at least twice this size are cut into ranges of about this size,"
                    + " parsed by parallelism workers at once");
    static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOption.duration("checkpoint_interval")
            .defaultValue(Duration.ofSeconds(5))
            .doc("a checkpoint follows each completed object, at most one per this interval (0 for every object),"
                    + " committed in the background while the workers read on; an object read in byte ranges also checkpoints"
                    + " after each range");
    static final ConfigOption<Long> CHECKPOINT_ROWS = ConfigOption.longInteger("checkpoint_rows").defaultValue(500_000L)
            .check(n -> n >= 0, "must be 0 or more")
            .doc("a checkpoint also follows every this many rows sent from one object read whole (compressed, json, jsonl,"
                    + " parquet, avro, or parallelism 1), so that one commit never holds all of a large object (0: only after"
                    + " objects); rows of an object it stopped inside are sent again and overwrite");

    private FileSourceOptions() {
    }

    static List<ConfigOption<?>> all(boolean s3) {
        List<ConfigOption<?>> options = new ArrayList<>(List.of(URI, PATH, BUCKET, BUCKET_NAME, PREFIX, KEY,
                GLOB, EXCLUDE, TABLE, TABLE_REGEX, PRIMARY_KEY, PARALLELISM, PARTITIONING, MODE, HISTORY_SIZE, LOOKBACK,
                INFER_TYPES, CHECKPOINT_INTERVAL, CHECKPOINT_ROWS, FILTER, SPLIT_BYTES));
        options.addAll(FormatSeam.OPTIONS);
        if (s3) {
            options.addAll(S3Options.ALL);
        }
        return List.copyOf(options);
    }
}
