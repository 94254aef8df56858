package io.spate.bench;

import io.spate.lake.convert.Convert;
import io.spate.lake.convert.ConvertReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * spate's convert engine as {@code spate convert SRC --to parquet,avro --out DEST --endpoint URL} runs it
 * ({@link Convert#run}), for the {@code convert-s3} scenario while the CLI has no {@code convert} command.
 * Prints the engine's report and {@code rows=N}; exits 1 when a file failed.
 *
 * <p>{@code ConvertS3 SRC_URI DEST_URI ENDPOINT WORK_DIR}
 */
public final class ConvertS3 {
    private ConvertS3() {
    }

    public static void main(String[] args) throws Exception {
        Path workDir = Files.createDirectories(Path.of(args[3]));
        ConvertReport report = Convert.run(args[0], List.of("parquet", "avro"), args[1],
                Map.of("endpoint", args[2], "region", "us-east-1", "aws_access_key_id", S3Server.ACCESS_KEY,
                        "aws_secret_access_key", S3Server.SECRET_KEY),
                System.getenv(), workDir);
        System.out.print(report.toTable());
        System.out.println("rows=" + report.totalRows());
        System.exit(report.failed() ? 1 : 0);
    }
}
