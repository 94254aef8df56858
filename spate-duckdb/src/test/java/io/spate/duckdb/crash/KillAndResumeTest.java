package io.spate.duckdb.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.duckdb.WarehouseQuery;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
        Random random = new Random(20261121);
        int kills = 0;
        int runs = 0;
        boolean done = false;
        while (!done && runs < KILLS + 10) {
            runs++;
            Process sync = start(warehouse);
            try (BufferedReader out = new BufferedReader(new InputStreamReader(sync.getInputStream(), StandardCharsets.UTF_8))) {
                boolean kill = kills < KILLS;
                int checkpointsBeforeKill = 1 + random.nextInt(3);
                String line;
                int checkpoints = 0;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("done")) {
                        done = true;
                    } else if (line.startsWith("checkpoint") && kill && ++checkpoints == checkpointsBeforeKill) {
                        Thread.sleep(random.nextInt(40));
                        sync.destroyForcibly();
                        kills++;
                        break;
                    }
                }
            }
            assertThat(sync.waitFor(120, TimeUnit.SECONDS)).as("sync process ends").isTrue();
        }

        assertThat(done).as("the sync completed after " + kills + " kills").isTrue();
        assertThat(kills).isGreaterThanOrEqualTo(KILLS);
        List<String> counts = WarehouseQuery.rows(warehouse,
                "SELECT count(*), count(DISTINCT id), min(id), max(id) FROM orders WHERE NOT _spate_deleted").get(0);
        assertThat(counts).containsExactly(String.valueOf(ROWS), String.valueOf(ROWS), "1", String.valueOf(ROWS));
        assertThat(WarehouseQuery.rows(warehouse, GeneratedOrders.CHECKSUM_SQL).get(0).get(0))
                .isEqualTo(GeneratedOrders.expectedChecksum(ROWS));
    }

    private static Process start(Path warehouse) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CrashingSyncMain.class.getName(), warehouse.toString(), String.valueOf(ROWS))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }
}
