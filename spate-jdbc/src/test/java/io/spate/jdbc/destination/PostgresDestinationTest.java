package io.spate.jdbc.destination;

import static io.spate.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.batch.RowBatch;
import io.spate.destination.TableSchema;
import io.spate.jdbc.TestPostgres;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.testing.Batches;
import io.spate.testing.SqlDestinationContract;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PostgresDestinationTest extends SqlDestinationContract<PostgresDestination> {
    private String database;

    @BeforeEach
    void freshDatabase() {
        database = TestPostgres.freshDatabase("pgdest");
    }

    @Override
    protected PostgresDestination open() {
        return open(CopyFormat.BINARY);
    }

    private PostgresDestination open(CopyFormat format) {
        return PostgresDestination.open(PostgresDestinationProvider.settings(
                TestPostgres.config(database, "copy_format", format.name().toLowerCase())));
    }

    @Override
    protected List<List<String>> query(String sql) {
        return TestPostgres.rows(database, sql);
    }

    @Test
    void createdTablesHaveTheirKeyOrSpateIdAsPrimaryKey() {
        writeAndCommit(1, Batches.upsert(USERS, row(1L, "ann", 10)),
                Batches.upsert(Batches.table("events", List.of(), Column.of("what", DataType.STRING)), row("a", "h1")));
        assertThat(query("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'users'::regclass"))
                .containsExactly(values("PRIMARY KEY (id)"));
        assertThat(query("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'events'::regclass"))
                .containsExactly(values("PRIMARY KEY (_spate_id)"));
    }

    @Test
    void upsertReplacesRowsCommittedByAnEarlierRunOrAnotherSession() {
        try (PostgresDestination destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(5L, "e", 1), row(9L, "i", 1)));
            destination.commit("p", state(1, "k", 1));
            TestPostgres.execute(database, "INSERT INTO users VALUES (20, 'other session', 0, now(), false)");
            destination.write(Batches.upsert(USERS, row(20L, "t", 2), row(7L, "g", 2)));
            destination.write(Batches.upsert(USERS, row(21L, "u", 3)));
            destination.commit("p", state(2, "k", 2));
        }
        writeAndCommit(3, Batches.upsert(USERS, row(9L, "i2", 4), row(30L, "z", 4)), Batches.upsert(USERS, row(31L, "z1", 5)),
                Batches.upsert(USERS, row(30L, "z2", 6)));
        assertThat(query("SELECT id, name, score FROM users ORDER BY id")).containsExactly(
                values("5", "e", "1"), values("7", "g", "2"), values("9", "i2", "4"), values("20", "t", "2"),
                values("21", "u", "3"), values("30", "z2", "6"), values("31", "z1", "5"));
    }

    @Test
    void tablesOfASourceSchemaLandInThatSchemaAndOthersInTheConfiguredOne() {
        TableSchema sales = new TableSchema(Optional.of("Sales"), "Order Lines", List.of("id"),
                List.of(Column.of("id", DataType.INT), Column.of("Quote\"d", DataType.STRING)));
        try (PostgresDestination destination = PostgresDestination.open(PostgresDestinationProvider.settings(
                TestPostgres.config(database, "schema", "landing")))) {
            destination.ensureTable(sales);
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(sales, row(1, "x")));
            destination.write(Batches.upsert(USERS, row(1L, "ann", 1)));
            destination.commit("p", state(1, "k", 1));
        }
        assertThat(query("SELECT id, \"Quote\"\"d\" FROM \"Sales\".\"Order Lines\"")).containsExactly(values("1", "x"));
        assertThat(query("SELECT name FROM landing.users")).containsExactly(values("ann"));
        assertThat(query("SELECT pipeline_id, sequence FROM landing._spate_state")).containsExactly(values("p", "1"));
    }

    @Test
    void newColumnsAreAddedAndNarrowColumnsWidened() {
        TableSchema v1 = Batches.table("t", List.of("id"), Column.of("id", DataType.INT), Column.of("n", DataType.SHORT),
                Column.of("d", DataType.NAIVE_DATE), Column.of("x", DataType.INT));
        TableSchema v2 = Batches.table("t", List.of("id"), Column.of("id", DataType.LONG), Column.of("n", DataType.decimal(12, 2)),
                Column.of("d", DataType.NAIVE_DATETIME), Column.of("x", DataType.STRING), Column.of("added", DataType.BOOLEAN));
        writeAndCommit(1, Batches.upsert(v1, row(1, 5, LocalDate.of(2020, 1, 2), 7)));
        writeAndCommit(2, Batches.upsert(v2, row(5_000_000_000L, new BigDecimal("1234567890.12"), LocalDateTime.of(2021, 3, 4, 5, 6, 7),
                        "seven", true)),
                Batches.upsert(v1, row(2, 6, LocalDate.of(2022, 2, 2), 8)),
                Batches.update(v1, List.of("x"), row(1, 9)));
        assertThat(query("SELECT column_name, data_type, numeric_precision, numeric_scale FROM information_schema.columns"
                + " WHERE table_name = 't' ORDER BY ordinal_position")).containsExactly(
                values("id", "bigint", "64", "0"),
                values("n", "numeric", "12", "2"),
                values("d", "timestamp without time zone", null, null),
                values("x", "text", null, null),
                values("_spate_synced", "timestamp with time zone", null, null),
                values("_spate_deleted", "boolean", null, null),
                values("added", "boolean", null, null));
        assertThat(query("SELECT id, n, d, x, added FROM t ORDER BY id")).containsExactly(
                values("1", "5.00", "2020-01-02 00:00:00", "9", null),
                values("2", "6.00", "2022-02-02 00:00:00", "8", null),
                values("5000000000", "1234567890.12", "2021-03-04 05:06:07", "seven", "t"));
    }

    @ParameterizedTest
    @EnumSource(CopyFormat.class)
    void everyTypeRoundTripsExactly(CopyFormat format) {
        TableSchema all = Batches.table("all_types", List.of("id"),
                Column.of("id", DataType.INT), Column.of("b", DataType.BOOLEAN), Column.of("s", DataType.SHORT),
                Column.of("l", DataType.LONG), Column.of("d38", DataType.decimal(38, 10)), Column.of("d9", DataType.decimal(9, 4)),
                Column.of("f", DataType.FLOAT), Column.of("dbl", DataType.DOUBLE), Column.of("dt", DataType.NAIVE_DATE),
                Column.of("ts", DataType.NAIVE_DATETIME), Column.of("tz", DataType.UTC_DATETIME),
                Column.of("bin", DataType.BINARY), Column.of("txt", DataType.STRING), Column.of("js", DataType.JSON));
        try (PostgresDestination destination = open(format)) {
            destination.ensureTable(all);
            RowBatch rows = Batches.upsert(all,
                    row(1, true, (short) -32768, Long.MIN_VALUE, new BigDecimal("-1234567890123456789012345678.0123456789"),
                            new BigDecimal("-12345.6789"), -1.5f, Math.PI, LocalDate.of(1900, 2, 28),
                            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000), Instant.parse("1950-06-01T12:00:00.000001Z"),
                            new byte[] {0, 1, (byte) 0xFF, '"', ',', '\n'}, "Zürich \"quoted\", comma\nnewline \u2603 \uD83D\uDE00\n\\.\n\\N back\\slash",
                            "{\"a\": [1, 2.5, \"ü\"], \"b\": null}"),
                    row(2, false, (short) 32767, Long.MAX_VALUE, new BigDecimal("9999999999999999999999999999.9999999999"),
                            new BigDecimal("0.0001"), Float.MAX_VALUE, -Double.MIN_VALUE, LocalDate.of(2262, 4, 11),
                            LocalDateTime.of(2000, 1, 1, 0, 0), Instant.parse("2026-11-21T09:00:00Z"),
                            new byte[0], "", "[]"),
                    row(3, null, null, null, new BigDecimal("0E-10"), new BigDecimal("10000.0000"), Float.NaN,
                            Double.NEGATIVE_INFINITY, LocalDate.of(0, 1, 1), LocalDateTime.of(1, 1, 1, 0, 0, 0, 1000),
                            Instant.parse("1970-01-01T00:00:00Z"), null, null, null),
                    row(4, null, null, null, null, null, null, null, null, null, null, null, "NULL", "\"\""));
            // Copied straight into the new table, then staged and merged over the same keys: both paths exact.
            destination.write(rows);
            destination.write(rows);
            destination.commit("p", state(1, "k", 1));
        }
        assertThat(query("SELECT id, b, s, l, d38, d9, f, dbl, dt, ts, tz, bin, txt, js FROM all_types ORDER BY id")).containsExactly(
                values("1", "t", "-32768", "-9223372036854775808", "-1234567890123456789012345678.0123456789", "-12345.6789",
                        "-1.5", "3.141592653589793", "1900-02-28", "1969-12-31 23:59:59.999999", "1950-06-01 12:00:00.000001+00",
                        "\\x0001ff222c0a", "Zürich \"quoted\", comma\nnewline \u2603 \uD83D\uDE00\n\\.\n\\N back\\slash",
                        "{\"a\": [1, 2.5, \"ü\"], \"b\": null}"),
                values("2", "f", "32767", "9223372036854775807", "9999999999999999999999999999.9999999999", "0.0001",
                        "3.4028235e+38", "-5e-324", "2262-04-11", "2000-01-01 00:00:00", "2026-11-21 09:00:00+00",
                        "\\x", "", "[]"),
                values("3", null, null, null, "0.0000000000", "10000.0000", "NaN", "-Infinity", "0001-01-01 BC",
                        "0001-01-01 00:00:00.000001", "1970-01-01 00:00:00+00", null, null, null),
                values("4", null, null, null, null, null, null, null, null, null, null, null, "NULL", "\"\""));
    }

    @Test
    void rollbackDiscardsTheRoundAndTheNextRoundStartsClean() {
        try (PostgresDestination destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
            destination.rollback();
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(2L, "bob", 20)));
            destination.commit("p", state(7, "k", "v"));
            assertThat(destination.loadState("p")).contains(state(7, "k", "v"));
        }
        assertThat(query("SELECT id FROM users")).containsExactly(values("2"));
        assertThat(query("SELECT pipeline_id, sequence, state::text FROM _spate_state"))
                .containsExactly(values("p", "7", "{\"k\": \"v\"}"));
    }

    @Test
    void aRejectedValueFailsTheRoundWithTheTableAndTheServersReason() {
        try (PostgresDestination destination = open()) {
            destination.ensureTable(USERS);
            assertThatThrownBy(() -> destination.write(Batches.upsert(USERS, row(1L, "nul\u0000byte", 1))))
                    .isInstanceOf(SpateException.class)
                    .hasMessageStartingWith("cannot load 1 rows (columns [id, name, score]) of table public.users with COPY in PostgreSQL 127.0.0.1:")
                    .hasMessageContaining("invalid byte sequence for encoding \"UTF8\": 0x00")
                    .extracting(e -> ((SpateException) e).category()).isEqualTo(SpateException.Category.DATA);
            destination.rollback();
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "fine", 1)));
            destination.commit("p", state(1, "k", 1));
        }
        assertThat(query("SELECT name FROM users")).containsExactly(values("fine"));
    }

    @Test
    void anExistingTableWithoutAKeyIsReportedWithTheFix() {
        TestPostgres.execute(database, "CREATE TABLE users (id bigint, name text)");
        try (PostgresDestination destination = open()) {
            assertThatThrownBy(() -> destination.ensureTable(USERS))
                    .isInstanceOf(SpateException.class)
                    .hasMessage("table public.users in PostgreSQL 127.0.0.1:" + TestPostgres.server().getPort()
                            + "/pgdest has no primary key or unique index on [id], which spate needs to merge rows by key:"
                            + " add one (ALTER TABLE \"public\".\"users\" ADD PRIMARY KEY (\"id\")) or drop the table to let"
                            + " spate create it");
        }
    }

    @Test
    void aLostConnectionFailsTheRoundAsRetriableAndKeepsTheLastCommit() {
        try (PostgresDestination destination = open()) {
            destination.ensureTable(USERS);
            destination.write(Batches.upsert(USERS, row(1L, "ann", 10)));
            destination.commit("p", state(1, "k", 1));
            destination.write(Batches.upsert(USERS, row(2L, "bob", 20)));
            TestPostgres.execute("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'spate' AND datname = 'pgdest'");
            assertThatThrownBy(() -> destination.write(Batches.upsert(USERS, row(3L, "cy", 30))))
                    .isInstanceOf(SpateException.class)
                    .hasMessageContaining("in PostgreSQL 127.0.0.1:" + TestPostgres.server().getPort() + "/pgdest")
                    .extracting(e -> ((SpateException) e).category()).isEqualTo(SpateException.Category.RETRIABLE);
        }
        assertThat(query("SELECT id FROM users")).containsExactly(values("1"));
        try (PostgresDestination destination = open()) {
            assertThat(destination.loadState("p")).contains(state(1, "k", 1));
        }
    }
}
