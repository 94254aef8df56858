package io.spate.filesource;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.s3.FaultProxy;
import io.spate.testing.MemoryDestination;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One large CSV object cut into byte ranges parsed in parallel: the same rows, with the same _spate_line, as one reader. */
class SplitReadingTest {
    private static final String BUCKET = "split-lake";
    private static final int RECORDS = 60_000;
    private static ProxiedBucket bucket;

    @BeforeAll
    static void start() throws Exception {
        bucket = ProxiedBucket.start(BUCKET);
        StringBuilder csv = new StringBuilder("id,note,amount\n");
        for (int i = 1; i <= RECORDS; i++) {
            String note = i % 97 == 0 ? "\"multi\nline, \"\"quoted\"\" note " + i + "\"" : "note number " + i + " with some padding text";
            String amount = i % 10_007 == 0 ? "not-a-number,extra" : String.valueOf(i % 1000);
            csv.append(i).append(',').append(note).append(',').append(amount).append('\n');
        }
        bucket.server().put(BUCKET, "big/orders.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() throws Exception {
        bucket.close();
    }

    private static Map<Long, Map<String, Object>> sync(Object... more) {
        Map<String, Object> options = bucket.options("big/");
        options.put("on_error", "skip");
        ProxiedBucket.putPairs(options, more);
        MemoryDestination destination = new MemoryDestination();
        ProxiedBucket.sync("p", options, destination);
        Map<Long, Map<String, Object>> byLine = new TreeMap<>();
        for (Map<String, Object> row : destination.liveRows("orders")) {
            Map<String, Object> copy = new TreeMap<>(row);
            copy.remove("_spate_synced");
            byLine.put((Long) row.get("_spate_line"), copy);
        }
        return byLine;
    }

    @Test
    void rangesReadInParallelGiveExactlyTheRowsAndLineNumbersOfOneReader() {
        bucket.proxy().clear();
        Map<Long, Map<String, Object>> whole = sync("parallelism", 1);
        assertThat(bucket.proxy().requests(r -> r.isObjectGet() && !r.range().isEmpty())).isEmpty();

        bucket.proxy().clear();
        Map<Long, Map<String, Object>> split = sync("parallelism", 4, "split_bytes", "1MB");
        List<FaultProxy.Request> ranged = bucket.proxy().requests(r -> r.isObjectGet() && !r.range().isEmpty());
        assertThat(ranged.size()).isGreaterThan(4);

        // 5 records of the wrong field count are skipped, keeping their numbers
        assertThat(whole).hasSize(RECORDS - RECORDS / 10_007);
        assertThat(split).isEqualTo(whole);
        assertThat(split.get(97L)).containsEntry("id", 97L).containsEntry("note", "multi\nline, \"quoted\" note 97");
        assertThat(split.get((long) RECORDS)).containsEntry("id", (long) RECORDS);
        assertThat(split).doesNotContainKey(10_007L);
    }
}
