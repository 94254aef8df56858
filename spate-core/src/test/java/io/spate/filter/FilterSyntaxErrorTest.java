package io.spate.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.spate.sdk.SpateException;
import org.junit.jupiter.api.Test;

/** Every syntax error is CONFIG, names the problem and its column, and shows the text with a caret under it. */
class FilterSyntaxErrorTest {

    static String error(String text) {
        SpateException e = catchThrowableOfType(() -> Filter.parse(text), SpateException.class);
        assertThat(e).as(text).isNotNull();
        assertThat(e.category()).isEqualTo(SpateException.Category.CONFIG);
        return e.getMessage();
    }

    @Test
    void anEmptyFilterSaysWhatToWrite() {
        assertThat(error("")).isEqualTo("filter: is empty; write a condition such as year = 2024, or leave the option out");
        assertThat(error(" \n ")).isEqualTo("filter: is empty; write a condition such as year = 2024, or leave the option out");
    }

    @Test
    void aMissingValueIsShownWhereItShouldBe() {
        assertThat(error("year = and month = 1")).isEqualTo("""
                filter: expected a value after "=" but found "and" at column 8: year = and month = 1
                                                                                       ^""");
    }

    @Test
    void aDanglingAndWantsAnotherCondition() {
        assertThat(error("year = 2024 and")).isEqualTo("""
                filter: expected a column name but found end of filter at column 16: year = 2024 and
                                                                                                    ^""");
    }

    @Test
    void twoConditionsNeedAnAndOrAnOr() {
        assertThat(error("year = 2024 month = 1")).isEqualTo("""
                filter: expected and, or or the end of the filter but found "month" at column 13: year = 2024 month = 1
                                                                                                              ^""");
    }

    @Test
    void anUnclosedParenthesisNamesWhereItOpened() {
        assertThat(error("(year = 2024")).isEqualTo("""
                filter: expected ")" to close the "(" at column 1 but found end of filter at column 13: (year = 2024
                                                                                                                    ^""");
    }

    @Test
    void anUnmatchedClosingParenthesis() {
        assertThat(error("year = 2024)")).isEqualTo("""
                filter: unmatched ")" at column 12: year = 2024)
                                                               ^""");
    }

    @Test
    void aMissingOperatorListsTheOperators() {
        assertThat(error("year 2024")).isEqualTo("""
                filter: expected an operator (=, !=, <>, <, <=, >, >=, in, not in, between, is, like) after the column year but found "2024" at column 6: year 2024
                                                                                                                                                               ^""");
    }

    @Test
    void aBareWordAsValueSuggestsSingleQuotes() {
        assertThat(error("year = abc")).isEqualTo("""
                filter: expected a value after "=" but found "abc" (text goes in single quotes: 'abc'; comparing two columns is not supported) at column 8: year = abc
                                                                                                                                                                   ^""");
    }

    @Test
    void aDoubleQuotedValueSuggestsSingleQuotes() {
        assertThat(error("year = \"abc\"")).isEqualTo("""
                filter: expected a value after "=" but found ""abc"" (double quotes name a column; text goes in single quotes: 'abc') at column 8: year = "abc"
                                                                                                                                                          ^""");
    }

    @Test
    void anUnterminatedStringPointsAtItsStart() {
        assertThat(error("name = 'abc")).isEqualTo("""
                filter: unterminated string (close it with ') at column 8: name = 'abc
                                                                                  ^""");
    }

    @Test
    void anUnterminatedQuotedNamePointsAtItsStart() {
        assertThat(error("\"name = 1")).isEqualTo("""
                filter: unterminated quoted name (close it with ") at column 1: "name = 1
                                                                                ^""");
    }

    @Test
    void doubleEqualsSaysToUseOne() {
        assertThat(error("year == 2024")).isEqualTo("""
                filter: unexpected "==" (compare with =) at column 6: year == 2024
                                                                           ^""");
    }

    @Test
    void anUnknownCharacterIsNamed() {
        assertThat(error("year = 2024 # c")).isEqualTo("""
                filter: unexpected character "#" at column 13: year = 2024 # c
                                                                           ^""");
    }

    @Test
    void aValueFirstSaysConditionsStartWithTheColumn() {
        assertThat(error("2024 = year")).isEqualTo("""
                filter: expected a column name but found "2024" (a condition starts with the column: year = 2024) at column 1: 2024 = year
                                                                                                                               ^""");
    }

