package io.spate.format.write;

import io.spate.sdk.Column;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens writers of the formats encoded in Java: CSV, TSV, JSON, JSONL and Avro. (Parquet is encoded by
 * DuckDB, see {@code io.spate.lake.parquet}.) The entry point of this package.
 */
public final class FormatWriters {
    private FormatWriters() {
    }

    /**
     * A text writer: CSV/TSV with a header line, JSON (an array) or JSONL, compressed as a whole.
     *
     * @param format CSV, TSV, JSON or JSONL
     * @param columns the columns
     * @param compression the file's compression
     * @param target where the bytes go; closed by the writer
     */
    public static FormatWriter text(OutputFormat format, List<Column> columns, OutputCompression compression, OutputStream target)
            throws IOException {
        return switch (format) {
            case CSV -> new DelimitedWriter(columns, ',', target, compression);
            case TSV -> new DelimitedWriter(columns, '\t', target, compression);
            case JSON -> new JsonRowsWriter(columns, true, target, compression);
            case JSONL -> new JsonRowsWriter(columns, false, target, compression);
            case AVRO, PARQUET -> throw new IllegalArgumentException(format + " is not a text format");
        };
    }

    /**
     * An Avro object container file.
     *
     * @param recordName the record schema's name (the table's)
     * @param columns the fields
     * @param nonNullable columns that never hold NULL (no union)
     * @param codec the block codec
     * @param syncInterval the approximate bytes of a block
     * @param metadata key/value pairs stored in the file's header
     * @param target where the bytes go; closed by the writer
     */
    public static FormatWriter avro(String recordName, List<Column> columns, Set<String> nonNullable, AvroCodec codec,
            int syncInterval, Map<String, String> metadata, OutputStream target) throws IOException {
        return avro(recordName, columns, nonNullable, codec, Optional.empty(), syncInterval, metadata, target);
    }

    /** As {@link #avro(String, List, Set, AvroCodec, int, Map, OutputStream)}, with the codec's level (its default when empty). */
    public static FormatWriter avro(String recordName, List<Column> columns, Set<String> nonNullable, AvroCodec codec,
            Optional<Integer> level, int syncInterval, Map<String, String> metadata, OutputStream target) throws IOException {
        return new AvroRowsWriter(recordName, columns, nonNullable, codec.factory(level), syncInterval, metadata, target);
    }
}
