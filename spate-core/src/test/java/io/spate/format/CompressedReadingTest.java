package io.spate.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.format.compress.ArchiveMember;
import io.spate.format.compress.Compression;
import io.spate.format.compress.CorruptInputException;
import io.spate.format.compress.Decompression;
import io.spate.format.compress.Compressing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressedReadingTest {
    private static final String CSV;

    static {
        StringBuilder text = new StringBuilder("id,name\n");
        for (int i = 1; i <= 1_000; i++) {
            text.append(i).append(",\"name ").append(i).append("\"\n");
        }
        CSV = text.toString();
    }

    @Test
    void everyCompressionOfAFileOnDiskReadsTheSameRecords(@TempDir Path dir) throws IOException {
        for (Compression c : Compression.values()) {
            if (c == Compression.ZIP) {
                continue;
            }
            Path file = dir.resolve("orders.csv" + extension(c));
            Files.write(file, Compressing.compress(c, CSV.getBytes(StandardCharsets.UTF_8)));
            assertThat(countRecords(file.toString(), Files.readAllBytes(file))).as(c.name()).isEqualTo(1_000);
        }
    }

    @Test
    void aTruncatedGzipCsvIsReportedWithFileAndLine() throws IOException {
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= 50_000; i++) {
            csv.append(i).append(",\"name ").append(i).append("\"\n");
        }
        byte[] whole = Compressing.compress(Compression.GZIP, csv.toString().getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        byte[] header = Arrays.copyOf(whole, 30);
        assertThatThrownBy(() -> countRecords("s3://b/orders.csv.gz", header))
                .hasMessageStartingWith("s3://b/orders.csv.gz line 1: the gzip data is truncated or corrupt after 0 decompressed bytes");
        assertThatThrownBy(() -> countRecords("s3://b/orders.csv.gz", truncated))
                .isInstanceOf(CorruptInputException.class)
                .hasMessageMatching("s3://b/orders\\.csv\\.gz line [1-9]\\d{3,} column \"(id|name)\": the gzip data is truncated or corrupt after \\d+ "
                        + "decompressed bytes \\(.*\\)");
    }

    @Test
    void aTruncatedZstdJsonlIsReportedWithFileAndLine() throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            jsonl.append("{\"id\": ").append(i).append("}\n");
        }
        byte[] whole = Compressing.compress(Compression.ZSTD, jsonl.toString().getBytes(StandardCharsets.UTF_8));
        byte[] truncated = Arrays.copyOf(whole, whole.length - 10);
        assertThatThrownBy(() -> countRecords("e.jsonl.zst", truncated))
                .isInstanceOf(CorruptInputException.class)
                .hasMessageMatching("e\\.jsonl\\.zst line \\d+: the zstd data is truncated or corrupt after \\d+ decompressed bytes \\(.*\\)");
    }

    @Test
    void zipMembersAreReadAsFilesOfTheirOwnFormat() throws IOException {
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (var out = new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(zip)) {
            for (String[] member : new String[][] {{"a.csv", "x,y\n1,2\n"}, {"b.jsonl", "{\"x\": 3}\n"}, {"c.txt", "hello\n"}}) {
                out.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry(member[0]));
                out.write(member[1].getBytes(StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
        }
        List<String> seen = new ArrayList<>();
        try (Decompression.Members members = Decompression.members(new ByteArrayInputStream(zip.toByteArray()), "k.zip", "auto")) {
            while (members.hasNext()) {
                ArchiveMember member = members.next();
                try (RecordReader reader = FormatReaders.open(Format.resolve("auto", member.name()), member,
                        FormatOptions.defaults(), ErrorHandling.failFast())) {
                    while (reader.next()) {
                        seen.add(member.name() + " " + reader.columns() + " " + Arrays.toString(reader.values()));
                    }
                }
            }
        }
        assertThat(seen).containsExactly("k.zip!/a.csv [x, y] [1, 2]", "k.zip!/b.jsonl [x] [3]", "k.zip!/c.txt [line] [hello]");
    }

    private static long countRecords(String name, byte[] bytes) {
        FormatOptions options = Reading.options(Map.of());
        try (Decompression.Members members = Decompression.members(new ByteArrayInputStream(bytes), name, "auto")) {
            ArchiveMember file = members.next();
            try (RecordReader reader = FormatReaders.open(Format.resolve("auto", file.name()), file, options, ErrorHandling.failFast())) {
                long count = 0;
                while (reader.next()) {
                    count++;
                }
                return count;
            }
        }
    }

    private static String extension(Compression c) {
        return switch (c) {
            case GZIP -> ".gz";
            case BZIP2 -> ".bz2";
            case ZSTD -> ".zst";
            case XZ -> ".xz";
            case LZ4 -> ".lz4";
            case SNAPPY -> ".snappy";
            case DEFLATE -> ".deflate";
            case NONE, ZIP -> "";
        };
    }
}
