package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.filter.Filter;
import io.spate.filter.RowPredicate;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import io.spate.sdk.TableSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code filter} option pushed into the SQL: each sync must deliver exactly the rows for which the filter
 * is true by the filter language's own rules, evaluated here in memory on the same rows as the oracle.
 */
class FilterPushdownTest {
    private static final String DB = "filter_pushdown";
    private static final String INJECTION = "x'; DROP TABLE sales; --";
    private static final List<String> COLUMNS = List.of("id", "year", "region", "day", "at", "amount", "updated_at");
    private final PostgresSource source = new PostgresSource();

    @BeforeAll
    static void createSales() {
        TestPostgres.freshDatabase(DB);
        TestPostgres.execute(DB,
                "CREATE TABLE sales (id int8 PRIMARY KEY, year int4, region text, day date, at timestamptz, "
                        + "amount numeric(12,2), updated_at timestamptz NOT NULL)",
                "INSERT INTO sales SELECT g, 2020 + g % 6, (ARRAY['EU', 'US', 'APAC', 'O''Brien'])[g % 4 + 1], "
                        + "date '2024-01-01' + g % 90, timestamptz '2024-01-01 00:00:00+00' + g * interval '37 minutes', "
                        + "CASE WHEN g % 11 = 0 THEN NULL ELSE (g * 37 % 10000) / 100.0 END, "
                        + "timestamptz '2024-06-01 00:00:00+00' + g * interval '1 second' FROM generate_series(1, 2000) g",
                "UPDATE sales SET year = NULL, region = NULL, day = NULL, at = NULL WHERE id % 13 = 0",
                "INSERT INTO sales VALUES (5000, 2024, '" + INJECTION.replace("'", "''") + "', NULL, NULL, 1, now())");
    }

    private RecordingOperations sync(Configuration config, RecordingOperations previous) throws Exception {
        List<TableSpec> tables = source.schema(config);
        RecordingOperations ops = previous == null ? new RecordingOperations(tables) : previous.resume(tables);
        source.update(config, ops.state(), ops);
        return ops;
    }

    private static Set<Long> syncedIds(RecordingOperations ops) {
        Set<Long> ids = new TreeSet<>();
        ops.live("public.sales").values().forEach(row -> ids.add((Long) row.get("id")));
        return ids;
    }

