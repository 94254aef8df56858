package io.spate.lake.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.lake.DuckDbReads;
import io.spate.lake.Orders;
import io.spate.lake.S3Server;
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
 * A sync of 120,000 rows into an S3 lake (S3Proxy, Parquet) is killed with SIGKILL at random points and
 * resumed each time; the published files must then hold every source row exactly once, and nothing staged
 * may be left.
 */
class LakeKillAndResumeTest {
    static final long ROWS = 120_000;
    static final int KILLS = 5;

    @TempDir
    Path work;

    @Test
    void aLakeSyncKilledAtRandomPointsAndResumedHoldsEveryRowExactlyOnce() throws Exception {
        try (S3Server s3 = new S3Server()) {
            s3.createBucket("lake");
            Random random = new Random(20261121);
            int kills = 0;
            int runs = 0;
            boolean done = false;
            while (!done && runs < KILLS + 5) {
                runs++;
                Process sync = start(s3.endpoint(), "run" + runs);
                try (BufferedReader out = new BufferedReader(new InputStreamReader(sync.getInputStream(), StandardCharsets.UTF_8))) {
                    boolean kill = kills < KILLS;
                    int checkpointsBeforeKill = 1 + random.nextInt(2);
                    int checkpoints = 0;
                    String line;
                    while ((line = out.readLine()) != null) {
                        if (line.startsWith("done")) {
                            done = true;
                        } else if (line.startsWith("checkpoint") && kill && ++checkpoints == checkpointsBeforeKill) {
                            Thread.sleep(random.nextInt(300));
                            sync.destroyForcibly();
                            kills++;
                            break;
                        }
                    }
                }
                assertThat(sync.waitFor(120, TimeUnit.SECONDS)).as("sync process ends").isTrue();
            }
            assertThat(done).as("the sync completed after " + kills + " kills").isTrue();
            assertThat(kills).isEqualTo(KILLS);

            assertThat(s3.keys("lake", "lake/_spate/crash/tmp/")).isEmpty();
            Path local = work.resolve("downloaded");
            s3.download("lake", "lake/orders/", local);
            String files = "read_parquet(" + DuckDbReads.literal(local + "/*.parquet") + ")";
            assertThat(DuckDbReads.rows("SELECT count(*), count(DISTINCT id), min(id), max(id) FROM " + files))
                    .containsExactly(List.of(String.valueOf(ROWS), String.valueOf(ROWS), "1", String.valueOf(ROWS)));
            assertThat(DuckDbReads.rows("WITH t AS (SELECT * FROM " + files + ") " + Orders.CHECKSUM_SQL_PUBLIC).get(0).get(0))
                    .isEqualTo(new Orders(ROWS, 10_000, "crash", false).expectedChecksumPublic());
        }
    }

    private Process start(String endpoint, String runId) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CrashingLakeSyncMain.class.getName(), endpoint, "lake", String.valueOf(ROWS), runId, work.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
    }
}
