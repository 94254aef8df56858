package io.spate.format.write;

import io.spate.sdk.SpateException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import com.github.luben.zstd.ZstdOutputStream;

/** A whole-file compression of a text output (CSV, TSV, JSON, JSONL). */
public enum OutputCompression {
    NONE(""),
    GZIP(".gz"),
    BZIP2(".bz2"),
    ZSTD(".zst");

    private final String extension;

    OutputCompression(String extension) {
        this.extension = extension;
    }

    /** The {@code compression} option of a text format: {@code none}, {@code gzip}/{@code gz}, {@code bz2}/{@code bzip2}, {@code zstd}/{@code zst}. */
    public static OutputCompression parse(String option) {
        String name = option.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "none", "uncompressed", "" -> NONE;
            case "gzip", "gz" -> GZIP;
            case "bz2", "bzip2" -> BZIP2;
            case "zstd", "zst" -> ZSTD;
            default -> throw SpateException.config("compression \"" + option + "\" is not one of "
                    + Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                    + " for a text format");
        };
    }

    /** The file name suffix it adds: {@code .gz}, {@code .bz2}, {@code .zst}, or nothing. */
    public String extension() {
        return extension;
    }

    /**
     * Wraps {@code out} so that bytes written are compressed; closing the result finishes the compressed
     * stream and closes {@code out}.
     */
    public OutputStream wrap(OutputStream out) throws IOException {
        return switch (this) {
            case NONE -> out;
            case GZIP -> new LeveledGzipOutputStream(out);
            case BZIP2 -> new BZip2CompressorOutputStream(out);
            case ZSTD -> new ZstdOutputStream(out, 3);
        };
    }

    /** gzip at level 6 (the gzip tool's default) with a 64 KB buffer, so small writes do not each reach the deflater. */
    private static final class LeveledGzipOutputStream extends GZIPOutputStream {
        LeveledGzipOutputStream(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.DEFAULT_COMPRESSION);
        }
    }
}