    /** The ids of the rows the filter accepts, by the filter language's rules, read with plain JDBC. */
    private static Set<Long> expectedIds(String filter) throws SQLException {
        RowPredicate predicate = Filter.parse(filter).bind(COLUMNS);
        Set<Long> ids = new TreeSet<>();
        try (Connection connection = TestPostgres.connect(DB); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + String.join(", ", COLUMNS) + " FROM sales")) {
            while (rows.next()) {
                Object[] values = {rows.getLong(1), rows.getObject(2), rows.getString(3),
                        rows.getObject(4, LocalDate.class), rows.getObject(5, OffsetDateTime.class), rows.getBigDecimal(6),
                        rows.getObject(7, OffsetDateTime.class)};
                if (predicate.test(values)) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }

    private void assertSyncsExactly(String filter, int expectedCount) throws Exception {
        Set<Long> expected = expectedIds(filter);
        assertThat(expected).as("oracle for %s", filter).hasSize(expectedCount);
        assertThat(syncedIds(sync(TestPostgres.config(DB, "tables", "sales", "filter", filter), null)))
                .as(filter).isEqualTo(expected);
    }

    @Test
    void anIntegerFilterSelectsExactlyTheMatchingRows() throws Exception {
        assertSyncsExactly("year = 2024", 309);
        assertSyncsExactly("year >= 2023 and year not in (2024, 2025)", 307);
    }

    @Test
    void aTextLiteralAgainstAnIntegerColumnIsCastToTheColumnType() throws Exception {
        assertSyncsExactly("year = '2024'", 309);
    }

    @Test
    void textAndNumericFiltersSelectExactlyTheMatchingRows() throws Exception {
        assertSyncsExactly("region in ('EU', 'O''Brien') and amount >= 50.5", 393);
        assertSyncsExactly("region like 'A%' or amount between 10 and 10.37", 468);
        assertSyncsExactly("not (region = 'EU' or amount is null)", 1260);
    }

    @Test
    void dateFiltersSelectExactlyTheMatchingRows() throws Exception {
        assertSyncsExactly("day between date '2024-02-01' and date '2024-02-10'", 204);
        assertSyncsExactly("day < timestamp '2024-01-05 12:00:00'", 105);
    }

    @Test
    void timestamptzFiltersCompareInstantsAndTakeNaiveTimestampsAsUtc() throws Exception {
        assertSyncsExactly("at >= timestamp '2024-01-20T00:00:00+02:00' and at < timestamp '2024-01-21 00:00:00'", 39);
        assertSyncsExactly("at < date '2024-01-02' or at is null", 190);
    }

    @Test
    void chunksPlannedWithoutTheFilterAreReadWithItAcrossAnInterruption() throws Exception {
        String filter = "region in ('EU', 'APAC') and amount > 20";
        Configuration config = TestPostgres.config(DB, "tables", "sales", "filter", filter, "chunking", "true",
                "chunk_size", 300, "max_parallel_workers", 3, "checkpoint_every_rows", 25, "batch_size", 10);
        List<TableSpec> tables = source.schema(config);
        RecordingOperations interrupted = new RecordingOperations(tables).resume(tables, 400);
        assertThatThrownBy(() -> source.update(config, interrupted.state(), interrupted))
                .hasMessageContaining("injected failure");
        RecordingOperations resumed = interrupted.resume(tables);
        source.update(config, resumed.state(), resumed);
        Set<Long> expected = expectedIds(filter);
        assertThat(expected).hasSize(658);
        assertThat(syncedIds(resumed)).isEqualTo(expected);
        assertThat(interrupted.upserts() + resumed.upserts()).isLessThan(expected.size() + 3 * 25 + 1);
    }

    @Test
    void anInjectionAttemptIsABoundParameterMatchingOnlyItsOwnText() throws Exception {
        String filter = "region = '" + INJECTION.replace("'", "''") + "'";
        assertThat(syncedIds(sync(TestPostgres.config(DB, "tables", "sales", "filter", filter), null)))
                .containsExactly(5000L);
        assertThat(expectedIds("id > 0")).hasSize(2001);
    }

    @Test
    void aFilterThatDoesNotParseIsReportedWithTheOtherOptionsBeforeAnythingRuns() {
        Configuration config = TestPostgres.config(DB, "filter", "year = and region = 'EU'", "batch_size", 0);
        assertThat(source.validate(config)).containsExactly("filter: expected a value after \"=\" but found \"and\" at "
                + "column 8: year = and region = 'EU'\n" + " ".repeat(4 + 71) + "^");
        assertThatThrownBy(() -> source.schema(config)).isInstanceOf(SpateException.class)
                .hasMessage("invalid configuration:\n  - batch_size must be 1..1000000 (got 0)\n  - filter: expected a value "
                        + "after \"=\" but found \"and\" at column 8: year = and region = 'EU'\n" + " ".repeat(4 + 71) + "^");
    }

    @Test
    void anUnknownColumnNamesTheTableAndListsItsColumns() {
        assertThatThrownBy(() -> source.schema(TestPostgres.config(DB, "filter", "yaer = 2024")))
                .isInstanceOf(SpateException.class)
                .hasMessage("table public.sales: filter: no column \"yaer\"; the columns are: \"id\", \"year\", \"region\", "
                        + "\"day\", \"at\", \"amount\", \"updated_at\"");
    }

    @Test
    void incrementalReadsApplyTheFilterAndAChangedFilterReloadsTheTable() throws Exception {
        TestPostgres.execute(DB, "CREATE TABLE events (id int8 PRIMARY KEY, kind text, updated_at timestamptz NOT NULL)",
                "INSERT INTO events SELECT g, CASE WHEN g % 3 = 0 THEN 'click' ELSE 'view' END, "
                        + "timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' FROM generate_series(1, 300) g");
        try {
            Configuration clicks = TestPostgres.config(DB, "tables", "events", "filter", "kind = 'click'");
            RecordingOperations first = sync(clicks, null);
            assertThat(first.live("public.events")).hasSize(100);

            TestPostgres.execute(DB, "UPDATE events SET updated_at = timestamptz '2024-06-01 00:00:00+00' WHERE id <= 30",
                    "INSERT INTO events SELECT g, 'click', timestamptz '2024-06-02 00:00:00+00' FROM generate_series(301, 305) g");
            RecordingOperations second = sync(clicks, first);
            assertThat(second.upserts()).isEqualTo(10 + 5);
            assertThat(second.live("public.events")).hasSize(105);
            assertThat(second.state().getState("tables").getState("public.events").getString("filter"))
                    .contains("kind = 'click'");

            Configuration views = TestPostgres.config(DB, "tables", "events", "filter", "kind = 'view'");
            RecordingOperations third = sync(views, second);
            assertThat(third.warnings()).containsExactly("table public.events: the strategy, replication key or filter "
                    + "changed since the last run (INCREMENTAL updated_at filter kind = 'click' -> INCREMENTAL updated_at "
                    + "filter kind = 'view'), so it is reloaded in full");
            assertThat(third.live("public.events")).hasSize(200)
                    .allSatisfy((key, row) -> assertThat(row.get("kind")).isEqualTo("view"));
        } finally {
            TestPostgres.execute(DB, "DROP TABLE events");
        }
    }

    @Test
    void aFullReloadWithAFilterSoftDeletesTheRowsThatNoLongerMatch() throws Exception {
        TestPostgres.execute(DB, "CREATE TABLE stock (sku text, qty int4)",
                "INSERT INTO stock SELECT 'sku-' || g, g FROM generate_series(1, 20) g");
        try {
            Configuration positive = TestPostgres.config(DB, "tables", "stock", "filter", "qty > 10");
            RecordingOperations first = sync(positive, null);
            assertThat(first.live("public.stock")).hasSize(10);
            TestPostgres.execute(DB, "UPDATE stock SET qty = 0 WHERE qty > 15");
            RecordingOperations second = sync(positive, first);
            assertThat(second.live("public.stock").values()).extracting(row -> row.get("qty"))
                    .containsExactlyInAnyOrder(11, 12, 13, 14, 15);
        } finally {
            TestPostgres.execute(DB, "DROP TABLE stock");
        }
    }
}
