package io.spate.filesource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.format.ByteRange;
import io.spate.format.Splitting;
import io.spate.runtime.Sync;
import io.spate.s3.S3TestServer;
import io.spate.sdk.Configuration;
import io.spate.sdk.State;
import io.spate.testing.ForwardingDestination;
import io.spate.testing.MemoryDestination;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A large object read in byte ranges commits after each range, and a run that stops inside it resumes after
 * the last committed range with every line exactly once.
 */
class RangeCheckpointTest {
    private static final String BUCKET = "range-lake";
    private static final int RECORDS = 120_000;
    private static S3TestServer server;
    private static Map<Long, Map<String, Object>> oneReader;
    private static int ranges;

    @BeforeAll
    static void start() throws Exception {
        server = new S3TestServer();
        server.createBucket(BUCKET);
        StringBuilder csv = new StringBuilder("id,note,amount\n");
        for (int i = 1; i <= RECORDS; i++) {
            String note = i % 97 == 0 ? "\"multi\nline, \"\"quoted\"\" note " + i + "\"" : "note number " + i + " with some padding";
            csv.append(i).append(',').append(note).append(',').append(i % 1000).append('\n');
        }
        byte[] content = csv.toString().getBytes(StandardCharsets.UTF_8);
        ranges = (int) ((content.length + (1 << 20) - 1) >> 20); // a split point after every MB
        server.put(BUCKET, "big/orders.csv", content);
        server.put(BUCKET, "changing/orders.csv", content);
        java.io.ByteArrayOutputStream gzipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(gzipped)) {
            gz.write(java.util.Arrays.copyOf(content, csv.indexOf("\n20001,")));
        }
        server.put(BUCKET, "whole/orders.csv.gz", gzipped.toByteArray());
        MemoryDestination whole = new MemoryDestination();
        sync(whole, "parallelism", 1);
        oneReader = byLine(whole);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static void sync(Destination destination, Object... more) {
        Map<String, Object> options = new LinkedHashMap<>(server.connection(server.endpoint()));
        options.put("uri", "s3://" + BUCKET + "/big/");
        options.put("infer_types", false);
        for (int i = 0; i < more.length; i += 2) {
            options.put((String) more[i], more[i + 1]);
        }
        Sync.builder().pipelineId("p").connector(new S3Source(Map.of())).configuration(Configuration.of(options))
                .destination("memory", destination).build().run();
    }

    private static Map<Long, Map<String, Object>> byLine(MemoryDestination destination) {
        Map<Long, Map<String, Object>> byLine = new TreeMap<>();
        for (Map<String, Object> row : destination.liveRows("orders")) {
            Map<String, Object> copy = new TreeMap<>(row);
            copy.remove("_spate_synced");
            assertThat(byLine.put((Long) row.get("_spate_line"), copy)).isNull();
        }
        return byLine;
    }

    /** The {@code partial} entry of the object in a committed state, as [modified, etag, size, offset, records]. */
    private static Optional<List<?>> partial(State state) {
        Map<?, ?> orders = (Map<?, ?>) ((Map<?, ?>) state.asMap().get("tables")).get("orders");
        if (orders == null || !(orders.get("partial") instanceof Map<?, ?> partial)) {
            return Optional.empty();
        }
        assertThat(partial).hasSize(1);
        return Optional.of((List<?>) partial.values().iterator().next());
    }

    private static long upsertedRows(MemoryDestination destination) {
        return destination.log().stream().filter(l -> l.startsWith("UPSERT orders "))
                .mapToLong(l -> Long.parseLong(l.substring("UPSERT orders ".length()))).sum();
    }

