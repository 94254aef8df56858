package io.spate.jdbc;

import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one range of a table in keyset order and sends every row to a {@link Operations.RowWriter}. Every
 * {@code checkpointEvery} rows it reports the key of the last row sent; after a transient failure it starts again
 * strictly after that key, so no row is skipped or sent twice.
 *
 * <p>PostgreSQL ranges are read with {@code COPY (SELECT ...) TO STDOUT (FORMAT binary)} ({@link CopyQuery},
 * {@link BinaryCopyDecoder}): the COPY protocol psql's {@code \copy} uses, about half the CPU per row of a
 * cursor. With a statement timeout an ordered range is copied in pages of {@link #pageRows} rows (each page a
 * keyset query after the previous page's last key, all in one REPEATABLE READ transaction, so the range is
 * read from one snapshot as by one cursor), because the timeout applies to a whole COPY but to each fetch of a
 * cursor. Redshift (no COPY TO STDOUT), and tables with a column COPY cannot read exactly as the cursor does,
 * are read through a server-side cursor with the primitive getters into one reused array.
 */
final class KeysetScan {
    private static final Logger LOG = LoggerFactory.getLogger(KeysetScan.class);

    /** Told the key of the last row sent, every {@code checkpointEvery} rows and at the end. */
    interface PositionListener {
        void reached(List<String> lastKey, boolean finished);
    }

    /** The rows of one query, decoded into a reused array. */
    private interface Rows {
        /** Reads the next row into {@code values}; false at the end. */
        boolean next(Object[] values) throws SQLException;
    }

    /**
     * How pgjdbc and Amazon's fork of it return {@code infinity} / {@code -infinity} from getTimestamp
     * ({@code PGStatement.DATE_POSITIVE_INFINITY} / {@code DATE_NEGATIVE_INFINITY}).
     */
    private static final long POSITIVE_INFINITY_MILLIS = 9223372036825200000L;
    private static final long NEGATIVE_INFINITY_MILLIS = -9223372036832400000L;
    /** 1582-10-15T00:00Z, the first day of the Gregorian calendar, in epoch milliseconds (a day of margin for zones). */
    private static final long GREGORIAN_REFORM_MILLIS = -12219292800000L + 86_400_000L;

    private final ConnectionPool pool;
    private final Dialect dialect;
    private final SourceTable table;
    private final List<SourceColumn> select;
    private final List<SourceColumn> order;
    private final Optional<SourceColumn> notNull;
    private final Optional<RowFilter> filter;
    private final Optional<Bound> upper;
    private final int batchSize;
    private final long checkpointEvery;
    private final long pageRows;
    private final BooleanSupplier stopped;
    private final ValueKind[] kinds;
    private final int[] keyIndexes;
    private final Optional<CopyQuery> copy;

    private Optional<Bound> lower;
    private Object[] lastKey;
    private long rowsSent;
    private long sinceCheckpoint;
    /** Set when the server refused the COPY statement (a PostgreSQL-compatible server without binary COPY). */
    private boolean copyRefused;

    KeysetScan(ConnectionPool pool, SourceSettings settings, SourceTable table, List<SourceColumn> order,
            Optional<SourceColumn> notNull, Optional<RowFilter> filter, Optional<Bound> lower, Optional<Bound> upper,
            BooleanSupplier stopped) {
        this(pool, settings, table, order, notNull, filter, lower, upper, stopped, true);
    }

    /** @param copyAllowed false reads PostgreSQL through a cursor too (to compare both ways in tests) */
    KeysetScan(ConnectionPool pool, SourceSettings settings, SourceTable table, List<SourceColumn> order,
            Optional<SourceColumn> notNull, Optional<RowFilter> filter, Optional<Bound> lower, Optional<Bound> upper,
            BooleanSupplier stopped, boolean copyAllowed) {
        this.pool = pool;
        this.dialect = settings.dialect();
        this.table = table;
        this.select = table.columns();
        this.order = List.copyOf(order);
        this.notNull = notNull;
        this.filter = filter;
        this.lower = lower;
        this.upper = upper;
        this.batchSize = settings.batchSize();
        this.checkpointEvery = settings.checkpointEveryRows();
        this.pageRows = order.isEmpty() || settings.statementTimeout().isZero() ? 0
                : Math.max(settings.batchSize(), settings.checkpointEveryRows());
        this.stopped = stopped;
        this.kinds = select.stream().map(SourceColumn::kind).toArray(ValueKind[]::new);
        this.keyIndexes = order.stream().mapToInt(c -> indexOf(select, c)).toArray();
        this.copy = dialect == Dialect.POSTGRES && copyAllowed ? CopyQuery.of(select) : Optional.empty();
    }

    long rowsSent() {
        return rowsSent;
    }

