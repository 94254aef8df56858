package io.spate.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.SpateException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlPushdownTest {

    static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static SqlFilter sql(String filter) {
        return Filter.parse(filter).toSql(SqlPushdownTest::quote);
    }

    @Test
    void anInjectionAttemptIsOneBoundParameter() {
        SqlFilter sql = sql("year = 2024 and name = 'x''; drop table t; --'");
        assertThat(sql.sql()).isEqualTo("\"year\" = ? AND \"name\" = ?");
        assertThat(sql.parameters()).containsExactly(2024L, "x'; drop table t; --");
    }

    @Test
    void aColumnNameIsQuotedByTheCallersFunctionWhateverItHolds() {
        SqlFilter sql = sql("\"x\"\" = 1; drop table t; --\" = 1");
        assertThat(sql.sql()).isEqualTo("\"x\"\" = 1; drop table t; --\" = ?");
        assertThat(sql.parameters()).containsExactly(1L);
    }

    @Test
    void everyLiteralBecomesAJavaValueForSetObject() {
        SqlFilter sql = sql("a = 1 and b = -2.50 and c = 'x' and d = true and e = date '2024-01-31'"
                + " and f = timestamp '2024-01-31 10:00:00.5' and g = timestamp '2024-01-31 10:00:00+02:00'");
        assertThat(sql.sql()).isEqualTo("\"a\" = ? AND \"b\" = ? AND \"c\" = ? AND \"d\" = ? AND \"e\" = ? AND \"f\" = ? AND \"g\" = ?");
        assertThat(sql.parameters()).containsExactly(1L, new BigDecimal("-2.50"), "x", true, LocalDate.of(2024, 1, 31),
                LocalDateTime.of(2024, 1, 31, 10, 0, 0, 500_000_000), OffsetDateTime.of(2024, 1, 31, 8, 0, 0, 0, ZoneOffset.UTC));
        assertThat(sql.parameters()).extracting(Object::getClass).containsExactly(Long.class, BigDecimal.class, String.class,
                Boolean.class, LocalDate.class, LocalDateTime.class, OffsetDateTime.class);
    }

    @Test
    void everyPredicateRenders() {
        assertThat(sql("a <> 1 and a != 2 and a < 3 and a <= 4 and a > 5 and a >= 6").sql())
                .isEqualTo("\"a\" <> ? AND \"a\" <> ? AND \"a\" < ? AND \"a\" <= ? AND \"a\" > ? AND \"a\" >= ?");
        SqlFilter in = sql("a in (1, 2) or a not in ('x')");
        assertThat(in.sql()).isEqualTo("\"a\" IN (?, ?) OR \"a\" NOT IN (?)");
        assertThat(in.parameters()).containsExactly(1L, 2L, "x");
        SqlFilter between = sql("a between 1 and 2 and b not between date '2024-01-01' and date '2024-12-31'");
        assertThat(between.sql()).isEqualTo("\"a\" BETWEEN ? AND ? AND \"b\" NOT BETWEEN ? AND ?");
        assertThat(between.parameters()).containsExactly(1L, 2L, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31));
        assertThat(sql("a is null or b is not null").sql()).isEqualTo("\"a\" IS NULL OR \"b\" IS NOT NULL");
        assertThat(sql("deleted").sql()).isEqualTo("\"deleted\" = ?");
    }

    @Test
    void theNullLiteralIsTheKeywordNotAParameter() {
        SqlFilter sql = sql("a = null or a in (1, null)");
        assertThat(sql.sql()).isEqualTo("\"a\" = NULL OR \"a\" IN (?, NULL)");
        assertThat(sql.parameters()).containsExactly(1L);
    }

    @Test
    void groupsKeepTheirMeaning() {
        assertThat(sql("a = 1 or b = 2 and not c = 3").sql()).isEqualTo("\"a\" = ? OR (\"b\" = ? AND NOT (\"c\" = ?))");
        assertThat(sql("(a = 1 or b = 2) and not (c = 3 and d = 4)").sql())
                .isEqualTo("(\"a\" = ? OR \"b\" = ?) AND NOT (\"c\" = ? AND \"d\" = ?)");
    }

    @Test
    void likePatternsAreRewrittenForOneFixedEscapeCharacter() {
        SqlFilter sql = sql("a like 'x%' and b not like 'y_'");
        assertThat(sql.sql()).isEqualTo("\"a\" LIKE ? ESCAPE '!' AND \"b\" NOT LIKE ? ESCAPE '!'");
        assertThat(sql.parameters()).containsExactly("x%", "y_");
        assertThat(sql("a like '50#%%' escape '#'").parameters()).containsExactly("50!%%");
        assertThat(sql("a like 'a!_b%' escape '!'").parameters()).containsExactly("a!_b%");
        assertThat(sql("a like 'wow!'").parameters()).as("a literal ! is escaped").containsExactly("wow!!");
        assertThat(sql("a like 'C:\\dir\\%'").parameters()).as("a backslash is just a character")
                .containsExactly("C:\\dir\\%");
        assertThat(sql("a like 'it''s%'").parameters()).containsExactly("it's%");
    }

    @Test
    void namesAreResolvedAgainstTheTablesColumnsWhenGiven() {
        Filter filter = Filter.parse("YEAR = 2024 and \"Note\" is null");
        assertThat(filter.toSql(List.of("year", "Note"), SqlPushdownTest::quote).sql()).isEqualTo("\"year\" = ? AND \"Note\" IS NULL");
        assertThat(filter.toSql(SqlPushdownTest::quote).sql()).as("as written").isEqualTo("\"YEAR\" = ? AND \"Note\" IS NULL");
        assertThatThrownBy(() -> filter.toSql(List.of("year", "note"), SqlPushdownTest::quote))
                .isInstanceOf(SpateException.class)
                .hasMessage("filter: no column \"Note\" (\"Note\" is quoted, so it matches only a column spelled exactly so;"
                        + " there is \"note\"); the columns are: \"year\", \"note\"");
    }
}
