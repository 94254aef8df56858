package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TablePlannerTest {
    private static SourceColumn column(String name, DataType type) {
        return new SourceColumn(name, type.toString(), "text", type, ValueKind.forType(type), Sql.quote(name));
    }

    private static SourceTable table(List<String> key, SourceColumn... columns) {
        return new SourceTable("public", "t", List.of(columns), key);
    }

    @Test
    void replicationKeyIsInferredByNameInTheDocumentedOrder() {
        List<SourceColumn> columns = List.of(column("id", DataType.LONG), column("created_at", DataType.UTC_DATETIME),
                column("Modified_At", DataType.UTC_DATETIME), column("last_updated", DataType.NAIVE_DATETIME));
        assertThat(TablePlanner.inferReplicationKey(columns)).contains("last_updated");
    }

    @Test
    void replicationKeyFallsBackToTheFirstTimestampColumn() {
        List<SourceColumn> columns = List.of(column("id", DataType.LONG), column("day", DataType.NAIVE_DATE),
                column("updated", DataType.STRING), column("created_at", DataType.UTC_DATETIME));
        assertThat(TablePlanner.inferReplicationKey(columns)).contains("created_at");
    }

    @Test
    void aDateColumnNamedLikeAnUpdateIsAReplicationKey() {
        assertThat(TablePlanner.inferReplicationKey(List.of(column("updated_on", DataType.NAIVE_DATE)))).contains("updated_on");
    }

    @Test
    void tableWithKeyAndTimestampIsIncremental() {
        TablePlan plan = TablePlanner.plan(table(List.of("id"), column("id", DataType.LONG),
                column("updated_at", DataType.UTC_DATETIME)), Optional.empty(), false);
        assertThat(plan.strategy()).isEqualTo(Strategy.INCREMENTAL);
        assertThat(plan.replicationKey()).contains("updated_at");
        assertThat(plan.tableSpec().qualifiedName()).isEqualTo("public.t");
        assertThat(plan.tableSpec().primaryKey()).containsExactly("id");
    }

    @Test
    void tableWithoutReplicationKeyOrWithoutKeyIsFull() {
        assertThat(TablePlanner.plan(table(List.of("id"), column("id", DataType.LONG)), Optional.empty(), true).strategy())
                .isEqualTo(Strategy.FULL);
        TablePlan keyless = TablePlanner.plan(table(List.of(), column("v", DataType.LONG),
                column("updated_at", DataType.UTC_DATETIME)), Optional.empty(), true);
        assertThat(keyless.strategy()).isEqualTo(Strategy.FULL);
        assertThat(keyless.chunking()).isFalse();
    }

    @Test
    void tableSpecOverridesKeyStrategyColumnsAndTypes() {
        TableSpecEntry entry = new TableSpecEntry("public.t", Optional.of(List.of("code")), Optional.of(Strategy.INCREMENTAL),
                Optional.of("changed"), List.of(), List.of("secret"), Optional.of(true), Map.of("amount", DataType.decimal(38, 9)));
        TablePlan plan = TablePlanner.plan(table(List.of(), column("code", DataType.STRING), column("changed", DataType.LONG),
                column("secret", DataType.STRING), column("amount", DataType.STRING)), Optional.of(entry), false);
        assertThat(plan.primaryKey()).containsExactly("code");
        assertThat(plan.replicationKey()).contains("changed");
        assertThat(plan.chunking()).isTrue();
        assertThat(plan.table().columns()).extracting(SourceColumn::name).containsExactly("code", "changed", "amount");
        assertThat(plan.table().column("amount").orElseThrow().type()).isEqualTo(DataType.decimal(38, 9));
        assertThat(plan.table().column("amount").orElseThrow().kind()).isEqualTo(ValueKind.DECIMAL);
    }

    @Test
    void incrementalWithoutKeyIsAConfigErrorNamingTheFix() {
        TableSpecEntry entry = new TableSpecEntry("t", Optional.empty(), Optional.of(Strategy.INCREMENTAL),
                Optional.of("nope"), List.of(), List.of("id"), Optional.empty(), Map.of());
        assertThatThrownBy(() -> TablePlanner.plan(table(List.of(), column("id", DataType.LONG)), Optional.of(entry), false))
                .isInstanceOf(SpateException.class)
                .hasMessage("table public.t: include/exclude leave no column to read; replication_key column "
                        + "\"nope\" is not among the columns read; strategy INCREMENTAL needs a primary key (the "
                        + "tie-breaker of the bookmark); the table declares none: name unique columns as primary_key in "
                        + "table_spec or use strategy FULL");
    }
}