    /** Whether this range is read with binary COPY (else through a cursor). */
    boolean readsWithCopy() {
        return copy.isPresent() && !copyRefused && CopyQuery.statement(query(copy.get().select()), pageRows).isPresent();
    }

    /**
     * One attempt: reads from the current lower bound to the end of the range. Call again after a failure
     * to continue strictly after the last row sent.
     */
    void readOnce(Operations.RowWriter writer, PositionListener listener) throws SQLException {
        if (lastKey != null) {
            lower = Optional.of(Bound.after(keyText(lastKey)));
        }
        sinceCheckpoint = 0;
        if (readsWithCopy()) {
            long before = rowsSent;
            try {
                readWithCopy(writer, listener);
            } catch (SQLException e) {
                if (rowsSent != before || !isCopyRefusal(e)) {
                    throw e;
                }
                LOG.warn("{}: the server refused binary COPY ({}); reading through a cursor", table.qualifiedName(),
                        e.getMessage());
                copyRefused = true;
                readWithCursor(writer, listener);
            }
        } else {
            readWithCursor(writer, listener);
        }
        if (lastKey != null) {
            listener.reached(keyText(lastKey), true);
        } else {
            listener.reached(List.of(), true);
        }
    }

    /** Feature not supported, or a syntax error on COPY of a query: a server that is PostgreSQL-like only. */
    private static boolean isCopyRefusal(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return state.startsWith("0A") || state.equals("42601");
    }

    private ScanQuery query(List<SourceColumn> columns) {
        return ScanQuery.scan(dialect, table, columns, order, notNull, filter, lower, upper);
    }

