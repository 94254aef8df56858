package io.spate.testing;

import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.destination.TableSchema;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.SystemColumns;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds row batches from Java values, as the runtime would seal them. */
public final class Batches {
    public static final Instant SYNCED = Instant.parse("2026-01-02T03:04:05.123456Z");

    private Batches() {
    }

    public static TableSchema table(String name, List<String> key, Column... columns) {
        return new TableSchema(Optional.empty(), name, key, List.of(columns));
    }

    /** Full rows of a table: values in column order (plus {@code _spate_id} last when keyless). */
    public static RowBatch upsert(TableSchema table, Object[]... rows) {
        List<Column> columns = new ArrayList<>(table.columns());
        if (table.keyless()) {
            columns.add(Column.of(SystemColumns.ID, DataType.STRING));
        }
        return batch(table, RowBatch.Kind.UPSERT, columns, rows);
    }

    /** Partial rows: the key columns then {@code changed}, values in that order. */
    public static RowBatch update(TableSchema table, List<String> changed, Object[]... rows) {
        List<Column> columns = new ArrayList<>(keyColumns(table));
        changed.forEach(name -> columns.add(table.column(name).orElseThrow()));
        return batch(table, RowBatch.Kind.UPDATE, columns, rows);
    }

    public static RowBatch delete(TableSchema table, Object[]... keys) {
        return batch(table, RowBatch.Kind.DELETE, keyColumns(table), keys);
    }

    public static RowBatch truncate(TableSchema table) {
        return new RowBatch(table, RowBatch.Kind.TRUNCATE, List.of(), List.of(), 0, SYNCED);
    }

    public static Object[] row(Object... values) {
        return values;
    }

    private static List<Column> keyColumns(TableSchema table) {
        return table.keyless() ? List.of(Column.of(SystemColumns.ID, DataType.STRING))
                : table.primaryKey().stream().map(k -> table.column(k).orElseThrow()).toList();
    }

    public static RowBatch batch(TableSchema table, RowBatch.Kind kind, List<Column> columns, Object[]... rows) {
        List<ColumnVector> vectors = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            ColumnVector vector = new ColumnVector(columns.get(c).type(), rows.length);
            for (Object[] row : rows) {
                append(vector, row[c]);
            }
            vectors.add(vector);
        }
        return new RowBatch(table, kind, columns.stream().map(Column::name).toList(), vectors, rows.length, SYNCED);
    }

    public static void append(ColumnVector vector, Object value) {
        if (value == null) {
            vector.appendNull();
            return;
        }
        DataType type = vector.type();
        switch (vector.storage()) {
            case LONG -> vector.appendLong(switch (type.kind()) {
                case BOOLEAN -> (Boolean) value ? 1 : 0;
                case DECIMAL -> ColumnVector.unscaled((BigDecimal) value, type.scale()).longValueExact();
                case NAIVE_DATE -> ((LocalDate) value).toEpochDay();
                case NAIVE_DATETIME -> ColumnVector.microsOf((LocalDateTime) value);
                case UTC_DATETIME -> ColumnVector.microsOf((Instant) value);
                default -> ((Number) value).longValue();
            });
            case DOUBLE -> vector.appendDouble(((Number) value).doubleValue());
            case OBJECT -> vector.appendObject(value instanceof BigDecimal d ? d.setScale(type.scale()) : value);
        }
    }
}
