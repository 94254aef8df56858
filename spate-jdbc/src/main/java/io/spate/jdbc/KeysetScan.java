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

/**
 * Reads one range of a table in keyset order through a server-side cursor and sends every row to a
 * {@link Operations.RowWriter}. Every {@code checkpointEvery} rows it reports the key of the last row sent;
 * after a transient failure it starts again strictly after that key, so no row is skipped or sent twice.
 *
 * <p>The row loop is the hot path: values are read by column index with the primitive getters into one
 * reused array, and nothing is allocated per row but the values themselves.
 */
final class KeysetScan {
    /** Told the key of the last row sent, every {@code checkpointEvery} rows and at the end. */
    interface PositionListener {
        void reached(List<String> lastKey, boolean finished);
    }

    /**
     * How pgjdbc and Amazon's fork of it return {@code infinity} / {@code -infinity} from getTimestamp
     * ({@code PGStatement.DATE_POSITIVE_INFINITY} / {@code DATE_NEGATIVE_INFINITY}).
     */
    private static final long POSITIVE_INFINITY_MILLIS = 9223372036825200000L;
    private static final long NEGATIVE_INFINITY_MILLIS = -9223372036832400000L;

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
    private final BooleanSupplier stopped;
    private final ValueKind[] kinds;
    private final int[] keyIndexes;

    private Optional<Bound> lower;
    private Object[] lastKey;
    private long rowsSent;

    KeysetScan(ConnectionPool pool, SourceSettings settings, SourceTable table, List<SourceColumn> order,
            Optional<SourceColumn> notNull, Optional<RowFilter> filter, Optional<Bound> lower, Optional<Bound> upper,
            BooleanSupplier stopped) {
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
        this.stopped = stopped;
        this.kinds = select.stream().map(SourceColumn::kind).toArray(ValueKind[]::new);
        this.keyIndexes = order.stream().mapToInt(c -> indexOf(select, c)).toArray();
    }

    long rowsSent() {
        return rowsSent;
    }

    /**
     * One attempt: reads from the current lower bound to the end of the range. Call again after a failure
     * to continue strictly after the last row sent.
     */
    void readOnce(Operations.RowWriter writer, PositionListener listener) throws SQLException {
        if (lastKey != null) {
            lower = Optional.of(Bound.after(keyText(lastKey)));
        }
        ScanQuery query = ScanQuery.scan(dialect, table, select, order, notNull, filter, lower, upper);
        try (Connection connection = pool.connection();
             PreparedStatement statement = connection.prepareStatement(query.sql(), ResultSet.TYPE_FORWARD_ONLY,
                     ResultSet.CONCUR_READ_ONLY)) {
            connection.setAutoCommit(false);
            statement.setFetchSize(batchSize);
            query.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                readRows(rows, writer, listener);
            }
            connection.commit();
        }
        if (lastKey != null) {
            listener.reached(keyText(lastKey), true);
        } else {
            listener.reached(List.of(), true);
        }
    }

    private void readRows(ResultSet rows, Operations.RowWriter writer, PositionListener listener) throws SQLException {
        int width = kinds.length;
        Object[] values = new Object[width];
        Object[] key = new Object[keyIndexes.length];
        long sinceCheckpoint = 0;
        while (rows.next()) {
            for (int i = 0; i < width; i++) {
                values[i] = read(rows, i + 1, kinds[i], values);
            }
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
            String text = rows.getString(column);
            throw SpateException.data("table " + table.qualifiedName() + " column \"" + select.get(column - 1).name()
                    + "\"" + keyDescription(row) + ": \"" + text + "\" is not a " + select.get(column - 1).type()
                    + "; declare the column STRING in table_spec to keep such values");
        }
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
