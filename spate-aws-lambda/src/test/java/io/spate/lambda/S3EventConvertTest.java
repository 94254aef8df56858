package io.spate.lambda;

import static io.spate.lambda.LandingEvents.invoke;
import static io.spate.lambda.LandingEvents.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.spate.s3.S3TestServer;
import io.spate.sdk.SpateException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The handler's conversions (a pipeline file's convert: section) for real S3 event documents, against S3Proxy. */
class S3EventConvertTest {
    private static S3TestServer s3;

    @TempDir
    Path workDir;

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeAll
    static void startServer() throws Exception {
        s3 = LandingEvents.startLanding();
        s3.createBucket("lake");
    }

    @AfterAll
    static void stopServer() {
        s3.close();
    }

    private Map<String, String> environment(String out) {
        return Map.of(S3EventHandler.PIPELINE_VARIABLE, """
                convert:
                  orders_to_lake:
                    from: s3://landing/in/
                    to: [parquet, avro]
                    out: %s
                    endpoint: ${S3_ENDPOINT}
                """.formatted(out),
                "S3_ENDPOINT", s3.endpoint(), "AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY,
                "AWS_REGION", "us-east-1", S3EventHandler.WORKDIR_VARIABLE, workDir.toString());
    }

    private static List<String> written(String prefix) {
        return s3.client().listObjectsV2Paginator(r -> r.bucket("lake").prefix(prefix)).contents().stream().map(S3Object::key)
                .filter(key -> !key.contains("_spate_convert/")).sorted().toList();
    }

    @Test
    void aBatchConvertsEachNamedObjectOnceAndASecondDeliverySkipsThem() throws IOException {
        JsonNode result = invoke(new S3EventHandler(environment("s3://lake/batch/"), logs), "batch.json");

        assertThat(result.path("objects").findValuesAsText("key"))
                .containsExactly("in/2026 11/orders 2.csv", "in/café/commandes été €.csv", "elsewhere/notes.csv");
        assertThat(statuses(result)).containsExactly("converted", "converted", "ignored");
        assertThat(result.path("objects").findValuesAsText("rows")).containsExactly("1", "3", "0");
        assertThat(written("batch/")).containsExactly("batch/2026 11/orders 2.avro", "batch/2026 11/orders 2.parquet",
                "batch/café/commandes été €.avro", "batch/café/commandes été €.parquet");

        JsonNode again = invoke(new S3EventHandler(environment("s3://lake/batch/"), logs), "batch.json");

        assertThat(statuses(again)).containsExactly("skipped", "skipped", "ignored");
        assertThat(written("batch/")).hasSize(4);
    }

    @Test
    void aPoisonObjectFailsAloneAndTheInvocationThrowsAfterTheOthersAreConverted() {
        S3EventHandler handler = new S3EventHandler(environment("s3://lake/poison/"), logs);

        assertThatThrownBy(() -> invoke(handler, "with-poison.json")).isInstanceOf(SpateException.class)
                .hasMessageStartingWith("1 of 3 objects failed (the others are done; a retry skips them): s3://landing/in/poison.csv.gz: ");
        assertThat(written("poison/")).containsExactly("poison/also good.avro", "poison/also good.parquet",
                "poison/good.avro", "poison/good.parquet");
        assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain(S3TestServer.SECRET_KEY);
    }

    @Test
    void throughSqsThePoisonObjectsMessageIsABatchItemFailure() throws IOException {
        JsonNode result = invoke(new S3EventHandler(environment("s3://lake/sqs/"), logs), "sqs-with-poison.json");

        assertThat(statuses(result)).containsExactly("converted", "failed", "converted");
        assertThat(result.path("batchItemFailures").findValuesAsText("itemIdentifier"))
                .containsExactly("059f36b4-87a3-44ab-83d2-661975768101");
    }

    @Test
    void aConversionFromALocalDirectoryCannotServeS3Events() {
        Map<String, String> environment = Map.of(S3EventHandler.PIPELINE_VARIABLE, """
                convert:
                  local:
                    from: /data/in
                    to: parquet
                    out: /data/out
                """);

        assertThatThrownBy(() -> new S3EventHandler(environment, logs)).isInstanceOf(SpateException.class)
                .hasMessageContaining("conversion local: the objects of an S3 event are converted from an s3:// source");
    }
}
