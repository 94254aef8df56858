package io.spate.jdbc;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.Column;
import io.spate.sdk.TableSpec;
import java.util.List;
import java.util.Optional;

/**
 * How one table is synced: which columns, keyed how, by which strategy.
 *
 * @param table the table with the columns to read (after include/exclude and type overrides)
 * @param primaryKey the key the destination upserts by and snapshots are ordered by; may be empty
 * @param strategy INCREMENTAL (needs a primary key and a replication key) or FULL
 * @param replicationKey the column whose growth marks new and changed rows, for INCREMENTAL
 * @param chunking whether snapshots are split into key-range chunks
 * @param inferredFrom how the replication key was chosen, for the run summary
 * @param filter the rows to sync (the {@code filter} option bound to this table)
 */
record TablePlan(SourceTable table, List<String> primaryKey, Strategy strategy, Optional<String> replicationKey,
        boolean chunking, String inferredFrom, Optional<RowFilter> filter) {
    TablePlan {
        requireNonNull(table, "table is null");
        primaryKey = List.copyOf(primaryKey);
        requireNonNull(strategy, "strategy is null");
        requireNonNull(replicationKey, "replicationKey is null");
        requireNonNull(inferredFrom, "inferredFrom is null");
        requireNonNull(filter, "filter is null");
    }

    String qualifiedName() {
        return table.qualifiedName();
    }

    List<SourceColumn> keyColumns() {
        return primaryKey.stream().map(k -> table.column(k).orElseThrow()).toList();
    }

    Optional<SourceColumn> replicationColumn() {
        return replicationKey.flatMap(table::column);
    }

    /** The destination table: {@code schema.table}, typed columns, primary key. */
    TableSpec tableSpec() {
        return new TableSpec(table.name(), Optional.of(table.schema()), primaryKey,
                table.columns().stream().map(c -> new Column(c.name(), c.type())).toList());
    }
}