    @Test
    void aLargeObjectReadInRangesCommitsAfterEachRangeAndItsStateStaysOneEntry() {
        Recording destination = new Recording(new MemoryDestination(), Integer.MAX_VALUE);
        sync(destination, "parallelism", 4, "split_bytes", "1MB");

        List<CommittedState> states = destination.committed;
        List<List<?>> progress = states.stream().map(c -> partial(c.state())).flatMap(Optional::stream).toList();
        // ranges of about 1 MB: a commit after each but the last, each holding one range; then the object is complete
        assertThat(ranges).isEqualTo(6);
        assertThat(progress).hasSize(ranges - 1);
        assertThat(states.subList(0, ranges - 1)).allSatisfy(c -> assertThat(partial(c.state())).isPresent());
        long lastOffset = 0;
        long lastRecords = 0;
        for (int i = 0; i < progress.size(); i++) {
            long offset = ((Number) progress.get(i).get(3)).longValue();
            long records = ((Number) progress.get(i).get(4)).longValue();
            assertThat(offset).isGreaterThan(lastOffset).isBetween((i + 1L) << 20, ((i + 1L) << 20) + 10_000);
            assertThat(records).isGreaterThan(lastRecords);
            // exactly the records before the range end are committed with it, numbered 1..records
            assertThat(destination.rowsAtCommit.get(i)).isEqualTo(records);
            lastOffset = offset;
            lastRecords = records;
        }
        State last = states.get(states.size() - 1).state();
        assertThat(partial(last)).isEmpty();
        Map<?, ?> orders = (Map<?, ?>) ((Map<?, ?>) last.asMap().get("tables")).get("orders");
        assertThat(orders.keySet().stream().map(String::valueOf)).containsExactly("files");
        assertThat((List<?>) ((Map<?, ?>) orders.get("files")).get("big/orders.csv")).last().isEqualTo((long) RECORDS);
        // the state does not grow with the ranges: every commit's state is about the same size
        List<Integer> sizes = states.stream().map(c -> c.state().toJson().length()).toList();
        assertThat(sizes).allSatisfy(size -> assertThat(size).isLessThan(300));
        assertThat(byLine(destination.memory)).isEqualTo(oneReader);
    }

    @Test
    void aSyncFailingInsideALargeObjectResumesAfterItsLastCommittedRangeWithEveryLineOnce() {
        // resumed with the same ranges, with ranges that do not start where the first run stopped, and whole
        Object[][] resumedWith = {{"parallelism", 4, "split_bytes", "1MB"}, {"parallelism", 4, "split_bytes", "3MB"},
                {"parallelism", 1, "split_bytes", "1MB"}};
        for (Object[] options : resumedWith) {
            MemoryDestination memory = new MemoryDestination();
            Recording failing = new Recording(memory, 3);
            assertThatThrownBy(() -> sync(failing, "parallelism", 4, "split_bytes", "1MB"))
                    .hasStackTraceContaining("the disk is gone at commit 3");
            MemoryDestination afterCrash = memory.reopen();
            List<?> progress = partial(afterCrash.loadState("p").orElseThrow().state()).orElseThrow();
            long committedRecords = ((Number) progress.get(4)).longValue();
            assertThat(byLine(afterCrash).keySet()).hasSize((int) committedRecords)
                    .allSatisfy(line -> assertThat(line).isBetween(1L, committedRecords));

            MemoryDestination resumed = afterCrash.reopen();
            sync(resumed, options);
            // only the records after the committed ranges are read and sent again
            assertThat(upsertedRows(resumed)).as("rows sent on resume with %s", List.of(options))
                    .isEqualTo(RECORDS - committedRecords);
            Map<Long, Map<String, Object>> rows = byLine(resumed);
            assertThat(rows).hasSize(RECORDS);
            assertThat(rows.values().stream().mapToLong(r -> Long.parseLong((String) r.get("id"))).sum())
                    .isEqualTo((long) RECORDS * (RECORDS + 1) / 2);
            assertThat(rows).isEqualTo(oneReader);
            assertThat(partial(resumed.loadState("p").orElseThrow().state())).isEmpty();
        }
    }

