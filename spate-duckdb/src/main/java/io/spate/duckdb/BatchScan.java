package io.spate.duckdb;

import io.spate.batch.ColumnVector;
import io.spate.sdk.DataType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

/**
 * Loads the rows of a batch into DuckDB a vector at a time. A table function registered on the connection
 * scans the batch being written, so that one {@code INSERT INTO t (...) SELECT ... FROM scan()} loads a whole
 * batch: DuckDB pulls the batch's vectors 2,048 rows at a time, filled straight from the batch's primitive
 * arrays. This is the hot path of the warehouse; DuckDB's row appender, which checks every value it is
 * given, costs twice as much per row.
 *
 * <p>Values travel in their physical form ({@link ColumnVector}): a DECIMAL as its unscaled integer, a
 * timestamp as microseconds, a date as days, and SQL in the {@code SELECT} list gives them their type. A
 * scan belongs to one connection and is used by one thread at a time, as its destination is.
 */
final class BatchScan implements DuckDBTableFunction<BatchScan.Scan, int[], Object> {
    private static final HexFormat HEX = HexFormat.of();
    /** The longest text written into a statement as a constant. */
    private static final int MAX_CONSTANT_TEXT = 4096;

    /** How the values of a column travel through the scan: the type DuckDB reads, and the SQL giving the column's type. */
    enum Encoding {
        BOOLEAN(DuckDBColumnType.BOOLEAN), SHORT(DuckDBColumnType.SMALLINT), INT(DuckDBColumnType.INTEGER),
        LONG(DuckDBColumnType.BIGINT), UNSCALED_DECIMAL(DuckDBColumnType.BIGINT), FLOAT(DuckDBColumnType.FLOAT),
        DOUBLE(DuckDBColumnType.DOUBLE), EPOCH_DAYS(DuckDBColumnType.INTEGER), LOCAL_MICROS(DuckDBColumnType.BIGINT),
        UTC_MICROS(DuckDBColumnType.BIGINT), TEXT(DuckDBColumnType.VARCHAR), DECIMAL_TEXT(DuckDBColumnType.VARCHAR),
        HEX(DuckDBColumnType.VARCHAR);

        private final DuckDBColumnType scanType;

        Encoding(DuckDBColumnType scanType) {
            this.scanType = scanType;
        }

        static Encoding of(DataType type) {
            return switch (type.kind()) {
                case BOOLEAN -> BOOLEAN;
                case SHORT -> SHORT;
                case INT -> INT;
                case LONG -> LONG;
                case DECIMAL -> type.precision() <= ColumnVector.MAX_LONG_DECIMAL_PRECISION ? UNSCALED_DECIMAL : DECIMAL_TEXT;
                case FLOAT -> FLOAT;
                case DOUBLE -> DOUBLE;
                case NAIVE_DATE -> EPOCH_DAYS;
                case NAIVE_DATETIME -> LOCAL_MICROS;
                case UTC_DATETIME -> UTC_MICROS;
                case STRING, JSON -> TEXT;
                case BINARY -> HEX;
            };
        }

        /** The SQL turning the scanned column into a value of {@code type}. */
        String sql(String column, DataType type) {
            return switch (this) {
                case BOOLEAN, SHORT, INT, LONG, FLOAT, DOUBLE, TEXT -> column;
                case UNSCALED_DECIMAL -> type.scale() == 0
                        ? "CAST(" + column + " AS " + DuckDbTypes.sqlType(type) + ")"
                        : "CAST(CAST(" + column + " AS DECIMAL(18,0)) * " + BigDecimal.ONE.movePointLeft(type.scale()).toPlainString()
                                + " AS " + DuckDbTypes.sqlType(type) + ")";
                case EPOCH_DAYS -> "CAST(DATE '1970-01-01' + " + column + " AS DATE)";
                case LOCAL_MICROS -> "make_timestamp(" + column + ")";
                case UTC_MICROS -> "make_timestamptz(" + column + ")";
                case DECIMAL_TEXT -> "CAST(" + column + " AS " + DuckDbTypes.sqlType(type) + ")";
                case HEX -> "unhex(" + column + ")";
            };
        }
    }

    /** One column of an insert: from a batch vector, or one SQL value for every row. */
    record Target(String column, ColumnVector vector, String constant) {
        static Target of(String column, ColumnVector vector) {
            return new Target(column, vector, null);
        }

        static Target constant(String column, String sql) {
            return new Target(column, null, sql);
        }
    }

    /** A value DuckDB cannot take: names the column and the row of the batch. */
    static final class ValueRejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final String column;
        private final int row;

