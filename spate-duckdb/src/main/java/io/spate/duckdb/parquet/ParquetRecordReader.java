package io.spate.duckdb.parquet;

import io.spate.duckdb.Sql;
import io.spate.format.AbstractRecordReader;
import io.spate.format.FormatOptions;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.duckdb.DuckDbConnections;
import io.spate.sdk.SpateException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * A local Parquet file read through an in-memory DuckDB ({@code read_parquet}): only the selected columns
 * are read, the rows are streamed in batches of {@value #FETCH_SIZE} (never the whole result), in file order
 * so record numbers are stable. Column types come from the Parquet schema ({@link #columnTypes()}).
 *
 * <p>Values: BOOLEAN {@code Boolean}; TINYINT..INTEGER, UTINYINT, USMALLINT {@code Integer}; BIGINT, UINTEGER
 * {@code Long}; UBIGINT, HUGEINT {@code BigInteger}; FLOAT {@code Float}; DOUBLE {@code Double}; DECIMAL
 * {@code BigDecimal}; VARCHAR {@code String}; BLOB {@code byte[]}; DATE {@code LocalDate}; TIMESTAMP (any unit)
 * {@code LocalDateTime}; TIMESTAMPTZ {@code Instant}; structs, lists and maps as JSON text; TIME, UUID,
 * INTERVAL and other types as DuckDB's text.
 */
public final class ParquetRecordReader extends AbstractRecordReader {
    static final int FETCH_SIZE = 8192;

    /** How a column is selected and fetched. */
    private enum Kind {
        BOOLEAN, INT, LONG, BIG_INTEGER, FLOAT, DOUBLE, DECIMAL, TEXT, BLOB, DATE, TIMESTAMP_MICROS, TIMESTAMP_NANOS,
        INSTANT_MICROS, JSON
    }

    private record Field(String name, String duckType, Kind kind) {
    }

    private final String name;
    private final long fileSize;
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final List<Field> fields;
    private final List<String> columns;
    private boolean ended;

    /** The columns and types the file's Parquet schema declares (after {@code select}), read from its footer only. */
    public static List<Column> schema(String name, Path file, FormatOptions options) {
        try (Connection connection = DuckDbConnections.open("jdbc:duckdb:")) {
            List<Field> all = describe(connection, file);
            List<Field> fields = options.select().isEmpty() ? all : project(name, all, options.select());
            return fields.stream().map(f -> Column.of(f.name(), typeOf(f))).toList();
        } catch (SQLException e) {
            throw new SpateException(SpateException.Category.DATA, name + ": cannot be read as Parquet: " + firstLine(e), e);
        }
    }

    private ParquetRecordReader(String name, Path file, FormatOptions options) throws SQLException {
        this.name = name;
        this.fileSize = size(file);
        Properties properties = new Properties();
        properties.setProperty("jdbc_stream_results", "true");
        connection = DuckDbConnections.open("jdbc:duckdb:", properties);
        try {
            try (var settings = connection.createStatement()) {
                settings.execute("SET preserve_insertion_order = true");
                settings.execute("SET memory_limit = '256MB'");
            }
            List<Field> all = describe(connection, file);
            fields = options.select().isEmpty() ? all : project(name, all, options.select());
            columns = fields.stream().map(Field::name).toList();
            values = new Object[fields.size()];
            List<String> expressions = new ArrayList<>();
            for (Field field : fields) {
                expressions.add(expression(field));
            }
            statement = connection.prepareStatement("SELECT " + String.join(", ", expressions) + " FROM read_parquet(?)");
            statement.setFetchSize(FETCH_SIZE);
            statement.setString(1, file.toString());
            rows = statement.executeQuery();
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * Opens {@code file}; fails with a DATA error naming {@code name} when it is not a readable Parquet file,
     * a CONFIG one when {@code select} names a column it does not have.
     */
    public static ParquetRecordReader open(String name, Path file, FormatOptions options) {
        try {
            return new ParquetRecordReader(name, file, options);
        } catch (SQLException e) {
            throw new SpateException(SpateException.Category.DATA, name + ": cannot be read as Parquet: " + firstLine(e), e);
        }
    }

    /** The columns with their spate types, from the Parquet schema. */
    public List<Column> columnTypes() {
        return fields.stream().map(f -> Column.of(f.name(), typeOf(f))).toList();
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean next() {
        if (ended) {
            return false;
        }
        try {
            if (!rows.next()) {
                ended = true;
                return false;
            }
            for (int i = 0; i < fields.size(); i++) {
                values[i] = value(i + 1, fields.get(i).kind());
            }
            recordNumber++;
            return true;
        } catch (SQLException e) {
            throw new SpateException(SpateException.Category.DATA, name + " record " + (recordNumber + 1)
                    + ": cannot be read: " + firstLine(e), e);
        }
    }

    @Override
    public long bytesRead() {
        return ended ? fileSize : 0;
    }

    @Override
    public void close() {
        try (connection; statement; rows) {
            // closed in reverse order by try-with-resources
        } catch (SQLException e) {
            throw new SpateException(SpateException.Category.INTERNAL, name + ": closing the DuckDB reader failed: "
                    + firstLine(e), e);
        }
    }

    private static List<Field> describe(Connection connection, Path file) throws SQLException {
        List<Field> found = new ArrayList<>();
        try (PreparedStatement describe = connection.prepareStatement("DESCRIBE SELECT * FROM read_parquet(?)")) {
            describe.setString(1, file.toString());
            try (ResultSet result = describe.executeQuery()) {
                while (result.next()) {
                    String type = result.getString("column_type");
                    found.add(new Field(result.getString("column_name"), type, kindOf(type)));
                }
            }
        }
        return found;
    }

    private static List<Field> project(String name, List<Field> all, List<String> select) {
        List<Field> kept = new ArrayList<>();
        for (String wanted : select) {
            Field field = all.stream().filter(f -> f.name().equals(wanted)).findFirst().orElseThrow(() -> SpateException.config(
                    name + ": select: column \"" + wanted + "\" is not in the file (its columns: "
                            + String.join(", ", all.stream().map(Field::name).toList()) + ")"));
            kept.add(field);
        }
        return kept;
    }

    private static Kind kindOf(String duckType) {
        String type = duckType.toUpperCase(Locale.ROOT);
        if (type.startsWith("DECIMAL")) {
            return Kind.DECIMAL;
        }
        if (type.endsWith("]") || type.startsWith("STRUCT") || type.startsWith("MAP") || type.startsWith("UNION")) {
            return Kind.JSON;
        }
        return switch (type) {
            case "BOOLEAN" -> Kind.BOOLEAN;
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> Kind.INT;
            case "BIGINT", "UINTEGER" -> Kind.LONG;
            case "UBIGINT", "HUGEINT", "UHUGEINT" -> Kind.BIG_INTEGER;
            case "FLOAT" -> Kind.FLOAT;
            case "DOUBLE" -> Kind.DOUBLE;
            case "BLOB" -> Kind.BLOB;
            case "DATE" -> Kind.DATE;
            case "TIMESTAMP", "TIMESTAMP_MS", "TIMESTAMP_S" -> Kind.TIMESTAMP_MICROS;
            case "TIMESTAMP_NS" -> Kind.TIMESTAMP_NANOS;
            case "TIMESTAMP WITH TIME ZONE", "TIMESTAMPTZ" -> Kind.INSTANT_MICROS;
            default -> Kind.TEXT; // VARCHAR, TIME, UUID, INTERVAL, ENUM, JSON, BIT: their text
        };
    }

    private static String expression(Field field) {
        String column = Sql.quote(field.name());
        return switch (field.kind()) {
            // dates and timestamps travel as exact integers: no time zone of the JVM or driver in between
            case DATE -> "CAST(" + column + " - DATE '1970-01-01' AS BIGINT)";
            case TIMESTAMP_MICROS, INSTANT_MICROS -> "epoch_us(" + column + ")";
            case TIMESTAMP_NANOS -> "epoch_ns(" + column + ")";
            case BIG_INTEGER, TEXT -> "CAST(" + column + " AS VARCHAR)";
            case JSON -> "CAST(to_json(" + column + ") AS VARCHAR)";
            default -> column;
        };
    }

    private Object value(int index, Kind kind) throws SQLException {
        Object value = switch (kind) {
            case BOOLEAN -> rows.getBoolean(index);
            case INT -> rows.getInt(index);
            case LONG, DATE, TIMESTAMP_MICROS, TIMESTAMP_NANOS, INSTANT_MICROS -> rows.getLong(index);
            case FLOAT -> rows.getFloat(index);
            case DOUBLE -> rows.getDouble(index);
            case DECIMAL -> rows.getBigDecimal(index);
            case BLOB -> rows.getBytes(index);
            case BIG_INTEGER, TEXT, JSON -> rows.getString(index);
        };
        if (rows.wasNull()) {
            return null;
        }
        return switch (kind) {
            case BIG_INTEGER -> new BigInteger((String) value);
            case DATE -> LocalDate.ofEpochDay((Long) value);
            case TIMESTAMP_MICROS -> LocalDateTime.ofInstant(micros((Long) value), ZoneOffset.UTC);
            case TIMESTAMP_NANOS -> LocalDateTime.ofInstant(nanos((Long) value), ZoneOffset.UTC);
            case INSTANT_MICROS -> micros((Long) value);
            default -> value;
        };
    }

    private static DataType typeOf(Field field) {
        return switch (field.kind()) {
            case BOOLEAN -> DataType.BOOLEAN;
            case INT -> DataType.INT;
            case LONG -> DataType.LONG;
            case BIG_INTEGER -> DataType.decimal(DataType.MAX_DECIMAL_PRECISION, 0);
            case FLOAT -> DataType.FLOAT;
            case DOUBLE -> DataType.DOUBLE;
            case DECIMAL -> decimalOf(field.duckType());
            case BLOB -> DataType.BINARY;
            case DATE -> DataType.NAIVE_DATE;
            case TIMESTAMP_MICROS, TIMESTAMP_NANOS -> DataType.NAIVE_DATETIME;
            case INSTANT_MICROS -> DataType.UTC_DATETIME;
            case JSON -> DataType.JSON;
            case TEXT -> DataType.STRING;
        };
    }

    /** DECIMAL(p,s) from DuckDB's type name. */
    private static DataType decimalOf(String duckType) {
        String[] digits = duckType.substring(duckType.indexOf('(') + 1, duckType.indexOf(')')).split(",");
        return DataType.decimal(Integer.parseInt(digits[0].trim()), Integer.parseInt(digits[1].trim()));
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    private static Instant nanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static String firstLine(SQLException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
