package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.sdk.DataType;
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
                Optional.of(UPDATED), Optional.of(Bound.after(List.of("2024-01-01 00:00:00.000000", "42"))), Optional.empty());
        assertThat(query.sql()).isEqualTo("SELECT \"id\", \"updated_at\", to_json(\"tags\")::text AS \"tags\" "
                + "FROM \"sales\".\"orders\" WHERE \"updated_at\" IS NOT NULL AND (\"updated_at\", \"id\") > "
                + "(CAST(? AS timestamp), CAST(? AS int8)) ORDER BY \"updated_at\", \"id\"");
        assertThat(query.parameters()).containsExactly("2024-01-01 00:00:00.000000", "42");
    }

    @Test
    void incrementalReadExpandsTheComparisonOnRedshift() {
        ScanQuery query = ScanQuery.scan(Dialect.REDSHIFT, ORDERS, List.of(ID, UPDATED), List.of(UPDATED, ID),
                Optional.of(UPDATED), Optional.of(Bound.after(List.of("t", "42"))), Optional.empty());
        assertThat(query.sql()).isEqualTo("SELECT \"id\", \"updated_at\" FROM \"sales\".\"orders\" WHERE "
                + "\"updated_at\" IS NOT NULL AND ((\"updated_at\" > CAST(? AS timestamp)) OR "
                + "(\"updated_at\" = CAST(? AS timestamp) AND \"id\" > CAST(? AS int8))) ORDER BY \"updated_at\", \"id\"");
        assertThat(query.parameters()).containsExactly("t", "t", "42");
    }

    @Test
    void highWaterBookmarkIsInclusiveOnTheReplicationKeyOnly() {
        ScanQuery query = ScanQuery.scan(Dialect.POSTGRES, ORDERS, List.of(ID), List.of(UPDATED, ID), Optional.of(UPDATED),
                Optional.of(Bound.from(List.of("2024-01-01 00:00:00.000000"))), Optional.empty());
        assertThat(query.sql()).isEqualTo("SELECT \"id\" FROM \"sales\".\"orders\" WHERE \"updated_at\" IS NOT NULL "
                + "AND \"updated_at\" >= CAST(? AS timestamp) ORDER BY \"updated_at\", \"id\"");
    }

    @Test
    void chunkReadIsBoundedOnBothSides() {
        ScanQuery query = ScanQuery.scan(Dialect.POSTGRES, ORDERS, List.of(ID), List.of(ID), Optional.empty(),
                Optional.of(Bound.after(List.of("100"))), Optional.of(Bound.from(List.of("200"))));
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
    void identifiersAreQuotedWithDoubledQuotes() {
        assertThat(Sql.qualified("my \"schema\"", "Order Lines")).isEqualTo("\"my \"\"schema\"\"\".\"Order Lines\"");
    }
}
