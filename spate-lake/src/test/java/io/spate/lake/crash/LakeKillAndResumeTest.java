package io.spate.lake.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.lake.DuckDbReads;
import io.spate.lake.Orders;
import io.spate.lake.S3Server;
import io.spate.testing.KillAndResume;
import java.nio.file.Path;
import java.util.List;
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
            KillAndResume.Outcome outcome = new KillAndResume(KILLS, 5, 2, 300).drive(run ->
                    KillAndResume.startJvm(CrashingLakeSyncMain.class, s3.endpoint(), "lake", String.valueOf(ROWS),
                            "run" + run, work.toString()));
            assertThat(outcome.completed()).as("the sync completed after " + outcome.kills() + " kills").isTrue();
            assertThat(outcome.kills()).isEqualTo(KILLS);

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
}
