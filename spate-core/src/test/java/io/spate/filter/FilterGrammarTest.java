package io.spate.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.filter.Expression.And;
import io.spate.filter.Expression.Between;
import io.spate.filter.Expression.Comparison;
import io.spate.filter.Expression.In;
import io.spate.filter.Expression.IsNull;
import io.spate.filter.Expression.Like;
import io.spate.filter.Expression.Not;
import io.spate.filter.Expression.Or;
import io.spate.filter.Literal.BooleanLiteral;
import io.spate.filter.Literal.DateLiteral;
import io.spate.filter.Literal.DecimalLiteral;
import io.spate.filter.Literal.InstantLiteral;
import io.spate.filter.Literal.IntegerLiteral;
import io.spate.filter.Literal.NullLiteral;
import io.spate.filter.Literal.StringLiteral;
import io.spate.filter.Literal.TimestampLiteral;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FilterGrammarTest {

    static ColumnRef col(String name) {
        return new ColumnRef(name, false);
    }

    static Comparison eq(String column, long value) {
        return new Comparison(col(column), Operator.EQUAL, new IntegerLiteral(value));
    }

    static Expression parse(String text) {
        return Filter.parse(text).expression();
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        assertThat(parse("a = 1 or b = 2 and not c = 3"))
                .isEqualTo(new Or(List.of(eq("a", 1), new And(List.of(eq("b", 2), new Not(eq("c", 3)))))));
        assertThat(parse("not a = 1 and b = 2")).isEqualTo(new And(List.of(new Not(eq("a", 1)), eq("b", 2))));
    }

    @Test
    void parenthesesGroup() {
        assertThat(parse("(a = 1 or b = 2) and c = 3"))
                .isEqualTo(new And(List.of(new Or(List.of(eq("a", 1), eq("b", 2))), eq("c", 3))));
        assertThat(parse("not (a = 1 and b = 2)")).isEqualTo(new Not(new And(List.of(eq("a", 1), eq("b", 2)))));
        assertThat(parse("((a = 1))")).isEqualTo(eq("a", 1));
    }

    @Test
    void chainsOfAndAndOrAreFlattened() {
        assertThat(parse("a = 1 and (b = 2 and c = 3) and d = 4"))
                .isEqualTo(new And(List.of(eq("a", 1), eq("b", 2), eq("c", 3), eq("d", 4))));
        assertThat(parse("a = 1 or b = 2 or (c = 3 or d = 4)"))
                .isEqualTo(new Or(List.of(eq("a", 1), eq("b", 2), eq("c", 3), eq("d", 4))));
    }

    @Test
    void everyComparisonOperatorParses() {
        assertThat(List.of("=", "!=", "<>", "<", "<=", ">", ">=").stream()
                .map(op -> ((Comparison) parse("a " + op + " 1")).operator()).toList())
                .containsExactly(Operator.EQUAL, Operator.NOT_EQUAL, Operator.NOT_EQUAL, Operator.LESS,
                        Operator.LESS_OR_EQUAL, Operator.GREATER, Operator.GREATER_OR_EQUAL);
        assertThat(parse("a>=1")).isEqualTo(new Comparison(col("a"), Operator.GREATER_OR_EQUAL, new IntegerLiteral(1)));
    }

    @Test
    void everyLiteralHasItsType() {
        assertThat(value("a = 2024")).isEqualTo(new IntegerLiteral(2024));
        assertThat(value("a = -5")).isEqualTo(new IntegerLiteral(-5));
        assertThat(value("a = +5")).isEqualTo(new IntegerLiteral(5));
        assertThat(value("a = 12.50")).isEqualTo(new DecimalLiteral(new BigDecimal("12.50")));
        assertThat(value("a = -.5")).isEqualTo(new DecimalLiteral(new BigDecimal("-0.5")));
        assertThat(value("a = 1e3")).isEqualTo(new DecimalLiteral(new BigDecimal("1e3")));
        assertThat(value("a = 99999999999999999999")).isEqualTo(new DecimalLiteral(new BigDecimal("99999999999999999999")));
        assertThat(value("a = 'it''s'")).isEqualTo(new StringLiteral("it's"));
        assertThat(value("a = ''")).isEqualTo(new StringLiteral(""));
        assertThat(value("a = TRUE")).isEqualTo(new BooleanLiteral(true));
        assertThat(value("a = false")).isEqualTo(new BooleanLiteral(false));
        assertThat(value("a = NULL")).isEqualTo(new NullLiteral());
        assertThat(value("a = DATE '2024-01-31'")).isEqualTo(new DateLiteral(LocalDate.of(2024, 1, 31)));
        assertThat(value("a = timestamp '2024-01-31 10:00:00'"))
                .isEqualTo(new TimestampLiteral(LocalDateTime.of(2024, 1, 31, 10, 0)));
        assertThat(value("a = timestamp '2024-01-31T10:00:00.25'"))
                .isEqualTo(new TimestampLiteral(LocalDateTime.of(2024, 1, 31, 10, 0, 0, 250_000_000)));
        assertThat(value("a = timestamp '2024-01-31 10:00:00+02:00'"))
                .isEqualTo(new InstantLiteral(Instant.parse("2024-01-31T08:00:00Z")));
        assertThat(value("a = timestamp '2024-01-31T10:00:00Z'"))
                .isEqualTo(new InstantLiteral(Instant.parse("2024-01-31T10:00:00Z")));
    }

    static Literal value(String text) {
        return ((Comparison) parse(text)).value();
    }

    @Test
    void inBetweenIsNullAndLikeParseWithTheirNegations() {
        assertThat(parse("a in (1, 'x', null)"))
                .isEqualTo(new In(col("a"), List.of(new IntegerLiteral(1), new StringLiteral("x"), new NullLiteral()), false));
        assertThat(parse("a not in (1)")).isEqualTo(new In(col("a"), List.of(new IntegerLiteral(1)), true));
        assertThat(parse("a between 1 and 10 and b = 2")).isEqualTo(new And(List.of(
                new Between(col("a"), new IntegerLiteral(1), new IntegerLiteral(10), false), eq("b", 2))));
        assertThat(parse("a not between date '2024-01-01' and date '2024-12-31'")).isEqualTo(new Between(col("a"),
                new DateLiteral(LocalDate.of(2024, 1, 1)), new DateLiteral(LocalDate.of(2024, 12, 31)), true));
        assertThat(parse("a is null")).isEqualTo(new IsNull(col("a"), false));
        assertThat(parse("a IS NOT NULL")).isEqualTo(new IsNull(col("a"), true));
        assertThat(parse("a like 'x%'")).isEqualTo(new Like(col("a"), "x%", Optional.empty(), false));
        assertThat(parse("a not like 'x!%%' escape '!'")).isEqualTo(new Like(col("a"), "x!%%", Optional.of('!'), true));
    }

    @Test
    void aColumnAloneIsABooleanCondition() {
        Comparison deleted = new Comparison(col("deleted"), Operator.EQUAL, new BooleanLiteral(true));
        assertThat(parse("deleted")).isEqualTo(deleted);
        assertThat(parse("not deleted and a = 1")).isEqualTo(new And(List.of(new Not(deleted), eq("a", 1))));
        assertThat(parse("(a = 1 or deleted)")).isEqualTo(new Or(List.of(eq("a", 1), deleted)));
    }

    @Test
    void keywordsAreCaseInsensitive() {
        assertThat(parse("A = 1 AnD b NOT In (2) Or c Is Not Null"))
                .isEqualTo(parse("A = 1 and b not in (2) or c is not null"));
    }

    @Test
    void quotedNamesMayHoldAnythingAndKeepTheirCase() {
        assertThat(parse("\"weird name\" = 1")).isEqualTo(new Comparison(new ColumnRef("weird name", true),
                Operator.EQUAL, new IntegerLiteral(1)));
        assertThat(((Comparison) parse("\"say \"\"hi\"\"\" = 1")).column()).isEqualTo(new ColumnRef("say \"hi\"", true));
        assertThat(((IsNull) parse("\"and\" is null")).column()).isEqualTo(new ColumnRef("and", true));
    }

    @Test
    void dateAndTimestampAreColumnNamesUnlessAStringFollows() {
        assertThat(parse("date = date '2024-01-31'")).isEqualTo(new Comparison(col("date"), Operator.EQUAL,
                new DateLiteral(LocalDate.of(2024, 1, 31))));
        assertThat(parse("timestamp is null")).isEqualTo(new IsNull(col("timestamp"), false));
    }

    @Test
    void bareNamesHoldLettersDigitsAndUnderscores() {
        assertThat(Filter.parse("_order_id2 = 1 and größe > 2").columns())
                .containsExactly(col("_order_id2"), col("größe"));
    }

    @Test
    void whitespaceAndLineBreaksSeparateTokens() {
        assertThat(parse("  a=1\n\tand\r\nb<>2 ")).isEqualTo(new And(List.of(eq("a", 1),
                new Comparison(col("b"), Operator.NOT_EQUAL, new IntegerLiteral(2)))));
    }

    @Test
    void renderWritesTextThatParsesBackToTheSameTree() {
        String[] filters = {
                "a = 1 or b = 2 and not c = 3",
                "(a = 1 or b = 2) and not (c = 3 and d = 4)",
                "\"weird name\" in ('x''y', null, -1.50) and \"and\" is not null",
                "ts between timestamp '2024-01-31 10:00:00.5' and timestamp '2024-02-01T00:00:00+01:00'",
                "d not between date '2024-01-01' and date '2024-12-31' or flag = true",
                "name not like 'a!_%' escape '!' and other like '%'",
        };
        for (String text : filters) {
            Filter filter = Filter.parse(text);
            assertThat(Filter.parse(filter.toString())).as(text).isEqualTo(filter);
        }
        assertThat(Filter.parse("(A = 1 OR b=2) AND NOT c<>3").toString()).isEqualTo("(A = 1 or b = 2) and not c <> 3");
    }

    @Test
    void columnsListsEachNameOnceInOrder() {
        assertThat(Filter.parse("b = 1 and (a = 2 or b = 3) and \"b\" is null").columns())
                .containsExactly(col("b"), col("a"), new ColumnRef("b", true));
    }
}
