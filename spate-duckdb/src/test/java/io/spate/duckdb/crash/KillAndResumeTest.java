package io.spate.duckdb.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.duckdb.WarehouseQuery;
import io.spate.testing.KillAndResume;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint = commit, proven the hard way: a sync of 1,000,000 rows into the DuckDB warehouse is killed
 * with SIGKILL at random points, at least 20 times, and resumed each time; the final table must equal the
 * source exactly (row count, key set, and a checksum of every value).
 */
class KillAndResumeTest {
    static final long ROWS = 1_000_000;
    static final int KILLS = 20;

    @TempDir
    Path work;

    @Test
    void aSyncKilledAtRandomPointsAndResumedEndsWithExactlyTheSourceRows() throws Exception {
        Path warehouse = work.resolve("warehouse.duckdb");
        KillAndResume.Outcome outcome = new KillAndResume(KILLS, 10, 3, 40).drive(run ->
                KillAndResume.startJvm(CrashingSyncMain.class, warehouse.toString(), String.valueOf(ROWS)));

        assertThat(outcome.completed()).as("the sync completed after " + outcome.kills() + " kills").isTrue();
        assertThat(outcome.kills()).isGreaterThanOrEqualTo(KILLS);
        List<String> counts = WarehouseQuery.rows(warehouse,
                "SELECT count(*), count(DISTINCT id), min(id), max(id) FROM orders WHERE NOT _spate_deleted").get(0);
        assertThat(counts).containsExactly(String.valueOf(ROWS), String.valueOf(ROWS), "1", String.valueOf(ROWS));
        assertThat(WarehouseQuery.rows(warehouse, GeneratedOrders.CHECKSUM_SQL).get(0).get(0))
                .isEqualTo(GeneratedOrders.expectedChecksum(ROWS));
    }
}
