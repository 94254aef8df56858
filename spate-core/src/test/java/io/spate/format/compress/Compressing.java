package io.spate.format.compress;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.snappy.FramedSnappyCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/** Test helper: compresses bytes with the libraries' own writers. */
public final class Compressing {
    private Compressing() {
    }

    /** {@code data} compressed with {@code c} by the libraries' own writers. */
    public static byte[] compress(Compression c, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (c) {
            case NONE -> bytes;
            case GZIP -> new GZIPOutputStream(bytes);
            case BZIP2 -> new BZip2CompressorOutputStream(bytes);
            case ZSTD -> new ZstdOutputStream(bytes);
            case XZ -> new XZCompressorOutputStream(bytes);
            case LZ4 -> new FramedLZ4CompressorOutputStream(bytes); // slow: seconds per 100 KB of repetitive text
            case SNAPPY -> new FramedSnappyCompressorOutputStream(bytes);
            case DEFLATE -> new DeflaterOutputStream(bytes);
            case ZIP -> throw new IllegalArgumentException("zip is an archive");
        }) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

}
