package io.spate.batch;

import static java.util.Objects.requireNonNull;

import io.spate.destination.TableSchema;
import java.time.Instant;
import java.util.List;

/**
 * A sealed, immutable-by-convention group of operations of one kind on one table, in columnar form,
 * handed from the runtime to destinations. Batches of a table reach a destination in the order the
 * connector sent the operations.
 *
 * <ul>
 *   <li>{@link Kind#UPSERT}: full rows; {@link #columns()} are {@code table.columns()} in order, plus
 *       {@code _spate_id} last when the table is keyless. Within one batch a key appears at most once
 *       (the runtime keeps the last row of a key).</li>
 *   <li>{@link Kind#UPDATE}: partial rows; {@link #columnNames()} are the key columns followed by the
 *       columns to change, the same for every row of the batch.</li>
 *   <li>{@link Kind#DELETE}: keys only ({@link #columnNames()} = the effective key); rows are marked
 *       {@code _spate_deleted}.</li>
 *   <li>{@link Kind#TRUNCATE}: no rows; every row of the table written before is marked deleted.</li>
 * </ul>
 *
 * @param table the table as it was when the batch was sealed
 * @param kind what the rows mean
 * @param columnNames the name of each vector
 * @param vectors the values, one vector per name, all of {@link #rowCount()} rows
 * @param rowCount number of rows
 * @param syncedAt the {@code _spate_synced} value for every row of the batch
 */
public record RowBatch(TableSchema table, Kind kind, List<String> columnNames, List<ColumnVector> vectors,
        int rowCount, Instant syncedAt) {

    /** What the rows of a batch mean. */
    public enum Kind { UPSERT, UPDATE, DELETE, TRUNCATE }

    public RowBatch {
        requireNonNull(table, "table is null");
        requireNonNull(kind, "kind is null");
        columnNames = List.copyOf(columnNames);
        vectors = List.copyOf(vectors);
        requireNonNull(syncedAt, "syncedAt is null");
        if (columnNames.size() != vectors.size()) {
            throw new IllegalArgumentException("column names and vectors differ in number");
        }
    }

    public ColumnVector vector(String column) {
        int index = columnNames.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("batch of " + table.qualifiedName() + " has no column " + column);
        }
        return vectors.get(index);
    }
}
