package io.spate.filter;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Writes an expression as SQL with placeholders; see {@link SqlFilter}. */
final class SqlRenderer {
    /**
     * The escape character of every like: not a backslash, whose meaning in string literals differs between
     * PostgreSQL and Redshift settings, and constant, because Redshift takes no parameter there.
     */
    static final char LIKE_ESCAPE = '!';

    private final Function<ColumnRef, String> names;
    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    private SqlRenderer(Function<ColumnRef, String> names) {
        this.names = names;
    }

    static SqlFilter render(Expression expression, Function<ColumnRef, String> names) {
        SqlRenderer renderer = new SqlRenderer(names);
        renderer.write(expression);
        return new SqlFilter(renderer.sql.toString(), renderer.parameters);
    }

    private void write(Expression expression) {
        if (expression instanceof Expression.And and) {
            group(and.operands(), " AND ");
        } else if (expression instanceof Expression.Or or) {
            group(or.operands(), " OR ");
        } else if (expression instanceof Expression.Not not) {
            sql.append("NOT (");
            write(not.operand());
            sql.append(')');
        } else if (expression instanceof Expression.Comparison c) {
            sql.append(names.apply(c.column())).append(' ').append(c.operator().symbol()).append(' ');
            value(c.value());
        } else if (expression instanceof Expression.In in) {
            sql.append(names.apply(in.column())).append(in.negated() ? " NOT IN (" : " IN (");
            for (int i = 0; i < in.values().size(); i++) {
                sql.append(i == 0 ? "" : ", ");
                value(in.values().get(i));
            }
            sql.append(')');
        } else if (expression instanceof Expression.Between b) {
            sql.append(names.apply(b.column())).append(b.negated() ? " NOT BETWEEN " : " BETWEEN ");
            value(b.low());
            sql.append(" AND ");
            value(b.high());
        } else if (expression instanceof Expression.IsNull n) {
            sql.append(names.apply(n.column())).append(n.negated() ? " IS NOT NULL" : " IS NULL");
        } else {
            Expression.Like like = (Expression.Like) expression;
            sql.append(names.apply(like.column())).append(like.negated() ? " NOT LIKE ?" : " LIKE ?")
                    .append(" ESCAPE '").append(LIKE_ESCAPE).append('\'');
            parameters.add(LikePattern.compile(like.pattern(), like.escape()).toSql(LIKE_ESCAPE));
        }
    }

    private void group(List<Expression> operands, String operator) {
        for (int i = 0; i < operands.size(); i++) {
            Expression operand = operands.get(i);
            sql.append(i == 0 ? "" : operator);
            boolean nested = operand instanceof Expression.And || operand instanceof Expression.Or;
            sql.append(nested ? "(" : "");
            write(operand);
            sql.append(nested ? ")" : "");
        }
    }

    private void value(Literal literal) {
        if (literal instanceof Literal.NullLiteral) {
            sql.append("NULL");
            return;
        }
        sql.append('?');
        parameters.add(parameter(literal));
    }

    private static Object parameter(Literal literal) {
        if (literal instanceof Literal.IntegerLiteral l) {
            return l.value();
        }
        if (literal instanceof Literal.DecimalLiteral l) {
            return l.value();
        }
        if (literal instanceof Literal.StringLiteral l) {
            return l.value();
        }
        if (literal instanceof Literal.BooleanLiteral l) {
            return l.value();
        }
        if (literal instanceof Literal.DateLiteral l) {
            return l.value();
        }
        if (literal instanceof Literal.TimestampLiteral l) {
            return l.value();
        }
        // pgjdbc binds OffsetDateTime as timestamptz; it has no binding for Instant
        return ((Literal.InstantLiteral) literal).value().atOffset(ZoneOffset.UTC);
    }
}
