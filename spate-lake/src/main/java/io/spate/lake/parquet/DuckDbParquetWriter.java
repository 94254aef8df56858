package io.spate.lake.parquet;

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
 * {@link ParquetOptions#memoryLimit()}, beyond which DuckDB spills to the temporary directory.
 *
 * <p>TEMPORARY HOME: this is the Parquet-writing API spate-duckdb should offer (it is the only module meant
 * to import DuckDB); it moves there unchanged.
 */
public final class DuckDbParquetWriter implements FormatWriter {
    private static final String TABLE = "rows";

    private final List<Column> columns;
    private final ParquetOptions options;
    private final Map<String, String> metadata;
    private final OutputStream target;
    private final Path tempFile;
    private final DuckDBConnection connection;
    private final DuckDBAppender appender;
    private final Lock appenderLock;
    private long rows;
    private long bytes;

    private DuckDbParquetWriter(List<Column> columns, ParquetOptions options, Map<String, String> metadata, OutputStream target,
            Path tempFile, DuckDBConnection connection, DuckDBAppender appender) {
        this.columns = columns;
        this.options = options;
        this.metadata = metadata;
        this.target = target;
        this.tempFile = tempFile;
        this.connection = connection;
        this.appender = appender;
        // The appender checks that one thread uses it; here successive calls may come from different threads
        // (files are written and finished on pool threads), never at once. The lock keeps DuckDB's check quiet
        // and makes each thread see the previous one's appends.
        this.appenderLock = appender.unsafeBreakThreadConfinement();
    }

    /** Opens a writer; see {@link ParquetFileWriter#open}. */
    public static DuckDbParquetWriter open(List<Column> columns, ParquetOptions options, Map<String, String> metadata,
            OutputStream target, Path tempDirectory) {
        DuckDBConnection connection = null;
        try {
            Files.createDirectories(tempDirectory);
            Path tempFile = Files.createTempFile(tempDirectory, "spate-", ".parquet");
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TimeZone = 'UTC'");
                statement.execute("SET threads = 1");
                statement.execute("SET memory_limit = " + literal(options.memoryLimit()));
                statement.execute("SET temp_directory = " + literal(tempDirectory.toAbsolutePath().toString()));
                StringJoiner definition = new StringJoiner(", ", "CREATE TABLE " + TABLE + " (", ")");
                for (Column column : columns) {
                    definition.add(quote(column.name()) + " " + sqlType(column.type()));
                }
                statement.execute(definition.toString());
            }
            DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE);
            return new DuckDbParquetWriter(List.copyOf(columns), options, Map.copyOf(metadata), target, tempFile, connection, appender);
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
        appenderLock.lock();
        try {
            for (int i = 0; i < count; i++) {
                int row = selection[i];
                appender.beginRow();
                for (ColumnVector vector : v) {
                    appendValue(vector, row);
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
        bytes += estimatedBytes(v, selection, count);
    }

    private void appendValue(ColumnVector vector, int row) throws SQLException {
        if (vector.isNull(row)) {
            appender.appendNull();
            return;
        }
        DataType type = vector.type();
        switch (type.kind()) {
            case BOOLEAN -> appender.append(vector.getLong(row) != 0);
            case SHORT -> appender.append((short) vector.getLong(row));
            case INT -> appender.append((int) vector.getLong(row));
            case LONG -> appender.append(vector.getLong(row));
            case DECIMAL -> {
                if (vector.storage() == ColumnVector.Storage.OBJECT) {
                    appender.append(((BigDecimal) vector.getObject(row)).setScale(type.scale()));
                } else if (type.precision() <= 4) {
                    appender.appendDecimal((short) vector.getLong(row));
                } else if (type.precision() <= 9) {
                    appender.appendDecimal((int) vector.getLong(row));
                } else {
                    appender.appendDecimal(vector.getLong(row));
                }
            }
            case FLOAT -> appender.append((float) vector.getDouble(row));
            case DOUBLE -> appender.append(vector.getDouble(row));
            case NAIVE_DATE -> appender.appendEpochDays(Math.toIntExact(vector.getLong(row)));
            case NAIVE_DATETIME, UTC_DATETIME -> appender.appendEpochMicros(vector.getLong(row));
            case STRING, JSON -> appender.append((String) vector.getObject(row));
            case BINARY -> appender.append((byte[]) vector.getObject(row));
        }
    }

    private static long estimatedBytes(ColumnVector[] vectors, int[] selection, int count) {
        long total = 0;
        for (ColumnVector vector : vectors) {
            if (vector.storage() != ColumnVector.Storage.OBJECT) {
                total += 8L * count;
                continue;
            }
            for (int i = 0; i < count; i++) {
                Object value = vector.getObject(selection[i]);
                total += value instanceof String s ? s.length() : value instanceof byte[] b ? b.length : 16;
            }
        }
        return total;
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
                statement.execute("COPY " + TABLE + " TO " + literal(tempFile.toAbsolutePath().toString()) + " (" + copyOptions() + ")");
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
        copy.add("COMPRESSION " + options.duckDbCodec());
        options.compressionLevel().ifPresent(level -> copy.add("COMPRESSION_LEVEL " + level));
        copy.add("ROW_GROUP_SIZE " + options.rowGroupRows());
        copy.add("STRING_DICTIONARY_PAGE_SIZE_LIMIT " + options.dictionaryPageBytes());
        if (!options.dictionary()) {
            copy.add("DICTIONARY_SIZE_LIMIT 0");
        }
        if (!metadata.isEmpty()) {
            StringJoiner kv = new StringJoiner(", ", "KV_METADATA {", "}");
            metadata.forEach((key, value) -> kv.add(quote(key) + ": " + literal(value)));
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
            // discarded anyway
        } finally {
            appenderLock.unlock();
        }
        closeQuietly(connection, null);
        try {
            Files.deleteIfExists(tempFile);
        } catch (IOException e) {
            // a stray temporary file; the directory is the run's scratch space
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

    private static String sqlType(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case SHORT -> "SMALLINT";
            case INT -> "INTEGER";
            case LONG -> "BIGINT";
            case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
            case FLOAT -> "REAL";
            case DOUBLE -> "DOUBLE";
            case NAIVE_DATE -> "DATE";
            case NAIVE_DATETIME -> "TIMESTAMP";
            case UTC_DATETIME -> "TIMESTAMPTZ";
            case BINARY -> "BLOB";
            case STRING -> "VARCHAR";
            case JSON -> "JSON";
        };
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }
}