    @Test
    void aKeywordAsColumnSuggestsQuoting() {
        assertThat(error("and = 1")).isEqualTo("""
                filter: expected a column name but found "and" (quote a column named like a keyword: "and") at column 1: and = 1
                                                                                                                         ^""");
    }

    @Test
    void inNeedsAParenthesizedList() {
        assertThat(error("year in 1, 2")).isEqualTo("""
                filter: expected "(" after "in" but found "1" at column 9: year in 1, 2
                                                                                   ^""");
    }

    @Test
    void anEmptyInListIsRejected() {
        assertThat(error("year in ()")).isEqualTo("""
                filter: expected a value in the list but found ")" at column 10: year in ()
                                                                                          ^""");
    }

    @Test
    void anUnclosedInList() {
        assertThat(error("year in (1, 2")).isEqualTo("""
                filter: expected ")" or "," in the list but found end of filter at column 14: year in (1, 2
                                                                                                           ^""");
    }

    @Test
    void betweenNeedsAnd() {
        assertThat(error("year between 1 or 2")).isEqualTo("""
                filter: expected "and" between the two values of between but found "or" at column 16: year between 1 or 2
                                                                                                                     ^""");
    }

    @Test
    void isNeedsNull() {
        assertThat(error("year is not 5")).isEqualTo("""
                filter: expected null after "is not" but found "5" at column 13: year is not 5
                                                                                             ^""");
    }

    @Test
    void notNeedsInBetweenOrLike() {
        assertThat(error("year not = 1")).isEqualTo("""
                filter: expected in, between or like after "not" but found "=" at column 10: year not = 1
                                                                                                      ^""");
    }

    @Test
    void anInvalidDateSaysWhy() {
        assertThat(error("d = date '2024-02-30'")).isEqualTo("""
                filter: invalid date '2024-02-30': it is not a valid date at column 10: d = date '2024-02-30'
                                                                                                 ^""");
    }

    @Test
    void anInvalidTimestampSaysWhy() {
        assertThat(error("t = timestamp 'soon'")).isEqualTo("""
                filter: invalid timestamp 'soon': it is not a date-time (yyyy-MM-dd HH:mm:ss[.ffffff]) at column 15: t = timestamp 'soon'
                                                                                                                                   ^""");
    }

    @Test
    void likeNeedsAQuotedPattern() {
        assertThat(error("n like x")).isEqualTo("""
                filter: expected a pattern in single quotes after "like" but found "x" at column 8: n like x
                                                                                                           ^""");
    }

    @Test
    void escapeIsOneCharacter() {
        assertThat(error("n like 'a' escape 'ab'")).isEqualTo("""
                filter: expected one character in single quotes after "escape" but found 'ab' at column 19: n like 'a' escape 'ab'
                                                                                                                              ^""");
    }

    @Test
    void aPatternMayNotEndWithItsEscape() {
        assertThat(error("n like 'a!' escape '!'")).isEqualTo("""
                filter: the like pattern ends with its escape character at column 8: n like 'a!' escape '!'
                                                                                            ^""");
    }

    @Test
    void aNumberRunningIntoLettersIsNotAName() {
        assertThat(error("year = 12abc")).isEqualTo("""
                filter: "12abc" is not a number (names start with a letter or _; quote other names in double quotes) at column 8: year = 12abc
                                                                                                                                         ^""");
    }

    @Test
    void anEmptyGroupWantsACondition() {
        assertThat(error("a = 1 and (b = 2 or)")).isEqualTo("""
                filter: expected a column name but found ")" at column 20: a = 1 and (b = 2 or)
                                                                                              ^""");
    }

    @Test
    void lineBreaksAreShownAsSpacesSoTheCaretLinesUp() {
        assertThat(error("x = 'two\nlines' and and")).isEqualTo("""
                filter: expected a column name but found "and" (quote a column named like a keyword: "and") at column 21: x = 'two lines' and and
                                                                                                                                              ^""");
    }

    @Test
    void nestingIsBoundedSoThatNoTextExhaustsTheStack() {
        String deep = "(".repeat(FilterParser.MAX_DEPTH) + "a = 1" + ")".repeat(FilterParser.MAX_DEPTH);
        assertThat(Filter.parse(deep).toString()).isEqualTo("a = 1");
        assertThat(error("(" + deep + ")")).startsWith("filter: more than 200 nested parentheses and nots at column 201: ");
        assertThat(error("not ".repeat(201) + "a = 1")).startsWith("filter: more than 200 nested parentheses and nots at column 801: ");
    }
}
