package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.Configuration;
import io.spate.sdk.DataType;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL source's binary COPY reads: the very values a cursor reads, for every mapped type. */
class BinaryCopyReadTest {
    private static final String DB = "binary_copy";
    private static ConnectionPool pool;
    private static SourceSettings settings;

    @BeforeAll
    static void createTables() throws Exception {
        TestPostgres.freshDatabase(DB);
        TestPostgres.execute(DB,
                "CREATE TYPE mood AS ENUM ('sad', 'happy')",
                """
                CREATE TABLE every_type (
                  id int8 PRIMARY KEY, flag bool, small int2, medium int4, big int8, real_value float4,
                  double_value float8, amount numeric(10,2), wide numeric(38,10), whole numeric(18,0), free numeric,
                  day date, local_time timestamp, instant timestamptz, label text, code varchar(10), fixed char(5),
                  ident name, tiny "char", doc json, docb jsonb, blob bytea, id_uuid uuid, tags text[], numbers int4[],
                  span interval, clock time, tz_clock timetz, feeling mood, price money, object_id oid)
                """,
                "INSERT INTO every_type (id) VALUES (1)",
                """
                INSERT INTO every_type VALUES (2, true, 32767, 2147483647, 9223372036854775807, 3.4028235e38,
                  1.7976931348623157e308, 99999999.99, 9999999999999999999999999999.9999999999, 999999999999999999,
                  123456789012345678901234567890.123456789012345678901234567890, '5874897-12-31',
                  '294276-12-31 23:59:59.999999', '294276-12-31 23:59:59.999999+00',
                  E'h\\u00e9llo \\u4e16\\u754c \\U0001F600 "quoted" \\n newline\\ttab', 'abcdefghij', 'ab', 'pg_class', 'z',
                  '{"b": 1,  "a": [1,2]}', '{"b": 1, "a": [1,2], "s": "\\u00e9"}', '\\x00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
                  ARRAY['x', 'y,z', NULL], '{1,2,3}', '1 year 2 mons 3 days 04:05:06', '23:59:59.999999', '12:00:00+02',
                  'happy', 12.34, 4294967295)
                """,
                """
                INSERT INTO every_type VALUES (3, false, -32768, -2147483648, -9223372036854775808, -3.4028235e38,
                  -1.7976931348623157e308, -99999999.99, -9999999999999999999999999999.9999999999, -999999999999999999,
                  -0.000000000000000000000000000000000001, '1900-01-01', '1900-01-01 00:00:00',
                  '1901-12-13 20:45:52.000001+00', '', '', '', '', ' ', '[]', '{}', '\\x', '00000000-0000-0000-0000-000000000000',
                  '{}', '{}', '-1 days', '00:00:00', '00:00:00-14', 'sad', -0.01, 0)
                """,
                """
                INSERT INTO every_type (id, real_value, double_value, amount, wide, whole, day, local_time, instant)
                VALUES (4, 'NaN', 'Infinity', 0.00, 0, 0, '2000-01-01', '1969-12-31 23:59:59.999999',
                  '1999-12-31 23:59:59.999999+00')
                """,
                """
                INSERT INTO every_type (id, real_value, double_value, amount, wide, whole, day, local_time, instant)
                VALUES (5, '-0', '-Infinity', 10000.00, 100000000.0000000001, 10000000000000000, '1999-12-31',
                  '2000-01-01 00:00:00', '1970-01-01 00:00:00+00')
                """,
                """
                INSERT INTO every_type (id, double_value, amount, wide, whole)
                VALUES (6, '-0', 1.50, 0.5, 123456789012345678)
                """,
                """
                INSERT INTO every_type SELECT g, g % 2 = 0, (g % 65536 - 32768)::int2, g * 7919, g * 1234567890123,
                  g / 7.0, g / 3.0, (g * 37 % 100000000) / 100.0, g * 1.0000000001, g::int8 * g, g / 7::numeric,
                  date '1900-01-01' + g * 13, timestamp '1950-01-01' + g * interval '123456.789012 seconds',
                  timestamptz '1950-01-01 00:00:00+00' - g * interval '654321.123456 seconds',
                  'row ' || g || ' \u00e9', 'c' || g, 'f' || g % 100, 'n' || g, chr(65 + g % 26),
                  json_build_object('g', g), jsonb_build_object('g', g, 'h', g::text), decode(md5(g::text), 'hex'),
                  md5(g::text)::uuid, ARRAY['t' || g], ARRAY[g, -g], g * interval '1 minute',
                  time '00:00' + g * interval '1 second', timetz '00:00+01' + g * interval '1 second',
                  (ARRAY['sad', 'happy'])[g % 2 + 1]::mood, g / 100.0, g
                FROM generate_series(100, 5099) g
                """,
                """
                CREATE TABLE ancient (id int4 PRIMARY KEY, local_time timestamp, instant timestamptz, day date)
                """,
                """
                INSERT INTO ancient VALUES (1, '0001-01-01 00:00:00', '0001-01-01 00:00:00+00', '0001-01-01'),
                  (2, '1582-10-04 23:59:59.999999', '1582-10-04 23:59:59.999999+00', '1582-10-04'),
                  (3, '4713-01-01 00:00:00 BC', '1000-06-15 12:00:00.5+00', '0044-03-15 BC'),
                  (4, '1969-07-20 20:17:40', '9999-12-31 23:59:59.999999+00', '9999-12-31')
                """,
                "CREATE TABLE wide_notes (id int4 PRIMARY KEY, note text)",
                "INSERT INTO wide_notes SELECT g, repeat(md5(g::text), 32) FROM generate_series(1, 20000) g");
        settings = SourceSettings.from(Dialect.POSTGRES, TestPostgres.config(DB, "batch_size", 100,
                "checkpoint_every_rows", 100));
        pool = ConnectionPool.open(settings, 2);
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void everyMappedTypeReadsTheSameThroughCopyAsThroughACursor() throws Exception {
        SourceTable table = table("every_type");
        KeysetScan copy = scan(table, true);
        assertThat(copy.readsWithCopy()).isTrue();
        List<List<Object>> copied = read(copy);
        List<List<Object>> fetched = read(scan(table, false));
        assertThat(copied).hasSize(5006);
        assertThat(copied).isEqualTo(fetched);
    }

    @Test
    void extremeAndSpecialValuesAreExact() throws Exception {
        List<List<Object>> rows = read(scan(table("every_type"), true));
        assertThat(rows.get(0).subList(1, 31)).containsOnlyNulls();
        assertThat(rows.get(1).subList(0, 23)).containsExactly(2L, true, (short) 32767, 2147483647, Long.MAX_VALUE,
                Float.MAX_VALUE, Double.MAX_VALUE, new BigDecimal("99999999.99"),
                new BigDecimal("9999999999999999999999999999.9999999999"), new BigDecimal("999999999999999999"),
                "123456789012345678901234567890.123456789012345678901234567890", LocalDate.of(5874897, 12, 31),
                LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000),
                LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000).toInstant(ZoneOffset.UTC),
                "h\u00e9llo \u4e16\u754c \uD83D\uDE00 \"quoted\" \n newline\ttab", "abcdefghij", "ab   ", "pg_class", "z",
                "{\"b\": 1,  \"a\": [1,2]}", "{\"a\": [1, 2], \"b\": 1, \"s\": \"\u00e9\"}", "00ff10",
                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
        assertThat(rows.get(1).subList(23, 31)).containsExactly("[\"x\",\"y,z\",null]", "[1,2,3]",
                "1 year 2 mons 3 days 04:05:06", "23:59:59.999999", "12:00:00+02", "happy", "$12.34", 4294967295L);
        assertThat(rows.get(2).subList(0, 23)).containsExactly(3L, false, (short) -32768, -2147483648, Long.MIN_VALUE,
                -Float.MAX_VALUE, -Double.MAX_VALUE, new BigDecimal("-99999999.99"),
                new BigDecimal("-9999999999999999999999999999.9999999999"), new BigDecimal("-999999999999999999"),
                "-0.000000000000000000000000000000000001", LocalDate.of(1900, 1, 1), LocalDateTime.of(1900, 1, 1, 0, 0),
                Instant.parse("1901-12-13T20:45:52.000001Z"), "", "", "     ", "", " ", "[]", "{}", "",
                "00000000-0000-0000-0000-000000000000");
        assertThat(rows.get(2).get(30)).isEqualTo(0L);
        assertThat(rows.get(3).subList(0, 14)).containsExactly(4L, null, null, null, null, Float.NaN,
                Double.POSITIVE_INFINITY, new BigDecimal("0.00"), new BigDecimal("0E-10"), new BigDecimal("0"),
                null, LocalDate.of(2000, 1, 1), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
                Instant.parse("1999-12-31T23:59:59.999999Z"));
        assertThat(rows.get(4).subList(0, 14)).containsExactly(5L, null, null, null, null, -0.0f,
                Double.NEGATIVE_INFINITY, new BigDecimal("10000.00"), new BigDecimal("100000000.0000000001"),
                new BigDecimal("10000000000000000"), null, LocalDate.of(1999, 12, 31), LocalDateTime.of(2000, 1, 1, 0, 0),
                Instant.EPOCH);
        assertThat(rows.get(5).subList(6, 10)).containsExactly(-0.0, new BigDecimal("1.50"), new BigDecimal("0.5000000000"),
                new BigDecimal("123456789012345678"));
    }

