package io.spate.filter;

import java.util.List;
import java.util.Map;

/**
 * A filter bound to the columns of a table: tests rows while they are read. Immutable and thread-safe; one
 * instance serves every reader thread. A row passes only when the filter is true for it: false and unknown
 * (a comparison with null) both reject it.
 *
 * <p>Fails with a DATA SpateException when a text value does not parse as the literal it is compared with
 * ({@code "n/a"} against {@code amount > 10}), and a CONFIG one when a typed value cannot be compared with
 * the literal at all (a Boolean against a number); the caller adds the file and line.
 */
public final class RowPredicate {
    private final Filter filter;
    private final List<String> columns;
    private final Condition condition;

    RowPredicate(Filter filter, List<String> columns, Condition condition) {
        this.filter = filter;
        this.columns = List.copyOf(columns);
        this.condition = condition;
    }

    /** Tests a positional row whose values are in the order of {@link #columns()}. */
    public boolean test(Object[] values) {
        return condition.test(values) == Truth.TRUE;
    }

    /** Tests a row by column name; a column the map does not hold is null. */
    public boolean test(Map<String, ?> row) {
        return condition.test(row) == Truth.TRUE;
    }

    public Filter filter() {
        return filter;
    }

    /** The columns this was bound to, in the order positional rows hold them. */
    public List<String> columns() {
        return columns;
    }

    @Override
    public String toString() {
        return "RowPredicate[" + filter.text() + "]";
    }
}
