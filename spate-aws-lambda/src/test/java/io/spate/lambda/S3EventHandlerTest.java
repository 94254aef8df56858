package io.spate.lambda;

import static io.spate.lambda.LandingEvents.invoke;
import static io.spate.lambda.LandingEvents.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.spate.duckdb.WarehouseQuery;
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

/** The handler invoked with real S3 event notification documents, against S3Proxy, into a DuckDB warehouse. */
class S3EventHandlerTest {
    private static S3TestServer s3;

    @TempDir
    Path workDir;

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeAll
    static void startServer() throws Exception {
        s3 = LandingEvents.startLanding();
    }

    @AfterAll
    static void stopServer() {
        s3.close();
    }

    private Map<String, String> environment() {
        return Map.of(S3EventHandler.PIPELINE_VARIABLE, """
                sources:
                  raw_orders:
                    connector: s3
                    uri: s3://landing/in/
                    endpoint: ${S3_ENDPOINT}
                    aws_access_key_id: %s
                    aws_secret_access_key: ${S3_SECRET}
                    format: csv
                    table: orders
                destinations:
                  warehouse:
                    connector: duckdb
                """.formatted(S3TestServer.ACCESS_KEY),
                "S3_ENDPOINT", s3.endpoint(), "S3_SECRET", S3TestServer.SECRET_KEY,
                S3EventHandler.WORKDIR_VARIABLE, workDir.toString());
    }

    private List<List<String>> query(String sql) {
        return WarehouseQuery.rows(workDir.resolve("files/warehouse.duckdb"), sql);
    }

    @Test
    void aSingleRecordSyncsJustThatObject() throws IOException {
        JsonNode result = invoke(new S3EventHandler(environment(), logs), "single.json");

        assertThat(statuses(result)).containsExactly("synced");
        assertThat(result.path("objects").get(0).path("rows").asLong()).isEqualTo(2);
        assertThat(result.path("batchItemFailures")).isEmpty();
        assertThat(query("select count(*), sum(amount::decimal(10,2)), min(_spate_file) from orders"))
                .containsExactly(List.of("2", "4.00", "s3://landing/in/orders-1.csv"));
    }

    @Test
    void aBatchWithEncodedKeysSyncsEachObjectAndIgnoresWhatNoSourceCovers() throws IOException {
        JsonNode result = invoke(new S3EventHandler(environment(), logs), "batch.json");

        assertThat(result.path("objects").findValuesAsText("key"))
                .containsExactly("in/2026 11/orders 2.csv", "in/café/commandes été €.csv", "elsewhere/notes.csv");
        assertThat(statuses(result)).containsExactly("synced", "synced", "ignored");
        assertThat(query("select _spate_file, count(*) from orders group by 1 order by 1")).containsExactly(
                List.of("s3://landing/in/2026 11/orders 2.csv", "1"),
                List.of("s3://landing/in/café/commandes été €.csv", "3"));
    }

    @Test
    void theSameEventDeliveredTwiceChangesNothingTheSecondTime() throws IOException {
        S3EventHandler handler = new S3EventHandler(environment(), logs);
        invoke(handler, "batch.json");
        List<List<String>> before = query("select count(*), sum(amount::decimal(10,2)), max(_spate_synced) from orders");

        JsonNode again = invoke(new S3EventHandler(environment(), logs), "batch.json");

        assertThat(statuses(again)).containsExactly("skipped", "skipped", "ignored");
        assertThat(query("select count(*), sum(amount::decimal(10,2)), max(_spate_synced) from orders")).isEqualTo(before);
        assertThat(before.get(0).subList(0, 2)).containsExactly("4", "20.00");
    }

    @Test
    void aPoisonObjectDeliveredStraightFromS3FailsTheInvocationAfterTheOthersAreSynced() {
        S3EventHandler handler = new S3EventHandler(environment(), logs);

        assertThatThrownBy(() -> invoke(handler, "with-poison.json")).isInstanceOf(SpateException.class)
                .hasMessageStartingWith("1 of 3 objects failed (the others are done; a retry skips them): s3://landing/in/poison.csv.gz: ");
        assertThat(query("select id from orders order by id")).containsExactly(List.of("7"), List.of("8"));
        assertThat(logs.toString(StandardCharsets.UTF_8)).contains("s3://landing/in/poison.csv.gz: pipeline raw_orders failed: ")
                .doesNotContain(S3TestServer.SECRET_KEY);
    }

    @Test
    void aPoisonObjectDeliveredThroughSqsIsReturnedAsABatchItemFailure() throws IOException {
        JsonNode result = invoke(new S3EventHandler(environment(), logs), "sqs-with-poison.json");

        assertThat(statuses(result)).containsExactly("synced", "failed", "synced");
        assertThat(result.path("batchItemFailures").findValuesAsText("itemIdentifier"))
                .containsExactly("059f36b4-87a3-44ab-83d2-661975768101");
        assertThat(query("select id from orders order by id")).containsExactly(List.of("7"), List.of("8"));
    }

    @Test
    void withoutAPipelineTheHandlerSaysWhereToPutIt() {
        assertThatThrownBy(() -> new S3EventHandler(Map.of(), logs)).isInstanceOf(SpateException.class)
                .hasMessage("no pipeline: set the environment variable SPATE_PIPELINE to the pipeline file's YAML,"
                        + " or package it as the resource spate-pipeline.yaml");
    }
}
