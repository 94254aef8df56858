package io.spate.format;

import io.spate.format.compress.ArchiveMember;
import io.spate.format.csv.CsvRecordReader;
import io.spate.sdk.SpateException;
import java.io.InputStream;

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
        return switch (format) {
            case CSV, TSV -> CsvRecordReader.open(file, input, format, options, errors);
            case JSON, JSONL, AVRO, TXT -> throw SpateException.unsupported(file + ": reading " + format + " lands next");
            case PARQUET -> throw SpateException.unsupported(file + ": Parquet files are read through DuckDB "
                    + "(read_parquet), not by a record reader");
        };
    }
}