    @Test
    void anObjectThatChangedSinceARunStoppedInsideItIsReadAgainFromItsStart() {
        String uri = "s3://" + BUCKET + "/changing/";
        MemoryDestination memory = new MemoryDestination();
        assertThatThrownBy(() -> sync(new Recording(memory, 3), "uri", uri, "parallelism", 4, "split_bytes", "1MB"))
                .hasStackTraceContaining("the disk is gone at commit 3");
        long committedRecords = ((Number) partial(memory.loadState("p").orElseThrow().state()).orElseThrow().get(4)).longValue();
        assertThat(committedRecords).isGreaterThan(10);

        server.put(BUCKET, "changing/orders.csv", "id,note,amount\n1,short,1\n2,short,2\n3,short,3\n".getBytes(StandardCharsets.UTF_8));
        MemoryDestination changed = memory.reopen();
        sync(changed, "uri", uri, "parallelism", 4, "split_bytes", "1MB");
        // the 3 lines it has now, and every line the first run committed past them deleted
        assertThat(byLine(changed).keySet()).containsExactly(1L, 2L, 3L);
        assertThat(changed.rows("orders")).hasSize((int) committedRecords);
        assertThat(partial(changed.loadState("p").orElseThrow().state())).isEmpty();
    }

    @Test
    void anObjectReadWholeCommitsEveryCheckpointRowsAndIsReadAgainAfterAStopInsideIt() {
        String uri = "s3://" + BUCKET + "/whole/";
        Recording recording = new Recording(new MemoryDestination(), Integer.MAX_VALUE);
        sync(recording, "uri", uri, "checkpoint_rows", 5000);
        assertThat(recording.rowsAtCommit.subList(0, 4)).containsExactly(5000L, 10_000L, 15_000L, 20_000L);
        assertThat(recording.committed).allSatisfy(c -> assertThat(partial(c.state())).isEmpty());
        assertThat(byLine(recording.memory)).isEqualTo(oneReaderUpTo(20_000));

        MemoryDestination memory = new MemoryDestination();
        assertThatThrownBy(() -> sync(new Recording(memory, 3), "uri", uri, "checkpoint_rows", 5000))
                .hasStackTraceContaining("the disk is gone at commit 3");
        MemoryDestination afterCrash = memory.reopen();
        assertThat(afterCrash.liveRows("orders")).hasSize(10_000);
        sync(afterCrash, "uri", uri, "checkpoint_rows", 5000);
        assertThat(upsertedRows(afterCrash)).isEqualTo(20_000);
        assertThat(byLine(afterCrash)).isEqualTo(oneReaderUpTo(20_000));
    }

    @Test
    void theRestOfAPlanStartsAtTheResumedByteWhereverItsRangesStart() {
        Splitting.Plan plan = new Splitting.Plan(List.of(new ByteRange(0, 0, 10), new ByteRange(1, 10, 20),
                new ByteRange(2, 20, 30)), Optional.empty());
        assertThat(ObjectReading.remainder(plan, 15).ranges()).containsExactly(new ByteRange(0, 15, 20), new ByteRange(1, 20, 30));
        assertThat(ObjectReading.remainder(plan, 20).ranges()).containsExactly(new ByteRange(0, 20, 30));
        assertThat(ObjectReading.remainder(Splitting.single(30, "resumed"), 12).ranges()).containsExactly(new ByteRange(0, 12, 30));
    }

    /** The rows one reader reads from the big object, up to a line, as they are from the gzipped copy of its start. */
    private static Map<Long, Map<String, Object>> oneReaderUpTo(long line) {
        Map<Long, Map<String, Object>> rows = new TreeMap<>();
        oneReader.forEach((number, row) -> {
            if (number <= line) {
                Map<String, Object> copy = new TreeMap<>(row);
                copy.put("_spate_file", "s3://" + BUCKET + "/whole/orders.csv.gz");
                rows.put(number, copy);
            }
        });
        return rows;
    }

    /** Passes everything to a MemoryDestination, remembering each committed state; fails the commit numbered {@code failAt}. */
    private static final class Recording extends ForwardingDestination {
        final MemoryDestination memory;
        final List<CommittedState> committed = new ArrayList<>();
        final List<Long> rowsAtCommit = new ArrayList<>();
        private final int failAt;

        Recording(MemoryDestination memory, int failAt) {
            super(memory);
            this.memory = memory;
            this.failAt = failAt;
        }

        @Override
        public void commit(String pipelineId, CommittedState state) {
            if (committed.size() + 1 == failAt) {
                throw new IllegalStateException("the disk is gone at commit " + failAt);
            }
            super.commit(pipelineId, state);
            committed.add(state);
            rowsAtCommit.add((long) memory.liveRows("orders").size());
        }
    }
}
