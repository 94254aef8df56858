package io.spate.jdbc;

import static java.util.Objects.requireNonNull;

import io.spate.filter.Filter;
import io.spate.filter.SqlFilter;
import io.spate.sdk.SpateException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code filter:} option bound to one table: a condition for the {@code WHERE} clause of every scan of
 * the table, every value a bound parameter.
 *
 * <p>The filter's own SQL binds each literal as its Java type, and PostgreSQL will not compare an
 * {@code integer} column with a {@code varchar} parameter. So each placeholder is cast to what the column it
 * is compared with needs: text literals to the column's type ({@code year = '2024'} works on an integer
 * column), timestamps and dates to {@code timestamp} / {@code date}, and a timestamp without an offset
 * compared with a {@code timestamptz} column is taken as UTC, as the filter language defines, whatever the
 * session's time zone.
 *
 * @param text the filter in canonical form, stored with the table's position: a changed filter reloads the table
 * @param sql the condition, to be used as {@code (sql)}
 * @param parameters the values of its placeholders, in order, for {@code setObject}
 */
record RowFilter(String text, String sql, List<Object> parameters) {
    /** Source types whose values are text: a text literal is compared with them as it is. */
    private static final Set<String> TEXT_TYPES = Set.of("text", "varchar", "bpchar", "char", "name", "citext",
            "character varying", "character");

    RowFilter {
        requireNonNull(text, "text is null");
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(parameters);
    }

    /** Parses the {@code filter} option; the CONFIG error shows the text with a caret under the mistake. */
    static Optional<Filter> parse(Optional<String> text) {
        return text.filter(t -> !t.isBlank()).map(Filter::parse);
    }

    /**
     * Binds the filter to the columns of a table (every column of the table, read or not). Fails (CONFIG)
     * naming every unknown column and the columns there are, or a literal that cannot be compared
     * with its column.
     */
    static RowFilter bind(Filter filter, SourceTable table) {
        List<String> names = table.columns().stream().map(SourceColumn::name).toList();
        SqlFilter rendered = filter.toSql(names, Sql::quote);
        return new RowFilter(filter.toString(), castPlaceholders(filter, table, rendered), rendered.parameters());
    }

    /**
     * Rewrites each {@code ?} of the rendered SQL for the column it is compared with. The SQL holds only
     * quoted identifiers, the keywords, {@code ?} and the one constant {@code '!'} of like's escape, so a scan
     * that skips quoted text finds every placeholder and the column named last before it.
     */
    private static String castPlaceholders(Filter filter, SourceTable table, SqlFilter rendered) {
        String sql = rendered.sql();
        StringBuilder out = new StringBuilder(sql.length() + 32);
        SourceColumn column = null;
        int parameter = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '"' || c == '\'') {
                int end = closingQuote(sql, i, c);
                String quoted = sql.substring(i, end + 1);
                if (c == '"') {
                    String name = quoted.substring(1, quoted.length() - 1).replace("\"\"", "\"");
                    column = table.column(name).orElseThrow(() -> new IllegalStateException("unresolved column " + name));
                }
                out.append(quoted);
                i = end;
            } else if (c == '?') {
                boolean like = out.toString().endsWith("LIKE ");
                out.append(placeholder(filter, column, rendered.parameters().get(parameter++), like));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int closingQuote(String sql, int start, char quote) {
        int i = start + 1;
        while (true) {
            int next = sql.indexOf(quote, i);
            if (next + 1 < sql.length() && sql.charAt(next + 1) == quote) {
                i = next + 2;
            } else {
                return next;
            }
        }
    }

    private static String placeholder(Filter filter, SourceColumn column, Object value, boolean like) {
        String type = column.castType().toLowerCase(Locale.ROOT);
        boolean textColumn = TEXT_TYPES.contains(type) || type.startsWith("varchar") || type.startsWith("character");
        if (like) {
            return "?";
        }
        if (value instanceof String) {
            return textColumn ? "?" : "CAST(? AS " + column.castType() + ")";
        }
        if (textColumn) {
            throw SpateException.config("filter \"" + filter.text() + "\": column \""
                    + column.name() + "\" is " + column.sourceType() + " and cannot be compared with " + literal(value)
                    + "; write the value as text in single quotes");
        }
        if (value instanceof OffsetDateTime) {
            return type.equals("timestamp") || type.equals("date") ? "(CAST(? AS timestamptz) AT TIME ZONE 'UTC')"
                    : "CAST(? AS timestamptz)";
        }
        boolean instantColumn = type.equals("timestamptz");
        if (value instanceof LocalDateTime) {
            return instantColumn ? "(CAST(? AS timestamp) AT TIME ZONE 'UTC')" : "CAST(? AS timestamp)";
        }
        if (value instanceof LocalDate) {
            return instantColumn ? "(CAST(? AS timestamp) AT TIME ZONE 'UTC')" : "CAST(? AS date)";
        }
        return "?";
    }

    private static String literal(Object value) {
        if (value instanceof LocalDate) {
            return "date '" + value + "'";
        }
        if (value instanceof LocalDateTime || value instanceof OffsetDateTime) {
            return "timestamp '" + value + "'";
        }
        return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }

}
