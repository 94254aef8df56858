package io.spate.http;

import static io.spate.http.TestServer.csv;
import static io.spate.http.TestServer.file;
import static io.spate.http.TestServer.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.runtime.Connectors;
import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.sdk.SystemColumns;
import io.spate.testing.MemoryDestination;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpCsvConnectorTest {
    static final String KEY = "sk-test-0123456789";

    @RegisterExtension
    final TestServer server = TestServer.started();

    final List<Duration> sleeps = new ArrayList<>();

    Map<String, Object> config(String path, Object... more) {
        return server.config(path, Map.of("api_key", KEY, "columns", Map.of("id", "LONG")), more);
    }

    SyncResult sync(Map<String, Object> config, MemoryDestination destination) {
        return Sync.builder().pipelineId("p").connector(new HttpCsvConnector(b -> b.sleeper(sleeps::add).jitter(0)))
                .configuration(Configuration.of(config)).destination("d", destination).build().run();
    }

    /** Ids of the live rows, sorted, and a check that every value of each row matches what was served. */
    static List<Long> idsOf(MemoryDestination destination, String table) {
        List<Long> ids = new ArrayList<>();
        for (Map<String, Object> row : destination.liveRows(table)) {
            long id = (Long) row.get("id");
            assertThat(row.get("amount")).isEqualTo(new java.math.BigDecimal(Orders.amount(id)));
            assertThat(row.get("updated_at")).isEqualTo(java.time.Instant.parse(Orders.updatedAt(id)));
            assertThat(row.get("note")).isEqualTo(id % 7 == 0 ? "says \"hi\", then\nleaves" : "plain " + id);
            ids.add(id);
        }
        ids.sort(null);
        return ids;
    }

    static List<Long> range(long from, long to) {
        List<Long> ids = new ArrayList<>();
        for (long id = from; id <= to; id++) {
            ids.add(id);
        }
        return ids;
    }

    // ---- authentication

    @Test
    void sendsTheApiKeyAsAuthorizationApiKeyByDefault() {
        server.on("/v1/orders.csv", csv(Orders.bytes(1, 3)));
        MemoryDestination destination = new MemoryDestination();
        SyncResult result = sync(config("/v1/orders.csv"), destination);

        assertThat(server.requests()).singleElement().satisfies(r -> {
            assertThat(r.header("Authorization")).isEqualTo("apiKey " + KEY);
            assertThat(r.uri().toString()).isEqualTo("/v1/orders.csv");
        });
        assertThat(result.totalRows()).isEqualTo(3);
        assertThat(idsOf(destination, "orders")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void sendsABearerTokenWithExtraHeadersAndQueryParameters() {
        server.on("/export", csv(Orders.bytes(1, 2)));
        sync(config("/export", "auth_scheme", "Bearer", "headers", Map.of("X-Tenant", "acme"),
                "query", new java.util.TreeMap<>(Map.of("format", "csv", "since", "2024-01-01 00:00"))), new MemoryDestination());

        TestServer.Request request = server.requests().get(0);
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("X-Tenant")).isEqualTo("acme");
        assertThat(request.query()).isEqualTo("format=csv&since=2024-01-01%2000%3A00");
    }

    @Test
    void sendsTheBareKeyInACustomHeader() {
        server.on("/export", csv(Orders.bytes(1, 2)));
        sync(config("/export", "auth_header", "X-API-Key", "auth_scheme", "none"), new MemoryDestination());

        TestServer.Request request = server.requests().get(0);
        assertThat(request.header("X-API-Key")).isEqualTo(KEY);
        assertThat(request.header("Authorization")).isNull();
    }

    @Test
    void sendsNoCredentialsWithAuthNone() {
        server.on("/export", csv(Orders.bytes(1, 2)));
        Map<String, Object> config = config("/export", "auth", "none");
        config.remove("api_key");
        sync(config, new MemoryDestination());

        assertThat(server.requests().get(0).header("Authorization")).isNull();
    }

    // ---- retries

    @Test
    void waitsWhatRetryAfterAsksOnA429ThenSucceeds() {
        server.on("/orders.csv", status(429, "slow down", Map.of("Retry-After", "7")), csv(Orders.bytes(1, 50)));
        MemoryDestination destination = new MemoryDestination();
        sync(config("/orders.csv"), destination);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
        assertThat(server.requests()).hasSize(2);
        assertThat(idsOf(destination, "orders")).isEqualTo(range(1, 50));
    }

    @Test
    void backsOffExponentiallyOnTwo503sThenSucceeds() {
        server.on("/orders.csv", status(503, "busy", Map.of()), status(503, "busy", Map.of()), csv(Orders.bytes(1, 50)));
        MemoryDestination destination = new MemoryDestination();
        sync(config("/orders.csv"), destination);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(idsOf(destination, "orders")).isEqualTo(range(1, 50));
    }

    @Test
    void givesUpAfterMaxRetriesNamingTheLastAnswer() {
        server.on("/orders.csv", status(502, "bad gateway", Map.of()));
        assertThatThrownBy(() -> sync(config("/orders.csv", "max_retries", 2, "max_retry_delay", "1500ms"), new MemoryDestination()))
                .isInstanceOf(SpateException.class)
                .hasMessage("read " + server.url("/orders.csv") + " failed after 3 attempts; last error: GET "
                        + server.url("/orders.csv") + " answered HTTP 502: \"bad gateway\"");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofMillis(1500));
    }

    @Test
    void retriesARefusedConnection() throws IOException {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Map<String, Object> config = config("/x");
        config.put("api_url", "http://127.0.0.1:" + port + "/orders.csv");
        config.put("max_retries", 1);
        assertThatThrownBy(() -> sync(config, new MemoryDestination()))
                .hasMessageStartingWith("read http://127.0.0.1:" + port + "/orders.csv failed after 2 attempts; last error: GET "
                        + "http://127.0.0.1:" + port + "/orders.csv failed: ConnectException");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    }

    // ---- permanent failures

    @Test
    void a401FailsAtOnceNamingStatusUrlWithoutCredentialsAndFirstBytes() {
        String body = "{\"error\":\"invalid api key\",\"detail\":\"" + "x".repeat(300) + "\"}";
        server.on("/orders.csv", status(401, body, Map.of()));
        Map<String, Object> config = config("/orders.csv", "query", new java.util.TreeMap<>(Map.of("api_key", KEY, "region", "eu")));

        assertThatThrownBy(() -> sync(config, new MemoryDestination()))
                .isInstanceOf(SpateException.class)
                .hasMessage("GET " + server.url("/orders.csv?region=eu") + " answered HTTP 401: \""
                        + body.substring(0, 200) + "...\" (check api_key, auth, auth_header and auth_scheme)");
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).query()).isEqualTo("api_key=" + KEY + "&region=eu");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a404FailsAtOnce() {
        server.on("/orders.csv", status(404, "Not Found", Map.of()));
        assertThatThrownBy(() -> sync(config("/exports/missing.csv"), new MemoryDestination()))
                .isInstanceOf(SpateException.class)
                .hasMessage("GET " + server.url("/exports/missing.csv") + " answered HTTP 404: \"<h1>404 Not Found</h1>No context found for request\" "
                        + "(check api_url and query)");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aServer404BodyIsQuotedAsSent() {
        server.on("/gone.csv", status(404, "no such export\nsorry", Map.of()));
        assertThatThrownBy(() -> sync(config("/gone.csv"), new MemoryDestination()))
                .hasMessage("GET " + server.url("/gone.csv") + " answered HTTP 404: \"no such export sorry\" (check api_url and query)");
        assertThat(server.requests()).hasSize(1);
    }

    // ---- interrupted bodies

    @Test
    void aBodyCutMidwayResumesWithARangeRequest() {
        byte[] body = Orders.bytes(1, 2000);
        server.on("/orders.csv", file(body, "\"v1\"", 1, 30_000));
        MemoryDestination destination = new MemoryDestination();
        sync(config("/orders.csv"), destination);

        List<TestServer.Request> requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).header("Range")).isEqualTo("bytes=30000-");
        assertThat(requests.get(1).header("If-Range")).isEqualTo("\"v1\"");
        assertThat(idsOf(destination, "orders")).isEqualTo(range(1, 2000));
        assertThat(destination.rows("orders")).hasSize(2000);
    }

    @Test
    void aGzipEncodedBodyResumesAtItsEncodedByteOffset() throws IOException {
        byte[] gzipped = gzip(Orders.bytes(1, 3000));
        TestServer.Answer file = file(gzipped, "\"gz1\"", 1, gzipped.length / 3);
        server.on("/orders.csv", exchange -> {
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            file.answer(exchange);
        });
        MemoryDestination destination = new MemoryDestination();
        sync(config("/orders.csv"), destination);

        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).header("Range")).isEqualTo("bytes=" + gzipped.length / 3 + "-");
        assertThat(idsOf(destination, "orders")).isEqualTo(range(1, 3000));
    }

    @Test
    void aBodyCutMidwayIsReadAgainWhenTheServerOffersNoRanges() {
        byte[] body = Orders.bytes(1, 2000);
        server.on("/orders.csv", file(body, null, 2, 30_000));
        MemoryDestination destination = new MemoryDestination();
        sync(config("/orders.csv"), destination);

        assertThat(server.requests()).hasSize(3).allSatisfy(r -> assertThat(r.header("Range")).isNull());
        assertThat(idsOf(destination, "orders")).isEqualTo(range(1, 2000));
        assertThat(destination.rows("orders")).hasSize(2000);
    }

    @Test
    void aResumedRunSkipsTheRecordsCommittedWithinAnUnchangedPage() {
        byte[] body = Orders.bytes(1, 1000);
        int cutAfter = Orders.csv(1, 450).length();
        // the first answer (no ranges for this path) cuts after record 450; the second is whole, same ETag
        server.on("/orders.csv", exchange -> {
            exchange.getResponseHeaders().add("ETag", "\"v7\"");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body, 0, cutAfter);
            throw new IOException("cut");
        }, file(body, "\"v7\"", 0, 0));
        MemoryDestination destination = new MemoryDestination();
        Map<String, Object> failingConfig = config("/orders.csv", "checkpoint_every_rows", 100, "max_retries", 0, "sample_bytes", 4096);
        assertThatThrownBy(() -> sync(failingConfig, destination)).hasMessageContaining("broke off after");
        MemoryDestination reopened = destination.reopen();
        State saved = reopened.loadState("p").orElseThrow().state();
        assertThat(saved.getState("run").getLong("records_done")).contains(400L);
        assertThat(saved.getState("run").getString("validator")).contains("\"v7\"");
        // checkpoints within a page commit in the background, with every row sent before they start: rows
        // 401..450 may be committed too; the resumed run sends them again and they overwrite
        assertThat(idsOf(reopened, "orders")).containsAll(range(1, 400)).allMatch(id -> id <= 450);

        // second run, same page and ETag: only records 401..1000 are sent again
        SyncResult result = sync(config("/orders.csv", "checkpoint_every_rows", 100), reopened);
        assertThat(server.requests()).hasSize(2);
        assertThat(result.totalRows()).isEqualTo(600);
        assertThat(idsOf(reopened, "orders")).isEqualTo(range(1, 1000));
        assertThat(reopened.loadState("p").orElseThrow().state()).isEqualTo(State.empty());
    }

    @Test
    void aCheckpointFailingInTheBackgroundFailsTheRunAndTheNextRunResumesFromTheLastCommittedOne() {
        server.on("/orders.csv", file(Orders.bytes(1, 1000), "\"v7\"", 0, 0));
        MemoryDestination destination = new MemoryDestination();
        destination.failCommit(3, new SpateException(SpateException.Category.INTERNAL, "disk full"));
        Map<String, Object> config = config("/orders.csv", "checkpoint_every_rows", 100);
        assertThatThrownBy(() -> sync(config, destination)).hasMessageContaining("disk full");
        MemoryDestination reopened = destination.reopen();
        assertThat(reopened.loadState("p").orElseThrow().state().getState("run").getLong("records_done")).contains(200L);

        sync(config, reopened);
        assertThat(idsOf(reopened, "orders")).isEqualTo(range(1, 1000));
        assertThat(reopened.loadState("p").orElseThrow().state()).isEqualTo(State.empty());
    }

    @Test
    void theReadTimeoutBoundsSilenceNotTheWholeBody() {
        byte[] body = Orders.bytes(1, 300);
        server.on("/orders.csv", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            int step = body.length / 8 + 1;
            for (int from = 0; from < body.length; from += step) {
                exchange.getResponseBody().write(body, from, Math.min(step, body.length - from));
                exchange.getResponseBody().flush();
                pause(200);
            }
        });
        MemoryDestination destination = new MemoryDestination();
        sync(config("/orders.csv", "timeout", Map.of("read", "700ms")), destination);

        assertThat(server.requests()).hasSize(1);
        assertThat(idsOf(destination, "orders")).isEqualTo(range(1, 300));
    }

    @Test
    void aBodyThatGoesSilentTimesOutAndIsReadAgain() {
        byte[] body = Orders.bytes(1, 300);
        server.on("/orders.csv", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body, 0, 1000);
            exchange.getResponseBody().flush();
            pause(3000);
        }, csv(body));
        MemoryDestination destination = new MemoryDestination();
        sync(config("/orders.csv", "timeout", "500ms"), destination);

        assertThat(server.requests()).hasSize(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
        assertThat(idsOf(destination, "orders")).isEqualTo(range(1, 300));
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- bodies

    @Test
    void decodesGzipContentEncodingAndGzippedCsvBodies() throws IOException {
        byte[] gzipped = gzip(Orders.bytes(1, 300));
        server.on("/a/orders", csv(gzipped, Map.of("Content-Encoding", "gzip")));
        server.on("/b/orders.csv.gz", csv(gzipped, Map.of("Content-Type", "application/gzip")));
        server.on("/c/orders", csv(deflate(Orders.bytes(1, 300)), Map.of("Content-Encoding", "deflate")));
        for (String path : List.of("/a/orders", "/b/orders.csv.gz", "/c/orders")) {
            MemoryDestination destination = new MemoryDestination();
            sync(config(path), destination);
            assertThat(idsOf(destination, "orders")).as(path).isEqualTo(range(1, 300));
        }
        assertThat(server.requests().get(0).header("Accept-Encoding")).isEqualTo("gzip, deflate");
    }

    @Test
    void spoolsToATemporaryFileAndRemovesIt() throws IOException {
        server.on("/orders.csv", csv(Orders.bytes(1, 500)));
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        List<java.nio.file.Path> before = spools(tmp);
        MemoryDestination destination = new MemoryDestination();
        sync(config("/orders.csv", "spool", true), destination);

        assertThat(idsOf(destination, "orders")).isEqualTo(range(1, 500));
        assertThat(spools(tmp)).isEqualTo(before);
    }

    @Test
    void keysRowsByPageUrlAndRecordNumberWithoutAPrimaryKey() {
        server.on("/orders.csv", csv(Orders.bytes(1, 10)));
        MemoryDestination destination = new MemoryDestination();
        Map<String, Object> config = config("/orders.csv", "query", new java.util.TreeMap<>(Map.of("token", "t0ps3cret", "view", "all")));
        sync(config, destination);
        sync(config, destination);

        assertThat(destination.rows("orders")).hasSize(10);
        Map<String, Object> seventh = destination.rows("orders").get(List.of(server.url("/orders.csv?view=all"), 7L));
        assertThat(seventh).containsEntry("id", 7L).containsEntry(SystemColumns.LINE, 7L);
    }

    @Test
    void keepsOnlySelectedColumnsUnderTheGivenTableName() {
        server.on("/api/v2/export", csv(Orders.bytes(1, 5)));
        MemoryDestination destination = new MemoryDestination();
        sync(config("/api/v2/export", "table", "sales", "select", "id,amount", "primary_key", "id"), destination);

        assertThat(destination.rows("sales").get(List.of(3L))).containsOnlyKeys("id", "amount", SystemColumns.DELETED)
                .containsEntry("amount", new java.math.BigDecimal("3.03"));
    }

    @Test
    void namesTheTableAfterTheLastPathSegmentWithoutExtensions() {
        assertThat(HttpCsvSettings.tableNameOf(java.net.URI.create("https://x/v1/exports/order_lines.csv.gz?x=1"))).contains("order_lines");
        assertThat(HttpCsvSettings.tableNameOf(java.net.URI.create("https://x/v1/customers/"))).contains("customers");
        assertThat(HttpCsvSettings.tableNameOf(java.net.URI.create("https://x/"))).isEmpty();
    }

    @Test
    void aMalformedRecordFailsNamingUrlAndLineUnlessSkipped() {
        String body = Orders.HEADER + Orders.row(1) + "2,short\n" + Orders.row(3);
        server.on("/orders.csv", csv(body.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> sync(config("/orders.csv"), new MemoryDestination()))
                .hasMessage(server.url("/orders.csv") + " line 3 column \"amount\": has 2 fields, expected 5");

        MemoryDestination destination = new MemoryDestination();
        SyncResult result = sync(config("/orders.csv", "on_error", "skip"), destination);
        assertThat(idsOf(destination, "orders")).containsExactly(1L, 3L);
        assertThat(result.warnings()).containsExactly("skipped 1 bad records of " + server.url("/orders.csv")
                + "; the first: " + server.url("/orders.csv") + " line 3 column \"amount\": has 2 fields, expected 5");
    }

    @Test
    void quarantinesABadRecordIntoSpateRejects() {
        String body = Orders.HEADER + Orders.row(1) + "2,short\n" + Orders.row(3);
        server.on("/orders.csv", csv(body.getBytes(StandardCharsets.UTF_8)));
        MemoryDestination destination = new MemoryDestination();
        sync(config("/orders.csv", "on_error", "quarantine"), destination);

        assertThat(idsOf(destination, "orders")).containsExactly(1L, 3L);
        assertThat(destination.liveRows("_spate_rejects")).singleElement().satisfies(reject -> assertThat(reject)
                .containsEntry("table", "orders").containsEntry(SystemColumns.FILE, server.url("/orders.csv"))
                .containsEntry(SystemColumns.LINE, 2L).containsEntry("record", "2,short")
                .containsEntry("reason", server.url("/orders.csv") + " line 3 column \"amount\": has 2 fields, expected 5"));
    }

    @Test
    void readsTsvWithNullTextsAndNoHeader() {
        server.on("/people.tsv", csv("1\tann\tNA\n2\t\t42\n".getBytes(StandardCharsets.UTF_8)));
        MemoryDestination destination = new MemoryDestination();
        sync(config("/people.tsv", "header", false, "column_names", "id,name,age", "null_values", List.of("NA", ""),
                "columns", Map.of("id", "LONG", "age", "INT"), "primary_key", "id"), destination);

        assertThat(destination.rows("people").get(List.of(1L))).containsEntry("name", "ann").containsEntry("age", null);
        assertThat(destination.rows("people").get(List.of(2L))).containsEntry("name", null).containsEntry("age", 42);
    }

    @Test
    void checkRequestsTheFirstPageAndNamesWhatToFix() {
        server.on("/orders.csv", status(403, "forbidden", Map.of()));
        assertThatThrownBy(() -> new HttpCsvConnector(b -> b.sleeper(sleeps::add)).check(Configuration.of(config("/orders.csv"))))
                .hasMessage("GET " + server.url("/orders.csv") + " answered HTTP 403: \"forbidden\" (check api_key, auth, "
                        + "auth_header and auth_scheme)");
        server.on("/ok.csv", csv(Orders.bytes(1, 1)));
        new HttpCsvConnector().check(Configuration.of(config("/ok.csv")));
        assertThat(server.requests()).hasSize(2);
    }

    // ---- configuration

    @Test
    void reportsEveryMissingOrInvalidOptionInOneMessageBeforeAnyRequest() {
        Configuration config = Configuration.of(Map.of("max_retries", "-1", "pagination", "sideways",
                "initial_retry_delay", "soon", "timeout", new java.util.TreeMap<>(Map.of("connect", "5s", "write", "1s"))));
        assertThatThrownBy(() -> new HttpCsvConnector().schema(config))
                .isInstanceOf(SpateException.class)
                .satisfies(e -> assertThat(((SpateException) e).category()).isEqualTo(SpateException.Category.CONFIG))
                .hasMessage("""
                        invalid configuration:
                          - api_url is missing: expected text (the URL that returns the CSV)
                          - max_retries must be 0..100 (got -1)
                          - initial_retry_delay is "soon", expected a duration like 500ms, 10s, 2m
                          - timeout must be a duration such as 30s or a map {connect: 10s, read: 60s} (got {connect=5s, write=1s})
                          - pagination %s (got sideways)
                          - api_key is missing: expected text (the API key; required unless auth: none)""".formatted(Pagination.EXPECTED));
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void reportsBadCsvOptionsAndAFormatThatIsNotCsv() {
        assertThatThrownBy(() -> new HttpCsvConnector().schema(Configuration.of(config("/orders.csv", "delimiter", "ab",
                "encoding", "klingon"))))
                .hasMessage("invalid configuration:\n  - delimiter must be one character, got \"ab\"\n"
                        + "  - encoding \"klingon\" is not a known character set (e.g. UTF-8, ISO-8859-1, windows-1252, UTF-16)");
        assertThatThrownBy(() -> new HttpCsvConnector().schema(Configuration.of(config("/orders.json"))))
                .hasMessage("invalid configuration:\n  - format is json: http_csv reads csv or tsv");
    }

    @Test
    void theRuntimeStopsAMissingApiKeyBeforeAnyRequest() {
        server.on("/orders.csv", csv(Orders.bytes(1, 1)));
        Map<String, Object> config = config("/orders.csv", "max_retries", "many");
        config.remove("api_key");
        assertThatThrownBy(() -> sync(config, new MemoryDestination()))
                .hasMessage("invalid configuration:\n  - max_retries is \"many\", expected an integer"
                        + "\n  - api_key is missing: expected text (the API key; required unless auth: none)");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void isFoundByItsName() {
        assertThat(Connectors.find("http_csv")).isInstanceOf(HttpCsvConnector.class);
    }

    static List<java.nio.file.Path> spools(java.nio.file.Path dir) throws IOException {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("spate-http-")).sorted().toList();
        }
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
            deflate.write(bytes);
        }
        return out.toByteArray();
    }
}
