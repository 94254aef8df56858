package io.spate.filesource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.runtime.SyncResult;
import io.spate.s3.FaultProxy;
import io.spate.sdk.SpateException;
import io.spate.testing.MemoryDestination;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code filter:} on the s3 source: rows filtered while read, hive partitions pruned before any GET. */
class FilterPruningTest {
    private static final String BUCKET = "filter-lake";
    private static ProxiedBucket bucket;

    @BeforeAll
    static void start() throws Exception {
        bucket = ProxiedBucket.start(BUCKET);
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (int year = 2023; year <= 2024; year++) {
            for (int month = 1; month <= 3; month++) {
                StringBuilder csv = new StringBuilder("id,amount\n");
                for (int r = 1; r <= 10; r++) {
                    csv.append(year * 1000 + month * 100 + r).append(',').append(r * 10).append(".5\n");
                }
                objects.put(key(year, month), csv.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        bucket.server().putAll(BUCKET, objects);
    }

    private static String key(int year, int month) {
        return String.format("sales/year=%d/month=%02d/part-0.csv", year, month);
    }

    @AfterAll
    static void stop() throws IOException {
        bucket.close();
    }

    @BeforeEach
    void reset() {
        bucket.proxy().clear();
    }

    private SyncResult result;

    private MemoryDestination sync(String filter, Object... more) {
        Map<String, Object> options = bucket.options("sales/");
        options.put("table", "sales");
        options.put("filter", filter);
        ProxiedBucket.putPairs(options, more);
        MemoryDestination destination = new MemoryDestination();
        result = ProxiedBucket.sync("p", options, destination);
        return destination;
    }

    private static List<String> objectGets() {
        return bucket.proxy().requests(FaultProxy.Request::isObjectGet).stream().map(FilterPruningTest::path)
                .distinct().sorted().toList();
    }

    private static String path(FaultProxy.Request request) {
        return java.net.URLDecoder.decode(request.target().replaceFirst("\\?.*", ""), StandardCharsets.UTF_8);
    }

    @Test
    void filterOnPartitionColumnsNeverOpensPrunedObjects() {
        MemoryDestination destination = sync("year = 2024 and month in (1, 2)", "infer_types", false);

        assertThat(bucket.proxy().requests(FaultProxy.Request::isObjectGet)).extracting(FilterPruningTest::path)
                .containsExactlyInAnyOrder("/" + BUCKET + "/" + key(2024, 1), "/" + BUCKET + "/" + key(2024, 2));
        long listed = result.counts().get("files listed");
        assertThat(result.counts()).containsEntry("files pruned", listed - 2).containsEntry("files read", 2L)
                .containsEntry("GET requests", 2L);
        List<Map<String, Object>> rows = destination.liveRows("sales");
        assertThat(rows).hasSize(20).allSatisfy(r -> assertThat(r).containsEntry("year", "2024"));
        assertThat(rows.stream().map(r -> r.get("month")).distinct()).containsExactlyInAnyOrder("01", "02");
        assertThat(rows.stream().mapToLong(r -> Long.parseLong((String) r.get("id"))).sum())
                .isEqualTo(10 * (2024_100L + 2024_200L) + 2 * 55);
    }

    @Test
    void filterOnDataColumnsReadsEveryObjectAndKeepsMatchingRows() {
        MemoryDestination destination = sync("amount >= 80.5 and id != 2023109");

        assertThat(objectGets()).hasSize(6);
        List<Map<String, Object>> rows = destination.liveRows("sales");
        assertThat(rows).hasSize(6 * 3 - 1).allSatisfy(r -> assertThat((BigDecimal) r.get("amount"))
                .isGreaterThanOrEqualTo(new BigDecimal("80.5")));
        assertThat(rows).noneSatisfy(r -> assertThat(r.get("id")).isEqualTo(2023109L));
        assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("id", 2024310L).containsEntry("_spate_line", 10L));
    }

    @Test
    void mixedFilterPrunesOnItsPartitionConjunctAndFiltersRowsOnTheRest() {
        MemoryDestination destination = sync("year = 2023 and month >= 3 and amount < 30", "infer_types", false);

        assertThat(objectGets()).containsExactly("/" + BUCKET + "/" + key(2023, 3));
        assertThat(destination.liveRows("sales")).extracting(r -> r.get("id")).containsExactlyInAnyOrder("2023301", "2023302");
    }

    @Test
    void orWithADataColumnPrunesNothing() {
        MemoryDestination destination = sync("year = 2024 or amount > 100", "infer_types", false);

        assertThat(objectGets()).hasSize(6);
        assertThat(destination.liveRows("sales")).hasSize(30 + 3)
                .allSatisfy(r -> assertThat(r.get("year").equals("2024") || r.get("amount").equals("100.5")).isTrue());
    }

    @Test
    void parseErrorIsReportedBeforeAnythingIsReadWithACaret() {
        assertThatThrownBy(() -> sync("year = and month = 1")).isInstanceOf(SpateException.class)
                .satisfies(e -> assertThat(((SpateException) e).category()).isEqualTo(SpateException.Category.CONFIG))
                .hasMessageContaining("filter: expected a value after \"=\" but found \"and\" at column 8: year = and month = 1\n"
                        + "    " + " ".repeat("filter: expected a value after \"=\" but found \"and\" at column 8: ".length() + 7) + "^");
        assertThat(bucket.proxy().requests()).isEmpty();
    }

    @Test
    void filterNamingAnUnknownColumnFailsNamingIt() {
        assertThatThrownBy(() -> sync("yaer = 2024", "infer_types", false)).isInstanceOf(SpateException.class)
                .hasMessageContaining("filter: no column \"yaer\"");
    }
}
