package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.filter.Filter;
import io.spate.sdk.DataType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScanQueryTest {
    private static final SourceColumn ID = new SourceColumn("id", "int8", "int8", DataType.LONG, ValueKind.LONG, "\"id\"");
    private static final SourceColumn UPDATED = new SourceColumn("updated_at", "timestamp", "timestamp",
            DataType.NAIVE_DATETIME, ValueKind.TIMESTAMP, "\"updated_at\"");
    private static final SourceColumn TAGS = new SourceColumn("tags", "text[]", "_text", DataType.JSON, ValueKind.TEXT,
            "to_json(\"tags\")::text");
    private static final SourceTable ORDERS = new SourceTable("sales", "orders", List.of(ID, UPDATED, TAGS), List.of("id"));

    @Test
    void incrementalReadComparesRowValuesOnPostgres() {
        ScanQuery query = ScanQuery.scan(Dialect.POSTGRES, ORDERS, ORDERS.columns(), List.of(UPDATED, ID),
                Optional.of(UPDATED), Optional.empty(), Optional.of(Bound.after(List.of("2024-01-01 00:00:00.000000", "42"))),
                Optional.empty());
        assertThat(query.sql()).isEqualTo("SELECT \"id\", \"updated_at\", to_json(\"tags\")::text AS \"tags\" "
                + "FROM \"sales\".\"orders\" WHERE \"updated_at\" IS NOT NULL AND (\"updated_at\", \"id\") > "
                + "(CAST(? AS timestamp), CAST(? AS int8)) ORDER BY \"updated_at\", \"id\"");
        assertThat(query.parameters()).containsExactly("2024-01-01 00:00:00.000000", "42");
    }

    @Test
    void incrementalReadExpandsTheComparisonOnRedshift() {
        ScanQuery query = ScanQuery.scan(Dialect.REDSHIFT, ORDERS, List.of(ID, UPDATED), List.of(UPDATED, ID),
                Optional.of(UPDATED), Optional.empty(), Optional.of(Bound.after(List.of("t", "42"))), Optional.empty());
        assertThat(query.sql()).isEqualTo("SELECT \"id\", \"updated_at\" FROM \"sales\".\"orders\" WHERE "
                + "\"updated_at\" IS NOT NULL AND ((\"updated_at\" > CAST(? AS timestamp)) OR "
                + "(\"updated_at\" = CAST(? AS timestamp) AND \"id\" > CAST(? AS int8))) ORDER BY \"updated_at\", \"id\"");
        assertThat(query.parameters()).containsExactly("t", "t", "42");
    }

    @Test
    void highWaterBookmarkIsInclusiveOnTheReplicationKeyOnly() {
        ScanQuery query = ScanQuery.scan(Dialect.POSTGRES, ORDERS, List.of(ID), List.of(UPDATED, ID), Optional.of(UPDATED),
                Optional.empty(), Optional.of(Bound.from(List.of("2024-01-01 00:00:00.000000"))), Optional.empty());
        assertThat(query.sql()).isEqualTo("SELECT \"id\" FROM \"sales\".\"orders\" WHERE \"updated_at\" IS NOT NULL "
                + "AND \"updated_at\" >= CAST(? AS timestamp) ORDER BY \"updated_at\", \"id\"");
    }

    @Test
    void chunkReadIsBoundedOnBothSides() {
        ScanQuery query = ScanQuery.scan(Dialect.POSTGRES, ORDERS, List.of(ID), List.of(ID), Optional.empty(),
                Optional.empty(), Optional.of(Bound.after(List.of("100"))), Optional.of(Bound.from(List.of("200"))));
        assertThat(query.sql()).isEqualTo("SELECT \"id\" FROM \"sales\".\"orders\" WHERE \"id\" > CAST(? AS int8) "
                + "AND \"id\" <= CAST(? AS int8) ORDER BY \"id\"");
        assertThat(query.parameters()).containsExactly("100", "200");
    }

    @Test
    void chunkEndIsFoundWithAKeysetQueryNotAnOffset() {
        ScanQuery query = ScanQuery.chunkEnd(Dialect.POSTGRES, ORDERS, List.of(ID), Optional.of(Bound.after(List.of("7"))), 1000);
        assertThat(query.sql()).isEqualTo("SELECT \"id\" FROM (SELECT \"id\" FROM \"sales\".\"orders\" WHERE "
                + "\"id\" > CAST(? AS int8) ORDER BY \"id\" LIMIT 1000) chunk ORDER BY \"id\" DESC LIMIT 1");
        assertThat(query.sql()).doesNotContainIgnoringCase("offset");
    }

    @Test
    void filterIsAConditionWithBoundParametersBeforeTheKeyBounds() {
        RowFilter filter = RowFilter.bind(Filter.parse("updated_at >= timestamp '2024-01-01 00:00:00' and id in (1, 2)"),
                ORDERS);
        ScanQuery query = ScanQuery.scan(Dialect.POSTGRES, ORDERS, List.of(ID), List.of(ID), Optional.empty(),
                Optional.of(filter), Optional.of(Bound.after(List.of("100"))), Optional.empty());
        assertThat(query.sql()).isEqualTo("SELECT \"id\" FROM \"sales\".\"orders\" WHERE (\"updated_at\" >= "
                + "CAST(? AS timestamp) AND \"id\" IN (?, ?)) AND \"id\" > CAST(? AS int8) ORDER BY \"id\"");
        assertThat(query.parameters()).containsExactly(LocalDateTime.of(2024, 1, 1, 0, 0), 1L, 2L, "100");
    }

    @Test
    void filterTextLiteralsAreCastToTheColumnTypeExceptForTextAndLike() {
        SourceTable table = new SourceTable("s", "t", List.of(
                TypeMapping.map(Dialect.POSTGRES, "year", "integer", "pg_catalog", "int4", 32, 0),
                TypeMapping.map(Dialect.POSTGRES, "Name", "text", "pg_catalog", "text", 0, 0),
                TypeMapping.map(Dialect.POSTGRES, "at", "timestamp with time zone", "pg_catalog", "timestamptz", 0, 0),
                TypeMapping.map(Dialect.POSTGRES, "day", "date", "pg_catalog", "date", 0, 0)), List.of());
        RowFilter filter = RowFilter.bind(Filter.parse("year = '2024' and name like 'a%' and name = 'x' "
                + "and at < timestamp '2024-02-01 00:00:00' and day < timestamp '2024-02-01T00:00:00Z' "
                + "and at >= date '2024-01-01'"), table);
        assertThat(filter.sql()).isEqualTo("\"year\" = CAST(? AS int4) AND \"Name\" LIKE ? ESCAPE '!' AND \"Name\" = ? "
                + "AND \"at\" < (CAST(? AS timestamp) AT TIME ZONE 'UTC') "
                + "AND \"day\" < (CAST(? AS timestamptz) AT TIME ZONE 'UTC') "
                + "AND \"at\" >= (CAST(? AS timestamp) AT TIME ZONE 'UTC')");
        assertThat(filter.parameters()).containsExactly("2024", "a%", "x", LocalDateTime.of(2024, 2, 1, 0, 0),
                OffsetDateTime.of(2024, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC), LocalDate.of(2024, 1, 1));
    }

    @Test
    void filterNumberAgainstATextColumnIsAConfigurationError() {
        SourceTable table = new SourceTable("s", "t", List.of(
                TypeMapping.map(Dialect.POSTGRES, "code", "text", "pg_catalog", "text", 0, 0)), List.of());
        assertThatThrownBy(() -> RowFilter.bind(Filter.parse("code = 5"), table))
                .hasMessage("filter \"code = 5\": column \"code\" is text and cannot be compared with 5; "
                        + "write the value as text in single quotes");
    }

    @Test
    void identifiersAreQuotedWithDoubledQuotes() {
        assertThat(Sql.qualified("my \"schema\"", "Order Lines")).isEqualTo("\"my \"\"schema\"\"\".\"Order Lines\"");
    }
}
