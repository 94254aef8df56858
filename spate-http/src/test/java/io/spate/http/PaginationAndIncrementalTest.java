package io.spate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import io.spate.sdk.Configuration;
import io.spate.sdk.State;
import io.spate.testing.MemoryDestination;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PaginationAndIncrementalTest {
    @RegisterExtension
    final TestServer server = TestServer.started();

    /** A page answered from the request's query parameters. */
    record Reply(String body, Map<String, String> headers) {
        static Reply of(String body) {
            return new Reply(body, Map.of());
        }
    }

    TestServer.Answer paged(Function<Map<String, String>, Reply> pages) {
        return exchange -> {
            Map<String, String> query = new LinkedHashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    String[] parts = pair.split("=", 2);
                    query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                            parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
                }
            }
            Reply reply = pages.apply(query);
            reply.headers().forEach(exchange.getResponseHeaders()::add);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    SyncResult sync(MemoryDestination destination, Object... options) {
        Map<String, Object> config = server.config("/orders",
                Map.of("api_key", "k-123456", "primary_key", "id", "columns", Map.of("id", "LONG")), options);
        return Sync.builder().pipelineId("p").connector(new HttpCsvConnector(b -> b.sleeper(d -> { }).jitter(0)))
                .configuration(Configuration.of(config)).destination("d", destination).build().run();
    }

    List<String> queries() {
        return server.requests().stream().map(TestServer.Request::query).toList();
    }

    static String rows(long from, long to) {
        return from > to ? Orders.HEADER : Orders.csv(from, to);
    }

    static long number(Map<String, String> query, String name, long otherwise) {
        return query.containsKey(name) ? Long.parseLong(query.get(name)) : otherwise;
    }

    @Test
    void pageNumbersUntilAShortPage() {
        server.on("/orders", paged(q -> {
            long page = number(q, "page", -1);
            return Reply.of(rows((page - 1) * 100 + 1, Math.min(page * 100, 250)));
        }));
        MemoryDestination destination = new MemoryDestination();
        sync(destination, "pagination", Map.of("type", "page", "size_param", "per_page", "size", 100));

        assertThat(queries()).containsExactly("page=1&per_page=100", "page=2&per_page=100", "page=3&per_page=100");
        assertThat(HttpCsvConnectorTest.idsOf(destination, "orders")).isEqualTo(HttpCsvConnectorTest.range(1, 250));
    }

    @Test
    void pageNumbersUntilAnEmptyPageWithoutAPageSize() {
        server.on("/orders", paged(q -> {
            long page = number(q, "p", -1);
            return Reply.of(rows(page * 10 + 1, Math.min(page * 10 + 10, 20)));
        }));
        MemoryDestination destination = new MemoryDestination();
        sync(destination, "pagination", "{\"type\": \"page\", \"param\": \"p\", \"start\": 0}");

        assertThat(queries()).containsExactly("p=0", "p=1", "p=2");
        assertThat(HttpCsvConnectorTest.idsOf(destination, "orders")).isEqualTo(HttpCsvConnectorTest.range(1, 20));
    }

    @Test
    void offsetsCountTheRecordsRead() {
        server.on("/orders", paged(q -> {
            long offset = number(q, "offset", -1);
            long limit = number(q, "limit", -1);
            return Reply.of(rows(offset + 1, Math.min(offset + limit, 230)));
        }));
        MemoryDestination destination = new MemoryDestination();
        sync(destination, "pagination", Map.of("type", "offset", "limit_param", "limit", "limit", 100));

        assertThat(queries()).containsExactly("offset=0&limit=100", "offset=100&limit=100", "offset=200&limit=100");
        assertThat(HttpCsvConnectorTest.idsOf(destination, "orders")).isEqualTo(HttpCsvConnectorTest.range(1, 230));
    }

    @Test
    void followsTheNextLinkHeaderRelativeOrAbsolute() {
        server.on("/orders", paged(q -> switch (q.getOrDefault("page", "1")) {
            case "1" -> new Reply(rows(1, 40), Map.of("Link", "</orders?page=2&api_key=k-123456>; rel=\"next\", </orders?page=3>; rel=\"last\""));
            case "2" -> new Reply(rows(41, 80), Map.of("Link", "<" + server.url("/orders?page=3") + ">; rel=\"next\""));
            default -> Reply.of(rows(81, 99));
        }));
        MemoryDestination destination = new MemoryDestination();
        sync(destination, "pagination", "next", "query", Map.of("api_key", "k-123456"));

        assertThat(queries()).containsExactly("api_key=k-123456", "page=2&api_key=k-123456", "page=3&api_key=k-123456");
        assertThat(HttpCsvConnectorTest.idsOf(destination, "orders")).isEqualTo(HttpCsvConnectorTest.range(1, 99));
    }

    @Test
    void aCursorFromTheLastRecordsColumnRequestsTheNextPage() {
        server.on("/orders", paged(q -> {
            long after = number(q, "after", 0);
            return Reply.of(rows(after + 1, Math.min(after + 100, 250)));
        }));
        MemoryDestination destination = new MemoryDestination();
        sync(destination, "pagination", Map.of("type", "cursor", "param", "after", "column", "id"));

        assertThat(queries()).containsExactly("", "after=100", "after=200", "after=250");
        assertThat(HttpCsvConnectorTest.idsOf(destination, "orders")).isEqualTo(HttpCsvConnectorTest.range(1, 250));
    }

    @Test
    void aCursorFromAResponseHeaderRequestsTheNextPage() {
        server.on("/orders", paged(q -> switch (q.getOrDefault("cursor", "")) {
            case "" -> new Reply(rows(1, 30), Map.of("X-Next-Cursor", "c2"));
            case "c2" -> new Reply(rows(31, 60), Map.of("X-Next-Cursor", "c3"));
            default -> Reply.of(rows(61, 70));
        }));
        MemoryDestination destination = new MemoryDestination();
        sync(destination, "pagination", Map.of("type", "cursor", "header", "X-Next-Cursor"));

        assertThat(queries()).containsExactly("", "cursor=c2", "cursor=c3");
        assertThat(HttpCsvConnectorTest.idsOf(destination, "orders")).isEqualTo(HttpCsvConnectorTest.range(1, 70));
    }

    @Test
    void aCursorThatRepeatsStopsInsteadOfLooping() {
        server.on("/orders", paged(q -> new Reply(rows(1, 5), Map.of("X-Next-Cursor", "same"))));
        assertThatThrownBy(() -> sync(new MemoryDestination(), "pagination", Map.of("type", "cursor", "header", "X-Next-Cursor")))
                .hasMessage("the server returned cursor \"same\" for cursor twice in a row; stopping instead of looping");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void checkpointsThePositionAfterEachPageAndResumesThere() {
        boolean[] broken = {true};
        server.on("/orders", paged(q -> {
            long page = number(q, "page", -1);
            if (page == 3 && broken[0]) {
                return new Reply("id,customer\n1,x,y,z\n", Map.of());
            }
            return Reply.of(rows((page - 1) * 10 + 1, Math.min(page * 10, 45)));
        }));
        MemoryDestination destination = new MemoryDestination();
        assertThatThrownBy(() -> sync(destination, "pagination", "page"))
                .hasMessage(server.url("/orders?page=3") + " line 2: has 4 fields, expected 2");

        State saved = destination.loadState("p").orElseThrow().state();
        assertThat(saved.toJson()).isEqualTo("{\"run\":{\"page\":{\"index\":2,\"offset\":20},\"records_done\":0}}");
        assertThat(destination.rows("orders")).hasSize(20);

        broken[0] = false;
        MemoryDestination reopened = destination.reopen();
        SyncResult resumed = sync(reopened, "pagination", "page");
        // the resumed run's schema samples the first page (a first run's first request), then reads from page 3
        assertThat(queries()).containsExactly("page=1", "page=2", "page=3", "page=1", "page=3", "page=4", "page=5", "page=6");
        assertThat(resumed.totalRows()).isEqualTo(25);
        assertThat(HttpCsvConnectorTest.idsOf(reopened, "orders")).isEqualTo(HttpCsvConnectorTest.range(1, 45));
        assertThat(reopened.loadState("p").orElseThrow().state()).isEqualTo(State.empty());
    }

    @Test
    void aSecondIncrementalRunAsksOnlyForRowsChangedSinceTheLargestValueSeen() {
        server.on("/orders", paged(q -> {
            if (!q.containsKey("updated_since")) {
                return Reply.of(rows(1, 100));
            }
            // rows changed at or after the cursor: 100 again (inclusive servers) and the new 101..120
            return Reply.of(rows(100, 120));
        }));
        MemoryDestination destination = new MemoryDestination();
        Map<String, Object> incremental = Map.of("param", "updated_since", "column", "updated_at");
        sync(destination, "incremental", incremental);
        assertThat(destination.loadState("p").orElseThrow().state().getString("cursor")).contains(Orders.updatedAt(100));

        SyncResult second = sync(destination, "incremental", incremental);

        // the second run's schema samples the export's head (the first run's request); only the run sends updated_since
        assertThat(queries()).containsExactly("", "", "updated_since=" + Orders.updatedAt(100).replace(":", "%3A"));
        assertThat(second.totalRows()).isEqualTo(21);
        assertThat(HttpCsvConnectorTest.idsOf(destination, "orders")).isEqualTo(HttpCsvConnectorTest.range(1, 120));
        assertThat(destination.loadState("p").orElseThrow().state().getString("cursor")).contains(Orders.updatedAt(120));
    }

    @Test
    void recordsSkippedAfterARestartStillCountForTheCursor() {
        StringBuilder descending = new StringBuilder(Orders.HEADER);
        for (long id = 100; id >= 1; id--) {
            descending.append(Orders.row(id));
        }
        byte[] body = descending.toString().getBytes(StandardCharsets.UTF_8);
        int[] answers = {0};
        server.on("/orders", exchange -> {
            exchange.getResponseHeaders().add("ETag", "\"d1\"");
            exchange.sendResponseHeaders(200, body.length);
            if (answers[0]++ == 0) {
                exchange.getResponseBody().write(body, 0, body.length / 2);
                throw new IOException("cut");
            }
            exchange.getResponseBody().write(body);
        });
        MemoryDestination destination = new MemoryDestination();
        SyncResult result = sync(destination, "incremental", Map.of("param", "since", "column", "updated_at"));

        assertThat(server.requests()).hasSize(2);
        assertThat(result.totalRows()).isEqualTo(100);
        assertThat(HttpCsvConnectorTest.idsOf(destination, "orders")).isEqualTo(HttpCsvConnectorTest.range(1, 100));
        assertThat(destination.loadState("p").orElseThrow().state().getString("cursor")).contains(Orders.updatedAt(100));
    }

    @Test
    void anIncrementalRunWithNothingNewKeepsItsCursor() {
        server.on("/orders", paged(q -> Reply.of(q.get("since").startsWith("2000") ? rows(1, 3) : Orders.HEADER)));
        MemoryDestination destination = new MemoryDestination();
        Map<String, Object> incremental = Map.of("param", "since", "column", "updated_at", "initial", "2000-01-01T00:00:00Z");
        sync(destination, "incremental", incremental);
        sync(destination, "incremental", incremental);

        assertThat(queries()).containsExactly("since=2000-01-01T00%3A00%3A00Z", "since=2000-01-01T00%3A00%3A00Z",
                "since=" + Orders.updatedAt(3).replace(":", "%3A"));
        assertThat(destination.loadState("p").orElseThrow().state().getString("cursor")).contains(Orders.updatedAt(3));
    }
}
