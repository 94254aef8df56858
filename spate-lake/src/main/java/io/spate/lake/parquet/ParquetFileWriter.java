package io.spate.lake.parquet;

import io.spate.duckdb.ParquetWriter;
import io.spate.format.write.FormatWriter;
import io.spate.sdk.Column;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Opens Parquet writers: the seam between the lake and its Parquet encoder. The one implementation is
 * spate-duckdb's {@link ParquetWriter} (DuckDB encodes the file; no Hadoop), so that DuckDB stays imported by
 * spate-duckdb only.
 */
public interface ParquetFileWriter {

    /**
     * A writer of one Parquet file into {@code target}, which receives the file's bytes when the writer is
     * closed.
     *
     * @param columns the columns of the file
     * @param options codec, row groups, dictionary, memory
     * @param metadata key/value pairs stored in the file's footer
     * @param target where the finished file goes; closed by the writer
     */
    FormatWriter open(List<Column> columns, ParquetOptions options, Map<String, String> metadata, OutputStream target);

    /** The DuckDB-based implementation, spilling to {@code tempDirectory}. */
    static ParquetFileWriter duckDb(Path tempDirectory) {
        return (columns, options, metadata, target) -> ParquetWriter.open(columns, options.writerOptions(), metadata, target, tempDirectory);
    }
}
