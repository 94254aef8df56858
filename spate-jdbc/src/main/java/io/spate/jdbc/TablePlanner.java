package io.spate.jdbc;

import io.spate.filter.Filter;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Turns a discovered table and its table_spec entry into a {@link TablePlan}; infers replication keys. */
final class TablePlanner {
    /** Column names that mark a row's last change, in order of preference. */
    static final List<String> REPLICATION_KEY_NAMES = List.of("updated_at", "last_updated", "last_update",
            "last_modified", "modified_at", "modified_on", "updated_on", "update_time", "updated");

    private TablePlanner() {
    }

    static TablePlan plan(SourceTable discovered, Optional<TableSpecEntry> spec, boolean chunkingByDefault) {
        return plan(discovered, spec, chunkingByDefault, Optional.empty());
    }

    /** The plan of a table whose rows are limited by the {@code filter} option, bound to the table's columns. */
    static TablePlan plan(SourceTable discovered, Optional<TableSpecEntry> spec, boolean chunkingByDefault,
            Optional<Filter> filter) {
        String where = "table " + discovered.qualifiedName();
        List<String> problems = new ArrayList<>();
        List<SourceColumn> columns = selectColumns(discovered, spec, problems);
        SourceTable table = new SourceTable(discovered.schema(), discovered.name(), columns, List.of());
        List<String> primaryKey = spec.flatMap(TableSpecEntry::primaryKey).orElse(discovered.primaryKey());
        for (String key : primaryKey) {
            checkKeyColumn(table, key, "primary_key", problems);
        }
        Optional<String> declaredKey = spec.flatMap(TableSpecEntry::replicationKey);
        declaredKey.ifPresent(rk -> checkKeyColumn(table, rk, "replication_key", problems));
        Optional<Strategy> declaredStrategy = spec.flatMap(TableSpecEntry::strategy);
        Optional<String> replicationKey = Optional.empty();
        String inferredFrom = "";
        if (declaredStrategy.orElse(null) != Strategy.FULL) {
            if (declaredKey.isPresent()) {
                replicationKey = declaredKey;
                inferredFrom = "table_spec";
            } else {
                replicationKey = inferReplicationKey(columns);
                inferredFrom = replicationKey.map(rk -> REPLICATION_KEY_NAMES.contains(rk.toLowerCase(Locale.ROOT))
                        ? "its name" : "the first timestamp column").orElse("");
            }
        }
        Strategy strategy = declaredStrategy.orElse(replicationKey.isPresent() && !primaryKey.isEmpty()
                ? Strategy.INCREMENTAL : Strategy.FULL);
        if (strategy == Strategy.INCREMENTAL) {
            if (replicationKey.isEmpty()) {
                problems.add("strategy INCREMENTAL needs a replication_key: no column is named like updated_at and "
                        + "there is no timestamp column; name one in table_spec or use strategy FULL");
            }
            if (primaryKey.isEmpty()) {
                problems.add("strategy INCREMENTAL needs a primary key (the tie-breaker of the bookmark); the table "
                        + "declares none: name unique columns as primary_key in table_spec or use strategy FULL");
            }
        } else {
            replicationKey = Optional.empty();
            inferredFrom = "";
        }
        boolean chunking = spec.flatMap(TableSpecEntry::chunking).orElse(chunkingByDefault && !primaryKey.isEmpty());
        if (chunking && primaryKey.isEmpty()) {
            problems.add("chunking needs a primary key to split the table by; declare primary_key in table_spec");
        }
        Optional<RowFilter> rowFilter = Optional.empty();
        try {
            rowFilter = filter.map(f -> RowFilter.bind(f, discovered));
        } catch (SpateException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw SpateException.config(where + ": " + String.join("; ", problems));
        }
        return new TablePlan(table, primaryKey, strategy, replicationKey, chunking, inferredFrom, rowFilter);
    }

    /**
     * The replication key when none is given: the first of {@link #REPLICATION_KEY_NAMES} that names a date or
     * timestamp column (case-insensitively), else the first timestamp column.
     */
    static Optional<String> inferReplicationKey(List<SourceColumn> columns) {
        for (String name : REPLICATION_KEY_NAMES) {
            for (SourceColumn column : columns) {
                if (column.name().equalsIgnoreCase(name) && isTemporal(column.type(), true)) {
                    return Optional.of(column.name());
                }
            }
        }
        return columns.stream().filter(c -> isTemporal(c.type(), false)).map(SourceColumn::name).findFirst();
    }

    private static boolean isTemporal(DataType type, boolean dateToo) {
        return switch (type.kind()) {
            case NAIVE_DATETIME, UTC_DATETIME -> true;
            case NAIVE_DATE -> dateToo;
            default -> false;
        };
    }

    private static List<SourceColumn> selectColumns(SourceTable table, Optional<TableSpecEntry> spec, List<String> problems) {
        List<String> include = spec.map(TableSpecEntry::include).orElse(List.of());
        List<String> exclude = spec.map(TableSpecEntry::exclude).orElse(List.of());
        for (String name : concat(include, exclude, spec.map(e -> List.copyOf(e.columnTypes().keySet())).orElse(List.of()))) {
            if (table.column(name).isEmpty()) {
                problems.add("table_spec names column \"" + name + "\", which the table does not have");
            }
        }
        List<SourceColumn> selected = new ArrayList<>();
        for (SourceColumn column : table.columns()) {
            boolean wanted = (include.isEmpty() || include.contains(column.name())) && !exclude.contains(column.name());
            if (wanted) {
                DataType declared = spec.map(e -> e.columnTypes().get(column.name())).orElse(null);
                selected.add(declared == null ? column : column.withType(declared));
            }
        }
        if (selected.isEmpty()) {
            problems.add("include/exclude leave no column to read");
        }
        return selected;
    }

    private static void checkKeyColumn(SourceTable table, String name, String role, List<String> problems) {
        Optional<SourceColumn> column = table.column(name);
        if (column.isEmpty()) {
            problems.add(role + " column \"" + name + "\" is not among the columns read");
        } else if (!column.get().isOrderable()) {
            problems.add(role + " column \"" + name + "\" is " + column.get().sourceType()
                    + ", which cannot be ordered and bookmarked");
        }
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }
}
