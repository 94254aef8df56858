package io.spate.format;

import java.nio.file.Path;

/**
 * Reads a format that needs random access to a whole local file (Parquet: its footer is at the end), in a
 * module that owns the library for it. Found with {@link java.util.ServiceLoader}: a module lists its
 * implementation in {@code META-INF/services/io.spate.format.FormatReaderProvider}; {@link FormatReaders}
 * asks each provider in turn. Implementations are stateless and thread-safe; each reader they open belongs
 * to one thread.
 */
public interface FormatReaderProvider {
    /** True when this provider reads {@code format}. */
    boolean supports(Format format);

    /**
     * A reader of a local file. Values follow the Java types listed in {@code io.spate.format}'s package
     * documentation; {@link FormatOptions#select()} projects the columns (only they are read, in that order).
     *
     * @param format a format this provider {@link #supports}
     * @param name the file's name as shown in messages (e.g. {@code s3://b/k.parquet})
     * @param file the local file; the caller keeps it until the reader is closed and deletes it after
     * @param options the source's format options
     * @param errors what to do with bad records
     */
    RecordReader open(Format format, String name, Path file, FormatOptions options, ErrorHandling errors);

    /**
     * The columns of a local file with the types its own schema declares (after {@code select}), read from
     * its metadata only: for Parquet the footer, so a file holding just the footer at its place (the rest
     * zeros) is enough. Providers of formats without a schema in the file fail UNSUPPORTED.
     */
    default java.util.List<io.spate.sdk.Column> schema(Format format, String name, Path file, FormatOptions options) {
        throw io.spate.sdk.SpateException.unsupported(name + ": " + format.name().toLowerCase(java.util.Locale.ROOT)
                + " files carry no schema this reader can tell");
    }
}
