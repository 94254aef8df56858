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
import java.util.Optional;
import java.util.Set;

/**
 * One output format with its compression and tuning: what a lake table's files or a converted file are.
 *
 * @param format the file format
 * @param textCompression the whole-file compression of CSV, TSV, JSON and JSONL
 * @param avroCodec the block codec of Avro
 * @param avroCompressionLevel the Avro codec's level (deflate 1..9, zstd 1..22, xz 0..9); its default when empty
 * @param avroSyncInterval the approximate bytes of an Avro block
 * @param parquet Parquet's codec, row groups and dictionary
 */
public record LakeFormat(OutputFormat format, OutputCompression textCompression, AvroCodec avroCodec,
        Optional<Integer> avroCompressionLevel, int avroSyncInterval, ParquetOptions parquet) {

    /** Avro blocks of 1 MB: fewer, better-compressed blocks than Avro's 64 KB default. */
    public static final int DEFAULT_AVRO_SYNC_INTERVAL = 1 << 20;

    public LakeFormat {
        requireNonNull(format, "format is null");
        requireNonNull(textCompression, "textCompression is null");
        requireNonNull(avroCodec, "avroCodec is null");
        requireNonNull(avroCompressionLevel, "avroCompressionLevel is null");
        requireNonNull(parquet, "parquet is null");
    }

    /** The defaults of a format: Parquet zstd, Avro deflate, text uncompressed. */
    public static LakeFormat defaults(OutputFormat format) {
        return new LakeFormat(format, OutputCompression.NONE, AvroCodec.DEFLATE, Optional.empty(), DEFAULT_AVRO_SYNC_INTERVAL,
                ParquetOptions.DEFAULT);
    }

    /**
     * The format with the {@code compression} option applied as that format reads it: a Parquet codec, an
     * Avro codec, or a whole-file compression of a text format.
     */
    public LakeFormat withCompression(String compression) {
        return switch (format) {
            case PARQUET -> withParquet(new ParquetOptions(compression, parquet.compressionLevel(), parquet.rowGroupRows(),
                    parquet.dictionary(), parquet.dictionaryPageBytes(), parquet.memoryLimit()));
            case AVRO -> new LakeFormat(format, textCompression, AvroCodec.parse(compression), avroCompressionLevel, avroSyncInterval,
                    parquet);
            default -> new LakeFormat(format, OutputCompression.parse(compression), avroCodec, avroCompressionLevel,
                    avroSyncInterval, parquet);
        };
    }

    /** The format with these Parquet options. */
    public LakeFormat withParquet(ParquetOptions options) {
        return new LakeFormat(format, textCompression, avroCodec, avroCompressionLevel, avroSyncInterval, options);
    }

    /** The format with this Avro block size and codec level (the codec's default when empty). */
    public LakeFormat withAvro(int syncInterval, Optional<Integer> compressionLevel) {
        return new LakeFormat(format, textCompression, avroCodec, compressionLevel, syncInterval, parquet);
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
            case AVRO -> FormatWriters.avro(recordName, columns, nonNullable, avroCodec, avroCompressionLevel, avroSyncInterval,
                    metadata, target);
            default -> FormatWriters.text(format, columns, textCompression, target);
        };
    }
}
