package io.spate.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.destination.CommittedState;
import io.spate.destination.TableSchema;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.State;
import io.spate.testing.Batches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VectorStringsTest {
    private static final TableSchema NOTES = Batches.table("notes", List.of("id"),
            Column.of("id", DataType.LONG), Column.of("note", DataType.STRING), Column.of("tag", DataType.STRING));

    @TempDir
    Path dir;

    @Test
    void theDriverOfThisBuildLetsItsStringBuffersBeReused() {
        // when a new duckdb_jdbc fails this, VectorStrings falls back to setStrings: loads still work, with more garbage
        assertThat(VectorStrings.reusesDriverBuffers()).isTrue();
    }

    @Test
    void reusedBuffersCarryNoTextFromOneVectorOrBatchIntoTheNext() {
        List<Object[]> first = new ArrayList<>();
        for (long id = 0; id < 5000; id++) {
            first.add(Batches.row(id, id % 3 == 0 ? "long note ü 😀 ".repeat(40) + id : "n" + id, id % 7 == 0 ? null : "t" + id % 5));
        }
        List<Object[]> second = new ArrayList<>();
        for (long id = 5000; id < 5100; id++) {
            second.add(Batches.row(id, id % 2 == 0 ? null : "", "x"));
        }
        Path database = dir.resolve("warehouse.duckdb");
        try (DuckDbDestination destination = DuckDbDestination.open(database, "main", Optional.empty(), Optional.of(1))) {
            destination.ensureTable(NOTES);
            destination.write(Batches.upsert(NOTES, first.toArray(Object[][]::new)));
            destination.write(Batches.upsert(NOTES, second.toArray(Object[][]::new)));
            destination.commit("p", new CommittedState(1, State.of(Map.of("k", 1))));
        }
        List<List<String>> expected = new ArrayList<>();
        first.forEach(row -> expected.add(Arrays.asList(String.valueOf(row[0]), (String) row[1], (String) row[2])));
        second.forEach(row -> expected.add(Arrays.asList(String.valueOf(row[0]), (String) row[1], (String) row[2])));
        assertThat(WarehouseQuery.rows(database, "SELECT id, note, tag FROM notes ORDER BY id")).isEqualTo(expected);
    }
}
