package io.spate.filter;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.SpateException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A row filter, the {@code filter:} option of every source, parsed once:
 *
 * <pre>{@code
 * Filter filter = Filter.parse("year >= 2023 and status in ('paid', 'shipped') and note is not null");
 * if (filter.canMatch(Map.of("year", "2022"), Set.of("year"))) { ... }   // false: skip the file
 * RowPredicate rows = filter.bind(List.of("year", "status", "note"));     // per table, once
 * if (rows.test(values)) { ops.upsert(...); }
 * SqlFilter where = filter.toSql(Sql::quote);                              // for JDBC sources
 * }</pre>
 *
 * Immutable and thread-safe. The grammar, the comparison rules and the null semantics are in
 * {@code docs/filters.md}.
 */
public final class Filter {
    /** The directory value hive writes for a null partition value: never decides pruning. */
    public static final String HIVE_NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private final String text;
    private final Expression expression;
    private final List<ColumnRef> columns;
    private final Condition partitionCondition;

    private Filter(String text, Expression expression) {
        this.text = text;
        this.expression = expression;
        Set<ColumnRef> referenced = new LinkedHashSet<>();
        collectColumns(expression, referenced);
        this.columns = List.copyOf(referenced);
        this.partitionCondition = Condition.compile(expression, column -> new Condition.Slot(-1, column.name()));
    }

    /**
     * Parses filter text; fails with a CONFIG SpateException that shows the text and a caret under the
     * offending position.
     */
    public static Filter parse(String text) {
        requireNonNull(text, "text is null");
        return new Filter(text, FilterParser.parse(text));
    }

    /** The text as given. */
    public String text() {
        return text;
    }

    public Expression expression() {
        return expression;
    }

    /** The distinct columns the filter names, in the order they first appear. */
    public List<ColumnRef> columns() {
        return columns;
    }

    /**
     * Compiles the filter for rows with these columns (in this order for positional rows). Fails (CONFIG)
     * naming every column the filter uses that is not among them, and listing the columns there are.
     */
    public RowPredicate bind(List<String> columns) {
        Map<ColumnRef, String> resolved = resolveAll(columns);
        Map<String, Integer> positions = new HashMap<>();
        for (int i = columns.size() - 1; i >= 0; i--) {
            positions.put(columns.get(i), i);
        }
        Condition condition = Condition.compile(expression, column -> {
            String name = resolved.get(column);
            return new Condition.Slot(positions.get(name), name);
        });
        return new RowPredicate(this, columns, condition);
    }

    /**
     * Whether a file with these hive partition values ({@code year=2024/month=01} as {@code {year=2024,
     * month=01}}, decoded) may hold a row that passes. False only when the filter is certainly false for
     * every row of the file: conditions on other columns count as unknown, and so does any condition whose
     * answer on the path text might differ from its answer on the rows' values. Never throws for data.
     *
     * @param partitionValues the file's partition values by column
     * @param partitionColumns the table's partition columns
     */
    public boolean canMatch(Map<String, String> partitionValues, Set<String> partitionColumns) {
        requireNonNull(partitionValues, "partitionValues is null");
        requireNonNull(partitionColumns, "partitionColumns is null");
        return partitionCondition.prune(new Condition.Partitions(partitionValues, partitionColumns)) != Truth.FALSE;
    }

    /** The filter as SQL, naming each column as written (without its double quotes) through the quoting function. */
    public SqlFilter toSql(Function<String, String> quoteIdentifier) {
        requireNonNull(quoteIdentifier, "quoteIdentifier is null");
        return SqlRenderer.render(expression, column -> quoteIdentifier.apply(column.name()));
    }

    /**
     * The filter as SQL for a table with these columns: names resolved as {@link #bind} does (so {@code
     * year} finds the column {@code YEAR}), failing the same way for unknown columns.
     */
    public SqlFilter toSql(List<String> columns, Function<String, String> quoteIdentifier) {
        requireNonNull(quoteIdentifier, "quoteIdentifier is null");
        Map<ColumnRef, String> resolved = resolveAll(columns);
        return SqlRenderer.render(expression, column -> quoteIdentifier.apply(resolved.get(column)));
    }

    private Map<ColumnRef, String> resolveAll(List<String> available) {
        Map<ColumnRef, String> resolved = new HashMap<>();
        List<ColumnRef> missing = new ArrayList<>();
        for (ColumnRef column : columns) {
            ColumnResolver.resolve(column, available).ifPresentOrElse(name -> resolved.put(column, name),
                    () -> missing.add(column));
        }
        if (!missing.isEmpty()) {
            throw SpateException.config(missingMessage(missing, available));
        }
        return resolved;
    }

    private static String missingMessage(List<ColumnRef> missing, List<String> available) {
        StringBuilder message = new StringBuilder("filter: no column" + (missing.size() > 1 ? "s " : " "));
        message.append(missing.stream().map(c -> ColumnResolver.quote(c.name())).collect(Collectors.joining(", ")));
        for (ColumnRef column : missing) {
            List<String> byCase = ColumnResolver.caseInsensitiveMatches(column, available);
            if (column.quoted() && !byCase.isEmpty()) {
                message.append(" (\"").append(column.name()).append("\" is quoted, so it matches only a column spelled exactly so;")
                        .append(" there is ").append(ColumnResolver.quote(byCase.get(0))).append(')');
            }
        }
        message.append("; the columns are: ").append(available.isEmpty() ? "(none)"
                : available.stream().map(ColumnResolver::quote).collect(Collectors.joining(", ")));
        return message.toString();
    }

    private static void collectColumns(Expression expression, Set<ColumnRef> into) {
        if (expression instanceof Expression.And and) {
            and.operands().forEach(e -> collectColumns(e, into));
        } else if (expression instanceof Expression.Or or) {
            or.operands().forEach(e -> collectColumns(e, into));
        } else if (expression instanceof Expression.Not not) {
            collectColumns(not.operand(), into);
        } else {
            into.add(((Expression.ColumnPredicate) expression).column());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Filter f && f.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    /** The filter in canonical form. */
    @Override
    public String toString() {
        return expression.render();
    }
}
