package io.spate.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.spate.sdk.SpateException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowPredicateTest {

    /** Whether a one-column row {v: value} passes; checks that positional and map rows agree. */
    static boolean passes(String filter, Object value) {
        RowPredicate predicate = Filter.parse(filter).bind(List.of("v"));
        boolean positional = predicate.test(new Object[] {value});
        Map<String, Object> row = new HashMap<>();
        row.put("v", value);
        assertThat(predicate.test(row)).as("map row of %s with %s", filter, value).isEqualTo(positional);
        return positional;
    }

    /** The outcomes of v = lit, v <> lit, v < lit, v <= lit, v > lit, v >= lit. */
    static List<Boolean> outcomes(Object value, String literal) {
        List<Boolean> result = new ArrayList<>();
        for (String op : List.of("=", "<>", "<", "<=", ">", ">=")) {
            result.add(passes("v " + op + " " + literal, value));
        }
        return result;
    }

    static final List<Boolean> BELOW = List.of(false, true, true, true, false, false);
    static final List<Boolean> EQUAL = List.of(true, false, false, true, false, true);
    static final List<Boolean> ABOVE = List.of(false, true, false, false, true, true);

    /** Checks every operator for a value below, equal to and above the literal. */
    static void ordered(String literal, Object below, Object equal, Object above) {
        assertThat(outcomes(below, literal)).as("%s below %s", below, literal).isEqualTo(BELOW);
        assertThat(outcomes(equal, literal)).as("%s equal to %s", equal, literal).isEqualTo(EQUAL);
        assertThat(outcomes(above, literal)).as("%s above %s", above, literal).isEqualTo(ABOVE);
    }

    @Test
    void everyOperatorOnIntegers() {
        ordered("2024", 2023L, 2024L, 2025L);
        ordered("2024", 2023, 2024, 2025);
        ordered("100", (short) 99, (short) 100, (short) 101);
        ordered("-5", (byte) -6, (byte) -5, (byte) 0);
        ordered("2024", BigInteger.valueOf(2023), BigInteger.valueOf(2024), new BigInteger("99999999999999999999"));
    }

    @Test
    void everyOperatorOnDecimalsComparesExactly() {
        ordered("12.50", new BigDecimal("12.49"), new BigDecimal("12.5"), new BigDecimal("12.500001"));
        ordered("1.5", 1L, new BigDecimal("1.50"), 2L);
        ordered("-1.5", -2L, -1.5d, -1L);
        ordered("99999999999999999999", Long.MAX_VALUE, new BigDecimal("99999999999999999999"), 1.1e20);
        ordered("-99999999999999999999", -1.1e20, new BigDecimal("-99999999999999999999"), Long.MIN_VALUE);
        ordered("1e3", 999L, 1000, 1000.5);
    }

    @Test
    void floatingPointComparesWithTheLiteralRoundedToItsPrecision() {
        assertThat(outcomes(1e20, "99999999999999999999")).as("as PostgreSQL compares float8 with numeric").isEqualTo(EQUAL);
        assertThat(outcomes(0.1f, "0.1")).isEqualTo(EQUAL);
        assertThat(outcomes((double) 0.1f, "0.1")).isEqualTo(ABOVE);
    }

    @Test
    void everyOperatorOnFloatingPoint() {
        ordered("0.1", 0.09999, 0.1d, 0.10001);
        ordered("0.1", 0.09f, 0.1f, 0.11f);
        ordered("3", 2.999999, 3.0d, 3.000001);
        ordered("9007199254740993", 9007199254740992.0, 9007199254740993L, 9007199254740994.0);
        ordered("0", Double.NEGATIVE_INFINITY, -0.0d, Double.MIN_VALUE);
        assertThat(outcomes(Double.NaN, "1e308")).as("NaN sorts above every number").isEqualTo(ABOVE);
        assertThat(outcomes(Float.NaN, "1")).isEqualTo(ABOVE);
    }

    @Test
    void everyOperatorOnText() {
        ordered("'m'", "a", "m", "z");
        ordered("'it''s'", "it", "it's", "its");
        assertThat(outcomes("", "''")).isEqualTo(EQUAL);
        assertThat(outcomes(" ", "''")).isEqualTo(ABOVE);
        ordered("'B'", "A", "B", "a");
        ordered("'x'", new StringBuilder("w"), new StringBuilder("x"), new StringBuilder("y"));
    }

    @Test
    void everyOperatorOnBooleans() {
        assertThat(outcomes(false, "true")).isEqualTo(BELOW);
        assertThat(outcomes(true, "true")).isEqualTo(EQUAL);
        assertThat(outcomes(true, "false")).isEqualTo(ABOVE);
    }

    @Test
    void everyOperatorOnDatesAndTimestamps() {
        ordered("date '2024-01-31'", LocalDate.of(2024, 1, 30), LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 1));
        ordered("timestamp '2024-01-31 10:00:00'", LocalDateTime.of(2024, 1, 31, 9, 59, 59, 999_999_999),
                LocalDateTime.of(2024, 1, 31, 10, 0), LocalDateTime.of(2024, 1, 31, 10, 0, 0, 1000));
        ordered("timestamp '2024-01-31 10:00:00+02:00'", Instant.parse("2024-01-31T07:59:59Z"),
                Instant.parse("2024-01-31T08:00:00Z"), Instant.parse("2024-01-31T08:00:00.000001Z"));
        ordered("timestamp '2024-01-31T08:00:00Z'", OffsetDateTime.parse("2024-01-31T09:59:59+02:00"),
                OffsetDateTime.parse("2024-01-31T10:00:00+02:00"), ZonedDateTime.of(2024, 1, 31, 3, 1, 0, 0, ZoneId.of("America/New_York")));
    }

    @Test
    void jdbcDatesAndTimestampsCompareAsTheRuntimeReadsThem() {
        ordered("date '2024-01-31'", java.sql.Date.valueOf("2024-01-30"), java.sql.Date.valueOf("2024-01-31"),
                java.sql.Date.valueOf("2024-02-01"));
        ordered("timestamp '2024-01-31 10:00:00'", java.sql.Timestamp.valueOf("2024-01-31 09:59:59"),
                java.sql.Timestamp.valueOf("2024-01-31 10:00:00"), java.sql.Timestamp.valueOf("2024-01-31 10:00:00.000001"));
        ordered("timestamp '2024-01-31T10:00:00Z'", java.util.Date.from(Instant.parse("2024-01-31T09:59:59Z")),
                java.util.Date.from(Instant.parse("2024-01-31T10:00:00Z")), java.util.Date.from(Instant.parse("2024-01-31T10:00:01Z")));
        assertThat(outcomes(java.sql.Date.valueOf("2024-01-31"), "'2024-01-31'")).isEqualTo(EQUAL);
    }

    @Test
    void datesAndTimestampsCompareAcrossKindsWithNaiveTimesAsUtc() {
        ordered("date '2024-01-31'", LocalDateTime.of(2024, 1, 30, 23, 59), LocalDateTime.of(2024, 1, 31, 0, 0),
                LocalDateTime.of(2024, 1, 31, 0, 0, 1));
        ordered("timestamp '2024-01-31 00:00:00'", LocalDate.of(2024, 1, 30), LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 1));
        ordered("timestamp '2024-01-31 10:00:00'", Instant.parse("2024-01-31T09:00:00Z"), Instant.parse("2024-01-31T10:00:00Z"),
                Instant.parse("2024-01-31T11:00:00Z"));
        ordered("timestamp '2024-01-31 12:00:00+02:00'", LocalDateTime.of(2024, 1, 31, 9, 0), LocalDateTime.of(2024, 1, 31, 10, 0),
                LocalDate.of(2024, 2, 1));
    }

    @Test
    void textIsComparedAsTheLiteralsType() {
        ordered("2024", "2023", "2024", "2025");
        ordered("9", "8", " 9 ", "10"); // as text "10" < "9"; as numbers it is above
        ordered("2024", "-1", "02024", "2024.5");
        ordered("12.5", "12.49", "12.50", "1e2");
        ordered("99999999999999999999", "99999999999999999998", "99999999999999999999.000", "123456789012345678901234567890");
        ordered("1000", "999.999", "1e3", "Infinity");
        ordered("1.5", "1", "+1.5", "2");
        ordered("5", "4.99", "5.", "5.000000000000000001");
        ordered("-0.05", "-.051", "-.05", "0");
        ordered("123456789012.123456", "123456789012.123455", "123456789012.1234560", "123456789012.12346");
        ordered("0.000000000000000001", "0", "0.000000000000000001", "0.0000000000000000011");
        ordered("date '2024-01-31'", "2024-01-30", "2024-01-31", "2024-01-31 00:00:01");
        ordered("timestamp '2024-01-31 10:00:00'", "2024-01-31 09:59:59.999999", "2024-01-31T10:00:00", "2024-01-31T10:00:00.000001");
        ordered("timestamp '2024-01-31 10:00:00+02:00'", "2024-01-31T07:00:00Z", "2024-01-31 08:00:00", "2024-01-31T10:00:00+01:00");
        assertThat(outcomes("no", "true")).isEqualTo(BELOW);
        assertThat(outcomes("T", "true")).isEqualTo(EQUAL);
        assertThat(outcomes("yes", "false")).isEqualTo(ABOVE);
    }

    @Test
    void typedValuesReadATextLiteralAsTheirType() {
        ordered("'2024'", 2023L, 2024, 2025.0);
        ordered("'12.5'", new BigDecimal("12.4"), new BigDecimal("12.50"), 13L);
        ordered("'2024-01-31'", LocalDate.of(2024, 1, 30), LocalDate.of(2024, 1, 31), LocalDateTime.of(2024, 1, 31, 0, 0, 1));
        ordered("'2024-01-31 10:00:00'", LocalDateTime.of(2024, 1, 31, 9, 0), Instant.parse("2024-01-31T10:00:00Z"),
                LocalDateTime.of(2024, 1, 31, 11, 0));
        assertThat(outcomes(true, "'yes'")).isEqualTo(EQUAL);
    }

    @Test
    void blankTextAgainstATypedLiteralCountsAsNull() {
        for (String filter : List.of("v = 5", "v <> 5", "v = date '2024-01-31'", "v = true", "not v = 5", "v in (5)", "v not in (5)",
                "v between 1 and 5", "v not between 1 and 5")) {
            assertThat(passes(filter, "")).as(filter).isFalse();
            assertThat(passes(filter, "   ")).as(filter).isFalse();
        }
        assertThat(passes("v = ''", "")).isTrue();
        assertThat(passes("v is null", "")).as("only a real null is null").isFalse();
    }

    @Test
    void textThatIsNotTheLiteralsTypeIsBadData() {
        assertDataError("amount > 10", "n/a", "filter \"amount > 10\": value \"n/a\" of column \"amount\" is not a number");
        assertDataError("amount in (1, 2)", "1,5", "filter \"amount in (1, 2)\": value \"1,5\" of column \"amount\" is not a number");
        assertDataError("amount = date '2024-01-31'", "31/01/2024",
                "filter \"amount = date '2024-01-31'\": value \"31/01/2024\" of column \"amount\" is not a date (yyyy-MM-dd)");
        assertDataError("amount < timestamp '2024-01-31 10:00:00'", "yesterday", "filter \"amount < timestamp '2024-01-31 10:00:00'\": "
                + "value \"yesterday\" of column \"amount\" is not a timestamp (yyyy-MM-dd HH:mm:ss[.ffffff][+hh:mm])");
        assertDataError("amount = true", "maybe",
                "filter \"amount = true\": value \"maybe\" of column \"amount\" is not a boolean (true/false)");
    }

    static void assertDataError(String filter, Object value, String message) {
        RowPredicate predicate = Filter.parse(filter).bind(List.of("amount"));
        SpateException e = catchThrowableOfType(() -> predicate.test(new Object[] {value}), SpateException.class);
        assertThat(e).hasMessage(message);
        assertThat(e.category()).isEqualTo(SpateException.Category.DATA);
    }

    @Test
    void typedValuesOfAnotherKindAreAConfigurationError() {
        assertConfigError("active = 2024", true,
                "filter \"active = 2024\": column \"active\" is a boolean (true) and cannot be compared with 2024");
        assertConfigError("active = date '2024-01-31'", 5L,
                "filter \"active = date '2024-01-31'\": column \"active\" is a number (5) and cannot be compared with date '2024-01-31'");
        assertConfigError("active < 'abc'", 5L, "filter \"active < 'abc'\": column \"active\" is a number (5) and cannot be compared"
                + " with 'abc', which is not a number");
        assertConfigError("active = 'soon'", LocalDate.of(2024, 1, 31), "filter \"active = 'soon'\": column \"active\" is a date"
                + " (2024-01-31) and cannot be compared with 'soon', which is not a date or timestamp");
        assertConfigError("active = true", new byte[] {1}, "filter \"active = true\": column \"active\" is a byte[] and cannot be"
                + " compared with true");
    }

    static void assertConfigError(String filter, Object value, String message) {
        RowPredicate predicate = Filter.parse(filter).bind(List.of("active"));
        SpateException e = catchThrowableOfType(() -> predicate.test(new Object[] {value}), SpateException.class);
        assertThat(e).hasMessage(message);
        assertThat(e.category()).isEqualTo(SpateException.Category.CONFIG);
    }

    @Test
    void comparisonsWithNullAreUnknownAndRejectTheRow() {
        for (String filter : List.of("v = 1", "v <> 1", "v < 1", "v >= 'a'", "v in (1, 2)", "v not in (1, 2)", "v between 1 and 2",
                "v not between 1 and 2", "v like '%'", "v not like 'x'", "not v = 1", "not (v = 1)", "not not v = 1")) {
            assertThat(passes(filter, null)).as(filter).isFalse();
        }
        assertThat(passes("v is null", null)).isTrue();
        assertThat(passes("v is not null", null)).isFalse();
        assertThat(passes("not v is null", null)).isFalse();
        assertThat(passes("v is not null", 0L)).isTrue();
    }

    @Test
    void theNullLiteralMakesComparisonsUnknown() {
        for (Object value : Arrays.asList(1L, "x", true, LocalDate.of(2024, 1, 31), null)) {
            assertThat(passes("v = null", value)).isFalse();
            assertThat(passes("v <> null", value)).isFalse();
            assertThat(passes("not (v = null)", value)).isFalse();
            assertThat(passes("v between null and null", value)).isFalse();
        }
        assertThat(passes("v between null and 5", 1L)).isFalse();
        assertThat(passes("v in (1, null)", 1L)).isTrue();
        assertThat(passes("v in (1, null)", 2L)).as("not found, but the null might have been it").isFalse();
        assertThat(passes("not v in (1, null)", 2L)).isFalse();
        assertThat(passes("v not in (1, null)", 2L)).as("never true with a null in the list").isFalse();
        assertThat(passes("v not in (1, null)", 1L)).isFalse();
        assertThat(passes("v not between null and 5", 7L)).as("7 > 5 decides it").isTrue();
        assertThat(passes("v between 1 and null", 0L)).as("0 < 1 decides it").isFalse();
        assertThat(passes("not v between 1 and null", 0L)).isTrue();
    }

    @Test
    void andOrNotFollowThreeValuedLogic() {
        RowPredicate predicate = Filter.parse("not (a = 1 and b = 2) or c = 3").bind(List.of("a", "b", "c"));
        // a null, b false: not (unknown and false) = true
        assertThat(predicate.test(new Object[] {null, 5L, null})).isTrue();
        // a null, b true: not (unknown and true) = unknown; or c unknown = unknown
        assertThat(predicate.test(new Object[] {null, 2L, null})).isFalse();
        // ... or c true = true
        assertThat(predicate.test(new Object[] {null, 2L, 3L})).isTrue();
        assertThat(predicate.test(new Object[] {1L, 2L, 4L})).isFalse();
        assertThat(predicate.test(new Object[] {1L, 3L, 4L})).isTrue();
        RowPredicate or = Filter.parse("a = 1 or b = 2").bind(List.of("a", "b"));
        assertThat(or.test(new Object[] {null, 2L})).isTrue();
        assertThat(or.test(new Object[] {null, 3L})).isFalse();
        RowPredicate notOr = Filter.parse("not (a = 1 or b = 2)").bind(List.of("a", "b"));
        assertThat(notOr.test(new Object[] {null, 3L})).as("not (unknown or false) is unknown").isFalse();
        assertThat(notOr.test(new Object[] {0L, 3L})).isTrue();
    }

    @Test
    void inMatchesAnyValueOfTheList() {
        assertThat(passes("v in (1, 2, 3)", 2)).isTrue();
        assertThat(passes("v in (1, 2, 3)", 4L)).isFalse();
        assertThat(passes("v not in (1, 2, 3)", 4L)).isTrue();
        assertThat(passes("v in ('a', 'b')", "b")).isTrue();
        assertThat(passes("v in (1.5, 2)", "1.50")).isTrue();
        assertThat(passes("v in (date '2024-01-31')", LocalDate.of(2024, 1, 31))).isTrue();
        assertThat(passes("v in (true)", "yes")).isTrue();
    }

    @Test
    void longInListsLookValuesUpAndAgreeWithComparingOneByOne() {
        StringBuilder integers = new StringBuilder("v in (");
        StringBuilder texts = new StringBuilder("v in (");
        for (int i = 0; i < 500; i++) {
            integers.append(i == 0 ? "" : ", ").append(i * 7 - 1000);
            texts.append(i == 0 ? "" : ", ").append("'k").append(i * 7).append('\'');
        }
        RowPredicate byNumber = Filter.parse(integers + ")").bind(List.of("v"));
        RowPredicate byText = Filter.parse(texts + ")").bind(List.of("v"));
        for (int v = -1100; v < 2600; v++) {
            boolean listed = v >= -1000 && v <= 2493 && (v + 1000) % 7 == 0;
            assertThat(byNumber.test(new Object[] {(long) v})).as("%d", v).isEqualTo(listed);
            assertThat(byNumber.test(new Object[] {v})).isEqualTo(listed);
            assertThat(byNumber.test(new Object[] {Integer.toString(v)})).as("text %d", v).isEqualTo(listed);
            assertThat(byNumber.test(new Object[] {v + 0.0})).isEqualTo(listed);
            assertThat(byText.test(new Object[] {"k" + (v + 1000)})).isEqualTo(v >= -1000 && v <= 2493 && (v + 1000) % 7 == 0);
        }
        assertThat(Filter.parse("v in ('5', 'x')").bind(List.of("v")).test(new Object[] {5L})).as("typed against text").isTrue();
    }

    @Test
    void betweenIncludesBothEnds() {
        for (long v = 0; v <= 6; v++) {
            assertThat(passes("v between 2 and 4", v)).as("%d", v).isEqualTo(v >= 2 && v <= 4);
            assertThat(passes("v not between 2 and 4", v)).as("%d", v).isEqualTo(v < 2 || v > 4);
        }
        assertThat(passes("v between 4 and 2", 3L)).as("as in SQL, an empty range").isFalse();
        assertThat(passes("v between date '2024-01-01' and date '2024-01-31'", "2024-01-31")).isTrue();
        assertThat(passes("v between 'a' and 'c'", "b")).isTrue();
    }

    @Test
    void likeMatchesWildcardsCaseSensitively() {
        assertThat(passes("v like 'abc'", "abc")).isTrue();
        assertThat(passes("v like 'abc'", "abcd")).isFalse();
        assertThat(passes("v like 'ABC'", "abc")).isFalse();
        assertThat(passes("v like 'a%'", "a")).isTrue();
        assertThat(passes("v like 'a%'", "ba")).isFalse();
        assertThat(passes("v like '%a%b%'", "xxaxxbxx")).isTrue();
        assertThat(passes("v like '%a%b'", "ab_ab_ac")).isFalse();
        assertThat(passes("v like '%a%b'", "ab_ab_ab")).isTrue();
        assertThat(passes("v like 'a_c'", "abc")).isTrue();
        assertThat(passes("v like 'a_c'", "ac")).isFalse();
        assertThat(passes("v like 'a_c'", "a😀c")).as("_ is one character, even outside the BMP").isTrue();
        assertThat(passes("v like '%'", "")).isTrue();
        assertThat(passes("v like '_'", "")).isFalse();
        assertThat(passes("v like 'a.*'", "a.*")).as("no regular expressions").isTrue();
        assertThat(passes("v like 'a.*'", "abb")).isFalse();
        assertThat(passes("v like '100\\%'", "100\\abc")).as("no escape unless declared").isTrue();
        assertThat(passes("v like '100!%' escape '!'", "100%")).isTrue();
        assertThat(passes("v like '100!%' escape '!'", "1000")).isFalse();
        assertThat(passes("v like 'a!_b!!' escape '!'", "a_b!")).isTrue();
        assertThat(passes("v like 'a!_b' escape '!'", "axb")).isFalse();
        assertThat(passes("v not like 'a%'", "ba")).isTrue();
        assertThat(passes("v like '20%'", 2024L)).as("like reads a typed value's text").isTrue();
        assertThat(passes("v like '2024-01-%'", LocalDate.of(2024, 1, 31))).isTrue();
    }

    @Test
    void likeOfALongTextWithManyWildcardsFinishes() {
        String text = "a".repeat(5_000) + "b";
        assertThat(passes("v like '%a%a%a%a%a%a%c'", text)).isFalse();
        assertThat(passes("v like '%a%a%a%a%a%a%b'", text)).isTrue();
    }

    @Test
    void bindResolvesBareNamesIgnoringCaseAndQuotedNamesExactly() {
        RowPredicate predicate = Filter.parse("YEAR = 2024 and \"Month\" = 1").bind(List.of("year", "Month", "month"));
        assertThat(predicate.test(new Object[] {2024L, 1L, 2L})).isTrue();
        assertThat(predicate.test(new Object[] {2024L, 2L, 1L})).isFalse();
        assertThat(Filter.parse("month = 1").bind(List.of("year", "Month", "month")).test(new Object[] {0L, 2L, 1L})).isTrue();
        assertThat(predicate.columns()).containsExactly("year", "Month", "month");
        assertThat(predicate.test(Map.of("year", 2024L, "Month", 1L))).isTrue();
    }

    @Test
    void bindNamesEveryUnknownColumnAndListsTheColumns() {
        assertThatThrownBy(() -> Filter.parse("yaer = 2024").bind(List.of("year", "month", "amount")))
                .isInstanceOf(SpateException.class)
                .hasMessage("filter: no column \"yaer\"; the columns are: \"year\", \"month\", \"amount\"")
                .extracting(e -> ((SpateException) e).category()).isEqualTo(SpateException.Category.CONFIG);
        assertThatThrownBy(() -> Filter.parse("yaer = 2024 and mnth = 1 or yaer = 2").bind(List.of("year", "month")))
                .hasMessage("filter: no columns \"yaer\", \"mnth\"; the columns are: \"year\", \"month\"");
        assertThatThrownBy(() -> Filter.parse("\"Year\" = 2024").bind(List.of("year")))
                .hasMessage("filter: no column \"Year\" (\"Year\" is quoted, so it matches only a column spelled exactly so;"
                        + " there is \"year\"); the columns are: \"year\"");
        assertThatThrownBy(() -> Filter.parse("x = 1").bind(List.of()))
                .hasMessage("filter: no column \"x\"; the columns are: (none)");
    }

    @Test
    void aBareNameMatchingSeveralColumnsByCaseMustBeQuoted() {
        assertThatThrownBy(() -> Filter.parse("amount > 1").bind(List.of("Amount", "AMOUNT")))
                .isInstanceOf(SpateException.class)
                .hasMessage("filter: the column name amount matches \"Amount\", \"AMOUNT\"; write it in double quotes, spelled"
                        + " exactly, to choose one");
    }

    @Test
    void mapRowsWithoutTheColumnHoldNull() {
        RowPredicate predicate = Filter.parse("note is null and amount > 1").bind(List.of("note", "amount"));
        assertThat(predicate.test(Map.of("amount", 2L))).isTrue();
        assertThat(predicate.test(Map.of("amount", 2L, "note", "x"))).isFalse();
        assertThat(predicate.test(Map.of("note", "x"))).isFalse();
    }

    @Test
    void aFilterReadsOnlyTheColumnsItNames() {
        RowPredicate predicate = Filter.parse("c = 'x'").bind(List.of("a", "b", "c", "d"));
        assertThat(predicate.test(new Object[] {new Object(), List.of(), "x", Map.of()})).isTrue();
    }

    @Test
    void testingSimpleComparisonsAllocatesNothing() {
        RowPredicate predicate = Filter.parse(
                "id > 10 and amount <= 99.5 and status in ('paid', 'shipped') and day >= date '2024-01-01'"
                        + " and created < timestamp '2030-01-01 00:00:00' and not deleted and year = 2024 and name like 'a%z'")
                .bind(List.of("id", "amount", "status", "day", "created", "deleted", "year", "name"));
        Object[][] rows = new Object[64][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[] {(long) i, new BigDecimal(i + ".25"), i % 2 == 0 ? "paid" : "new", LocalDate.of(2024, 1 + i % 12, 1),
                    LocalDateTime.of(2025, 1, 1, 0, 0), i % 3 == 0, "2024", "a" + i + "z"};
        }
        Filter.parse("deleted = false"); // load every class before measuring
        Rounds rounds = testRounds(predicate, rows);
        assertThat(rounds.passed()).as("ids 11..63, even, not a multiple of 3: 17 a round").isEqualTo(2_200L * 17);
        assertThat(rounds.allocatedBytes()).as("bytes allocated testing 128,000 rows").isLessThan(16_384);
    }

    @Test
    void testingNumbersBooleansAndTextReadFromTextAllocatesNothing() {
        RowPredicate predicate = Filter.parse("id > 10 and amount <= 99.5 and price > 1 and status in ('paid', 'shipped')"
                + " and not deleted and year = 2024").bind(List.of("id", "amount", "price", "status", "deleted", "year"));
        Object[][] rows = new Object[64][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[] {Integer.toString(i), i + ".25", i + ".5", i % 2 == 0 ? "paid" : "new", i % 3 == 0 ? "true" : "f", "2024"};
        }
        Rounds rounds = testRounds(predicate, rows);
        assertThat(rounds.passed()).isEqualTo(2_200L * 17);
        assertThat(rounds.allocatedBytes()).as("bytes allocated testing 128,000 text rows").isLessThan(16_384);
    }

    /** How many rows passed in all 2,200 rounds, and the bytes this thread allocated in the last 2,000. */
    record Rounds(long passed, long allocatedBytes) {
    }

    /** Tests the rows 200 rounds to warm up, then 2,000 rounds measuring what this thread allocates. */
    static Rounds testRounds(RowPredicate predicate, Object[][] rows) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long passed = countPassing(predicate, rows, 200);
        long before = threads.getCurrentThreadAllocatedBytes();
        passed += countPassing(predicate, rows, 2_000);
        return new Rounds(passed, threads.getCurrentThreadAllocatedBytes() - before);
    }

    private static long countPassing(RowPredicate predicate, Object[][] rows, int rounds) {
        long passed = 0;
        for (int round = 0; round < rounds; round++) {
            for (Object[] row : rows) {
                passed += predicate.test(row) ? 1 : 0;
            }
        }
        return passed;
    }
}