    @Test
    void datesBeforeTheGregorianReformAndFarAheadAreTheServersProlepticValues() throws Exception {
        assertThat(read(scan(table("ancient"), false))).isEqualTo(read(scan(table("ancient"), true)));
        assertThat(read(scan(table("ancient"), true))).containsExactly(
                List.of(1, LocalDateTime.of(1, 1, 1, 0, 0), Instant.parse("0001-01-01T00:00:00Z"), LocalDate.of(1, 1, 1)),
                List.of(2, LocalDateTime.of(1582, 10, 4, 23, 59, 59, 999_999_000), Instant.parse("1582-10-04T23:59:59.999999Z"),
                        LocalDate.of(1582, 10, 4)),
                List.of(3, LocalDateTime.of(-4712, 1, 1, 0, 0), Instant.parse("1000-06-15T12:00:00.5Z"),
                        LocalDate.of(-43, 3, 15)),
                List.of(4, LocalDateTime.of(1969, 7, 20, 20, 17, 40), Instant.parse("9999-12-31T23:59:59.999999Z"),
                        LocalDate.of(9999, 12, 31)));
    }

    @Test
    void aColumnDeclaredAsAnotherNumberTypeIsReadThroughTheCursor() throws Exception {
        SourceColumn medium = table("every_type").column("medium").orElseThrow();
        assertThat(CopyQuery.of(List.of(medium))).isPresent();
        assertThat(CopyQuery.of(List.of(medium.withType(DataType.LONG)))).isEmpty();
        Configuration config = TestPostgres.config(DB, "tables", "every_type", "table_spec",
                "[{name: every_type, include: [id, medium], columns: {medium: LONG}}]");
        RecordingOperations ops = new RecordingOperations(new PostgresSource().schema(config));
        new PostgresSource().update(config, State.empty(), ops);
        assertThat(ops.live("public.every_type").get(List.of(2L)).get("medium")).isEqualTo(2147483647L);
        assertThat(ops.live("public.every_type")).hasSize(5006);
    }

