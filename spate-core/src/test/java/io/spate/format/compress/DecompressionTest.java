package io.spate.format.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

class DecompressionTest {
    private static final String TEXT = "id,name\n" + "1,Ann\n".repeat(5000) + "2,Bob\n";

    @Test
    void everyCompressionIsReadByExtensionAndByMagic() throws IOException {
        for (Compression c : Compression.values()) {
            if (c == Compression.ZIP) {
                continue;
            }
            byte[] compressed = Compressing.compress(c, TEXT.getBytes(StandardCharsets.UTF_8));
            String extension = c == Compression.NONE ? "" : c.name().equals("DEFLATE") ? ".deflate" : extensionOf(c);
            assertThat(readAll(Decompression.open(in(compressed), "d/orders.csv" + extension, "auto")))
                    .as("%s by extension", c).isEqualTo(TEXT);
            assertThat(readAll(Decompression.open(in(compressed), "d/orders.csv", "auto")))
                    .as("%s by magic", c).isEqualTo(TEXT);
            assertThat(readAll(Decompression.open(in(compressed), "d/orders", c.optionName())))
                    .as("%s by option", c).isEqualTo(TEXT);
        }
    }

    @Test
    void detectsByMagicBytes() {
        assertThat(Compression.byMagic(new byte[] {0x1F, (byte) 0x8B, 8}, 3)).contains(Compression.GZIP);
        assertThat(Compression.byMagic("BZh9".getBytes(StandardCharsets.US_ASCII), 4)).contains(Compression.BZIP2);
        assertThat(Compression.byMagic("x^abc".getBytes(StandardCharsets.US_ASCII), 5)).isEmpty();
        assertThat(Compression.byMagic("PK\3\4".getBytes(StandardCharsets.US_ASCII), 4)).contains(Compression.ZIP);
        assertThat(Compression.byMagic("id,name".getBytes(StandardCharsets.US_ASCII), 7)).isEmpty();
    }

    @Test
    void stripsCompressionExtensions() {
        assertThat(Compression.stripExtensions("a/b.csv.gz")).isEqualTo("a/b.csv");
        assertThat(Compression.stripExtensions("b.jsonl.zst")).isEqualTo("b.jsonl");
        assertThat(Compression.stripExtensions("b.csv")).isEqualTo("b.csv");
        assertThat(Compression.byExtension("x.SNAPPY")).contains(Compression.SNAPPY);
        assertThat(Compression.byExtension("x.sz")).contains(Compression.SNAPPY);
        assertThat(Compression.byExtension("x.zz")).contains(Compression.DEFLATE);
    }

    @Test
    void plainTextNamedGzIsReadAsItIs() {
        assertThat(readAll(Decompression.open(in(TEXT.getBytes(StandardCharsets.UTF_8)), "orders.csv.gz", "auto"))).isEqualTo(TEXT);
    }

