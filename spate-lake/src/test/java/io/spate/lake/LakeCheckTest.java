package io.spate.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.destination.DestinationProvider;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} of the lake destinations: a marker object written and deleted under a temporary prefix. */
class LakeCheckTest {
    private static S3Server s3;

    @TempDir
    Path work;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new S3Server();
        s3.createBucket("lake");
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    private void check(Map<String, Object> options) {
        Map<String, Object> all = new HashMap<>(s3.connection());
        all.putAll(options);
        new LakeDestinationProvider.S3(Map.of()).check(Configuration.of(all), new DestinationProvider.Context(work, "check1", "lake"));
    }

    @Test
    void aWritableBucketPassesAndKeepsNoMarker() {
        check(Map.of("uri", "s3://lake/output/", "key", "{table}/"));
        assertThat(s3.keys("lake", "")).isEmpty();
    }

    @Test
    void aMissingBucketIsNamedWithWhatToFix() {
        assertThatThrownBy(() -> check(Map.of("uri", "s3://no-such-bucket/output/")))
                .isInstanceOf(SpateException.class)
                .hasMessage("cannot write to s3://no-such-bucket/output/: writing s3://no-such-bucket/output/_spate/check/check1/marker"
                        + " failed: 404 NoSuchBucket (The specified bucket does not exist): bucket no-such-bucket does not exist at"
                        + " endpoint " + s3.endpoint() + "; check bucket (or uri), endpoint and region_name");
    }

    @Test
    void aLocalLakeDirectoryPassesAndKeepsNoMarker() throws Exception {
        Path lake = work.resolve("lake");
        new LakeDestinationProvider.Files().check(Configuration.of(Map.of("path", lake.toString())),
                new DestinationProvider.Context(work, "check1", "lake"));
        try (Stream<Path> files = Files.walk(lake)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
