package io.spate.duckdb;

import static java.util.Objects.requireNonNull;

import io.spate.batch.ColumnVector;
import io.spate.format.write.FormatWriter;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.sdk.SpateException.Category;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.duckdb.DuckDBConnection;

/**
 * One Parquet file encoded by an in-memory DuckDB: rows go into a table a batch at a time ({@link BatchScan}), and
 * {@link #close()} runs {@code COPY rows TO 'file.parquet' (FORMAT parquet, COMPRESSION ..., ROW_GROUP_SIZE
 * ...)} into a local temporary file whose bytes are then copied to the target. DuckDB writes DECIMAL as
 * Parquet decimal, TIMESTAMP with {@code isAdjustedToUTC=false}, TIMESTAMPTZ with {@code isAdjustedToUTC=true}
 * (both microseconds), DATE as date and JSON with the JSON logical type.
 *
 * <p>Memory: the rows of the file are held by DuckDB (compressed in its own format) up to
 * {@link Options#memoryLimit()}, beyond which DuckDB spills to the temporary directory.
 *
 * <p>Threads: as every {@link FormatWriter}, used by one thread at a time, but not always the same thread
 * (files are filled by one thread and finished by a pool thread); every batch is one complete statement, so
 * nothing is left half-written between threads.
 */
public final class ParquetWriter implements FormatWriter {
    private static final String TABLE = "rows";

    /**
     * How the file is encoded.
     *
     * @param codec DuckDB's {@code COMPRESSION} name: {@code zstd}, {@code snappy}, {@code gzip}, {@code lz4_raw},
     *     {@code uncompressed}
     * @param compressionLevel the codec's level where it has one; the codec's default when empty
     * @param rowGroupRows rows per row group
     * @param dictionary whether columns may be dictionary-encoded
     * @param dictionaryPageBytes the largest dictionary page of a string column
     * @param memoryLimit memory DuckDB may hold for the file before it spills, as DuckDB reads it ({@code 256MB})
     */
    public record Options(String codec, Optional<Integer> compressionLevel, long rowGroupRows, boolean dictionary,
            long dictionaryPageBytes, String memoryLimit) {
        public Options {
            requireNonNull(codec, "codec is null");
            requireNonNull(compressionLevel, "compressionLevel is null");
            requireNonNull(memoryLimit, "memoryLimit is null");
        }
    }

    private final List<Column> columns;
    private final Options options;
    private final Map<String, String> metadata;
    private final OutputStream target;
    private final Path tempFile;
    private final DuckDBConnection connection;
    private final BatchScan scan;
    private long rows;
    private long bytes;

    private ParquetWriter(List<Column> columns, Options options, Map<String, String> metadata, OutputStream target,
            Path tempFile, DuckDBConnection connection, BatchScan scan) {
        this.columns = columns;
        this.options = options;
        this.metadata = metadata;
        this.target = target;
        this.tempFile = tempFile;
        this.connection = connection;
        this.scan = scan;
    }

    /**
     * A writer of one Parquet file into {@code target}, which receives the file's bytes when the writer is
     * closed.
     *
     * @param columns the columns of the file
     * @param options codec, row groups, dictionary, memory
     * @param metadata key/value pairs stored in the file's footer
     * @param target where the finished file goes; closed by {@link #close()}
     * @param tempDirectory where DuckDB spills and the file is encoded before it is copied to {@code target}
     */
    public static ParquetWriter open(List<Column> columns, Options options, Map<String, String> metadata,
            OutputStream target, Path tempDirectory) {
        DuckDBConnection connection = null;
        try {
            Files.createDirectories(tempDirectory);
            Path tempFile = Files.createTempFile(tempDirectory, "spate-", ".parquet");
            connection = (DuckDBConnection) DuckDbConnections.open("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TimeZone = 'UTC'");
                statement.execute("SET threads = 1");
                statement.execute("SET memory_limit = " + Sql.literal(options.memoryLimit()));
                statement.execute("SET temp_directory = " + Sql.literal(tempDirectory.toAbsolutePath().toString()));
                StringJoiner definition = new StringJoiner(", ", "CREATE TABLE " + TABLE + " (", ")");
                for (Column column : columns) {
                    definition.add(Sql.quote(column.name()) + " " + DuckDbTypes.sqlType(column.type()));
                }
                statement.execute(definition.toString());
            }
            return new ParquetWriter(List.copyOf(columns), options, Map.copyOf(metadata), target, tempFile, connection,
                    BatchScan.register(connection));
        } catch (SQLException | IOException e) {
            closeQuietly(connection, e);
            throw new SpateException(Category.INTERNAL, "cannot start a Parquet file (DuckDB): " + e.getMessage(), e);
        }
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public void write(List<ColumnVector> vectors, int[] selection, int count) throws IOException {
        List<BatchScan.Target> targets = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            targets.add(BatchScan.Target.of(columns.get(c).name(), vectors.get(c)));
        }
        try {
            scan.insert(Sql.quote(TABLE), targets, selection, count);
        } catch (SQLException | BatchScan.ValueRejected e) {
            throw new IOException("writing rows to a Parquet file failed: " + e.getMessage(), e);
        }
        rows += count;
        for (ColumnVector vector : vectors) {
            bytes += estimatedBytes(vector, selection, count);
        }
    }

    /** The size of values as {@link #bytesWritten()} counts it: 8 for fixed-size values and nulls, the length of text and bytes. */
    private static long estimatedBytes(ColumnVector vector, int[] selection, int count) {
        if (vector.storage() != ColumnVector.Storage.OBJECT) {
            return 8L * count;
        }
        long size = 0;
        for (int i = 0; i < count; i++) {
            Object value = vector.isNull(selection[i]) ? null : vector.getObject(selection[i]);
            size += value instanceof String text ? text.length() : value instanceof byte[] data ? data.length : value == null ? 8 : 16;
        }
        return size;
    }

    @Override
    public long rowCount() {
        return rows;
    }

    @Override
    public long bytesWritten() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("COPY " + TABLE + " TO " + Sql.literal(tempFile.toAbsolutePath().toString()) + " (" + copyOptions() + ")");
            }
            connection.close();
            try (OutputStream out = target) {
                Files.copy(tempFile, out);
            }
        } catch (SQLException e) {
            abort();
            throw new IOException("encoding a Parquet file failed: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(tempFile);
        }
    }

    private String copyOptions() {
        StringJoiner copy = new StringJoiner(", ");
        copy.add("FORMAT parquet");
        copy.add("COMPRESSION " + options.codec());
        options.compressionLevel().ifPresent(level -> copy.add("COMPRESSION_LEVEL " + level));
        copy.add("ROW_GROUP_SIZE " + options.rowGroupRows());
        copy.add("STRING_DICTIONARY_PAGE_SIZE_LIMIT " + options.dictionaryPageBytes());
        if (!options.dictionary()) {
            copy.add("DICTIONARY_SIZE_LIMIT 0");
        }
        if (!metadata.isEmpty()) {
            StringJoiner kv = new StringJoiner(", ", "KV_METADATA {", "}");
            metadata.forEach((key, value) -> kv.add(Sql.quote(key) + ": " + Sql.literal(value)));
            copy.add(kv.toString());
        }
        return copy.toString();
    }

    @Override
    public void abort() {
        closeQuietly(connection, null);
        try {
            Files.deleteIfExists(tempFile);
        } catch (IOException e) {
            // a stray temporary file in the run's scratch directory, removed with it
        }
    }

    private static void closeQuietly(DuckDBConnection connection, Exception cause) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
        }
    }
}
