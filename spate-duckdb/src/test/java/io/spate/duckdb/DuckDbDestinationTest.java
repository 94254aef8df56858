package io.spate.duckdb;

import static io.spate.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.destination.TableSchema;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.testing.Batches;
import io.spate.testing.SqlDestinationContract;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbDestinationTest extends SqlDestinationContract<DuckDbDestination> {
    @TempDir
    Path dir;

    private Path database() {
        return dir.resolve("files/warehouse.duckdb");
    }

    @Override
    protected DuckDbDestination open() {
        return DuckDbDestination.open(database(), "main", Optional.empty(), Optional.of(2));
    }

    @Override
    protected List<List<String>> query(String sql) {
        return WarehouseQuery.rows(database(), sql);
    }

    @Test
    void theSystemColumnsFollowTheTablesOwnColumns() {
        writeAndCommit(1, Batches.upsert(Batches.table("events", List.of(), Column.of("what", DataType.STRING)), row("a", "h1")));
        assertThat(query("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events'"
                + " ORDER BY ordinal_position")).containsExactly(
                values("what", "VARCHAR"), values("_spate_synced", "TIMESTAMP WITH TIME ZONE"),
                values("_spate_deleted", "BOOLEAN"), values("_spate_id", "VARCHAR"));
    }

    @Test
    void theStateIsStoredAsJson() {
        writeAndCommit(1);
        assertThat(query("SELECT pipeline_id, sequence, state FROM _spate_state")).containsExactly(values("p", "1", "{\"k\":1}"));
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
        // the same rows twice: appended to the new table, then through the merge path
        writeAndCommit(1, Batches.upsert(all, first, second, nulls), Batches.upsert(all, first, second, nulls));
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
        writeAndCommit(1, Batches.upsert(files, row(file, 1L, "{\"a\":1}"), row(file, 2L, "{\"a\":1}"), row(file, 3L, "{\"a\":1}")),
                Batches.upsert(files, row(file, 4L, "[]"), row("other.csv", 1L, "[]")));
        assertThat(query("SELECT _spate_file, _spate_line, doc FROM shared ORDER BY ALL")).containsExactly(
                values("other.csv", "1", "[]"), values(file, "1", "{\"a\":1}"), values(file, "2", "{\"a\":1}"),
                values(file, "3", "{\"a\":1}"), values(file, "4", "[]"));
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