    private void readWithCursor(Operations.RowWriter writer, PositionListener listener) throws SQLException {
        ScanQuery query = query(select);
        try (Connection connection = pool.connection();
             PreparedStatement statement = connection.prepareStatement(query.sql(), ResultSet.TYPE_FORWARD_ONLY,
                     ResultSet.CONCUR_READ_ONLY)) {
            connection.setAutoCommit(false);
            statement.setFetchSize(batchSize);
            query.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                send(values -> {
                    if (!rows.next()) {
                        return false;
                    }
                    for (int i = 0; i < values.length; i++) {
                        values[i] = read(rows, i + 1, kinds[i], values);
                    }
                    return true;
                }, writer, listener);
            }
            connection.commit();
        }
    }

    private void readWithCopy(Operations.RowWriter writer, PositionListener listener) throws SQLException {
        CopyQuery columns = copy.orElseThrow();
        try (Connection connection = pool.connection()) {
            connection.setAutoCommit(false);
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            CopyManager copyApi = connection.unwrap(PGConnection.class).getCopyAPI();
            while (true) {
                long before = rowsSent;
                String sql = CopyQuery.statement(query(columns.select()), pageRows).orElseThrow();
                copyOnce(connection, copyApi, sql, columns, writer, listener);
                if (pageRows == 0 || rowsSent - before < pageRows) {
                    break;
                }
                lower = Optional.of(Bound.after(keyText(lastKey)));
            }
            connection.commit();
        }
    }

    private void copyOnce(Connection connection, CopyManager copyApi, String sql, CopyQuery columns,
            Operations.RowWriter writer, PositionListener listener) throws SQLException {
        CopyOut out = copyApi.copyOut(sql);
        boolean done = false;
        try {
            BinaryCopyDecoder decoder = new BinaryCopyDecoder(columns.wires(),
                    () -> Optional.ofNullable(out.readFromCopy()), new BinaryCopyDecoder.Problems() {
                        @Override
                        public SpateException infinite(int column, Object[] row) {
                            return KeysetScan.this.infinite(column + 1, row);
                        }

                        @Override
                        public SpateException notADecimal(int column, String text, Object[] row) {
                            return KeysetScan.this.notADecimal(column + 1, text, row);
                        }
                    });
            send(decoder::next, writer, listener);
            while (out.readFromCopy() != null) {
                // the end of the COPY: CopyDone and CommandComplete
            }
            done = true;
        } finally {
            if (!done) {
                abandon(connection, out);
            }
        }
    }

    /**
     * Stops a COPY that is still sending (a failure or a stop): asks the server to cancel it, which also frees
     * pgjdbc's lock on the connection (without it the pool's rollback would wait forever), and drops the
     * connection when it is given back, since pgjdbc's protocol state after an abandoned COPY is not to be
     * trusted (a reused connection failed its next statement).
     */
    private void abandon(Connection connection, CopyOut out) {
        pool.evict(connection);
        try {
            if (out.isActive()) {
                out.cancelCopy();
            }
        } catch (SQLException | RuntimeException e) {
            // the connection is dropped anyway; the failure that stopped the COPY is the one to report
            LOG.debug("{}: cancelling an abandoned COPY failed", table.qualifiedName(), e);
        }
    }

    private void send(Rows rows, Operations.RowWriter writer, PositionListener listener) throws SQLException {
        Object[] values = new Object[kinds.length];
        Object[] key = new Object[keyIndexes.length];
        while (rows.next(values)) {
            writer.upsert(values);
            for (int k = 0; k < keyIndexes.length; k++) {
                key[k] = values[keyIndexes[k]];
            }
            lastKey = key;
            rowsSent++;
            if (++sinceCheckpoint >= checkpointEvery) {
                sinceCheckpoint = 0;
                if (keyIndexes.length > 0) {
                    listener.reached(keyText(key), false);
                }
                if (stopped.getAsBoolean()) {
                    throw new java.util.concurrent.CancellationException("another table failed");
                }
            }
        }
    }

    private Object read(ResultSet rows, int column, ValueKind kind, Object[] row) throws SQLException {
        switch (kind) {
            case BOOLEAN: {
                boolean v = rows.getBoolean(column);
                return rows.wasNull() ? null : v;
            }
            case SHORT: {
                short v = rows.getShort(column);
                return rows.wasNull() ? null : v;
            }
            case INT: {
                int v = rows.getInt(column);
                return rows.wasNull() ? null : v;
            }
            case LONG: {
                long v = rows.getLong(column);
                return rows.wasNull() ? null : v;
            }
            case FLOAT: {
                float v = rows.getFloat(column);
                return rows.wasNull() ? null : v;
            }
            case DOUBLE: {
                double v = rows.getDouble(column);
                return rows.wasNull() ? null : v;
            }
            case DECIMAL:
                return decimal(rows, column, row);
            case DATE: {
                LocalDate v = rows.getObject(column, LocalDate.class);
                if (v != null && (v.equals(LocalDate.MAX) || v.equals(LocalDate.MIN))) {
                    throw infinite(column, row);
                }
                return v;
            }
            case TIMESTAMP: {
                LocalDateTime v = rows.getObject(column, LocalDateTime.class);
                if (v != null && (v.equals(LocalDateTime.MAX) || v.equals(LocalDateTime.MIN))) {
                    throw infinite(column, row);
                }
                return v;
            }
            case TIMESTAMPTZ: {
                // getTimestamp, not getObject(OffsetDateTime): pgjdbc builds new ZoneRules for every
                // OffsetDateTime, the largest cost of the read loop. A Timestamp keeps the microseconds.
                Timestamp v = rows.getTimestamp(column);
                if (v == null) {
                    return null;
                }
                long millis = v.getTime();
                if (millis >= POSITIVE_INFINITY_MILLIS || millis <= NEGATIVE_INFINITY_MILLIS) {
                    throw infinite(column, row);
                }
                if (millis < GREGORIAN_REFORM_MILLIS) {
                    // the driver shifts earlier instants into the Julian calendar of java.util.Date
                    return rows.getObject(column, java.time.OffsetDateTime.class).toInstant();
                }
                return v.toInstant();
            }
            case BYTES:
                return rows.getBytes(column);
            case TEXT:
                return rows.getString(column);
            default:
                throw new IllegalStateException("unknown kind " + kind);
        }
    }

    private BigDecimal decimal(ResultSet rows, int column, Object[] row) throws SQLException {
        try {
            return rows.getBigDecimal(column);
        } catch (SQLException e) {
            throw notADecimal(column, rows.getString(column), row);
        }
    }

    private SpateException notADecimal(int column, String text, Object[] row) {
        return SpateException.data("table " + table.qualifiedName() + " column \"" + select.get(column - 1).name()
                + "\"" + keyDescription(row) + ": \"" + text + "\" is not a " + select.get(column - 1).type()
                + "; declare the column STRING in table_spec to keep such values");
    }

    /** pgjdbc reads {@code infinity} / {@code -infinity} as the MAX / MIN of the java.time type. */
    private SpateException infinite(int column, Object[] row) {
        SourceColumn source = select.get(column - 1);
        return SpateException.data("table " + table.qualifiedName() + " column \"" + source.name() + "\"" + keyDescription(row)
                + ": an infinite " + source.sourceType() + " is not a " + source.type()
                + "; declare the column STRING in table_spec to keep such values as text");
    }

    private String keyDescription(Object[] row) {
        if (keyIndexes.length == 0) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        for (int index : keyIndexes) {
            parts.add(select.get(index).name() + "=" + row[index]);
        }
        return " at key " + String.join(", ", parts);
    }

    private List<String> keyText(Object[] key) {
        List<String> text = new ArrayList<>(key.length);
        for (int k = 0; k < key.length; k++) {
            text.add(KeyText.of(key[k], order.get(k).name()));
        }
        return text;
    }

    private static int indexOf(List<SourceColumn> columns, SourceColumn column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column.name())) {
                return i;
            }
        }
        throw new IllegalArgumentException("ordering column " + column.name() + " is not read");
    }
}
