package io.spate.filesource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import io.spate.s3.FaultProxy;
import io.spate.s3.S3TestServer;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import io.spate.testing.MemoryDestination;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class S3SourceTest {
    private static final String BUCKET = "spate-lake";
    private static final String[] REGIONS = {"eu", "us", "apac"};
    private static S3TestServer server;
    private static FaultProxy proxy;
    /** The expected rows of the 1,500-object table: key -> record count. */
    private static final Map<String, Integer> EVENT_OBJECTS = new TreeMap<>();

    @BeforeAll
    static void start() throws Exception {
        server = new S3TestServer();
        proxy = new FaultProxy(server.port());
        server.createBucket(BUCKET);
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (int i = 0; i < 1500; i++) {
            String key = i % 10 == 9
                    ? String.format("events/archive/%d/batch-%04d.csv", 2020 + i % 3, i)
                    : String.format("events/region=%s/day=2024-01-%02d/part-%04d.csv", REGIONS[i % 3], 1 + i % 28, i);
            int records = 1 + i % 5;
            objects.put(key, csv(i, records));
            EVENT_OBJECTS.put(key, records);
        }
        objects.put("events/_tmp/in-progress.csv", csv(9999, 3));
        objects.put("events/region=eu/day=2024-01-01/notes.json", "{}".getBytes(StandardCharsets.UTF_8));
        objects.put("eventsother/x.csv", csv(1, 1));
        server.putAll(BUCKET, objects);
    }

    @AfterAll
    static void stop() throws IOException {
        proxy.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        proxy.plan(r -> new FaultProxy.Action.Forward());
        proxy.clear();
    }

    /** {@code records} rows: id, a name with a comma and quotes on every 7th row, an amount. */
    static byte[] csv(int object, int records) {
        StringBuilder out = new StringBuilder("id,name,amount\n");
        for (int r = 1; r <= records; r++) {
            long id = object * 100L + r;
            String name = id % 7 == 0 ? "\"Smith, \"\"J\"\"\"" : "name-" + id;
            out.append(id).append(',').append(name).append(',').append(id % 1000).append('.').append(String.format("%02d", id % 100))
                    .append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, Object> config(Object... keyValues) {
        Map<String, Object> options = new LinkedHashMap<>(server.connection(proxy.endpoint()));
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put((String) keyValues[i], keyValues[i + 1]);
        }
        return options;
    }

    private static SyncResult sync(Map<String, Object> options, MemoryDestination destination) {
        return Sync.builder().pipelineId("p").connector(new S3Source(Map.of())).configuration(Configuration.of(options))
                .destination("memory", destination).build().run();
    }

    @Test
    void syncsFifteenHundredObjectsAcrossNestedPrefixesAndHivePartitions() {
        MemoryDestination destination = new MemoryDestination();
        SyncResult result = sync(config("uri", "s3://" + BUCKET + "/events/", "glob", "**/*.csv", "exclude", "_tmp/**",
                "table", "events", "list_page_size", 100), destination);

        List<Map<String, Object>> rows = destination.liveRows("events");
        int expectedRows = EVENT_OBJECTS.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(rows).hasSize(expectedRows);
        assertThat(result.tables()).singleElement().satisfies(t -> assertThat(t.rows()).isEqualTo(expectedRows));
        assertThat(rows.stream().map(r -> (String) r.get("_spate_file")).distinct().count()).isEqualTo(1500);
        long idSum = rows.stream().mapToLong(r -> (Long) r.get("id")).sum();
        long expectedIdSum = 0;
        for (int i = 0; i < 1500; i++) {
            for (int r = 1; r <= 1 + i % 5; r++) {
                expectedIdSum += i * 100L + r;
            }
        }
        assertThat(idSum).isEqualTo(expectedIdSum);
        Map<String, Object> partitioned = rows.stream()
                .filter(r -> r.get("_spate_file").equals("s3://" + BUCKET + "/events/region=eu/day=2024-01-04/part-0003.csv")
                        && r.get("_spate_line").equals(1L))
                .findFirst().orElseThrow();
        assertThat(partitioned).containsEntry("region", "eu").containsEntry("day", "2024-01-04").containsEntry("id", 301L)
                .containsEntry("name", "Smith, \"J\"").containsEntry("amount", new java.math.BigDecimal("301.01"));
        Map<String, Object> archived = rows.stream()
                .filter(r -> r.get("_spate_file").equals("s3://" + BUCKET + "/events/archive/2021/batch-0019.csv")).findFirst()
                .orElseThrow();
        assertThat(archived.get("region")).isNull();
        assertThat(proxy.requests(FaultProxy.Request::isListing)).hasSize(16);
        assertThat(objectGets().stream().distinct()).hasSize(1500);
        assertThat(objectGets()).as("1,500 reads and 10 samples for type inference").hasSize(1510);
        assertThat(proxy.requests()).hasSize(1526);
    }

    private static Map<String, byte[]> objects(String prefix, int count, int records) {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            objects.put(String.format("%sf-%03d.csv", prefix, i), csv(i, records));
        }
        return objects;
    }

    private static List<String> objectGets() {
        return proxy.requests(FaultProxy.Request::isObjectGet).stream().map(r -> r.target().substring(BUCKET.length() + 2))
                .sorted().toList();
    }

    private static long idSum(List<Map<String, Object>> rows) {
        return rows.stream().mapToLong(r -> (Long) r.get("id")).sum();
    }

    @Test
    void survivesBodiesCutMidwayAndSlowDownsWithAnExactResult() throws Exception {
        server.putAll(BUCKET, objects("faults/", 12, 3000));
        Map<String, Integer> attempts = new java.util.concurrent.ConcurrentHashMap<>();
        proxy.plan(request -> {
            int attempt = attempts.merge(request.target(), 1, Integer::sum);
            if (request.isListing()) {
                return attempt == 1 ? new FaultProxy.Action.SlowDown() : new FaultProxy.Action.Forward();
            }
            int object = Integer.parseInt(request.target().replaceAll(".*f-(\\d+)\\.csv", "$1"));
            if (attempt == 1 && object % 4 == 0) {
                return new FaultProxy.Action.SlowDown();
            }
            if (attempt <= 2 && object % 2 == 1) {
                return new FaultProxy.Action.CutAfter(20_000 * attempt);
            }
            return new FaultProxy.Action.Forward();
        });
        MemoryDestination destination = new MemoryDestination();
        sync(config("uri", "s3://" + BUCKET + "/faults/", "table", "orders", "parallelism", 3, "infer_types", false), destination);

        List<Map<String, Object>> rows = destination.liveRows("orders");
        assertThat(rows).hasSize(12 * 3000);
        assertThat(rows.get(0).get("id")).isInstanceOf(String.class);
        long expected = 0;
        for (int i = 0; i < 12; i++) {
            for (int r = 1; r <= 3000; r++) {
                expected += i * 100L + r;
            }
        }
        assertThat(rows.stream().mapToLong(r -> Long.parseLong((String) r.get("id"))).sum()).isEqualTo(expected);
        List<FaultProxy.Request> resumed = proxy.requests(r -> r.isObjectGet() && !r.range().isEmpty());
        assertThat(resumed).hasSize(12);
        assertThat(resumed.stream().filter(r -> r.target().endsWith("f-001.csv")).map(FaultProxy.Request::range))
                .containsExactly("bytes=20000-" + (csv(1, 3000).length - 1), "bytes=60000-" + (csv(1, 3000).length - 1));
    }

    @Test
    void incrementalRerunReadsOnlyNewAndChangedObjectsAndDropsLinesAChangedObjectLost() throws Exception {
        server.putAll(BUCKET, objects("inc/", 30, 5));
        MemoryDestination first = new MemoryDestination();
        Map<String, Object> options = config("uri", "s3://" + BUCKET + "/inc/", "table", "inc", "checkpoint_interval", "0s");
        sync(options, first);
        assertThat(first.liveRows("inc")).hasSize(150);
        assertThat(objectGets().stream().distinct()).hasSize(30);

        server.put(BUCKET, "inc/f-003.csv", csv(3, 2));
        server.put(BUCKET, "inc/f-007.csv", csv(70, 5));
        server.put(BUCKET, "inc/f-100.csv", csv(100, 4));
        proxy.clear();
        MemoryDestination second = first.reopen();
        SyncResult result = sync(options, second);

        assertThat(objectGets().stream().distinct()).containsExactly("inc/f-003.csv", "inc/f-007.csv", "inc/f-100.csv");
        List<Map<String, Object>> rows = second.liveRows("inc");
        assertThat(rows).hasSize(150 - 3 + 4);
        assertThat(rows.stream().filter(r -> r.get("_spate_file").equals("s3://" + BUCKET + "/inc/f-003.csv"))
                .map(r -> r.get("_spate_line"))).containsExactlyInAnyOrder(1L, 2L);
        assertThat(rows.stream().filter(r -> r.get("_spate_file").equals("s3://" + BUCKET + "/inc/f-007.csv"))
                .map(r -> r.get("id"))).containsExactlyInAnyOrder(7001L, 7002L, 7003L, 7004L, 7005L);
        assertThat(second.rows("inc")).hasSize(154);
        assertThat(result.tables()).singleElement().satisfies(t -> assertThat(t.rows()).isEqualTo(2 + 5 + 4 + 3));

        proxy.clear();
        MemoryDestination third = second.reopen();
        sync(options, third);
        assertThat(objectGets()).isEmpty();
        assertThat(third.liveRows("inc")).hasSize(151);
    }

    @Test
    void fullModeRereadsEverythingAndMarksRowsOfVanishedObjectsDeleted() throws Exception {
        server.putAll(BUCKET, objects("full/", 4, 3));
        MemoryDestination first = new MemoryDestination();
        Map<String, Object> options = config("uri", "s3://" + BUCKET + "/full/", "table", "full", "mode", "full");
        sync(options, first);
        server.delete(BUCKET, "full/f-002.csv");
        proxy.clear();
        MemoryDestination second = first.reopen();
        sync(options, second);
        assertThat(objectGets().stream().distinct()).containsExactly("full/f-000.csv", "full/f-001.csv", "full/f-003.csv");
        assertThat(second.liveRows("full")).hasSize(9);
        assertThat(second.rows("full")).hasSize(12);
    }

    @Test
    void defaultTableNamesAreFileNamesWithoutExtensions() throws Exception {
        server.putAll(BUCKET, Map.of("named/orders.csv", csv(1, 2), "named/2024/order-lines.csv", csv(2, 3),
                "named/customers.txt", "alice\nbob\n".getBytes(StandardCharsets.UTF_8)));
        MemoryDestination destination = new MemoryDestination();
        sync(config("bucket", BUCKET, "prefix", "named/"), destination);
        assertThat(destination.liveRows("orders")).hasSize(2);
        assertThat(destination.liveRows("order_lines")).hasSize(3);
        assertThat(destination.liveRows("customers")).extracting(r -> r.get("line")).containsExactlyInAnyOrder("alice", "bob");
        assertThat(destination.schema("orders").primaryKey()).containsExactly("_spate_file", "_spate_line");
        assertThat(destination.liveRows("orders")).extracting(r -> r.get("id")).containsExactlyInAnyOrder(101L, 102L);
        assertThat(objectGets()).as("a table of one object infers its types from that object: one GET each")
                .containsExactly("named/2024/order-lines.csv", "named/customers.txt", "named/orders.csv");
    }

    @Test
    void wrongCredentialsFailAtOnceWithTheDocumentedMessage() {
        MemoryDestination destination = new MemoryDestination();
        Map<String, Object> options = config("uri", "s3://" + BUCKET + "/inc/", "aws_access_key_id", "AKIAWRONG",
                "aws_secret_access_key", "wrong-secret-value");
        assertThatThrownBy(() -> sync(options, destination))
                .isInstanceOf(SpateException.class)
                .hasMessage("listing s3://spate-lake/inc/ failed: 403 InvalidAccessKeyId (Forbidden): the credentials (access key id"
                        + " AKIAWRONG) were rejected by endpoint " + proxy.endpoint() + "; check aws_access_key_id and"
                        + " aws_secret_access_key (or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / the profile), aws_session_token"
                        + " for temporary credentials, and region_name");
        assertThat(proxy.requests()).hasSize(1);
    }

    @Test
    void missingBucketFailsAtOnceWithTheDocumentedMessage() {
        MemoryDestination destination = new MemoryDestination();
        assertThatThrownBy(() -> sync(config("uri", "s3://no-such-bucket/data/"), destination))
                .isInstanceOf(SpateException.class)
                .hasMessage("listing s3://no-such-bucket/data/ failed: 404 NoSuchBucket (The specified bucket does not exist):"
                        + " bucket no-such-bucket does not exist at endpoint " + proxy.endpoint()
                        + "; check bucket (or uri), endpoint and region_name");
        assertThat(proxy.requests()).hasSize(1);
    }

    @Test
    void endpointFromTheEnvironmentIsUsedWhenNoOptionGivesOne() {
        MemoryDestination destination = new MemoryDestination();
        Map<String, Object> options = new LinkedHashMap<>(config("uri", "s3://" + BUCKET + "/named/orders.csv"));
        options.remove("endpoint");
        options.remove("aws_access_key_id");
        options.remove("aws_secret_access_key");
        Map<String, String> env = Map.of("AWS_ENDPOINT_URL_S3", proxy.endpoint(), "AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY, "AWS_ENDPOINT_URL", "http://127.0.0.1:1");
        server.put(BUCKET, "named/orders.csv", csv(1, 2));
        Sync.builder().pipelineId("p").connector(new S3Source(env)).configuration(Configuration.of(options))
                .destination("memory", destination).build().run();
        assertThat(destination.liveRows("orders")).hasSize(2);
    }

    @Test
    void endToEndIntoDuckDbAndAnUnchangedRerunReadsNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path warehouse = dir.resolve("warehouse.duckdb");
        Map<String, Object> options = config("uri", "s3://" + BUCKET + "/events/", "glob", "**/*.csv", "exclude", "_tmp/**",
                "table", "events", "list_page_size", 500);
        for (int run = 1; run <= 2; run++) {
            proxy.clear();
            Sync.builder().pipelineId("lake").connector(new S3Source(Map.of())).configuration(Configuration.of(options))
                    .destination("warehouse", io.spate.duckdb.DuckDbDestination.open(warehouse, "main", java.util.Optional.empty(),
                            java.util.Optional.empty()))
                    .build().run();
            assertThat(objectGets().stream().distinct()).hasSize(run == 1 ? 1500 : 0);
        }
        int expectedRows = EVENT_OBJECTS.values().stream().mapToInt(Integer::intValue).sum();
        List<List<String>> result = io.spate.duckdb.WarehouseQuery.rows(warehouse, "SELECT count(*), count(DISTINCT _spate_file),"
                + " sum(id), count(region), max(_spate_line) FROM main.events WHERE NOT _spate_deleted");
        assertThat(result).containsExactly(List.of(String.valueOf(expectedRows), "1500", "337585500",
                String.valueOf(EVENT_OBJECTS.entrySet().stream().filter(e -> e.getKey().contains("region="))
                        .mapToInt(Map.Entry::getValue).sum()), "5"));
    }

    @Test
    void aFailedRunResumesFromItsLastCheckpointAndEndsExact() throws Exception {
        server.putAll(BUCKET, objects("resume/", 20, 50));
        proxy.plan(r -> r.target().endsWith("f-013.csv") ? new FaultProxy.Action.SlowDown() : new FaultProxy.Action.Forward());
        Map<String, Object> options = config("uri", "s3://" + BUCKET + "/resume/", "table", "resume", "parallelism", 1,
                "checkpoint_interval", "0s", "max_attempts", 2, "infer_types", false);
        MemoryDestination first = new MemoryDestination();
        assertThatThrownBy(() -> sync(options, first))
                .isInstanceOf(SpateException.class)
                .hasMessageStartingWith("reading s3://spate-lake/resume/f-013.csv at byte 0 failed after 2 attempts; last error:"
                        + " reading s3://spate-lake/resume/f-013.csv failed: 503 SlowDown");
        assertThat(first.liveRows("resume")).hasSize(13 * 50);

        proxy.plan(r -> new FaultProxy.Action.Forward());
        proxy.clear();
        MemoryDestination second = first.reopen();
        sync(options, second);
        assertThat(objectGets()).hasSize(7).first().isEqualTo("resume/f-013.csv");
        List<Map<String, Object>> rows = second.liveRows("resume");
        assertThat(rows).hasSize(20 * 50);
        assertThat(rows.stream().map(r -> r.get("_spate_file") + "#" + r.get("_spate_line")).distinct()).hasSize(1000);
    }

    @Test
    void badRecordsAreQuarantinedAndADamagedObjectIsSkippedUnderOnErrorQuarantine() throws Exception {
        byte[] gzip = gzip("id,name\n1,a\n2,b\n".repeat(2000).getBytes(StandardCharsets.UTF_8));
        server.putAll(BUCKET, Map.of("quarantine/good.csv", "id,name\n1,a\n2\n3,c\n".getBytes(StandardCharsets.UTF_8),
                "quarantine/truncated.csv.gz", java.util.Arrays.copyOf(gzip, gzip.length / 2)));
        MemoryDestination destination = new MemoryDestination();
        SyncResult result = sync(config("uri", "s3://" + BUCKET + "/quarantine/", "table", "q", "on_error", "quarantine"),
                destination);
        assertThat(destination.liveRows("q")).extracting(r -> r.get("_spate_file") + "#" + r.get("_spate_line"))
                .containsExactlyInAnyOrder("s3://spate-lake/quarantine/good.csv#1", "s3://spate-lake/quarantine/good.csv#3");
        assertThat(destination.liveRows("_spate_rejects")).singleElement().satisfies(r -> assertThat(r)
                .containsEntry("table", "q").containsEntry("_spate_file", "s3://spate-lake/quarantine/good.csv")
                .containsEntry("_spate_line", 2L).containsEntry("raw", "2"));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).startsWith("skipped s3://spate-lake/quarantine/truncated.csv.gz"));
        assertThat(result.warnings()).contains("1 objects could not be read and were skipped (on_error: quarantine); they are"
                + " tried again next run");
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }
}
