package io.spate.filter;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The parsed form of a filter: an immutable tree. {@link #render()} writes it back as filter text. */
public sealed interface Expression {

    /** This expression as filter text (keywords in lower case, groups in parentheses). */
    String render();

    /** All operands must be true: {@code a and b and c}. Nested ands are flattened. */
    record And(List<Expression> operands) implements Expression {
        public And {
            operands = atLeastTwo(operands, "and");
        }

        @Override
        public String render() {
            return operands.stream().map(e -> e instanceof Or ? "(" + e.render() + ")" : e.render())
                    .collect(Collectors.joining(" and "));
        }
    }

    /** Any operand must be true: {@code a or b or c}. Nested ors are flattened. */
    record Or(List<Expression> operands) implements Expression {
        public Or {
            operands = atLeastTwo(operands, "or");
        }

        @Override
        public String render() {
            return operands.stream().map(Expression::render).collect(Collectors.joining(" or "));
        }
    }

    /** The operands of an and or an or, copied; there must be two at least. */
    private static List<Expression> atLeastTwo(List<Expression> operands, String operator) {
        List<Expression> copy = List.copyOf(operands);
        if (copy.size() < 2) {
            throw new IllegalArgumentException(operator + " needs at least two operands");
        }
        return copy;
    }

    /**
     * A predicate of the grammar: a condition on one column ({@link Comparison}, {@link In}, {@link Between},
     * {@link IsNull}, {@link Like}), the leaves of the tree.
     */
    sealed interface ColumnPredicate extends Expression permits Comparison, In, Between, IsNull, Like {
        /** The column the condition is on. */
        ColumnRef column();
    }

    /** {@code not operand}; not of unknown is unknown. */
    record Not(Expression operand) implements Expression {
        public Not {
            requireNonNull(operand, "operand is null");
        }

        @Override
        public String render() {
            return operand instanceof And || operand instanceof Or ? "not (" + operand.render() + ")" : "not " + operand.render();
        }
    }

    /** {@code column <op> value}. */
    record Comparison(ColumnRef column, Operator operator, Literal value) implements ColumnPredicate {
        public Comparison {
            requireNonNull(column, "column is null");
            requireNonNull(operator, "operator is null");
            requireNonNull(value, "value is null");
        }

        @Override
        public String render() {
            return column.render() + " " + operator.symbol() + " " + value.render();
        }
    }

    /** {@code column [not] in (v1, v2, ...)}. */
    record In(ColumnRef column, List<Literal> values, boolean negated) implements ColumnPredicate {
        public In {
            requireNonNull(column, "column is null");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("in needs at least one value");
            }
        }

        @Override
        public String render() {
            return column.render() + (negated ? " not in (" : " in (")
                    + values.stream().map(Literal::render).collect(Collectors.joining(", ")) + ")";
        }
    }

    /** {@code column [not] between low and high}: both ends included. */
    record Between(ColumnRef column, Literal low, Literal high, boolean negated) implements ColumnPredicate {
        public Between {
            requireNonNull(column, "column is null");
            requireNonNull(low, "low is null");
            requireNonNull(high, "high is null");
        }

        @Override
        public String render() {
            return column.render() + (negated ? " not between " : " between ") + low.render() + " and " + high.render();
        }
    }

    /** {@code column is [not] null}. */
    record IsNull(ColumnRef column, boolean negated) implements ColumnPredicate {
        public IsNull {
            requireNonNull(column, "column is null");
        }

        @Override
        public String render() {
            return column.render() + (negated ? " is not null" : " is null");
        }
    }

    /**
     * {@code column [not] like 'pattern' [escape 'c']}: {@code %} matches any run of characters, {@code _}
     * exactly one; the escape character makes the next character literal.
     */
    record Like(ColumnRef column, String pattern, Optional<Character> escape, boolean negated) implements ColumnPredicate {
        public Like {
            requireNonNull(column, "column is null");
            requireNonNull(pattern, "pattern is null");
            requireNonNull(escape, "escape is null");
        }

        @Override
        public String render() {
            return column.render() + (negated ? " not like " : " like ") + new Literal.StringLiteral(pattern).render()
                    + escape.map(c -> " escape " + new Literal.StringLiteral(String.valueOf(c)).render()).orElse("");
        }
    }
}
