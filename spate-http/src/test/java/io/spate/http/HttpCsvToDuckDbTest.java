package io.spate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.duckdb.DuckDbDestination;
import io.spate.duckdb.WarehouseQuery;
import io.spate.runtime.Sync;
import io.spate.sdk.Configuration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: pages from a flaky server into the embedded DuckDB warehouse, then an incremental run. */
class HttpCsvToDuckDbTest {

    @Test
    void pagesWithCutsAndThrottlingLandExactlyInDuckDbAndASecondRunAddsOnlyNewRows(@TempDir Path dir) throws IOException {
        Path warehouse = dir.resolve("warehouse.duckdb");
        try (TestServer server = new TestServer()) {
            int[] newest = {30_000};
            boolean[] throttled = {false};
            server.on("/exports/orders.csv", exchange -> {
                String query = exchange.getRequestURI().getRawQuery();
                long page = Long.parseLong(query.replaceAll(".*\\bpage=(\\d+).*", "$1"));
                long from = query.contains("since=") ? 30_001 : 1;
                long first = from + (page - 1) * 10_000;
                long last = Math.min(first + 9_999, newest[0]);
                if (page == 2 && !throttled[0]) {
                    throttled[0] = true;
                    TestServer.status(429, "slow down", Map.of("Retry-After", "1")).answer(exchange);
                    return;
                }
                byte[] body = (first > last ? Orders.HEADER : Orders.csv(first, last)).getBytes(StandardCharsets.UTF_8);
                // page 1 of the first run breaks off once and is resumed by a Range request
                TestServer.file(body, "\"p" + page + "-" + from + "\"", page == 1 && from == 1 && !exchange.getRequestHeaders().containsKey("Range") && server.requests().size() == 1 ? 1 : 0, 100_000).answer(exchange);
            });
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("api_url", server.url("/exports/orders.csv"));
            config.put("api_key", "key-abcdef");
            config.put("primary_key", "id");
            config.put("columns", Map.of("id", "LONG", "amount", "DECIMAL(10,2)", "updated_at", "UTC_DATETIME"));
            config.put("pagination", Map.of("type", "page", "size_param", "per_page", "size", 10_000));
            config.put("incremental", Map.of("param", "since", "column", "updated_at"));
            config.put("checkpoint_every_rows", 4_000);

            sync(warehouse, config);
            assertThat(server.requests()).filteredOn(r -> r.header("Range") != null).singleElement()
                    .satisfies(r -> assertThat(r.header("Range")).isEqualTo("bytes=100000-"));
            assertThat(server.requests()).filteredOn(r -> r.query().startsWith("page=2")).hasSize(2);
            assertThat(WarehouseQuery.rows(warehouse, "SELECT count(*), count(DISTINCT id), sum(id), sum(amount) FROM main.orders"))
                    .containsExactly(List.of("30000", "30000", "450015000", sumOfAmounts(1, 30_000)));

            newest[0] = 32_500;
            sync(warehouse, config);
            assertThat(server.requests().stream().filter(r -> r.query().contains("since=")).map(TestServer.Request::query).toList())
                    .containsExactly("since=" + Orders.updatedAt(30_000).replace(":", "%3A") + "&page=1&per_page=10000");
            assertThat(WarehouseQuery.rows(warehouse, "SELECT count(*), max(id), sum(amount) FROM main.orders"))
                    .containsExactly(List.of("32500", "32500", sumOfAmounts(1, 32_500)));
            assertThat(WarehouseQuery.rows(warehouse, "SELECT note FROM main.orders WHERE id = 14"))
                    .containsExactly(List.of("says \"hi\", then\nleaves"));
        }
    }

    static void sync(Path warehouse, Map<String, Object> config) {
        Sync.builder().pipelineId("orders").connector(new HttpCsvConnector(b -> b.sleeper(d -> { })))
                .configuration(Configuration.of(config))
                .destination("warehouse", DuckDbDestination.open(warehouse, "main", Optional.empty(), Optional.empty()))
                .build().run();
    }

    static String sumOfAmounts(long from, long to) {
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        for (long id = from; id <= to; id++) {
            sum = sum.add(new java.math.BigDecimal(Orders.amount(id)));
        }
        return sum.toPlainString();
    }
}
