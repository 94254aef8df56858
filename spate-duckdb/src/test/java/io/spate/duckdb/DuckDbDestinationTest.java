package io.spate.duckdb;

import static io.spate.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.destination.CommittedState;
import io.spate.destination.TableSchema;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.testing.Batches;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbDestinationTest {
    private static final TableSchema USERS = Batches.table("users", List.of("id"),
            Column.of("id", DataType.LONG), Column.of("name", DataType.STRING), Column.of("score", DataType.INT));

    @TempDir
    Path dir;

    private Path database() {
        return dir.resolve("files/warehouse.duckdb");
    }

    private DuckDbDestination open() {
        return DuckDbDestination.open(database(), "main", Optional.empty(), Optional.of(2));
    }

    private List<List<String>> query(String sql) {
        return WarehouseQuery.rows(database(), sql);
    }

    private static List<String> values(String... values) {
        return Arrays.asList(values);
    }

    private static CommittedState state(long sequence, String key, Object value) {
        return new CommittedState(sequence, State.of(Map.of(key, value)));
    }

    @Test
    void upsertInsertsNewRowsAndReplacesRowsWithTheSameKey() {
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10), row(2L, "bob", 20), row(3L, "cy", 30)));
            destination.write(Batches.upsert(USERS, row(2L, "bob2", 21), row(4L, "dee", 40)));
            destination.commit("p", state(1, "k", 1));
            destination.write(Batches.upsert(USERS, row(1L, "ann3", null)));
            destination.commit("p", state(2, "k", 2));
        }
        assertThat(query("SELECT id, name, score, _spate_deleted, _spate_synced FROM users ORDER BY id")).containsExactly(
                values("1", "ann3", null, "false", "2026-01-02 03:04:05.123456+00"),
                values("2", "bob2", "21", "false", "2026-01-02 03:04:05.123456+00"),
                values("3", "cy", "30", "false", "2026-01-02 03:04:05.123456+00"),
                values("4", "dee", "40", "false", "2026-01-02 03:04:05.123456+00"));
    }

    @Test
    void upsertReplacesRowsCommittedByAnEarlierRun() {
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(5L, "e", 1), row(9L, "i", 1)));
            destination.commit("p", state(1, "k", 1));
        }
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(9L, "i2", 2), row(7L, "g", 2)));
            destination.write(Batches.upsert(USERS, row(10L, "j", 3)));
            destination.commit("p", state(2, "k", 2));
        }
        assertThat(query("SELECT id, name, score FROM users ORDER BY id")).containsExactly(
                values("5", "e", "1"), values("7", "g", "2"), values("9", "i2", "2"), values("10", "j", "3"));
    }

    @Test
    void upsertByCompositeAndTextKeys() {
        TableSchema lines = Batches.table("lines", List.of("order_no", "line"),
                Column.of("order_no", DataType.STRING), Column.of("line", DataType.INT), Column.of("qty", DataType.INT));
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(lines);
            destination.write(Batches.upsert(lines, row("a", 1, 1), row("a", 2, 1), row("b", 1, 1)));
            destination.write(Batches.upsert(lines, row("a", 2, 5), row("b", 2, 5)));
            destination.commit("p", state(1, "k", 1));
        }
        assertThat(query("SELECT order_no, line, qty FROM lines ORDER BY ALL")).containsExactly(
                values("a", "1", "1"), values("a", "2", "5"), values("b", "1", "1"), values("b", "2", "5"));
    }

    @Test
    void fileRowsKeyedByFileAndLineAreAppendedWhileNewAndMergedWhenReplayed() {
        TableSchema files = Batches.table("events", List.of("_spate_file", "_spate_line"),
                Column.of("_spate_file", DataType.STRING), Column.of("_spate_line", DataType.LONG), Column.of("v", DataType.INT));
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(files);
            destination.write(Batches.upsert(files, row("s3://b/a.csv", 1L, 1), row("s3://b/a.csv", 2L, 1), row("s3://b/b.csv", 1L, 1)));
            destination.write(Batches.upsert(files, row("s3://b/a.csv", 3L, 1), row("s3://b/b.csv", 2L, 1)));
            // a.csv read again in the same run (a retried file): its lines must replace, not duplicate
            destination.write(Batches.upsert(files, row("s3://b/a.csv", 1L, 7), row("s3://b/a.csv", 2L, 7)));
            destination.commit("p", state(1, "k", 1));
        }
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(files);
            // a later run: b.csv existed before it, c.csv is new
            destination.write(Batches.upsert(files, row("s3://b/b.csv", 2L, 9), row("s3://b/c.csv", 1L, 9)));
            destination.commit("p", state(2, "k", 2));
        }
        assertThat(query("SELECT _spate_file, _spate_line, v FROM events ORDER BY ALL")).containsExactly(
                values("s3://b/a.csv", "1", "7"), values("s3://b/a.csv", "2", "7"), values("s3://b/a.csv", "3", "1"),
                values("s3://b/b.csv", "1", "1"), values("s3://b/b.csv", "2", "9"), values("s3://b/c.csv", "1", "9"));
    }

    @Test
    void updateChangesOnlyTheNamedColumns() {
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10), row(2L, "bob", 20)));
            destination.write(Batches.update(USERS, List.of("score"), row(2L, 99), row(3L, 1)));
            destination.commit("p", state(1, "k", 1));
        }
        assertThat(query("SELECT id, name, score, _spate_deleted FROM users ORDER BY id")).containsExactly(
                values("1", "ann", "10", "false"), values("2", "bob", "99", "false"));
    }

    @Test
    void deleteMarksTheKeysDeleted() {
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10), row(2L, "bob", 20), row(3L, "cy", 30)));
            destination.commit("p", state(1, "k", 1));
            destination.write(Batches.delete(USERS, row(1L), row(3L), row(8L)));
            destination.commit("p", state(2, "k", 2));
        }
        assertThat(query("SELECT id, name, _spate_deleted FROM users ORDER BY id")).containsExactly(
                values("1", "ann", "true"), values("2", "bob", "false"), values("3", "cy", "true"));
    }

    @Test
    void truncateMarksEveryRowSoFarDeletedAndLaterUpsertsRevive() {
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10), row(2L, "bob", 20)));
            destination.commit("p", state(1, "k", 1));
            destination.write(Batches.upsert(USERS, row(3L, "cy", 30)));
            destination.write(Batches.truncate(USERS));
            destination.write(Batches.upsert(USERS, row(2L, "bob2", 22), row(4L, "dee", 40)));
            destination.commit("p", state(2, "k", 2));
        }
        assertThat(query("SELECT id, name, _spate_deleted FROM users ORDER BY id")).containsExactly(
                values("1", "ann", "true"), values("2", "bob2", "false"), values("3", "cy", "true"),
                values("4", "dee", "false"));
    }

    @Test
    void keylessTablesAreKeyedBySpateId() {
        TableSchema events = Batches.table("events", List.of(), Column.of("what", DataType.STRING));
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(events);
            destination.write(Batches.upsert(events, row("a", "h1"), row("b", "h2")));
            destination.write(Batches.upsert(events, row("b", "h2"), row("c", "h3")));
            destination.write(Batches.delete(events, row("h1")));
            destination.commit("p", state(1, "k", 1));
        }
        assertThat(query("SELECT what, _spate_id, _spate_deleted FROM events ORDER BY _spate_id")).containsExactly(
                values("a", "h1", "true"), values("b", "h2", "false"), values("c", "h3", "false"));
        assertThat(query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events'"
                + " ORDER BY ordinal_position")).containsExactly(
                values("what", "VARCHAR"), values("_spate_synced", "TIMESTAMP WITH TIME ZONE"),
                values("_spate_deleted", "BOOLEAN"), values("_spate_id", "VARCHAR"));
    }

    @Test
    void tablesGoIntoTheirSchemaOrTheDefaultSchema() {
        TableSchema inSchema = new TableSchema(Optional.of("sales"), "My \"Table\"", List.of("id"),
                List.of(Column.of("id", DataType.INT)));
        try (DuckDbDestination destination = DuckDbDestination.open(database(), "raw", Optional.of("512MB"), Optional.of(1))) {
            destination.write(Batches.upsert(inSchema, row(1)));
            destination.write(Batches.upsert(USERS, row(1L, "ann", 1)));
            destination.commit("p", state(1, "k", 1));
        }
        assertThat(query("SELECT id FROM sales.\"My \"\"Table\"\"\"")).containsExactly(values("1"));
        assertThat(query("SELECT name FROM raw.users")).containsExactly(values("ann"));
    }

    @Test
    void newColumnsAreAddedMidRunAndOldBatchesStillLoad() {
        TableSchema wider = Batches.table("users", List.of("id"), Column.of("id", DataType.LONG),
                Column.of("name", DataType.STRING), Column.of("score", DataType.INT), Column.of("city", DataType.STRING));
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
            destination.ensureTable(wider);
            destination.write(Batches.upsert(wider, row(2L, "bob", 20, "Oslo")));
            destination.write(Batches.upsert(USERS, row(3L, "cy", 30)));
            destination.write(Batches.upsert(wider, row(1L, "ann", 11, "Rome")));
            destination.commit("p", state(1, "k", 1));
        }
        assertThat(query("SELECT id, name, score, city FROM users ORDER BY id")).containsExactly(
                values("1", "ann", "11", "Rome"), values("2", "bob", "20", "Oslo"), values("3", "cy", "30", null));
    }

    @Test
    void columnsWidenFromIntToLongToDecimalToDoubleToString() {
        try (DuckDbDestination destination = open()) {
            TableSchema v1 = measures(DataType.INT);
            destination.ensureTable(v1);
            destination.write(Batches.upsert(v1, row(1L, 7)));
            TableSchema v2 = measures(DataType.LONG);
            destination.ensureTable(v2);
            destination.write(Batches.upsert(v2, row(2L, 5_000_000_000L)));
            destination.commit("p", state(1, "k", 1));
            TableSchema v3 = measures(DataType.decimal(38, 2));
            destination.ensureTable(v3);
            destination.write(Batches.upsert(v3, row(3L, new BigDecimal("12.25"))));
            destination.write(Batches.upsert(v1, row(4L, 8)));
            // rows replaced (deleted and re-inserted) in the open transaction, then the column widens again
            destination.write(Batches.upsert(v1, row(4L, 8)));
            destination.write(Batches.delete(v1, row(99L)));
            TableSchema v4 = measures(DataType.DOUBLE);
            destination.ensureTable(v4);
            destination.write(Batches.upsert(v4, row(5L, 0.5)));
            TableSchema v5 = measures(DataType.STRING);
            destination.ensureTable(v5);
            destination.write(Batches.upsert(v5, row(6L, "n/a")));
            destination.write(Batches.upsert(v2, row(7L, 9L)));
            destination.commit("p", state(2, "k", 2));
        }
        assertThat(query("SELECT data_type FROM information_schema.columns WHERE table_name = 'measures' AND column_name = 'v'"))
                .containsExactly(values("VARCHAR"));
        assertThat(query("SELECT id, v FROM measures ORDER BY id")).containsExactly(
                values("1", "7.0"), values("2", "5000000000.0"), values("3", "12.25"), values("4", "8.0"),
                values("5", "0.5"), values("6", "n/a"), values("7", "9"));
    }

    @Test
    void aNarrowerTypeNeverNarrowsAStoredColumn() {
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(measures(DataType.STRING));
            destination.write(Batches.upsert(measures(DataType.STRING), row(1L, "x")));
            destination.commit("p", state(1, "k", 1));
        }
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(measures(DataType.INT));
            destination.write(Batches.upsert(measures(DataType.INT), row(2L, 3)));
            destination.commit("p", state(2, "k", 2));
        }
        assertThat(query("SELECT id, v FROM measures ORDER BY id")).containsExactly(values("1", "x"), values("2", "3"));
    }

    private static TableSchema measures(DataType type) {
        return Batches.table("measures", List.of("id"), Column.of("id", DataType.LONG), Column.of("v", type));
    }

    @Test
    void everyTypeRoundTripsExactly() {
        TableSchema all = Batches.table("all_types", List.of("id"),
                Column.of("id", DataType.INT), Column.of("b", DataType.BOOLEAN), Column.of("s", DataType.SHORT),
                Column.of("i", DataType.INT), Column.of("l", DataType.LONG), Column.of("d4", DataType.decimal(4, 1)),
                Column.of("d9", DataType.decimal(9, 3)), Column.of("d18", DataType.decimal(18, 4)),
                Column.of("d38", DataType.decimal(38, 10)), Column.of("f", DataType.FLOAT), Column.of("x", DataType.DOUBLE),
                Column.of("day", DataType.NAIVE_DATE), Column.of("ts", DataType.NAIVE_DATETIME),
                Column.of("tz", DataType.UTC_DATETIME), Column.of("bin", DataType.BINARY),
                Column.of("txt", DataType.STRING), Column.of("doc", DataType.JSON));
        Object[] first = row(1, true, (short) -32768, Integer.MIN_VALUE, Long.MAX_VALUE, new BigDecimal("-999.9"),
                new BigDecimal("-123456.789"), new BigDecimal("-12345678901234.5678"),
                new BigDecimal("-1234567890123456789012345678.0123456789"), 1.5f, -2.25e-300,
                LocalDate.of(1900, 2, 28), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
                Instant.parse("1960-06-01T12:00:00.000001Z"), new byte[] {0, 1, (byte) 0xff, 'a'},
                "ünïcødé 😀 \"quoted\" 'single'\nnewline", "{\"a\":[1,2,{\"b\":null}]}");
        Object[] second = row(2, false, (short) 32767, Integer.MAX_VALUE, Long.MIN_VALUE, new BigDecimal("999.9"),
                new BigDecimal("999999.999"), new BigDecimal("99999999999999.9999"),
                new BigDecimal("9999999999999999999999999999.9999999999"), -0.0f, Double.MAX_VALUE,
                LocalDate.of(2262, 4, 11), LocalDateTime.of(2262, 4, 11, 23, 47, 16, 854_775_000),
                Instant.parse("2262-04-11T23:47:16.854775Z"), new byte[0], "", "[]");
        Object[] nulls = new Object[17];
        nulls[0] = 3;
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(all);
            destination.write(Batches.upsert(all, first, second, nulls));
            // the same rows again, through the merge path
            destination.write(Batches.upsert(all, first, second, nulls));
            destination.commit("p", state(1, "k", 1));
        }
        assertThat(query("SELECT * EXCLUDE (_spate_synced, _spate_deleted) FROM all_types ORDER BY id")).containsExactly(
                values("1", "true", "-32768", "-2147483648", "9223372036854775807", "-999.9", "-123456.789",
                        "-12345678901234.5678", "-1234567890123456789012345678.0123456789", "1.5", "-2.25e-300",
                        "1900-02-28", "1969-12-31 23:59:59.999999", "1960-06-01 12:00:00.000001+00", "\\x00\\x01\\xFFa",
                        "ünïcødé 😀 \"quoted\" 'single'\nnewline", "{\"a\":[1,2,{\"b\":null}]}"),
                values("2", "false", "32767", "2147483647", "-9223372036854775808", "999.9", "999999.999",
                        "99999999999999.9999", "9999999999999999999999999999.9999999999", "-0.0", "1.7976931348623157e+308",
                        "2262-04-11", "2262-04-11 23:47:16.854775", "2262-04-11 23:47:16.854775+00", "", "", "[]"),
                values("3", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        assertThat(query("SELECT count(*) FROM all_types")).containsExactly(values("3"));
    }

    @Test
    void aTextEveryRowOfABatchSharesIsWrittenExactly() {
        TableSchema files = Batches.table("shared", List.of("_spate_file", "_spate_line"),
                Column.of("_spate_file", DataType.STRING), Column.of("_spate_line", DataType.LONG), Column.of("doc", DataType.JSON));
        String file = "s3://b/it's a \\ \"quoted\"\nname ü.csv";
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(files);
            destination.write(Batches.upsert(files, row(file, 1L, "{\"a\":1}"), row(file, 2L, "{\"a\":1}"), row(file, 3L, "{\"a\":1}")));
            destination.write(Batches.upsert(files, row(file, 4L, "[]"), row("other.csv", 1L, "[]")));
            destination.commit("p", state(1, "k", 1));
        }
        assertThat(query("SELECT _spate_file, _spate_line, doc FROM shared ORDER BY ALL")).containsExactly(
                values("other.csv", "1", "[]"), values(file, "1", "{\"a\":1}"), values(file, "2", "{\"a\":1}"),
                values(file, "3", "{\"a\":1}"), values(file, "4", "[]"));
    }

    @Test
    void writesWithoutCommitAreDiscardedOnClose() {
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
            destination.commit("p", state(1, "k", 1));
            destination.ensureTable(Batches.table("later", List.of("id"), Column.of("id", DataType.LONG)));
            destination.write(Batches.upsert(USERS, row(2L, "bob", 20)));
            destination.write(Batches.upsert(USERS, row(1L, "ann2", 11)));
        }
        assertThat(query("SELECT id, name FROM users")).containsExactly(values("1", "ann"));
        assertThat(query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'later'")).containsExactly(values("0"));
        try (DuckDbDestination destination = open()) {
            assertThat(destination.loadState("p")).contains(state(1, "k", 1));
        }
    }

    @Test
    void rowsLoadedBeforeAnyStatementAreInsideTheTransaction() {
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(USERS);
            destination.commit("p", state(1, "k", 1));
            // after a commit the very next operation is an append straight into the table
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
            destination.rollback();
            destination.write(Batches.upsert(USERS, row(2L, "bob", 20)));
        }
        assertThat(query("SELECT count(*) FROM users")).containsExactly(values("0"));
    }

    @Test
    void rollbackDiscardsDataAndTablesOfTheRound() {
        TableSchema fresh = Batches.table("fresh", List.of("id"), Column.of("id", DataType.LONG));
        try (DuckDbDestination destination = open()) {
            destination.write(Batches.upsert(fresh, row(1L)));
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
            destination.rollback();
            destination.write(Batches.upsert(USERS, row(2L, "bob", 20)));
            destination.commit("p", state(1, "k", 1));
        }
        assertThat(query("SELECT id FROM users")).containsExactly(values("2"));
        assertThat(query("SELECT count(*) FROM information_schema.tables WHERE table_name = 'fresh'")).containsExactly(values("0"));
    }

    @Test
    void stateIsCommittedWithTheDataAndReadBack() {
        try (DuckDbDestination destination = open()) {
            assertThat(destination.loadState("p")).isEmpty();
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
            destination.commit("p", state(1, "cursor", "a"));
            destination.commit("other", state(7, "cursor", "z"));
            destination.write(Batches.upsert(USERS, row(2L, "bob", 20)));
            destination.commit("p", state(2, "cursor", "b"));
        }
        try (DuckDbDestination destination = open()) {
            assertThat(destination.loadState("p")).contains(state(2, "cursor", "b"));
            assertThat(destination.loadState("other")).contains(state(7, "cursor", "z"));
        }
        assertThat(query("SELECT pipeline_id, sequence, state FROM _spate_state ORDER BY pipeline_id")).containsExactly(
                values("other", "7", "{\"cursor\":\"z\"}"), values("p", "2", "{\"cursor\":\"b\"}"));
        assertThat(query("SELECT count(*) FROM users")).containsExactly(values("2"));
    }

    @Test
    void resetStateForgetsOnlyThatPipeline() {
        try (DuckDbDestination destination = open()) {
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
            destination.commit("p", state(1, "k", 1));
            destination.commit("q", state(1, "k", 1));
        }
        try (DuckDbDestination destination = open()) {
            destination.resetState("p");
        }
        try (DuckDbDestination destination = open()) {
            assertThat(destination.loadState("p")).isEmpty();
            assertThat(destination.loadState("q")).contains(state(1, "k", 1));
        }
        assertThat(query("SELECT count(*) FROM users")).containsExactly(values("1"));
    }

    @Test
    void aQueryWhileTheWarehouseIsOpenForWritingFails() {
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(USERS);
            assertThatThrownBy(() -> WarehouseQuery.rows(database(), "SELECT 1"))
                    .isInstanceOf(SpateException.class)
                    .hasMessageStartingWith("query failed on DuckDB warehouse " + database().toAbsolutePath());
        }
    }

    @Test
    void aValueTheStoredColumnCannotTakeFailsNamingTableAndColumns() throws Exception {
        java.nio.file.Files.createDirectories(database().getParent());
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:" + database().toAbsolutePath());
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE tagged (id BIGINT, tags INTEGER[])");
        }
        TableSchema tagged = Batches.table("tagged", List.of("id"), Column.of("id", DataType.LONG), Column.of("tags", DataType.STRING));
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(tagged);
            assertThatThrownBy(() -> destination.write(Batches.upsert(tagged, row(1L, "not a list"))))
                    .isInstanceOf(SpateException.class)
                    .hasMessageStartingWith("cannot insert rows into table main.tagged (columns [id, tags]) in DuckDB warehouse "
                            + database().toAbsolutePath() + ": Conversion Error");
            destination.rollback();
        }
        // the system columns ensureTable added were part of the rolled-back round
        assertThat(query("SELECT column_name FROM information_schema.columns WHERE table_name = 'tagged' ORDER BY ordinal_position"))
                .containsExactly(values("id"), values("tags"));
    }

    @Test
    void aValueDuckDbCannotTakeFailsNamingTableColumnAndKey() {
        TableSchema days = Batches.table("days", List.of("id"), Column.of("id", DataType.LONG), Column.of("day", DataType.NAIVE_DATE));
        io.spate.batch.RowBatch batch = Batches.upsert(days, row(1L, LocalDate.of(2020, 1, 1)), row(2L, LocalDate.of(2020, 1, 2)));
        io.spate.batch.ColumnVector outOfRange = batch.vector("day");
        outOfRange.truncate(1);
        outOfRange.appendLong(Long.MAX_VALUE);
        try (DuckDbDestination destination = open()) {
            destination.ensureTable(days);
            assertThatThrownBy(() -> destination.write(batch))
                    .isInstanceOfSatisfying(SpateException.class, e -> assertThat(e.category()).isEqualTo(SpateException.Category.DATA))
                    .hasMessage("cannot write column \"day\" of table main.days (row with id=2) in DuckDB warehouse "
                            + database().toAbsolutePath() + ": integer overflow");
            destination.rollback();
            destination.write(Batches.upsert(days, row(3L, LocalDate.of(2020, 1, 3))));
            destination.commit("p", state(1, "k", 1));
        }
        assertThat(query("SELECT id, day FROM days")).containsExactly(values("3", "2020-01-03"));
    }
}
