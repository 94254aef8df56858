package io.spate.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreTest {
    @TempDir
    Path root;

    @Test
    void listsRegularFilesUnderAPrefixInKeyOrder() throws IOException {
        LocalObjectStore store = new LocalObjectStore(root);
        store.put("b/2.csv", "x".getBytes(StandardCharsets.UTF_8));
        store.put("b/1.csv", "yy".getBytes(StandardCharsets.UTF_8));
        store.put("a/1.csv", "z".getBytes(StandardCharsets.UTF_8));
        store.put("bz.csv", "z".getBytes(StandardCharsets.UTF_8));
        try (Stream<ObjectInfo> listed = store.list("b")) {
            assertThat(listed.map(ObjectInfo::key)).containsExactly("b/1.csv", "b/2.csv", "bz.csv");
        }
        try (Stream<ObjectInfo> listed = store.list("b/")) {
            assertThat(listed.map(o -> o.key() + ":" + o.size())).containsExactly("b/1.csv:2", "b/2.csv:1");
        }
        assertThat(store.uriOf("b/1.csv")).isEqualTo(root.resolve("b/1.csv").toUri().toString());
    }

    @Test
    void opensByteRanges() throws IOException {
        LocalObjectStore store = new LocalObjectStore(root);
        store.put("f.txt", "0123456789".getBytes(StandardCharsets.UTF_8));
        try (InputStream in = store.open("f.txt", 3, 7)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("3456");
        }
        try (InputStream in = store.open("f.txt", 8, -1)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("89");
        }
    }

    @Test
    void writtenObjectIsInvisibleUntilClosedAndAbortLeavesNothing() throws IOException {
        LocalObjectStore store = new LocalObjectStore(root);
        ObjectStore.ObjectOutput out = store.create("d/x.parquet");
        out.write(new byte[] {1, 2, 3});
        try (Stream<ObjectInfo> listed = store.list("")) {
            assertThat(listed).isEmpty();
        }
        out.close();
        ObjectStore.ObjectOutput aborted = store.create("d/y.parquet");
        aborted.write(1);
        aborted.abort();
        store.rename("d/x.parquet", "e/x.parquet");
        try (Stream<ObjectInfo> listed = store.list("")) {
            assertThat(listed.map(ObjectInfo::key)).containsExactly("e/x.parquet");
        }
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
        store.delete("e/x.parquet");
        store.delete("e/x.parquet");
        assertThat(Files.exists(root.resolve("e/x.parquet"))).isFalse();
    }
}
