package io.spate.filesource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.runtime.Sync;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.SpateException;
import io.spate.testing.MemoryDestination;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesSourceTest {
    @TempDir
    Path dir;

    private void write(String relative, String content, boolean gzip) throws IOException {
        Path path = dir.resolve(relative);
        Files.createDirectories(path.getParent());
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(path)) : Files.newOutputStream(path)) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        Files.setLastModifiedTime(path, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    }

    private void sync(MemoryDestination destination, Object... keyValues) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("path", dir.toString());
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put((String) keyValues[i], keyValues[i + 1]);
        }
        Sync.builder().pipelineId("p").connector(new FilesSource()).configuration(Configuration.of(options))
                .destination("memory", destination).build().run();
    }

    @Test
    void bothConnectorsAreFoundByName() {
        List<String> names = ServiceLoader.load(Connector.class).stream().map(p -> p.get().name()).toList();
        assertThat(names).contains("s3", "files");
    }

    @Test
    void readsALocalTreeWithHivePartitionsIntoTablesNamedByDirectory() throws IOException {
        write("orders/country=DE/a.csv", "id,amount\n1,10\n2,20\n", false);
        write("orders/country=FR/b.csv.gz", "id,amount\n3,30\n", true);
        write("customers/c.csv", "id,name\n7,\"Ann, \"\"A\"\"\"\n", false);
        MemoryDestination destination = new MemoryDestination();
        sync(destination, "table", "{dir}", "parallelism", 2);

        assertThat(destination.liveRows("orders")).hasSize(3)
                .anySatisfy(r -> assertThat(r).containsEntry("id", 3L).containsEntry("country", "FR")
                        .containsEntry("_spate_file", dir.resolve("orders/country=FR/b.csv.gz").toUri().toString())
                        .containsEntry("_spate_line", 1L));
        assertThat(destination.liveRows("customers")).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("name", "Ann, \"A\"").doesNotContainKey("country"));
    }

    @Test
    void partitioningNoneKeepsDirectoriesOutOfTheRows() throws IOException {
        write("t/k=v/a.csv", "id\n1\n", false);
        MemoryDestination destination = new MemoryDestination();
        sync(destination, "table", "t", "partitioning", "none");
        assertThat(destination.liveRows("t")).singleElement().satisfies(r -> assertThat(r).doesNotContainKey("k"));
    }

    @Test
    void badRecordFailsNamingFileAndLineUnlessSkipped() throws IOException {
        write("x.csv", "a,b\n1,2\n3\n4,5\n", false);
        MemoryDestination failing = new MemoryDestination();
        assertThatThrownBy(() -> sync(failing, "table", "x"))
                .isInstanceOf(SpateException.class)
                .hasMessage(dir.resolve("x.csv").toUri() + " line 3 column \"b\": has 1 field, expected 2");
        MemoryDestination skipping = new MemoryDestination();
        sync(skipping, "table", "x", "on_error", "skip");
        assertThat(skipping.liveRows("x")).extracting(r -> r.get("_spate_line")).containsExactlyInAnyOrder(1L, 3L);
    }

    @Test
    void declaredColumnTypesAreTheTableSchemaAndInferenceCanBeTurnedOff() throws IOException {
        write("t/a.csv", "id,amount,note\n1,2.50,x\n2,3.75,y\n", false);
        MemoryDestination declared = new MemoryDestination();
        sync(declared, "table", "t", "columns", Map.of("amount", "DECIMAL(10,2)"));
        assertThat(declared.schema("t").column("amount").orElseThrow().type()).isEqualTo(io.spate.sdk.DataType.decimal(10, 2));
        assertThat(declared.liveRows("t")).extracting(r -> r.get("id")).containsExactlyInAnyOrder(1L, 2L);
        MemoryDestination text = new MemoryDestination();
        sync(text, "table", "t", "infer_types", false);
        assertThat(text.liveRows("t")).extracting(r -> r.get("id")).containsExactlyInAnyOrder("1", "2");
    }

    @Test
    void objectsOfUnknownFormatAreSkippedWithAWarning() throws IOException {
        write("out/part-0.csv", "id\n1\n", false);
        write("out/_SUCCESS", "", false);
        MemoryDestination destination = new MemoryDestination();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("path", dir.toString());
        options.put("table", "out");
        io.spate.runtime.SyncResult result = Sync.builder().pipelineId("p").connector(new FilesSource())
                .configuration(Configuration.of(options)).destination("memory", destination).build().run();
        assertThat(destination.liveRows("out")).hasSize(1);
        assertThat(result.warnings()).containsExactly("1 objects were skipped because their format cannot be told from the name,"
                + " e.g. [out/_SUCCESS]; set format, or exclude them");
    }
}
