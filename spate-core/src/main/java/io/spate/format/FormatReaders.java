package io.spate.format;

import io.spate.format.compress.ArchiveMember;
import io.spate.format.avro.AvroRecordReader;
import io.spate.format.csv.CsvRecordReader;
import io.spate.format.json.JsonRecordReader;
import io.spate.format.text.TextLineReader;
import io.spate.sdk.SpateException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

/** Opens the {@link RecordReader} of a format. The entry point of this package. */
public final class FormatReaders {
    private FormatReaders() {
    }

    /**
     * A reader of {@code input} (already decompressed, see {@link io.spate.format.compress.Decompression}).
     * The reader owns the stream and closes it.
     *
     * @param format the format; {@link Format#resolve} picks it from the {@code format} option and the name
     * @param input the file's name (shown in messages) and its decompressed bytes
     * @param options the source's format options
     * @param errors what to do with bad records
     */
    public static RecordReader open(Format format, ArchiveMember input, FormatOptions options, ErrorHandling errors) {
        return open(format, input.name(), input.stream(), options, errors);
    }

    /** As {@link #open(Format, ArchiveMember, FormatOptions, ErrorHandling)}, with the name and stream apart. */
    public static RecordReader open(Format format, String file, InputStream input, FormatOptions options, ErrorHandling errors) {
        return open(format, file, input, options, List.of(), errors);
    }

    /**
     * As {@link #open(Format, ArchiveMember, FormatOptions, ErrorHandling)}, with the columns the caller
     * already knows (from {@link SchemaInference}): JSON readers start with them, so the order of columns is
     * the same in every file (other formats take their columns from the file itself).
     */
    public static RecordReader open(Format format, String file, InputStream input, FormatOptions options,
            List<String> knownColumns, ErrorHandling errors) {
        return switch (format) {
            case CSV, TSV -> CsvRecordReader.open(file, input, format, options, errors);
            case JSON, JSONL -> JsonRecordReader.open(file, input, format, options, knownColumns, errors);
            case TXT -> TextLineReader.open(file, input, options, errors);
            case AVRO -> AvroRecordReader.open(file, input, options, errors);
            case PARQUET -> throw SpateException.unsupported(file + ": Parquet is read from a local file: use "
                    + "FormatReaders.openFile (see needsLocalFile)");
        };
    }

    /** True for formats read from a whole local file by a {@link FormatReaderProvider} (Parquet), not from a stream. */
    public static boolean needsLocalFile(Format format) {
        return format == Format.PARQUET;
    }

    /**
     * A reader of a local file of a format that {@link #needsLocalFile needs one}, opened by the first
     * {@link FormatReaderProvider} on the class path that supports it (Parquet: spate-duckdb's).
     *
     * @param name the file's name as shown in messages
     * @param file the local file; the caller deletes it after closing the reader
     */
    public static RecordReader openFile(Format format, String name, Path file, FormatOptions options, ErrorHandling errors) {
        return providerOf(format, name).open(format, name, file, options, errors);
    }

    /** The declared columns of a local file of a format that {@link #needsLocalFile needs one}: see {@link FormatReaderProvider#schema}. */
    public static List<io.spate.sdk.Column> schemaOfFile(Format format, String name, Path file, FormatOptions options) {
        return providerOf(format, name).schema(format, name, file, options);
    }

    private static FormatReaderProvider providerOf(Format format, String name) {
        for (FormatReaderProvider provider : ServiceLoader.load(FormatReaderProvider.class, FormatReaders.class.getClassLoader())) {
            if (provider.supports(format)) {
                return provider;
            }
        }
        throw SpateException.unsupported(name + ": no reader of " + format.name().toLowerCase(java.util.Locale.ROOT)
                + " files is on the class path; " + format.name().toLowerCase(java.util.Locale.ROOT)
                + " is read through DuckDB: add the spate-duckdb module");
    }
}