    @Test
    void aConnectionLostInTheMiddleOfOneCopyResumesAfterTheLastRowSent() throws Exception {
        for (String timeout : List.of("0", "10m")) {
            Configuration config = TestPostgres.config(DB, "tables", "wide_notes", "statement_timeout", timeout,
                    "checkpoint_every_rows", 1000);
            List<TableSpec> tables = new PostgresSource().schema(config);
            RecordingOperations ops = new RecordingOperations(tables).afterUpsert(2500, () -> TestPostgres.execute(DB,
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'spate'"
                            + " AND query LIKE 'COPY%'"));
            new PostgresSource().update(config, State.empty(), ops);
            assertThat(ops.upserts()).as("statement_timeout " + timeout).isEqualTo(20000);
            assertThat(ops.live("public.wide_notes")).hasSize(20000);
            assertThat(ops.live("public.wide_notes").get(List.of(20000)).get("note"))
                    .isEqualTo(TestPostgres.rows(DB, "SELECT note FROM wide_notes WHERE id = 20000").get(0).get(0));
        }
    }

    @Test
    void boundsAndFilterValuesBecomeTypedLiteralsAndQuotedQuestionMarksStay() {
        ScanQuery query = new ScanQuery("SELECT \"a?\" FROM \"t\" WHERE \"a?\" > CAST(? AS int4) AND \"b\" = ? AND "
                + "\"c\" = ? AND \"d\" IN (?, ?) ORDER BY \"a?\"", List.of("5", 7L, "O'Brien \\x", new BigDecimal("1.50"), true));
        assertThat(CopyQuery.statement(query, 500)).contains("COPY (SELECT \"a?\" FROM \"t\" WHERE \"a?\" > "
                + "CAST(CAST(E'5' AS varchar) AS int4) AND \"b\" = CAST(E'7' AS int8) AND \"c\" = "
                + "CAST(E'O''Brien \\\\x' AS varchar) AND \"d\" IN (CAST(E'1.50' AS numeric), TRUE) ORDER BY \"a?\" LIMIT 500)"
                + " TO STDOUT (FORMAT binary)");
        assertThat(CopyQuery.literal(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6000, ZoneOffset.ofHours(2))))
                .contains("CAST(E'2024-01-02 03:04:05.000006+02:00' AS timestamptz)");
        assertThat(CopyQuery.literal(LocalDateTime.of(2024, 1, 2, 3, 4))).contains("CAST(E'2024-01-02 03:04:00.000000' AS timestamp)");
        assertThat(CopyQuery.literal(LocalDate.of(10000, 1, 1))).isEmpty();
        assertThat(CopyQuery.statement(new ScanQuery("SELECT 1 WHERE ? ", List.of(new Object())), 0)).isEmpty();
    }

    @Test
    void rowsSplitAcrossMessagesAtAnyByteDecodeTheSameAndATruncatedStreamFails() throws Exception {
        SourceTable table = table("every_type");
        CopyQuery copy = CopyQuery.of(table.columns()).orElseThrow();
        String sql = CopyQuery.statement(ScanQuery.scan(Dialect.POSTGRES, table, copy.select(), List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), 0).orElseThrow();
        List<byte[]> messages = new ArrayList<>();
        try (Connection connection = TestPostgres.connect(DB)) {
            org.postgresql.copy.CopyOut out = connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyOut(sql);
            for (byte[] message = out.readFromCopy(); message != null; message = out.readFromCopy()) {
                messages.add(message);
            }
        }
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        messages.forEach(all::writeBytes);
        byte[] stream = all.toByteArray();
        List<List<Object>> expected = decode(copy, messages);
        assertThat(expected).hasSize(5006);
        for (int size : new int[] {1, 3, 7, 1000, stream.length}) {
            assertThat(decode(copy, split(stream, size))).as("pieces of " + size + " bytes").isEqualTo(expected);
        }
        assertThatThrownBy(() -> decode(copy, List.of(Arrays.copyOf(stream, stream.length - 10))))
                .isInstanceOf(io.spate.sdk.SpateException.class)
                .hasMessage("unexpected binary COPY data from PostgreSQL: the data ended inside a row");
    }

    private static List<byte[]> split(byte[] stream, int size) {
        List<byte[]> pieces = new ArrayList<>();
        for (int at = 0; at < stream.length; at += size) {
            pieces.add(Arrays.copyOfRange(stream, at, Math.min(stream.length, at + size)));
        }
        return pieces;
    }

    private static List<List<Object>> decode(CopyQuery copy, List<byte[]> messages) throws Exception {
        java.util.Iterator<byte[]> next = messages.iterator();
        BinaryCopyDecoder decoder = new BinaryCopyDecoder(copy.wires(),
                () -> next.hasNext() ? Optional.of(next.next()) : Optional.empty(), new BinaryCopyDecoder.Problems() {
                    @Override
                    public io.spate.sdk.SpateException infinite(int column, Object[] row) {
                        throw new AssertionError("no infinite values here");
                    }

                    @Override
                    public io.spate.sdk.SpateException notADecimal(int column, String text, Object[] row) {
                        throw new AssertionError("no NaN here");
                    }
                });
        List<List<Object>> rows = new ArrayList<>();
        Object[] values = new Object[copy.wires().size()];
        while (decoder.next(values)) {
            rows.add(Arrays.stream(values).map(v -> v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : v)
                    .toList());
        }
        return rows;
    }

    private static SourceTable table(String name) throws Exception {
        try (Connection connection = pool.connection()) {
            SourceTable table = new Discovery(Dialect.POSTGRES).tables(connection, "public").stream()
                    .filter(t -> t.name().equals(name)).findFirst().orElseThrow();
            connection.commit();
            return table;
        }
    }

    private static KeysetScan scan(SourceTable table, boolean copyAllowed) {
        List<SourceColumn> key = table.primaryKey().stream().map(k -> table.column(k).orElseThrow()).toList();
        return new KeysetScan(pool, settings, table, key, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), () -> false, copyAllowed);
    }

    /** Every row read, bytea as hex (arrays compare by identity). */
    private static List<List<Object>> read(KeysetScan scan) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        scan.readOnce(values -> rows.add(Arrays.stream(values)
                .map(v -> v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : v).toList()),
                (position, finished) -> { });
        return rows;
    }
}
