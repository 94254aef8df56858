package io.spate.lake.crash;

import io.spate.destination.DestinationProvider;
import io.spate.lake.LakeDestinationProvider;
import io.spate.lake.Orders;
import io.spate.runtime.Sync;
import io.spate.sdk.Configuration;
import java.nio.file.Path;
import java.util.Map;

/**
 * The sync the crash test kills: {@code CrashingLakeSyncMain ENDPOINT BUCKET ROWS RUN_ID WORKDIR} syncs orders
 * into an S3 lake (Parquet); prints "checkpoint N" after each checkpoint and "done" when it completes.
 */
public final class CrashingLakeSyncMain {
    private CrashingLakeSyncMain() {
    }

    public static void main(String[] args) {
        Configuration config = Configuration.of(Map.of("uri", "s3://" + args[1] + "/lake/", "endpoint", args[0],
                "aws_access_key_id", "spate-access", "aws_secret_access_key", "spate-secret-key", "file_max_rows", "7000"));
        var lake = new LakeDestinationProvider.S3(Map.of()).open(config,
                new DestinationProvider.Context(Path.of(args[4]), args[3], "lake"));
        Sync.builder().pipelineId("crash").connector(new Orders(Long.parseLong(args[2]), 10_000, "crash", true))
                .destination("lake", lake).build().run();
        System.out.println("done");
    }
}
