package io.spate.batch;

import io.spate.sdk.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * One column of a {@link RowBatch}, typed and growable. Values are stored in their physical form, the
 * one place that form is defined:
 * <ul>
 *   <li>{@code longs}: BOOLEAN (0/1), SHORT, INT, LONG, NAIVE_DATE (days since 1970-01-01),
 *       NAIVE_DATETIME (microseconds since 1970-01-01T00:00, local), UTC_DATETIME (microseconds since the
 *       epoch), DECIMAL with precision up to 18 (the unscaled value);</li>
 *   <li>{@code doubles}: FLOAT, DOUBLE;</li>
 *   <li>{@code objects}: DECIMAL with precision above 18 ({@code BigDecimal} at the column's scale),
 *       STRING and JSON ({@code String}), BINARY ({@code byte[]}).</li>
 * </ul>
 */
public final class ColumnVector {
    /** Largest DECIMAL precision stored as an unscaled {@code long}. */
    public static final int MAX_LONG_DECIMAL_PRECISION = 18;

    /** How values of a type are stored. */
    public enum Storage { LONG, DOUBLE, OBJECT }

    private final DataType type;
    private final Storage storage;
    private long[] longs;
    private double[] doubles;
    private Object[] objects;
    private boolean[] nulls;
    private boolean hasNulls;
    private int size;

    public ColumnVector(DataType type, int capacity) {
        this.type = type;
        this.storage = storageOf(type);
        int initial = Math.max(capacity, 16);
        switch (storage) {
            case LONG -> longs = new long[initial];
            case DOUBLE -> doubles = new double[initial];
            case OBJECT -> objects = new Object[initial];
        }
        nulls = new boolean[initial];
    }

    public static Storage storageOf(DataType type) {
        return switch (type.kind()) {
            case BOOLEAN, SHORT, INT, LONG, NAIVE_DATE, NAIVE_DATETIME, UTC_DATETIME -> Storage.LONG;
            case DECIMAL -> type.precision() <= MAX_LONG_DECIMAL_PRECISION ? Storage.LONG : Storage.OBJECT;
            case FLOAT, DOUBLE -> Storage.DOUBLE;
            case BINARY, STRING, JSON -> Storage.OBJECT;
        };
    }

    public DataType type() {
        return type;
    }

    public Storage storage() {
        return storage;
    }

    public int size() {
        return size;
    }

    public boolean hasNulls() {
        return hasNulls;
    }

    public boolean isNull(int row) {
        return nulls[row];
    }

    public long getLong(int row) {
        return longs[row];
    }

    public double getDouble(int row) {
        return doubles[row];
    }

    public Object getObject(int row) {
        return objects[row];
    }

    public void appendLong(long value) {
        ensureCapacity();
        longs[size++] = value;
    }

    public void appendDouble(double value) {
        ensureCapacity();
        doubles[size++] = value;
    }

    public void appendObject(Object value) {
        ensureCapacity();
        objects[size++] = value;
    }

    public void appendNull() {
        ensureCapacity();
        nulls[size++] = true;
        hasNulls = true;
    }

    /** Appends row {@code row} of {@code other}, which has the same type. */
    public void appendFrom(ColumnVector other, int row) {
        if (other.nulls[row]) {
            appendNull();
            return;
        }
        switch (storage) {
            case LONG -> appendLong(other.longs[row]);
            case DOUBLE -> appendDouble(other.doubles[row]);
            case OBJECT -> appendObject(other.objects[row]);
        }
    }

    /** Removes the last value (used when a row fails half-way). */
    public void truncate(int newSize) {
        for (int i = newSize; i < size; i++) {
            nulls[i] = false;
            if (objects != null) {
                objects[i] = null;
            }
        }
        size = newSize;
    }

    /** The value of a row as a Java object of its kind: Boolean, Short, Integer, Long, BigDecimal, Float,
     *  Double, LocalDate, LocalDateTime, Instant, String, byte[]; null for NULL. */
    public Object getValue(int row) {
        if (nulls[row]) {
            return null;
        }
        return switch (type.kind()) {
            case BOOLEAN -> longs[row] != 0;
            case SHORT -> (short) longs[row];
            case INT -> (int) longs[row];
            case LONG -> longs[row];
            case DECIMAL -> storage == Storage.LONG ? BigDecimal.valueOf(longs[row], type.scale()) : objects[row];
            case FLOAT -> (float) doubles[row];
            case DOUBLE -> doubles[row];
            case NAIVE_DATE -> LocalDate.ofEpochDay(longs[row]);
            case NAIVE_DATETIME -> localDateTimeOfMicros(longs[row]);
            case UTC_DATETIME -> instantOfMicros(longs[row]);
            case BINARY, STRING, JSON -> objects[row];
        };
    }

    /** Approximate bytes held, for buffer accounting. */
    public long estimatedBytes() {
        long bytes = (long) size * 9;
        if (storage == Storage.OBJECT) {
            for (int i = 0; i < size; i++) {
                Object o = objects[i];
                if (o instanceof String s) {
                    bytes += 40 + 2L * s.length();
                } else if (o instanceof byte[] b) {
                    bytes += 16 + b.length;
                } else if (o != null) {
                    bytes += 48;
                }
            }
        }
        return bytes;
    }

    public static LocalDateTime localDateTimeOfMicros(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    public static Instant instantOfMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }

    public static long microsOf(LocalDateTime value) {
        return Math.addExact(Math.multiplyExact(value.toEpochSecond(ZoneOffset.UTC), 1_000_000L), value.getNano() / 1000);
    }

    public static long microsOf(Instant value) {
        return Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1000);
    }

    /** The unscaled value of a decimal at a scale, as a BigInteger (for DECIMAL columns of any precision). */
    public static BigInteger unscaled(BigDecimal value, int scale) {
        return value.setScale(scale).unscaledValue();
    }

    private void ensureCapacity() {
        if (size < nulls.length) {
            return;
        }
        int capacity = nulls.length * 2;
        nulls = Arrays.copyOf(nulls, capacity);
        switch (storage) {
            case LONG -> longs = Arrays.copyOf(longs, capacity);
            case DOUBLE -> doubles = Arrays.copyOf(doubles, capacity);
            case OBJECT -> objects = Arrays.copyOf(objects, capacity);
        }
    }
}