    @Test
    void concatenatedGzipMembersAreAllRead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Compressing.compress(Compression.GZIP, "a\n1\n".getBytes(StandardCharsets.UTF_8)));
        out.write(Compressing.compress(Compression.GZIP, "2\n".getBytes(StandardCharsets.UTF_8)));
        out.write(Compressing.compress(Compression.GZIP, "3\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(readAll(Decompression.open(trickle(out.toByteArray()), "x.csv.gz", "auto"))).isEqualTo("a\n1\n2\n3\n");
    }

    @Test
    void concatenatedZstdFramesAreAllRead() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Compressing.compress(Compression.ZSTD, "a\n1\n".getBytes(StandardCharsets.UTF_8)));
        out.write(Compressing.compress(Compression.ZSTD, "2\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(readAll(Decompression.open(in(out.toByteArray()), "x.csv.zst", "auto"))).isEqualTo("a\n1\n2\n");
    }

    @Test
    void truncatedStreamsAreCorruptNotShort() throws IOException {
        for (Compression c : List.of(Compression.GZIP, Compression.ZSTD, Compression.BZIP2, Compression.XZ,
                Compression.LZ4, Compression.SNAPPY, Compression.DEFLATE)) {
            byte[] whole = Compressing.compress(c, TEXT.getBytes(StandardCharsets.UTF_8));
            byte[] truncated = Arrays.copyOf(whole, whole.length * 2 / 3);
            assertThatThrownBy(() -> readAll(Decompression.open(in(truncated), "t.csv", "auto")))
                    .as(c.name())
                    .isInstanceOf(CorruptInputException.class)
                    .hasMessageStartingWith("t.csv: the " + c.optionName() + " data is truncated or corrupt after ");
        }
    }

    @Test
    void failuresOfTheSourceStreamStayIoFailures() throws IOException {
        byte[] whole = Compressing.compress(Compression.GZIP, TEXT.getBytes(StandardCharsets.UTF_8));
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served == 40) {
                    throw new IOException("connection reset");
                }
                return whole[served++] & 0xFF;
            }
        };
        assertThatThrownBy(() -> readAll(Decompression.open(failing, "t.csv.gz", "auto")))
                .isInstanceOf(UncheckedIOException.class)
                .hasRootCauseMessage("connection reset");
    }

    @Test
    void zipMembersAreFilesEachDecompressedByItsOwnName() throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            out.putArchiveEntry(new ZipArchiveEntry("dir/"));
            out.closeArchiveEntry();
            for (String name : List.of("dir/a.csv", "b.csv")) {
                out.putArchiveEntry(new ZipArchiveEntry(name));
                out.write(("x\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
            out.putArchiveEntry(new ZipArchiveEntry("c.csv.gz"));
            out.write(Compressing.compress(Compression.GZIP, "x\nc\n".getBytes(StandardCharsets.UTF_8)));
            out.closeArchiveEntry();
        }
        List<String> seen = new ArrayList<>();
        try (Decompression.Members members = Decompression.members(in(zip.toByteArray()), "s3://b/k.zip", "auto")) {
            assertThat(members.isArchive()).isTrue();
            while (members.hasNext()) {
                ArchiveMember member = members.next();
                seen.add(member.name() + "=" + readAll(member.stream()).replace('\n', '|'));
            }
        }
        assertThat(seen).containsExactly("s3://b/k.zip!/dir/a.csv=x|dir/a.csv|", "s3://b/k.zip!/b.csv=x|b.csv|",
                "s3://b/k.zip!/c.csv.gz=x|c|");
    }

    @Test
    void openReadsAZipOfOneFileAndRefusesSeveral() throws IOException {
        assertThat(readAll(Decompression.open(in(zipOf("a.csv")), "one.zip", "auto"))).isEqualTo("x\na.csv\n");
        byte[] two = zipOf("b.csv", "c.csv");
        assertThatThrownBy(() -> readAll(Decompression.open(in(two), "two.zip", "auto")))
                .hasMessage("two.zip: the zip archive holds more than one file; read its members one by one");
    }

    /** A zip whose members hold "x" and their own name. */
    private static byte[] zipOf(String... names) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
            for (String name : names) {
                out.putArchiveEntry(new ZipArchiveEntry(name));
                out.write(("x\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeArchiveEntry();
            }
        }
        return zip.toByteArray();
    }

    @Test
    void aSingleFileIsOneMemberWithItsOwnName() throws IOException {
        try (Decompression.Members members = Decompression.members(in(Compressing.compress(Compression.XZ, "q".getBytes(StandardCharsets.UTF_8))),
                "s3://b/k.csv.xz", "auto")) {
            ArchiveMember only = members.next();
            assertThat(only.name()).isEqualTo("s3://b/k.csv.xz");
            assertThat(readAll(only.stream())).isEqualTo("q");
            assertThat(members.hasNext()).isFalse();
        }
    }

    static String extensionOf(Compression c) {
        return switch (c) {
            case GZIP -> ".gz";
            case BZIP2 -> ".bz2";
            case ZSTD -> ".zst";
            case XZ -> ".xz";
            case LZ4 -> ".lz4";
            case SNAPPY -> ".sz";
            case DEFLATE -> ".deflate";
            case ZIP -> ".zip";
            case NONE -> "";
        };
    }

    static InputStream in(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    /** A stream that hands out at most 7 bytes per read and reports nothing available, like a slow socket. */
    static InputStream trickle(byte[] bytes) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }

            @Override
            public synchronized int available() {
                return 0;
            }
        };
    }

    static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
