package io.spate.lake;

import static java.util.Objects.requireNonNull;

import io.spate.format.write.AvroCodec;
import io.spate.format.write.FormatWriter;
import io.spate.format.write.FormatWriters;
import io.spate.format.write.OutputCompression;
import io.spate.format.write.OutputFormat;
import io.spate.lake.parquet.ParquetFileWriter;
import io.spate.lake.parquet.ParquetOptions;
import io.spate.sdk.Column;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One output format with its compression and tuning: what a lake table's files or a converted file are.
 *
 * @param format the file format
 * @param textCompression the whole-file compression of CSV, TSV, JSON and JSONL
 * @param avroCodec the block codec of Avro
 * @param avroSyncInterval the approximate bytes of an Avro block
 * @param parquet Parquet's codec, row groups and dictionary
 */
public record LakeFormat(OutputFormat format, OutputCompression textCompression, AvroCodec avroCodec, int avroSyncInterval,
        ParquetOptions parquet) {

    /** Avro blocks of 1 MB: fewer, better-compressed blocks than Avro's 64 KB default. */
    public static final int DEFAULT_AVRO_SYNC_INTERVAL = 1 << 20;

    public LakeFormat {
        requireNonNull(format, "format is null");
        requireNonNull(textCompression, "textCompression is null");
        requireNonNull(avroCodec, "avroCodec is null");
        requireNonNull(parquet, "parquet is null");
    }

    /** The defaults of a format: Parquet zstd, Avro deflate, text uncompressed. */
    public static LakeFormat defaults(OutputFormat format) {
        return new LakeFormat(format, OutputCompression.NONE, AvroCodec.DEFLATE, DEFAULT_AVRO_SYNC_INTERVAL, ParquetOptions.DEFAULT);
    }

    /**
     * The format with the {@code compression} option applied as that format reads it: a Parquet codec, an
     * Avro codec, or a whole-file compression of a text format.
     */
    public LakeFormat withCompression(String compression) {
        return switch (format) {
            case PARQUET -> new LakeFormat(format, textCompression, avroCodec, avroSyncInterval, new ParquetOptions(compression,
                    parquet.compressionLevel(), parquet.rowGroupRows(), parquet.dictionary(), parquet.dictionaryPageBytes(),
                    parquet.memoryLimit()));
            case AVRO -> new LakeFormat(format, textCompression, AvroCodec.parse(compression), avroSyncInterval, parquet);
            default -> new LakeFormat(format, OutputCompression.parse(compression), avroCodec, avroSyncInterval, parquet);
        };
    }

    /** The file name extension: {@code .parquet}, {@code .avro}, {@code .csv.gz}. */
    public String extension() {
        return format.isText() ? format.extension() + textCompression.extension() : format.extension();
    }

    /** Opens a writer of one file of this format. */
    public FormatWriter open(String recordName, List<Column> columns, Set<String> nonNullable, Map<String, String> metadata,
            OutputStream target, ParquetFileWriter parquetWriter) throws IOException {
        return switch (format) {
            case PARQUET -> parquetWriter.open(columns, parquet, metadata, target);
            case AVRO -> FormatWriters.avro(recordName, columns, nonNullable, avroCodec, avroSyncInterval, metadata, target);
            default -> FormatWriters.text(format, columns, textCompression, target);
        };
    }
}
