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
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.locks.Lock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * One Parquet file encoded by an in-memory DuckDB: rows go into a table through DuckDB's appender, and
 * {@link #close()} runs {@code COPY rows TO 'file.parquet' (FORMAT parquet, COMPRESSION ..., ROW_GROUP_SIZE
 * ...)} into a local temporary file whose bytes are then copied to the target. DuckDB writes DECIMAL as
 * Parquet decimal, TIMESTAMP with {@code isAdjustedToUTC=false}, TIMESTAMPTZ with {@code isAdjustedToUTC=true}
 * (both microseconds), DATE as date and JSON with the JSON logical type.
 *
 * <p>Memory: the rows of the file are held by DuckDB (compressed in its own format) up to
 * {@link Options#memoryLimit()}, beyond which DuckDB spills to the temporary directory.
 *
 * <p>Threads: as every {@link FormatWriter}, used by one thread at a time, but not always the same thread
 * (files are filled by one thread and finished by a pool thread). DuckDB's appender checks that the thread
 * that created it uses it; {@link DuckDBAppender#unsafeBreakThreadConfinement()} turns the check into a lock,
 * which every use takes, so that each thread also sees the previous one's appends. Rows are flushed into the
 * table after every batch, so no appended but unflushed rows wait in the appender between threads.
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
    private final DuckDBAppender appender;
    private final Lock appenderLock;
    private final RowAppender.Op[] ops;
    private long rows;
    private long bytes;

    private ParquetWriter(List<Column> columns, Options options, Map<String, String> metadata, OutputStream target,
            Path tempFile, DuckDBConnection connection, DuckDBAppender appender) {
        this.columns = columns;
        this.options = options;
        this.metadata = metadata;
        this.target = target;
        this.tempFile = tempFile;
        this.connection = connection;
        this.appender = appender;
        this.appenderLock = appender.unsafeBreakThreadConfinement();
        this.ops = columns.stream().map(c -> RowAppender.opOf(c.type())).toArray(RowAppender.Op[]::new);
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
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
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
            DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE);
            return new ParquetWriter(List.copyOf(columns), options, Map.copyOf(metadata), target, tempFile, connection, appender);
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
        ColumnVector[] v = vectors.toArray(ColumnVector[]::new);
        boolean[] nullable = new boolean[v.length];
        for (int c = 0; c < v.length; c++) {
            nullable[c] = v[c].hasNulls();
        }
        long size = 0;
        appenderLock.lock();
        try {
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                appender.beginRow();
                for (int c = 0; c < v.length; c++) {
                    size += appendValue(ops[c], v[c], nullable[c], row);
                }
                appender.endRow();
            }
            appender.flush();
        } catch (SQLException e) {
            throw new IOException("appending rows to a Parquet file failed: " + e.getMessage(), e);
        } finally {
            appenderLock.unlock();
        }
        rows += count;
        bytes += size;
    }

    /** Appends one value; its size as {@link #bytesWritten()} estimates it (8 for fixed-size values, text's length). */
    private int appendValue(RowAppender.Op op, ColumnVector vector, boolean nullable, int row) throws SQLException {
        if (nullable && vector.isNull(row)) {
            appender.appendNull();
            return 8;
        }
        switch (op) {
            case BOOLEAN -> appender.append(vector.getLong(row) != 0);
            case SHORT -> appender.append((short) vector.getLong(row));
            case INT -> appender.append((int) vector.getLong(row));
            case LONG -> appender.append(vector.getLong(row));
            case DECIMAL_SHORT -> appender.appendDecimal((short) vector.getLong(row));
            case DECIMAL_INT -> appender.appendDecimal((int) vector.getLong(row));
            case DECIMAL_LONG -> appender.appendDecimal(vector.getLong(row));
            case FLOAT -> appender.append((float) vector.getDouble(row));
            case DOUBLE -> appender.append(vector.getDouble(row));
            case EPOCH_DAYS -> appender.appendEpochDays(Math.toIntExact(vector.getLong(row)));
            case EPOCH_MICROS -> appender.appendEpochMicros(vector.getLong(row));
            case TEXT -> {
                String text = (String) vector.getObject(row);
                appender.append(text);
                return text.length();
            }
            case BYTES -> {
                byte[] bytes = (byte[]) vector.getObject(row);
                appender.append(bytes);
                return bytes.length;
            }
            case DECIMAL_BIG -> {
                appender.append(((BigDecimal) vector.getObject(row)).setScale(vector.type().scale()));
                return 16;
            }
            case SYNCED, NOT_DELETED, NULL -> throw new IllegalStateException("no Parquet column is appended as " + op);
        }
        return 8;
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
            appenderLock.lock();
            try {
                appender.close();
            } finally {
                appenderLock.unlock();
            }
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
        appenderLock.lock();
        try {
            appender.close();
        } catch (SQLException e) {
            // the rows are discarded anyway
        } finally {
            appenderLock.unlock();
        }
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
