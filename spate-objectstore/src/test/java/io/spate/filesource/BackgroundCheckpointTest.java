package io.spate.filesource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.s3.FaultProxy;
import io.spate.testing.ForwardingDestination;
import io.spate.testing.MemoryDestination;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The checkpoints after completed objects are committed on a thread of their own while the workers read on. */
class BackgroundCheckpointTest {
    private static final String BUCKET = "checkpoints";
    private static final int OBJECTS = 12;
    private static final int RECORDS = 30;
    private static ProxiedBucket bucket;

    @BeforeAll
    static void start() throws Exception {
        bucket = ProxiedBucket.start(BUCKET);
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (int i = 0; i < OBJECTS; i++) {
            StringBuilder lines = new StringBuilder();
            for (int r = 1; r <= RECORDS; r++) {
                lines.append("{\"id\": ").append(i * 1000 + r).append(", \"name\": \"n").append(r).append("\"}\n");
            }
            objects.put(String.format("f-%03d.jsonl", i), lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        bucket.server().putAll(BUCKET, objects);
    }

    @AfterAll
    static void stop() throws IOException {
        bucket.close();
    }

    @Test
    void theWorkersReadOnWhileACommitRuns() {
        bucket.proxy().clear();
        // the first commit waits until every object was fetched: a worker that waited for it would never fetch them
        Hooked destination = new Hooked(new MemoryDestination(), commit -> {
            for (int waited = 0; commit == 1 && objectGets() < OBJECTS && waited < 600; waited++) {
                sleep();
            }
        });
        sync(destination, "parallelism", 1);
        assertThat(objectGets()).isEqualTo(OBJECTS);
        assertThat(destination.firstCommitSawGets).isEqualTo(OBJECTS);
        assertThat(destination.memory.liveRows("orders")).hasSize(OBJECTS * RECORDS);
        assertThat(files(destination.memory)).hasSize(OBJECTS);
    }

    @Test
    void aFailedCommitFailsTheRunAndARerunEndsExact() {
        MemoryDestination memory = new MemoryDestination();
        assertThatThrownBy(() -> sync(new Hooked(memory, commit -> {
            if (commit == 2) {
                throw new IllegalStateException("the disk is gone at commit 2");
            }
        }), "parallelism", 2)).hasStackTraceContaining("the disk is gone at commit 2");

        MemoryDestination afterCrash = memory.reopen();
        sync(afterCrash, "parallelism", 2);
        List<Map<String, Object>> rows = afterCrash.liveRows("orders");
        assertThat(rows).hasSize(OBJECTS * RECORDS);
        assertThat(rows.stream().map(r -> r.get("_spate_file") + "#" + r.get("_spate_line")).distinct()).hasSize(OBJECTS * RECORDS);
        assertThat(rows.stream().mapToLong(r -> (Long) r.get("id")).sum())
                .isEqualTo((long) RECORDS * 1000 * OBJECTS * (OBJECTS - 1) / 2 + (long) OBJECTS * RECORDS * (RECORDS + 1) / 2);
        assertThat(files(afterCrash)).hasSize(OBJECTS);
    }

    private static void sync(Destination destination, Object... options) {
        Map<String, Object> config = bucket.options("");
        config.putAll(Map.of("table", "orders", "checkpoint_interval", "0s"));
        ProxiedBucket.putPairs(config, options);
        ProxiedBucket.sync("p", config, destination);
    }

    private static int objectGets() {
        return bucket.proxy().requests(FaultProxy.Request::isObjectGet).size();
    }

    /** The objects the committed state records as synced. */
    private static Map<?, ?> files(MemoryDestination destination) {
        Map<?, ?> tables = (Map<?, ?>) destination.loadState("p").orElseThrow().state().get("tables").orElseThrow();
        return (Map<?, ?>) ((Map<?, ?>) tables.get("orders")).get("files");
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A MemoryDestination whose commits first run a hook with their 1-based number. */
    private static final class Hooked extends ForwardingDestination {
        final MemoryDestination memory;
        private final IntConsumer beforeCommit;
        private int commits;
        volatile int firstCommitSawGets = -1;

        Hooked(MemoryDestination memory, IntConsumer beforeCommit) {
            super(memory);
            this.memory = memory;
            this.beforeCommit = beforeCommit;
        }

        @Override
        public void commit(String pipelineId, CommittedState state) {
            beforeCommit.accept(++commits);
            if (commits == 1) {
                firstCommitSawGets = objectGets();
            }
            super.commit(pipelineId, state);
        }
    }
}
