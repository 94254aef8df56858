package io.spate.lake;

import io.spate.batch.ColumnVector;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/** Rows of every type, with nulls, unicode and awkward text, as column vectors; and their expected text in DuckDB. */
public final class TestRows {
    public static final List<Column> COLUMNS = List.of(
            Column.of("id", DataType.LONG),
            Column.of("amount", DataType.decimal(12, 2)),
            Column.of("big", DataType.decimal(38, 10)),
            Column.of("price", DataType.DOUBLE),
            Column.of("qty", DataType.INT),
            Column.of("flag", DataType.BOOLEAN),
            Column.of("day", DataType.NAIVE_DATE),
            Column.of("local", DataType.NAIVE_DATETIME),
            Column.of("at", DataType.UTC_DATETIME),
            Column.of("name", DataType.STRING),
            Column.of("doc", DataType.JSON),
            Column.of("raw", DataType.BINARY));

    /** The DuckDB column types of {@link #COLUMNS}, for read_csv/read_json {@code columns=}. */
    public static final String DUCKDB_COLUMNS = "{'id': 'BIGINT', 'amount': 'DECIMAL(12,2)', 'big': 'DECIMAL(38,10)', "
            + "'price': 'DOUBLE', 'qty': 'INTEGER', 'flag': 'BOOLEAN', 'day': 'DATE', 'local': 'TIMESTAMP', "
            + "'at': 'TIMESTAMPTZ', 'name': 'VARCHAR', 'doc': 'JSON', 'raw': 'VARCHAR'}";

    public static final String NAME_1 = "Zoë, \"quoted\"\nline 2 — 漢字 🚀";

    private TestRows() {
    }

    /** Three rows: a full one, one of nulls, one with negative and edge values. */
    public static List<ColumnVector> vectors() {
        List<ColumnVector> v = new ArrayList<>();
        for (Column c : COLUMNS) {
            v.add(new ColumnVector(c.type(), 3));
        }
        // row 1
        v.get(0).appendLong(1);
        v.get(1).appendLong(123450);
        v.get(2).appendObject(new BigDecimal("12345678901234567890.1234567890"));
        v.get(3).appendDouble(0.1);
        v.get(4).appendLong(7);
        v.get(5).appendLong(1);
        v.get(6).appendLong(LocalDate.parse("2026-01-31").toEpochDay());
        v.get(7).appendLong(ColumnVector.microsOf(LocalDateTime.parse("2026-01-31T12:34:56.123456")));
        v.get(8).appendLong(ColumnVector.microsOf(Instant.parse("2026-01-31T12:34:56.123456Z")));
        v.get(9).appendObject(NAME_1);
        v.get(10).appendObject("{\"a\":[1,2],\"b\":\"ü\"}");
        v.get(11).appendObject("bytes\u0000!".getBytes(StandardCharsets.UTF_8));
        // row 2: id only
        v.get(0).appendLong(2);
        for (int c = 1; c < v.size(); c++) {
            v.get(c).appendNull();
        }
        // row 3
        v.get(0).appendLong(3);
        v.get(1).appendLong(-5);
        v.get(2).appendObject(new BigDecimal("-0.0000000001"));
        v.get(3).appendDouble(-1.5e300);
        v.get(4).appendLong(Integer.MIN_VALUE);
        v.get(5).appendLong(0);
        v.get(6).appendLong(LocalDate.parse("1969-12-31").toEpochDay());
        v.get(7).appendLong(ColumnVector.microsOf(LocalDateTime.parse("1900-01-01T00:00:00")));
        v.get(8).appendLong(ColumnVector.microsOf(Instant.parse("1970-01-01T00:00:00Z")));
        v.get(9).appendObject("");
        v.get(10).appendObject("[]");
        v.get(11).appendObject(new byte[0]);
        return v;
    }

    /** SELECT list rendering each column as DuckDB text (binary as base64 when {@code rawIsBlob}). */
    public static String select(boolean rawIsBlob) {
        return "id, amount, big, price, qty, flag, \"day\", \"local\", \"at\", \"name\", CAST(doc AS VARCHAR), "
                + (rawIsBlob ? "to_base64(raw)" : "raw");
    }

    /** The rows {@link #select} returns, in id order. */
    public static List<List<String>> expected() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("1", "1234.50", "12345678901234567890.1234567890", "0.1", "7", "true", "2026-01-31",
                "2026-01-31 12:34:56.123456", "2026-01-31 12:34:56.123456+00", NAME_1, "{\"a\":[1,2],\"b\":\"ü\"}", "Ynl0ZXMAIQ=="));
        List<String> nulls = new ArrayList<>();
        nulls.add("2");
        for (int i = 1; i < 12; i++) {
            nulls.add(null);
        }
        rows.add(nulls);
        rows.add(List.of("3", "-0.05", "-0.0000000001", "-1.5e+300", "-2147483648", "false", "1969-12-31",
                "1900-01-01 00:00:00", "1970-01-01 00:00:00+00", "", "[]", ""));
        return rows;
    }
}
