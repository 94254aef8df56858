package io.spate.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spate.duckdb.WarehouseQuery;
import io.spate.s3.S3TestServer;
import io.spate.sdk.SpateException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handler invoked with real S3 event notification documents, against S3Proxy, into a DuckDB warehouse. */
class S3EventHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static S3TestServer s3;

    @TempDir
    Path workDir;

    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    @BeforeAll
    static void startServer() throws Exception {
        s3 = new S3TestServer();
        s3.createBucket("landing");
        put("in/orders-1.csv", "id,amount\n1,1.50\n2,2.50\n");
        put("in/2026 11/orders 2.csv", "id,amount\n3,3.50\n");
        put("in/café/commandes été €.csv", "id,amount\n4,4.50\n5,5.50\n6,6.50\n");
        put("elsewhere/notes.csv", "id,amount\n99,9.99\n");
        put("in/good.csv", "id,amount\n7,7.50\n");
        put("in/also good.csv", "id,amount\n8,8.50\n");
        s3.put("landing", "in/poison.csv.gz", truncatedGzip("id,amount\n9,9.50\n10,10.50\n"));
    }

    @AfterAll
    static void stopServer() {
        s3.close();
    }

    /** A gzip stream cut in the middle: no reader can get its rows. */
    private static byte[] truncatedGzip(String content) throws IOException {
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzip)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return Arrays.copyOf(gzip.toByteArray(), gzip.size() / 2);
    }

    private static void put(String key, String content) {
        s3.put("landing", key, content.getBytes(StandardCharsets.UTF_8));
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

    private JsonNode invoke(S3EventHandler handler, String event) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream input = S3EventHandlerTest.class.getResourceAsStream("/events/" + event)) {
            handler.handleRequest(input, output, null);
        }
        return JSON.readTree(output.toByteArray());
    }

    private List<List<String>> query(String sql) {
        return WarehouseQuery.rows(workDir.resolve("files/warehouse.duckdb"), sql);
    }

    private static List<String> statuses(JsonNode result) {
        return result.path("objects").findValuesAsText("status");
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
