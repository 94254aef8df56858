package io.spate.format.compress;

import io.spate.sdk.SpateException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A compression of a whole file (or an archive of files, {@link #ZIP}), recognised by extension and by magic bytes. */
public enum Compression {
    NONE,
    GZIP(".gz", ".gzip"),
    BZIP2(".bz2"),
    ZSTD(".zst", ".zstd"),
    XZ(".xz"),
    LZ4(".lz4"),
    /** Snappy framing format (the {@code .sz} of the snappy tools), not Hadoop's block snappy. */
    SNAPPY(".sz", ".snappy"),
    /** zlib-wrapped deflate ({@code .deflate} as Hadoop writes it, {@code .zz}). */
    DEFLATE(".deflate", ".zz"),
    /** An archive: each member is a file, read with {@link Decompression#members}. */
    ZIP(".zip");

    /** Bytes enough to recognise any magic number. */
    static final int MAGIC_BYTES = 10;

    private final String[] extensions;

    Compression(String... extensions) {
        this.extensions = extensions;
    }

    /** The {@code compression} option: {@code auto} gives empty (detect), else the named compression. */
    public static Optional<Compression> fromOption(String option) {
        String name = option == null ? "auto" : option.trim().toLowerCase(Locale.ROOT);
        switch (name) {
            case "", "auto" -> {
                return Optional.empty();
            }
            case "none", "uncompressed" -> {
                return Optional.of(NONE);
            }
            case "gz" -> {
                return Optional.of(GZIP);
            }
            case "bz2" -> {
                return Optional.of(BZIP2);
            }
            case "zst" -> {
                return Optional.of(ZSTD);
            }
            case "zlib" -> {
                return Optional.of(DEFLATE);
            }
            default -> {
                for (Compression c : values()) {
                    if (c.name().toLowerCase(Locale.ROOT).equals(name)) {
                        return Optional.of(c);
                    }
                }
                throw SpateException.config("compression \"" + option + "\" is not known; use auto or one of "
                        + Arrays.stream(values()).map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
            }
        }
    }

    /** The compression the last extension of {@code fileName} says, if any. */
    public static Optional<Compression> byExtension(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        for (Compression c : values()) {
            for (String extension : c.extensions) {
                if (name.endsWith(extension)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code fileName} without its compression extensions ({@code a.csv.gz} -> {@code a.csv}). */
    public static String stripExtensions(String fileName) {
        String name = fileName;
        for (Optional<Compression> c = byExtension(name); c.isPresent(); c = byExtension(name)) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (String extension : c.get().extensions) {
                if (lower.endsWith(extension)) {
                    name = name.substring(0, name.length() - extension.length());
                    break;
                }
            }
        }
        return name;
    }

    /**
     * The compression the first bytes of a stream show, if any. zlib is recognised only by its usual
     * headers ({@code 78 01}, {@code 78 9C}, {@code 78 DA}): {@code 78 5E} is also the text "x^".
     */
    public static Optional<Compression> byMagic(byte[] head, int length) {
        if (startsWith(head, length, 0x1F, 0x8B)) {
            return Optional.of(GZIP);
        }
        if (startsWith(head, length, 'B', 'Z', 'h') && length > 3 && head[3] >= '1' && head[3] <= '9') {
            return Optional.of(BZIP2);
        }
        if (startsWith(head, length, 0x28, 0xB5, 0x2F, 0xFD)) {
            return Optional.of(ZSTD);
        }
        if (startsWith(head, length, 0xFD, '7', 'z', 'X', 'Z', 0x00)) {
            return Optional.of(XZ);
        }
        if (startsWith(head, length, 0x04, 0x22, 0x4D, 0x18)) {
            return Optional.of(LZ4);
        }
        if (startsWith(head, length, 0xFF, 0x06, 0x00, 0x00, 's', 'N', 'a', 'P', 'p', 'Y')) {
            return Optional.of(SNAPPY);
        }
        if (startsWith(head, length, 'P', 'K', 0x03, 0x04) || startsWith(head, length, 'P', 'K', 0x05, 0x06)) {
            return Optional.of(ZIP);
        }
        if (length >= 2 && (head[0] & 0xFF) == 0x78) {
            int second = head[1] & 0xFF;
            if (second == 0x01 || second == 0x9C || second == 0xDA) {
                return Optional.of(DEFLATE);
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /** The name users write for it ({@code gzip}). */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
