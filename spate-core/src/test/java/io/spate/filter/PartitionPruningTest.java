package io.spate.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartitionPruningTest {
    static final Set<String> PARTITION_COLUMNS = Set.of("year", "month", "region", "dt");

    static boolean canMatch(String filter, String... pathValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < pathValues.length; i += 2) {
            values.put(pathValues[i], pathValues[i + 1]);
        }
        return Filter.parse(filter).canMatch(values, PARTITION_COLUMNS);
    }

    @Test
    void aConditionOnPartitionColumnsPrunesFilesThatCannotMatch() {
        assertThat(canMatch("year = 2024", "year", "2024")).isTrue();
        assertThat(canMatch("year = 2024", "year", "2023")).isFalse();
        assertThat(canMatch("year >= 2024", "year", "2023")).isFalse();
        assertThat(canMatch("year >= 2024", "year", "2025")).isTrue();
        assertThat(canMatch("year <> 2024", "year", "2024")).isFalse();
        assertThat(canMatch("year in (2022, 2024)", "year", "2023")).isFalse();
        assertThat(canMatch("year in (2022, 2024)", "year", "2022")).isTrue();
        assertThat(canMatch("year not in (2022, 2024)", "year", "2022")).isFalse();
        assertThat(canMatch("year between 2020 and 2022", "year", "2023")).isFalse();
        assertThat(canMatch("year not between 2020 and 2022", "year", "2021")).isFalse();
        assertThat(canMatch("dt = date '2024-01-31'", "dt", "2024-02-01")).isFalse();
        assertThat(canMatch("dt >= date '2024-01-31'", "dt", "2024-02-01")).isTrue();
        assertThat(canMatch("dt < timestamp '2024-01-31 00:00:00'", "dt", "2024-01-31")).isFalse();
        assertThat(canMatch("region = 'eu'", "region", "us")).isFalse();
        assertThat(canMatch("region like 'eu-%'", "region", "us-east-1")).isFalse();
        assertThat(canMatch("region like 'eu-%'", "region", "eu-west-1")).isTrue();
        assertThat(canMatch("year is null", "year", "2024")).isFalse();
        assertThat(canMatch("year is not null", "year", "2024")).isTrue();
    }

    @Test
    void pathTextComparesAsTheLiteralsType() {
        assertThat(canMatch("month = 1", "month", "01")).isTrue();
        assertThat(canMatch("month = 1", "month", "02")).isFalse();
        assertThat(canMatch("month > 9", "month", "10")).as("numerically, not as text").isTrue();
        assertThat(canMatch("month < 9", "month", "10")).isFalse();
        assertThat(canMatch("month = '01'", "month", "01")).isTrue();
        assertThat(canMatch("month = '01'", "month", "02")).isFalse();
    }

    @Test
    void aConditionWhoseAnswerDependsOnHowTheReaderTypesTheColumnNeverPrunes() {
        // as text "01" <> '1', as the number 1 it is equal: a reader may hand on either
        assertThat(canMatch("month = '1'", "month", "01")).isTrue();
        assertThat(canMatch("month <> '1'", "month", "01")).isTrue();
        assertThat(canMatch("month like '0%'", "month", "01")).isTrue();
        assertThat(canMatch("month not like '0%'", "month", "01")).isTrue();
        assertThat(canMatch("month like '1%'", "month", "01")).isTrue();
        assertThat(canMatch("flag = 'true'", "flag", "yes")).isTrue();
        // ... while where all readings agree it still prunes
        assertThat(canMatch("month = '1'", "month", "02")).isFalse();
        assertThat(canMatch("region like 'eu%'", "region", "us1")).isFalse();
    }

    @Test
    void conditionsOnOtherColumnsAreUnknown() {
        assertThat(canMatch("year = 2024 and amount > 5", "year", "2023")).isFalse();
        assertThat(canMatch("year = 2024 and amount > 5", "year", "2024")).isTrue();
        assertThat(canMatch("year = 2024 or amount > 5", "year", "2023")).as("or with another column").isTrue();
        assertThat(canMatch("amount > 5", "year", "2023")).isTrue();
        assertThat(canMatch("not (year = 2024 and amount > 5)", "year", "2024")).isTrue();
        assertThat(canMatch("not (year = 2024 or amount > 5)", "year", "2024")).as("the or is true for every row").isFalse();
        assertThat(canMatch("(year = 2023 or amount > 5) and year = 2024", "year", "2023")).isFalse();
        assertThat(canMatch("(year = 2023 or amount > 5) and (year = 2024 or amount < 0)", "year", "2025")).isTrue();
        assertThat(canMatch("year = 2024 and month = 2", "year", "2024", "month", "03")).isFalse();
        assertThat(canMatch("year = 2024 or month = 2", "year", "2023", "month", "02")).isTrue();
        assertThat(canMatch("year = 2024 or month = 2", "year", "2023", "month", "03")).isFalse();
    }

    @Test
    void aColumnThatIsNotAPartitionColumnIsUnknownEvenWhenThePathHasIt() {
        Filter filter = Filter.parse("amount = 1");
        assertThat(filter.canMatch(Map.of("amount", "2"), Set.of("year"))).isTrue();
        assertThat(filter.canMatch(Map.of("amount", "2"), Set.of("amount"))).isFalse();
    }

    @Test
    void aMissingBlankOrHiveNullPartitionValueDecidesNothing() {
        for (String filter : List.of("year = 2024", "year is null", "year is not null", "year <> 2024")) {
            assertThat(canMatch(filter)).as(filter).isTrue();
            assertThat(canMatch(filter, "year", "")).as(filter).isTrue();
            assertThat(canMatch(filter, "year", Filter.HIVE_NULL_PARTITION)).as(filter).isTrue();
        }
    }

    @Test
    void pathTextThatDoesNotParseAsTheLiteralIsLeftToTheReader() {
        assertThat(canMatch("year = 2024", "year", "unknown")).isTrue();
        assertThat(canMatch("year = 2024 and year = 2023", "year", "unknown")).isTrue();
        assertThat(canMatch("dt = date '2024-01-31'", "dt", "yesterday")).isTrue();
    }

    @Test
    void partitionNamesResolveAsColumnsDo() {
        assertThat(Filter.parse("YEAR = 2024").canMatch(Map.of("year", "2023"), Set.of("year"))).isFalse();
        assertThat(Filter.parse("\"YEAR\" = 2024").canMatch(Map.of("year", "2023"), Set.of("year"))).isTrue();
    }

    // ---- never prune a file that could hold a matching row, over many generated filters and paths ----

    static final String[] YEARS = {"2022", "2023", "2024", "02024", "2024.0", "x", "", Filter.HIVE_NULL_PARTITION};
    static final String[] MONTHS = {"01", "1", "02", "10", "9", "true", "1e1"};
    static final String[] REGIONS = {"eu", "eu-west-1", "us", "01", "", "EU", "e_u", "it's"};
    static final String[] DATES = {"2024-01-31", "2024-02-01", "2024-01-31 00:00:00", "2024-01-31T12:00:00Z", "2024-13-01"};
    static final Object[] AMOUNTS = {null, 0L, 5L, new BigDecimal("5.5"), "7"};

    @Test
    void neverPrunesAFileThatCouldHoldAMatchingRow() {
        Random random = new Random(20_241_121);
        List<String> columns = List.of("year", "month", "region", "dt", "amount");
        int filters = 0, files = 0, pruned = 0;
        while (filters < 400) {
            String text = randomCondition(random, 3);
            Filter filter = Filter.parse(text);
            RowPredicate rows = filter.bind(columns);
            filters++;
            for (int f = 0; f < 12; f++) {
                Map<String, String> path = new HashMap<>();
                path.put("year", pick(random, YEARS));
                path.put("month", pick(random, MONTHS));
                path.put("region", pick(random, REGIONS));
                path.put("dt", pick(random, DATES));
                files++;
                boolean canMatch = filter.canMatch(path, PARTITION_COLUMNS);
                if (!canMatch) {
                    pruned++;
                    assertThat(anyRowPasses(rows, path)).as("pruned %s for %s", path, text).isFalse();
                }
            }
        }
        assertThat(files).isEqualTo(4_800);
        assertThat(pruned).as("pruning still prunes").isGreaterThan(1_000);
    }

    /** Whether a row of the file passes, whatever the reader makes of the path values and whatever the amount. */
    static boolean anyRowPasses(RowPredicate rows, Map<String, String> path) {
        List<List<Object>> choices = new ArrayList<>();
        for (String column : List.of("year", "month", "region", "dt")) {
            String text = path.get(column);
            List<Object> readings = readerValues(text);
            if (text.isBlank() || text.equals(Filter.HIVE_NULL_PARTITION)) {
                readings.add(null);
            }
            choices.add(readings);
        }
        choices.add(Arrays.asList(AMOUNTS));
        return anyPasses(rows, choices, new Object[5], 0);
    }

    /** What readers may plausibly make of a path text, parsed with the JDK (independent of the code under test). */
    static List<Object> readerValues(String text) {
        List<Object> values = new ArrayList<>();
        values.add(text);
        List<java.util.function.Supplier<Object>> parses = List.of(
                () -> Long.parseLong(text), () -> new BigDecimal(text), () -> Double.parseDouble(text),
                () -> LocalDate.parse(text), () -> LocalDateTime.parse(text.replace(' ', 'T')),
                () -> LocalDate.parse(text).atStartOfDay(), () -> OffsetDateTime.parse(text).toInstant(),
                () -> text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false") ? Boolean.valueOf(text) : null);
        for (java.util.function.Supplier<Object> parse : parses) {
            try {
                Object value = parse.get();
                if (value != null) {
                    values.add(value);
                }
            } catch (RuntimeException e) {
                // not of this type
            }
        }
        return values;
    }

    static boolean anyPasses(RowPredicate rows, List<List<Object>> choices, Object[] row, int column) {
        if (column == row.length) {
            try {
                return rows.test(row);
            } catch (io.spate.sdk.SpateException e) {
                return false; // such a row fails the run: it is not a matching row
            }
        }
        for (Object value : choices.get(column)) {
            row[column] = value;
            if (anyPasses(rows, choices, row, column + 1)) {
                return true;
            }
        }
        return false;
    }

    static String randomCondition(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? 8 : 5);
        return switch (kind) {
            case 5 -> randomCondition(random, depth - 1) + " and " + randomCondition(random, depth - 1);
            case 6 -> "(" + randomCondition(random, depth - 1) + " or " + randomCondition(random, depth - 1) + ")";
            case 7 -> "not (" + randomCondition(random, depth - 1) + ")";
            default -> randomLeaf(random);
        };
    }

    static String randomLeaf(Random random) {
        String column = pick(random, new String[] {"year", "month", "region", "dt", "amount"});
        String[] literals = switch (column) {
            case "year" -> new String[] {"2024", "2023", "'2024'", "2023.5", "null", "'x'"};
            case "month" -> new String[] {"1", "'1'", "'01'", "10", "true", "'true'"};
            case "region" -> new String[] {"'eu'", "'EU'", "'01'", "1", "'it''s'"};
            case "dt" -> new String[] {"date '2024-01-31'", "timestamp '2024-01-31 00:00:00'", "'2024-01-31'",
                    "timestamp '2024-01-31 13:00:00+01:00'"};
            default -> new String[] {"5", "5.5", "'7'", "null"};
        };
        return switch (random.nextInt(7)) {
            case 0 -> column + " " + pick(random, new String[] {"=", "<>", "<", "<=", ">", ">="}) + " " + pick(random, literals);
            case 1 -> column + (random.nextBoolean() ? " in (" : " not in (") + pick(random, literals) + ", " + pick(random, literals) + ")";
            case 2 -> column + (random.nextBoolean() ? " between " : " not between ") + pick(random, literals) + " and "
                    + pick(random, literals);
            case 3 -> column + (random.nextBoolean() ? " is null" : " is not null");
            case 4 -> column + (random.nextBoolean() ? " like " : " not like ")
                    + pick(random, new String[] {"'eu%'", "'0%'", "'_'", "'%1'", "'2024%'", "'e!_u' escape '!'"});
            default -> column + " = " + pick(random, literals);
        };
    }

    static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    @Test
    void theSoundnessCheckWouldCatchAWrongPrune() {
        // the oracle itself: a file of year=2024 holds matching rows for year = 2024
        RowPredicate rows = Filter.parse("year = 2024").bind(List.of("year", "month", "region", "dt", "amount"));
        assertThat(anyRowPasses(rows, Map.of("year", "2024", "month", "01", "region", "eu", "dt", "2024-01-31"))).isTrue();
        assertThat(anyRowPasses(rows, Map.of("year", "2023", "month", "01", "region", "eu", "dt", "2024-01-31"))).isFalse();
    }
}
