package io.spate.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A keyset query: the rows of a table ordered by some columns, strictly after (or from) a lower bound and
 * up to an upper bound. Never OFFSET: every resumption and every chunk starts with an index seek.
 *
 * @param sql the statement, with {@code ?} for each parameter
 * @param parameters the values bound in order: the text of key bounds (each compared through a CAST to its
 *     column's type) as String, and the filter's values as the filter gives them
 */
record ScanQuery(String sql, List<Object> parameters) {
    ScanQuery {
        parameters = List.copyOf(parameters);
    }

    /**
     * @param dialect how row values are compared
     * @param table the table
     * @param select the columns to read, in the order values are read
     * @param order the ordering columns (the keyset); empty for an unordered read
     * @param notNull a column that must not be NULL (the replication key of an incremental read)
     * @param filter the rows to read (the {@code filter} option)
     * @param lower rows after (or from) here
     * @param upper rows up to and including here
     */
    static ScanQuery scan(Dialect dialect, SourceTable table, List<SourceColumn> select, List<SourceColumn> order,
            Optional<SourceColumn> notNull, Optional<RowFilter> filter, Optional<Bound> lower, Optional<Bound> upper) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        notNull.ifPresent(c -> conditions.add(Sql.quote(c.name()) + " IS NOT NULL"));
        filter.ifPresent(f -> {
            conditions.add("(" + f.sql() + ")");
            parameters.addAll(f.parameters());
        });
        lower.ifPresent(b -> conditions.add(compare(dialect, order, b, b.inclusive() ? ">=" : ">", parameters)));
        upper.ifPresent(b -> conditions.add(compare(dialect, order, b, b.inclusive() ? "<=" : "<", parameters)));
        String selectList = select.stream().map(c -> c.selectExpression().equals(Sql.quote(c.name()))
                ? c.selectExpression() : c.selectExpression() + " AS " + Sql.quote(c.name()))
                .collect(Collectors.joining(", "));
        StringBuilder sql = new StringBuilder("SELECT ").append(selectList).append(" FROM ").append(table.quotedName());
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
        if (!order.isEmpty()) {
            sql.append(" ORDER BY ").append(Sql.quotedList(order));
        }
        return new ScanQuery(sql.toString(), parameters);
    }

    /**
     * The last key of the next {@code chunkSize} rows after {@code lower}: one index range of chunkSize entries,
     * read once. Empty when no row is left.
     */
    static ScanQuery chunkEnd(Dialect dialect, SourceTable table, List<SourceColumn> key, Optional<Bound> lower,
            long chunkSize) {
        List<Object> parameters = new ArrayList<>();
        String columns = Sql.quotedList(key);
        String where = lower.map(b -> " WHERE " + compare(dialect, key, b, b.inclusive() ? ">=" : ">", parameters))
                .orElse("");
        String descending = key.stream().map(c -> Sql.quote(c.name()) + " DESC").collect(Collectors.joining(", "));
        String sql = "SELECT " + columns + " FROM (SELECT " + columns + " FROM " + table.quotedName() + where
                + " ORDER BY " + columns + " LIMIT " + chunkSize + ") chunk ORDER BY " + descending + " LIMIT 1";
        return new ScanQuery(sql, parameters);
    }

    /** The greatest value of a column ({@code max(rk)}), for the high-water mark of a snapshot. */
    static ScanQuery max(SourceTable table, SourceColumn column) {
        return new ScanQuery("SELECT max(" + Sql.quote(column.name()) + ") FROM " + table.quotedName(), List.of());
    }

    /**
     * {@code (c1, .., ck) op (v1, .., vk)} for the first k ordering columns; as a row-value comparison where the
     * dialect has it (PostgreSQL uses the index), else expanded lexicographically (Redshift).
     */
    private static String compare(Dialect dialect, List<SourceColumn> order, Bound bound, String op,
            List<Object> parameters) {
        List<SourceColumn> columns = order.subList(0, bound.values().size());
        if (columns.size() == 1 || dialect.supportsRowValueComparison()) {
            parameters.addAll(bound.values());
            if (columns.size() == 1) {
                return Sql.quote(columns.get(0).name()) + " " + op + " " + cast(columns.get(0));
            }
            return "(" + Sql.quotedList(columns) + ") " + op + " ("
                    + columns.stream().map(ScanQuery::cast).collect(Collectors.joining(", ")) + ")";
        }
        String strict = op.substring(0, 1);
        List<String> alternatives = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            List<String> terms = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                terms.add(Sql.quote(columns.get(j).name()) + " = " + cast(columns.get(j)));
                parameters.add(bound.values().get(j));
            }
            String last = i == columns.size() - 1 ? op : strict;
            terms.add(Sql.quote(columns.get(i).name()) + " " + last + " " + cast(columns.get(i)));
            parameters.add(bound.values().get(i));
            alternatives.add("(" + String.join(" AND ", terms) + ")");
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    /** Binds the parameters: key text with setString (the SQL casts it), filter values with setObject. */
    void bind(java.sql.PreparedStatement statement) throws java.sql.SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value instanceof String text) {
                statement.setString(i + 1, text);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    private static String cast(SourceColumn column) {
        return "CAST(? AS " + column.castType() + ")";
    }
}
