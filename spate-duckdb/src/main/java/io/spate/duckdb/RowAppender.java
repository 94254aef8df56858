package io.spate.duckdb;

import io.spate.batch.ColumnVector;
import io.spate.sdk.DataType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import org.duckdb.DuckDBAppender;

/**
 * Moves rows of a batch into a DuckDB appender, column by column of the target table. This is the hot loop
 * of the warehouse: everything is decided per column before the loop ({@link Slot}), and the loop itself
 * only switches on a small enum and reads primitives from the vectors.
 */
final class RowAppender {

    /** How one column of the target table gets its value. */
    enum Op {
        BOOLEAN, SHORT, INT, LONG, DECIMAL_SHORT, DECIMAL_INT, DECIMAL_LONG, DECIMAL_BIG, FLOAT, DOUBLE,
        EPOCH_DAYS, EPOCH_MICROS, TEXT, BYTES,
        /** The batch's {@code _spate_synced}. */
        SYNCED,
        /** {@code _spate_deleted = false}. */
        NOT_DELETED,
        /** A column the batch does not have. */
        NULL
    }

    /** One target column: its name, what to append and, for data columns, from which vector. */
    record Slot(String column, Op op, ColumnVector vector) {
        static Slot of(String column, ColumnVector vector) {
            return new Slot(column, opOf(vector.type()), vector);
        }

        static Slot of(String column, Op op) {
            return new Slot(column, op, null);
        }
    }

    /** A value the appender refused: names the column and the row of the batch. */
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

    private RowAppender() {
    }

    /** The way values of a type are appended; the appender's column must have exactly this type. */
    static Op opOf(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN -> Op.BOOLEAN;
            case SHORT -> Op.SHORT;
            case INT -> Op.INT;
            case LONG -> Op.LONG;
            case DECIMAL -> type.precision() <= 4 ? Op.DECIMAL_SHORT
                    : type.precision() <= 9 ? Op.DECIMAL_INT
                    : type.precision() <= ColumnVector.MAX_LONG_DECIMAL_PRECISION ? Op.DECIMAL_LONG : Op.DECIMAL_BIG;
            case FLOAT -> Op.FLOAT;
            case DOUBLE -> Op.DOUBLE;
            case NAIVE_DATE -> Op.EPOCH_DAYS;
            case NAIVE_DATETIME, UTC_DATETIME -> Op.EPOCH_MICROS;
            case STRING, JSON -> Op.TEXT;
            case BINARY -> Op.BYTES;
        };
    }

    /** Appends rows {@code 0..rowCount-1}: one value per slot, in slot order. */
    static void append(DuckDBAppender appender, List<Slot> slotList, int rowCount, long syncedMicros)
            throws SQLException, ValueRejected {
        Slot[] slots = slotList.toArray(Slot[]::new);
        Op[] ops = new Op[slots.length];
        ColumnVector[] vectors = new ColumnVector[slots.length];
        boolean[] nullable = new boolean[slots.length];
        for (int i = 0; i < slots.length; i++) {
            ops[i] = slots[i].op();
            vectors[i] = slots[i].vector();
            nullable[i] = vectors[i] != null && vectors[i].hasNulls();
        }
        for (int row = 0; row < rowCount; row++) {
            appender.beginRow();
            for (int i = 0; i < ops.length; i++) {
                try {
                    appendValue(appender, ops[i], vectors[i], nullable[i], row, syncedMicros);
                } catch (SQLException | RuntimeException e) {
                    throw new ValueRejected(slots[i].column(), row, e);
                }
            }
            appender.endRow();
        }
    }

    private static void appendValue(DuckDBAppender appender, Op op, ColumnVector vector, boolean nullable, int row,
            long syncedMicros) throws SQLException {
        if (nullable && vector.isNull(row)) {
            appender.appendNull();
            return;
        }
        switch (op) {
            case BOOLEAN -> appender.append(vector.getLong(row) != 0);
            case SHORT -> appender.append((short) vector.getLong(row));
            case INT -> appender.append((int) vector.getLong(row));
            case LONG -> appender.append(vector.getLong(row));
            case DECIMAL_SHORT -> appender.appendDecimal((short) vector.getLong(row));
            case DECIMAL_INT -> appender.appendDecimal((int) vector.getLong(row));
            case DECIMAL_LONG -> appender.appendDecimal(vector.getLong(row));
            case DECIMAL_BIG -> appender.append((BigDecimal) vector.getObject(row));
            case FLOAT -> appender.append((float) vector.getDouble(row));
            case DOUBLE -> appender.append(vector.getDouble(row));
            case EPOCH_DAYS -> appender.appendEpochDays(Math.toIntExact(vector.getLong(row)));
            case EPOCH_MICROS -> appender.appendEpochMicros(vector.getLong(row));
            case TEXT -> appender.append((String) vector.getObject(row));
            case BYTES -> appender.append((byte[]) vector.getObject(row));
            case SYNCED -> appender.appendEpochMicros(syncedMicros);
            case NOT_DELETED -> appender.append(false);
            case NULL -> appender.appendNull();
        }
    }
}
