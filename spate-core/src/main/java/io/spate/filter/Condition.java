package io.spate.filter;

import io.spate.sdk.SpateException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A filter compiled for evaluation: each method answers {@link Truth#TRUE}, {@link Truth#FALSE} or
 * {@link Truth#UNKNOWN}. Immutable and thread-safe; evaluating a row allocates nothing for comparisons of
 * numbers, text, booleans and date-times held as their Java types or as integer or timestamp text.
 */
sealed interface Condition {

    /** A positional row, in the order of the columns it was compiled against. */
    int test(Object[] row);

    /** A row by column name; an absent name is null. */
    int test(Map<String, ?> row);

    /** Whether a file with these partition values may hold rows for which this is true. */
    int prune(Partitions partitions);

    /** Where a column's value is in a row: its position, and its name as a key of map rows. */
    record Slot(int index, String key) {
    }

    /**
     * Hive partition values of one file, which columns are partition columns, and the readings of each
     * value, worked out once per file.
     */
    final class Partitions {
        private final Map<String, String> values;
        private final Set<String> columns;
        private final Map<ColumnRef, List<Object>> readings = new HashMap<>();

        /**
         * @param values the decoded values from the path ({@code year=2024/month=01})
         * @param columns the partition columns of the table
         */
        Partitions(Map<String, String> values, Set<String> columns) {
            this.values = values;
            this.columns = columns;
        }

        /**
         * What a reader may make of the column's path text (see {@link PartitionText}), or an empty list when
         * it is not a partition column or its value is not certain from the path (absent, blank, or the
         * hive null marker).
         */
        List<Object> readingsOf(ColumnRef column) {
            return readings.computeIfAbsent(column, c -> {
                String text = textOf(c);
                return text == null ? List.of() : PartitionText.readings(text);
            });
        }

        private String textOf(ColumnRef column) {
            String name = ColumnResolver.find(column, columns).orElse(null);
            if (name == null) {
                return null;
            }
            String text = values.get(name);
            if (text == null) {
                text = ColumnResolver.find(column, values.keySet()).map(values::get).orElse(null);
            }
            if (text == null || TextChecks.isBlank(text) || Filter.HIVE_NULL_PARTITION.equals(text)) {
                return null;
            }
            return text;
        }
    }

    static Condition compile(Expression expression, Function<ColumnRef, Slot> slots) {
        if (expression instanceof Expression.And and) {
            return Junction.all(compileAll(and.operands(), slots));
        }
        if (expression instanceof Expression.Or or) {
            return Junction.any(compileAll(or.operands(), slots));
        }
        if (expression instanceof Expression.Not not) {
            return new Negation(compile(not.operand(), slots));
        }
        Slot slot = slots.apply(((Expression.ColumnPredicate) expression).column());
        if (expression instanceof Expression.Comparison c) {
            return new Compare(c, slot, c.operator(), Operand.of(c.value()));
        }
        if (expression instanceof Expression.In in) {
            return new InList(in, slot, in.values(), in.negated());
        }
        if (expression instanceof Expression.Between b) {
            return new Range(b, slot, Operand.of(b.low()), Operand.of(b.high()), b.negated());
        }
        if (expression instanceof Expression.IsNull n) {
            return new NullCheck(n, slot, n.negated());
        }
        Expression.Like like = (Expression.Like) expression;
        return new Match(like, slot, LikePattern.compile(like.pattern(), like.escape()), like.negated());
    }

    private static Condition[] compileAll(List<Expression> operands, Function<ColumnRef, Slot> slots) {
        return operands.stream().map(e -> compile(e, slots)).toArray(Condition[]::new);
    }

    /**
     * and / or, evaluating the operands in order until one decides: for and, false if any is false, else
     * unknown if any is unknown, else true; for or, the same with true and false swapped. One loop per kind
     * of input, so that testing a row calls no lambda.
     */
    final class Junction implements Condition {
        private final Condition[] operands;
        /** The truth that decides at once: false for and, true for or. */
        private final int decisive;
        /** The answer when every operand is the other truth: true for and, false for or. */
        private final int otherwise;

        private Junction(Condition[] operands, int decisive) {
            this.operands = operands;
            this.decisive = decisive;
            this.otherwise = Truth.not(decisive);
        }

        static Junction all(Condition[] operands) {
            return new Junction(operands, Truth.FALSE);
        }

        static Junction any(Condition[] operands) {
            return new Junction(operands, Truth.TRUE);
        }

        @Override
        public int test(Object[] row) {
            int decisive = this.decisive; // read once: this runs for every row
            int result = otherwise;
            for (Condition operand : operands) {
                int value = operand.test(row);
                if (value == decisive) {
                    return decisive;
                }
                result = value == Truth.UNKNOWN ? Truth.UNKNOWN : result;
            }
            return result;
        }

        @Override
        public int test(Map<String, ?> row) {
            int decisive = this.decisive;
            int result = otherwise;
            for (Condition operand : operands) {
                int value = operand.test(row);
                if (value == decisive) {
                    return decisive;
                }
                result = value == Truth.UNKNOWN ? Truth.UNKNOWN : result;
            }
            return result;
        }

        @Override
        public int prune(Partitions partitions) {
            int decisive = this.decisive;
            int result = otherwise;
            for (Condition operand : operands) {
                int value = operand.prune(partitions);
                if (value == decisive) {
                    return decisive;
                }
                result = value == Truth.UNKNOWN ? Truth.UNKNOWN : result;
            }
            return result;
        }
    }

    /** not. */
    final class Negation implements Condition {
        private final Condition operand;

        Negation(Condition operand) {
            this.operand = operand;
        }

        @Override
        public int test(Object[] row) {
            return Truth.not(operand.test(row));
        }

        @Override
        public int test(Map<String, ?> row) {
            return Truth.not(operand.test(row));
        }

        @Override
        public int prune(Partitions partitions) {
            return Truth.not(operand.prune(partitions));
        }
    }

    /**
     * A predicate on one column. Pruning evaluates it on the file's partition text, and answers unknown
     * whenever that is not certain to give the same answer as the rows' values.
     */
    abstract sealed class Leaf implements Condition permits Compare, InList, Range, NullCheck, Match {
        private final Expression.ColumnPredicate source;
        private final ColumnRef column;
        private final int index;
        private final String key;
        /** The truth for a null value: unknown, as for any comparison with null, but for is [not] null. */
        private final int whenNull;

        Leaf(Expression.ColumnPredicate source, Slot slot) {
            this(source, slot, Truth.UNKNOWN);
        }

        Leaf(Expression.ColumnPredicate source, Slot slot, int whenNull) {
            this.source = source;
            this.column = source.column();
            this.index = slot.index();
            this.key = slot.key();
            this.whenNull = whenNull;
        }

        /** The truth for a value that is not null; throws ComparisonException when it cannot be compared. */
        abstract int decide(Object value);

        @Override
        public final int test(Object[] row) {
            return decideInRow(row[index]);
        }

        @Override
        public final int test(Map<String, ?> row) {
            return decideInRow(row.get(key));
        }

        /** The truth for a row's value, null included: a value that cannot be compared fails the read. */
        private int decideInRow(Object value) {
            if (value == null) {
                return whenNull;
            }
            try {
                return decide(value);
            } catch (ComparisonException e) {
                throw failure(e, value);
            }
        }

        /**
         * Decides on the partition text only when every value a reader could make of it (the text, or the
         * number, boolean, date or timestamp it reads as) gives the same answer; a value that cannot be
         * compared makes it unknown too, so that the file is read and the problem reported.
         */
        @Override
        public final int prune(Partitions partitions) {
            List<Object> readings = partitions.readingsOf(column);
            if (readings.isEmpty()) {
                return Truth.UNKNOWN;
            }
            int agreed = -1;
            for (Object reading : readings) {
                int truth;
                try {
                    truth = decide(reading);
                } catch (ComparisonException e) {
                    return Truth.UNKNOWN;
                }
                if (agreed >= 0 && truth != agreed) {
                    return Truth.UNKNOWN;
                }
                agreed = truth;
            }
            return agreed;
        }

        private SpateException failure(ComparisonException e, Object value) {
            String where = "filter \"" + source.render() + "\": ";
            if (e.isBadText()) {
                return SpateException.data(where + "value \"" + value + "\" of column \"" + key + "\" " + e.getMessage());
            }
            return SpateException.config(where + "column \"" + key + "\" " + e.getMessage());
        }
    }

    /** column op literal. */
    final class Compare extends Leaf {
        private final Operator operator;
        private final Operand operand;

        Compare(Expression.ColumnPredicate source, Slot slot, Operator operator, Operand operand) {
            super(source, slot);
            this.operator = operator;
            this.operand = operand;
        }

        @Override
        int decide(Object value) {
            int order = operand.compare(value);
            return order == Operand.UNKNOWN_ORDER ? Truth.UNKNOWN : Truth.of(operator.holds(order));
        }
    }

    /** column in (...): true when one equals, else unknown when a comparison is unknown (a null in the list). */
    final class InList extends Leaf {
        private final Operand[] operands;
        private final boolean negated;
        /** When every value is an integer: them sorted, to look integral values up by binary search. */
        private final long[] sortedIntegers;
        /** When every value is text: them, to look text values up by hash. */
        private final Set<String> strings;

        InList(Expression.ColumnPredicate source, Slot slot, List<Literal> values, boolean negated) {
            super(source, slot);
            this.operands = values.stream().map(Operand::of).toArray(Operand[]::new);
            this.negated = negated;
            this.sortedIntegers = values.stream().allMatch(v -> v instanceof Literal.IntegerLiteral)
                    ? values.stream().mapToLong(v -> ((Literal.IntegerLiteral) v).value()).sorted().toArray()
                    : null;
            this.strings = values.stream().allMatch(v -> v instanceof Literal.StringLiteral)
                    ? values.stream().map(v -> ((Literal.StringLiteral) v).value()).collect(Collectors.toUnmodifiableSet())
                    : null;
        }

        @Override
        int decide(Object value) {
            int result;
            if (sortedIntegers != null && (value instanceof Long || value instanceof Integer || value instanceof Short
                    || value instanceof Byte)) {
                result = Truth.of(Arrays.binarySearch(sortedIntegers, ((Number) value).longValue()) >= 0);
            } else if (strings != null && value instanceof String text) {
                result = Truth.of(strings.contains(text));
            } else {
                result = scan(value);
            }
            return negated ? Truth.not(result) : result;
        }

        private int scan(Object value) {
            int result = Truth.FALSE;
            for (Operand operand : operands) {
                int order = operand.compare(value);
                if (order == 0) {
                    return Truth.TRUE;
                }
                if (order == Operand.UNKNOWN_ORDER) {
                    result = Truth.UNKNOWN;
                }
            }
            return result;
        }
    }

    /** column between low and high: low <= column and column <= high. */
    final class Range extends Leaf {
        private final Operand low;
        private final Operand high;
        private final boolean negated;

        Range(Expression.ColumnPredicate source, Slot slot, Operand low, Operand high, boolean negated) {
            super(source, slot);
            this.low = low;
            this.high = high;
            this.negated = negated;
        }

        @Override
        int decide(Object value) {
            int fromLow = low.compare(value);
            int toHigh = high.compare(value);
            int aboveLow = fromLow == Operand.UNKNOWN_ORDER ? Truth.UNKNOWN : Truth.of(fromLow >= 0);
            int belowHigh = toHigh == Operand.UNKNOWN_ORDER ? Truth.UNKNOWN : Truth.of(toHigh <= 0);
            int result = aboveLow == Truth.FALSE || belowHigh == Truth.FALSE ? Truth.FALSE
                    : aboveLow == Truth.UNKNOWN || belowHigh == Truth.UNKNOWN ? Truth.UNKNOWN : Truth.TRUE;
            return negated ? Truth.not(result) : result;
        }
    }

    /** column is [not] null: never unknown. */
    final class NullCheck extends Leaf {
        private final boolean negated;

        NullCheck(Expression.ColumnPredicate source, Slot slot, boolean negated) {
            super(source, slot, Truth.of(!negated));
            this.negated = negated;
        }

        @Override
        int decide(Object value) {
            return Truth.of(negated);
        }
    }

    /** column [not] like pattern, on the value's text. */
    final class Match extends Leaf {
        private final LikePattern pattern;
        private final boolean negated;

        Match(Expression.ColumnPredicate source, Slot slot, LikePattern pattern, boolean negated) {
            super(source, slot);
            this.pattern = pattern;
            this.negated = negated;
        }

        @Override
        int decide(Object value) {
            boolean matches = value instanceof CharSequence text ? pattern.matches(text) : pattern.matches(String.valueOf(value));
            return Truth.of(matches != negated);
        }
    }
}
