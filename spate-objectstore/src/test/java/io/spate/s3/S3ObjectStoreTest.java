package io.spate.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.retry.RetryPolicy;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import io.spate.storage.ObjectInfo;
import io.spate.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class S3ObjectStoreTest {
    private static final String BUCKET = "store-test";
    private static S3TestServer server;
    private static FaultProxy proxy;
    private static byte[] big;

    @BeforeAll
    static void start() throws Exception {
        server = new S3TestServer();
        proxy = new FaultProxy(server.port());
        server.createBucket(BUCKET);
        Map<String, byte[]> objects = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 250; i++) {
            objects.put(String.format("list/%s/obj-%04d.txt", i % 2 == 0 ? "even" : "odd", i),
                    ("object " + i).getBytes(StandardCharsets.UTF_8));
        }
        server.putAll(BUCKET, objects);
        big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i % 251);
        }
        server.put(BUCKET, "big.bin", big);
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

    private static S3ObjectStore store(Map<String, Object> overrides) {
        Map<String, Object> options = new java.util.LinkedHashMap<>(server.connection(proxy.endpoint()));
        options.putAll(overrides);
        S3Settings settings = S3Settings.from(Configuration.of(options), Map.of(), 8);
        RetryPolicy fast = RetryPolicy.builder().maxAttempts(settings.maxAttempts()).initialDelay(Duration.ofMillis(1))
                .maxDelay(Duration.ofMillis(5)).build();
        return new S3ObjectStore(BUCKET, settings, fast);
    }

    @Test
    void listsEveryKeyUnderAPrefixPageByPageWithSizeAndEtag() {
        try (S3ObjectStore store = store(Map.of("list_page_size", 7)); Stream<ObjectInfo> listed = store.list("list/odd/")) {
            List<ObjectInfo> objects = listed.toList();
            assertThat(objects).hasSize(125);
            assertThat(objects.get(0).key()).isEqualTo("list/odd/obj-0001.txt");
            assertThat(objects.get(0).size()).isEqualTo("object 1".length());
            assertThat(objects.get(0).etag()).hasSize(32).doesNotContain("\"");
        }
        assertThat(proxy.requests(FaultProxy.Request::isListing)).hasSize(18);
        assertThat(proxy.requests(r -> !r.isListing())).isEmpty();
    }

    @Test
    void readsByteRanges() throws IOException {
        try (S3ObjectStore store = store(Map.of()); InputStream in = store.open("big.bin", 1000, 2000)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(big, 1000, 2000));
        }
        assertThat(proxy.requests(FaultProxy.Request::isObjectGet)).extracting(FaultProxy.Request::range)
                .containsExactly("bytes=1000-1999");
    }

    @Test
    void bodyCutMidwayAndSlowDownAreResumedWithRangedGets() throws IOException {
        proxy.plan(r -> switch (r.number()) {
            case 1 -> new FaultProxy.Action.SlowDown();
            case 2 -> new FaultProxy.Action.CutAfter(100_000);
            case 3 -> new FaultProxy.Action.SlowDown();
            case 4 -> new FaultProxy.Action.CutAfter(50_000);
            default -> new FaultProxy.Action.Forward();
        });
        try (S3ObjectStore store = store(Map.of()); InputStream in = store.open("big.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
        assertThat(proxy.requests()).extracting(FaultProxy.Request::range)
                .containsExactly("", "", "bytes=100000-299999", "bytes=100000-299999", "bytes=150000-299999");
    }

    @Test
    void writesSmallAndMultipartObjectsAndRenamesThem() throws IOException {
        byte[] large = new byte[S3ObjectStore.PART_SIZE * 2 + 12345];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 7);
        }
        try (S3ObjectStore store = store(Map.of())) {
            store.put("out/small.txt", "hello".getBytes(StandardCharsets.UTF_8));
            try (ObjectStore.ObjectOutput out = store.create("out/tmp-large.bin")) {
                for (int offset = 0; offset < large.length; offset += 1 << 20) {
                    out.write(large, offset, Math.min(1 << 20, large.length - offset));
                }
            }
            store.rename("out/tmp-large.bin", "out/large.bin");
            try (Stream<ObjectInfo> listed = store.list("out/")) {
                assertThat(listed.map(o -> o.key() + ":" + o.size())).containsExactly("out/large.bin:" + large.length,
                        "out/small.txt:5");
            }
            try (InputStream in = store.open("out/large.bin")) {
                assertThat(in.readAllBytes()).isEqualTo(large);
            }
            store.delete("out/large.bin");
            store.delete("out/small.txt");
            try (Stream<ObjectInfo> listed = store.list("out/")) {
                assertThat(listed).isEmpty();
            }
        }
    }

    @Test
    void wrongCredentialsFailAtOnceNamingWhatToCheck() {
        try (S3ObjectStore store = store(Map.of("aws_access_key_id", "AKIAWRONG", "aws_secret_access_key", "not-the-secret"))) {
            assertThatThrownBy(() -> store.list("").findFirst())
                    .isInstanceOf(SpateException.class)
                    .hasMessage("listing s3://store-test/ failed: 403 InvalidAccessKeyId (Forbidden): the credentials (access key id AKIAWRONG) were rejected by endpoint "
                            + proxy.endpoint() + "; check aws_access_key_id and aws_secret_access_key (or AWS_ACCESS_KEY_ID /"
                            + " AWS_SECRET_ACCESS_KEY / the profile), aws_session_token for temporary credentials, and region_name");
        }
        assertThat(proxy.requests()).hasSize(1);
    }

    @Test
    void missingBucketAndMissingKeyFailAtOnce() {
        S3Settings settings = S3Settings.from(Configuration.of(server.connection(proxy.endpoint())), Map.of(), 4);
        try (S3ObjectStore store = new S3ObjectStore("no-such-bucket", settings)) {
            assertThatThrownBy(() -> store.list("data/").findFirst())
                    .isInstanceOf(SpateException.class)
                    .hasMessage("listing s3://no-such-bucket/data/ failed: 404 NoSuchBucket (The specified bucket does not exist)"
                            + ": bucket no-such-bucket does not exist at endpoint " + proxy.endpoint()
                            + "; check bucket (or uri), endpoint and region_name");
        }
        try (S3ObjectStore store = store(Map.of())) {
            assertThatThrownBy(() -> store.open("gone.csv").read())
                    .isInstanceOf(SpateException.class)
                    .hasMessage("reading s3://store-test/gone.csv failed: 404 NoSuchKey (The specified key does not exist.)"
                            + ": s3://store-test/gone.csv does not exist; it may have been deleted after it was listed");
        }
        assertThat(proxy.requests()).hasSize(2);
    }
}
