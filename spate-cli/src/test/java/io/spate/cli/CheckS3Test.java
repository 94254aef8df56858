package io.spate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.s3.S3TestServer;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spate check} of s3 sources against a real S3-protocol server. */
class CheckS3Test {
    /** The source both pipeline files start with: the bucket's data/ prefix, with the right key. */
    private static final String RAW_ORDERS = """
            sources:
              raw_orders:
                connector: s3
                uri: s3://landing/data/
                endpoint: %1$s
                aws_access_key_id: %2$s
                aws_secret_access_key: ${S3_SECRET}
            """;
    private static S3TestServer s3;

    @TempDir
    Path workDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startServer() throws Exception {
        s3 = new S3TestServer();
        s3.createBucket("landing");
        s3.put("landing", "data/orders.csv", "id,amount\n1,2.50\n".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopServer() {
        s3.close();
    }

    /**
     * Runs {@code spate check} on the pipeline file {@code yaml} (%1$s: the server's endpoint, %2$s: the access
     * key), asserts that it fails with exit code 1, and returns its output lines.
     */
    private List<String> checkThatFails(String yaml) throws IOException {
        Path file = workDir.resolve("pipeline.yaml");
        Files.writeString(file, yaml.formatted(s3.endpoint(), S3TestServer.ACCESS_KEY));

        int exit = Spate.run(out, err, Map.of("S3_SECRET", S3TestServer.SECRET_KEY), Terminal.none(),
                "check", file.toString(), "--workdir", workDir.toString());

        assertThat(exit).as(out + "\n" + err).isEqualTo(1);
        return out.toString().lines().toList();
    }

    @Test
    void aReachablePrefixPassesAndAMissingBucketOrAWrongKeyFailsNamingTheSource() throws IOException {
        List<String> lines = checkThatFails(RAW_ORDERS + """
                  missing_bucket:
                    connector: s3
                    uri: s3://no-such-bucket/data/
                    endpoint: %1$s
                    aws_access_key_id: %2$s
                    aws_secret_access_key: ${S3_SECRET}
                  wrong_key:
                    connector: s3
                    uri: s3://landing/data/
                    endpoint: %1$s
                    aws_access_key_id: %2$s
                    aws_secret_access_key: not-the-secret
                    max_attempts: 1
                """);

        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).matches("source raw_orders: OK \\(\\d+\\.\\d s\\)");
        assertThat(lines.get(1)).startsWith("source missing_bucket: listing s3://no-such-bucket/data/ failed: 404 NoSuchBucket")
                .endsWith("bucket no-such-bucket does not exist at endpoint " + s3.endpoint()
                        + "; check bucket (or uri), endpoint and region_name");
        assertThat(lines.get(2)).startsWith("source wrong_key: listing s3://landing/data/ failed: 403 SignatureDoesNotMatch")
                .contains("check aws_access_key_id and aws_secret_access_key");
        assertThat(lines.get(3)).matches("destination warehouse: OK \\(\\d+\\.\\d s\\)");
        assertThat(lines.get(4)).isEqualTo("2 of 4 endpoints failed");
        assertThat(out.toString() + err).doesNotContain(S3TestServer.SECRET_KEY).doesNotContain("not-the-secret");
    }

    @Test
    void lakeDestinationsAreCheckedToo() throws IOException {
        List<String> lines = checkThatFails(RAW_ORDERS + """
                destinations:
                  lake:
                    connector: s3
                    uri: s3://landing/lake/
                    endpoint: %1$s
                    aws_access_key_id: %2$s
                    aws_secret_access_key: ${S3_SECRET}
                  missing_lake:
                    connector: s3
                    uri: s3://no-such-lake/out/
                    endpoint: %1$s
                    aws_access_key_id: %2$s
                    aws_secret_access_key: ${S3_SECRET}
                pipelines:
                  - from: raw_orders
                    to: [lake, missing_lake]
                """);

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("source raw_orders: OK (");
        assertThat(lines.get(1)).startsWith("destination lake: OK (");
        assertThat(lines.get(2)).startsWith("destination missing_lake: ").contains("s3://no-such-lake/out/")
                .contains("404 NoSuchBucket").endsWith("check bucket (or uri), endpoint and region_name");
        assertThat(lines.get(3)).isEqualTo("1 of 3 endpoints failed");
    }
}
