package io.spate.duckdb.parquet;

import io.spate.format.ErrorHandling;
import io.spate.format.Format;
import io.spate.format.FormatOptions;
import io.spate.format.FormatReaderProvider;
import io.spate.format.RecordReader;
import java.nio.file.Path;

/** Reads Parquet files through DuckDB; registered in {@code META-INF/services/io.spate.format.FormatReaderProvider}. */
public final class ParquetReaderProvider implements FormatReaderProvider {
    @Override
    public boolean supports(Format format) {
        return format == Format.PARQUET;
    }

    /** Parquet values are typed by the file's schema, so no record is bad: {@code errors} is not consulted. */
    @Override
    public RecordReader open(Format format, String name, Path file, FormatOptions options, ErrorHandling errors) {
        return ParquetRecordReader.open(name, file, options);
    }

    @Override
    public java.util.List<io.spate.sdk.Column> schema(Format format, String name, Path file, FormatOptions options) {
        return ParquetRecordReader.schema(name, file, options);
    }
}
