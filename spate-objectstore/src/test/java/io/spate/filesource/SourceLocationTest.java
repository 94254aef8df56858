package io.spate.filesource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceLocationTest {
    @TempDir
    Path dir;

    private static SourceLocation s3(Map<String, Object> options) {
        return SourceLocation.resolve(Configuration.of(options), true);
    }

    @Test
    void uriWithAGlobListsUnderItsLiteralPrefix() {
        SourceLocation location = s3(Map.of("uri", "s3://b/logs/2024-*/app-*.jsonl.gz"));
        assertThat(location.bucket()).contains("b");
        assertThat(location.prefix()).isEqualTo("logs/");
        assertThat(location.listPrefix()).isEqualTo("logs/2024-");
        assertThat(location.relativeKey("logs/2024-01/app-1.jsonl.gz")).contains("2024-01/app-1.jsonl.gz");
        assertThat(location.relativeKey("logs/2024-01/db-1.jsonl.gz")).isEmpty();
    }

    @Test
    void keyNamesAFolderOrOneObjectNotASiblingWithTheSameStart() {
        SourceLocation location = s3(Map.of("bucket", "b", "key", "data/orders"));
        assertThat(location.relativeKey("data/orders")).contains("orders");
        assertThat(location.relativeKey("data/orders/part-1.csv")).contains("part-1.csv");
        assertThat(location.relativeKey("data/orders.csv")).isEmpty();
    }

    @Test
    void rawPrefixMatchesPartialNamesAndExcludesApply() {
        SourceLocation location = s3(Map.of("bucket_name", "b", "prefix", "/logs/2024-", "exclude", "**/_*"));
        assertThat(location.listPrefix()).isEqualTo("logs/2024-");
        assertThat(location.relativeKey("logs/2024-01/a.csv")).contains("01/a.csv");
        assertThat(location.relativeKey("logs/2024-01/_SUCCESS")).isEmpty();
        assertThat(location.relativeKey("logs/2024-01/")).isEmpty();
    }

    @Test
    void missingLocationIsAConfigError() {
        assertThatThrownBy(() -> s3(Map.of()))
                .isInstanceOf(SpateException.class)
                .hasMessage("the s3 source needs uri (s3://bucket/prefix/) or bucket (with prefix or key)");
        assertThatThrownBy(() -> s3(Map.of("uri", "gs://b/x")))
                .isInstanceOf(SpateException.class)
                .hasMessage("uri \"gs://b/x\" is not an s3:// URI: write s3://bucket/prefix/, or use connector: files for local paths");
    }

    @Test
    void localPathsDirectoriesFilesAndGlobs() throws IOException {
        Files.createDirectories(dir.resolve("in/sub"));
        Files.writeString(dir.resolve("in/sub/a.csv"), "x\n");
        SourceLocation directory = SourceLocation.resolve(Configuration.of(Map.of("uri", dir.resolve("in").toUri().toString())), false);
        assertThat(directory.root()).contains(dir.resolve("in").toAbsolutePath());
        SourceLocation file = SourceLocation.resolve(Configuration.of(Map.of("path", dir.resolve("in/sub/a.csv").toString())), false);
        assertThat(file.root()).contains(dir.resolve("in/sub").toAbsolutePath());
        assertThat(file.relativeKey("a.csv")).contains("a.csv");
        SourceLocation glob = SourceLocation.resolve(Configuration.of(Map.of("path", dir + "/in/**/*.csv")), false);
        assertThat(glob.root()).contains(dir.resolve("in").toAbsolutePath());
        assertThat(glob.relativeKey("sub/a.csv")).contains("sub/a.csv");
        assertThatThrownBy(() -> SourceLocation.resolve(Configuration.of(Map.of("path", dir + "/missing")), false))
                .isInstanceOf(SpateException.class)
                .hasMessage("path " + dir + "/missing does not exist: give an existing directory, file or glob");
    }

    @Test
    void rulesBetweenOptionsAreReportedTogether() {
        assertThat(new S3Source(Map.of()).validate(Configuration.of(Map.of("uri", "s3://b/x/", "bucket", "b", "key", "k",
                "prefix", "p", "aws_access_key_id", "AKIA")))).containsExactly(
                "uri is given together with bucket, prefix or key: give one of them",
                "key and prefix are both given: key names one object or folder, prefix a key prefix; give one",
                "aws_access_key_id and aws_secret_access_key go together: give both, or neither for the AWS credential chain");
        assertThat(new S3Source(Map.of()).validate(Configuration.of(Map.of()))).containsExactly(
                "uri or bucket is missing: expected uri: s3://bucket/prefix/, or bucket with prefix or key");
        assertThat(new FilesSource().validate(Configuration.of(Map.of()))).containsExactly(
                "path or uri is missing: expected path: /a/directory (or a file or glob), or uri: file:///a/directory/");
        assertThat(new S3Source(Map.of()).validate(Configuration.of(Map.of("bucket_name", "b", "prefix", "x/")))).isEmpty();
    }
}