        ValueRejected(String column, int row, Exception cause) {
            super(cause.getMessage(), cause);
            this.column = column;
            this.row = row;
        }

        String column() {
            return column;
        }

        int row() {
            return row;
        }
    }

    /**
     * The batch being inserted: what the table function reads.
     *
     * @param rows the rows of the vectors to insert, in order; {@code null} for rows {@code 0..rowCount-1}
     */
    record Scan(ColumnVector[] vectors, Encoding[] encodings, VectorStrings[] strings, int[] rows, int rowCount) {
        int row(int index) {
            return rows == null ? index : rows[index];
        }
    }

    private final DuckDBConnection connection;
    private final String functionName;
    /** Per scanned column, its string buffers, kept from batch to batch. */
    private final List<VectorStrings> strings = new ArrayList<>();
    private volatile Scan current;

    private BatchScan(DuckDBConnection connection, String functionName) {
        this.connection = connection;
        this.functionName = functionName;
    }

    /** Registers a scan on a connection; the name is unique, as functions are shared by a database's connections. */
    static BatchScan register(DuckDBConnection connection) throws SQLException {
        String name = "spate_batch_" + UUID.randomUUID().toString().replace("-", "");
        BatchScan scan = new BatchScan(connection, name);
        DuckDBFunctions.tableFunction().withName(name).withFunction(scan).register(connection);
        return scan;
    }

    /**
     * Inserts rows {@code 0..rowCount-1} of the targets' vectors into a table.
     *
     * @param table the table's quoted, qualified name
     */
    void insert(String table, List<Target> targets, int rowCount) throws SQLException, ValueRejected {
        insert(table, targets, null, rowCount);
    }

    /**
     * Inserts the given rows of the targets' vectors into a table.
     *
     * @param table the table's quoted, qualified name
     * @param rows the rows to insert, in order; {@code null} for rows {@code 0..rowCount-1}
     */
    void insert(String table, List<Target> targets, int[] rows, int rowCount) throws SQLException, ValueRejected {
        List<ColumnVector> vectors = new ArrayList<>();
        List<Encoding> encodings = new ArrayList<>();
        List<String> values = new ArrayList<>();
        String[] sameTexts = sameTexts(targets, rows, rowCount);
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            if (target.vector() == null) {
                values.add(target.constant());
            } else if (sameTexts[i] != null) {
                values.add(Sql.literal(sameTexts[i]));
            } else {
                Encoding encoding = Encoding.of(target.vector().type());
                checkFits(target, encoding, rows, rowCount);
                values.add(encoding.sql("c" + vectors.size(), target.vector().type()));
                vectors.add(target.vector());
                encodings.add(encoding);
            }
        }
        String sql = "INSERT INTO " + table + " (" + targets.stream().map(t -> Sql.quote(t.column())).collect(Collectors.joining(", "))
                + ") SELECT " + String.join(", ", values) + " FROM " + functionName + "()";
        while (strings.size() < vectors.size()) {
            strings.add(new VectorStrings());
        }
        current = new Scan(vectors.toArray(ColumnVector[]::new), encodings.toArray(Encoding[]::new),
                strings.subList(0, vectors.size()).toArray(VectorStrings[]::new), rows, rowCount);
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } finally {
            current = null;
        }
    }

    /**
     * Per target, the text all its rows hold when it goes into the statement once instead of into every
     * row's vector; at least one vector is always scanned, as the scan's rows are the insert's rows.
     */
    private static String[] sameTexts(List<Target> targets, int[] rows, int rowCount) {
        String[] same = new String[targets.size()];
        int scanned = 0;
        int firstText = -1;
        for (int i = 0; i < targets.size(); i++) {
            ColumnVector vector = targets.get(i).vector();
            if (vector == null) {
                continue;
            }
            if (Encoding.of(vector.type()) == Encoding.TEXT) {
                same[i] = sameText(vector, rows, rowCount);
                firstText = firstText < 0 && same[i] != null ? i : firstText;
            }
            scanned += same[i] == null ? 1 : 0;
        }
        if (scanned == 0 && firstText >= 0) {
            same[firstText] = null;
        }
        return same;
    }

    /**
     * The text every row of a column holds, when they all hold the same short one (a file row's
     * {@code _spate_file}): it goes into the statement once instead of into every row's vector.
     */
    private static String sameText(ColumnVector vector, int[] rows, int rowCount) {
        if (rowCount == 0 || vector.hasNulls()) {
            return null;
        }
        Object first = vector.getObject(rows == null ? 0 : rows[0]);
        if (!(first instanceof String text) || text.length() > MAX_CONSTANT_TEXT || text.indexOf('\0') >= 0) {
            return null;
        }
        for (int index = 1; index < rowCount; index++) {
            Object value = vector.getObject(rows == null ? index : rows[index]);
            if (value != first && !first.equals(value)) {
                return null;
            }
        }
        return text;
    }

    /** Days since 1970 are stored as longs but scanned as DuckDB's 32-bit dates. */
    private static void checkFits(Target target, Encoding encoding, int[] rows, int rowCount) throws ValueRejected {
        if (encoding != Encoding.EPOCH_DAYS) {
            return;
        }
        ColumnVector vector = target.vector();
        for (int index = 0; index < rowCount; index++) {
            int row = rows == null ? index : rows[index];
            if (!vector.isNull(row)) {
                try {
                    Math.toIntExact(vector.getLong(row));
                } catch (ArithmeticException e) {
                    throw new ValueRejected(target.column(), row, e);
                }
            }
        }
    }

    // ---- the table function, called by DuckDB on its own threads

    @Override
    public Scan bind(DuckDBTableFunctionBindInfo info) {
        Scan scan = current;
        if (scan == null) {
            throw new IllegalStateException(functionName + " is only read by the insert of a batch");
        }
        for (int i = 0; i < scan.vectors().length; i++) {
            info.addResultColumn("c" + i, scan.encodings()[i].scanType);
        }
        info.setCardinality(scan.rowCount(), true);
        return scan;
    }

    @Override
    public int[] init(DuckDBTableFunctionInitInfo info) {
        return new int[1];
    }

    @Override
    public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter output) {
        Scan scan = info.getBindData();
        int[] nextRow = info.getInitData();
        int from = nextRow[0];
        int count = (int) Math.min(output.capacity(), scan.rowCount() - from);
        if (count <= 0) {
            return 0;
        }
        for (int i = 0; i < scan.vectors().length; i++) {
            fill(output.vector(i), scan.encodings()[i], scan.vectors()[i], scan.strings()[i], scan, from, count);
        }
        nextRow[0] = from + count;
        return count;
    }

    private static void fill(DuckDBWritableVector out, Encoding encoding, ColumnVector in, VectorStrings strings, Scan scan,
            int from, int count) {
        switch (encoding) {
            case TEXT, DECIMAL_TEXT, HEX -> fillText(out, encoding, in, strings, scan, from, count);
            case FLOAT, DOUBLE -> fillDoubles(out, encoding, in, scan, from, count);
            default -> fillLongs(out, encoding, in, scan, from, count);
        }
    }

    private static void fillLongs(DuckDBWritableVector out, Encoding encoding, ColumnVector in, Scan scan, int from, int count) {
        boolean nullable = in.hasNulls();
        for (int i = 0; i < count; i++) {
            int row = scan.row(from + i);
            if (nullable && in.isNull(row)) {
                out.setNull(i);
                continue;
            }
            long value = in.getLong(row);
            switch (encoding) {
                case BOOLEAN -> out.setBoolean(i, value != 0);
                case SHORT -> out.setShort(i, (short) value);
                case INT, EPOCH_DAYS -> out.setInt(i, (int) value);
                default -> out.setLong(i, value);
            }
        }
    }

    private static void fillDoubles(DuckDBWritableVector out, Encoding encoding, ColumnVector in, Scan scan, int from, int count) {
        boolean nullable = in.hasNulls();
        for (int i = 0; i < count; i++) {
            int row = scan.row(from + i);
            if (nullable && in.isNull(row)) {
                out.setNull(i);
            } else if (encoding == Encoding.FLOAT) {
                out.setFloat(i, (float) in.getDouble(row));
            } else {
                out.setDouble(i, in.getDouble(row));
            }
        }
    }

    /** Strings go to DuckDB in one call per vector. */
    private static void fillText(DuckDBWritableVector out, Encoding encoding, ColumnVector in, VectorStrings strings, Scan scan,
            int from, int count) {
        boolean nullable = in.hasNulls();
        String[] texts = strings.texts(count);
        for (int i = 0; i < count; i++) {
            int row = scan.row(from + i);
            if (!nullable || !in.isNull(row)) {
                texts[i] = encoding == Encoding.TEXT ? (String) in.getObject(row) : textOf(encoding, in.getObject(row));
            }
        }
        strings.set(out, texts);
    }

    private static String textOf(Encoding encoding, Object value) {
        return encoding == Encoding.HEX ? HEX.formatHex((byte[]) value) : ((BigDecimal) value).toPlainString();
    }

    @Override
    public String toString() {
        return functionName;
    }
}
