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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseQueryTest {
    private static final TableSchema ITEMS = Batches.table("items", List.of("id"),
            Column.of("id", DataType.INT), Column.of("label", DataType.STRING), Column.of("price", DataType.decimal(8, 2)));

    @TempDir
    Path dir;
    private Path database;

    @BeforeEach
    void warehouse() {
        database = dir.resolve("w.duckdb");
        try (DuckDbDestination destination = DuckDbDestination.open(database, "main", Optional.empty(), Optional.empty())) {
            destination.write(Batches.upsert(ITEMS, row(2, "b", new java.math.BigDecimal("2.50")), row(1, "a", null),
                    row(3, null, new java.math.BigDecimal("-0.01"))));
            destination.commit("p", new CommittedState(1, State.empty()));
        }
    }

    @Test
    void runReportsColumnNamesThenRowsAsText() {
        List<String> columns = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        WarehouseQuery.run(database, "SELECT id, label AS name, price FROM items ORDER BY id DESC;", new WarehouseQuery.ResultHandler() {
            @Override
            public void columns(List<String> names) {
                columns.addAll(names);
            }

            @Override
            public void row(List<String> values) {
                rows.add(values);
            }
        });
        assertThat(columns).containsExactly("id", "name", "price");
        assertThat(rows).containsExactly(Arrays.asList("3", null, "-0.01"), Arrays.asList("2", "b", "2.50"),
                Arrays.asList("1", "a", null));
    }

    @Test
    void statementsOtherThanQueriesRunAsWritten() {
        assertThat(WarehouseQuery.rows(database, "SHOW TABLES")).containsExactly(List.of("_spate_state"), List.of("items"));
        assertThat(WarehouseQuery.rows(database, "  with t as (select 1 as x) select x + 1 from t ")).containsExactly(List.of("2"));
    }

    @Test
    void theDatabaseIsOpenedReadOnly() {
        assertThatThrownBy(() -> WarehouseQuery.rows(database, "DELETE FROM items"))
                .isInstanceOf(SpateException.class)
                .hasMessageContaining("read-only")
                .hasMessageEndingWith("\nSQL: DELETE FROM items");
        assertThat(WarehouseQuery.rows(database, "SELECT count(*) FROM items")).containsExactly(List.of("3"));
    }

    @Test
    void sqlErrorsAreConfigErrorsWithDuckDbsMessageAndTheSql() {
        assertThatThrownBy(() -> WarehouseQuery.rows(database, "SELECT nope FROM items"))
                .isInstanceOfSatisfying(SpateException.class, e -> assertThat(e.category()).isEqualTo(SpateException.Category.CONFIG))
                .hasMessageStartingWith("query failed on DuckDB warehouse " + database.toAbsolutePath() + ": Binder Error")
                .hasMessageContaining("nope")
                .hasMessageEndingWith("\nSQL: SELECT nope FROM items");
    }

    @Test
    void aMissingDatabaseIsAConfigError() {
        Path missing = dir.resolve("none.duckdb");
        assertThatThrownBy(() -> WarehouseQuery.rows(missing, "SELECT 1"))
                .isInstanceOf(SpateException.class)
                .hasMessage("no DuckDB warehouse at " + missing.toAbsolutePath());
    }
}
