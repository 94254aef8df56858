package io.spate.filesource;

import io.spate.format.Format;
import io.spate.format.FormatOptions;
import io.spate.format.FormatReaders;
import io.spate.format.compress.Compression;
import io.spate.sdk.Column;
import io.spate.sdk.SpateException;
import io.spate.storage.ObjectInfo;
import io.spate.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The declared columns of a table of Parquet objects, for its {@code TableSpec}: read from the footer of its
 * newest object with two small ranged GETs (the last 8 bytes, then the footer), placed at its offset in a
 * sparse local file of the object's size, which DuckDB reads as the file's metadata.
 */
final class ParquetSchemas {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_FOOTER = 64 << 20;

    private ParquetSchemas() {
    }

    /** The columns of the newest uncompressed Parquet object of the table; empty when it has none. */
    static List<Column> of(ObjectStore store, List<Listing.Listed> objects, FormatOptions options) {
        Optional<ObjectInfo> newest = objects.stream().map(Listing.Listed::object)
                .filter(o -> Format.resolve(options.format(), o.name()) == Format.PARQUET)
                .filter(o -> Compression.stripExtensions(o.name()).equals(o.name()) && o.size() > 12)
                .max(Comparator.comparing(ObjectInfo::lastModified).thenComparing(ObjectInfo::key));
        if (newest.isEmpty()) {
            return List.of();
        }
        ObjectInfo object = newest.get();
        String uri = store.uriOf(object.key());
        Path file = null;
        try {
            byte[] tail = read(store, object.key(), object.size() - 8, object.size());
            if (!java.util.Arrays.equals(tail, 4, 8, MAGIC, 0, 4)) {
                throw new SpateException(SpateException.Category.DATA, uri + ": is not a Parquet file (no PAR1 at its end)");
            }
            int footerLength = ByteBuffer.wrap(tail, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (footerLength <= 0 || footerLength > MAX_FOOTER || footerLength > object.size() - 12) {
                throw new SpateException(SpateException.Category.DATA, uri + ": has a damaged Parquet footer length " + footerLength);
            }
            long footerStart = object.size() - 8 - footerLength;
            byte[] footer = read(store, object.key(), footerStart, object.size() - 8);
            file = Files.createTempFile("spate-footer-", ".parquet");
            try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
                sparse.setLength(object.size());
                sparse.write(MAGIC);
                sparse.seek(footerStart);
                sparse.write(footer);
                sparse.write(tail);
            }
            return FormatReaders.schemaOfFile(Format.PARQUET, uri, file, options);
        } catch (IOException e) {
            throw new UncheckedIOException(uri + ": reading its Parquet footer failed: " + e.getMessage(), e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    org.slf4j.LoggerFactory.getLogger(ParquetSchemas.class).warn("could not delete {}: {}", file, e.getMessage());
                }
            }
        }
    }

    private static byte[] read(ObjectStore store, String key, long start, long end) throws IOException {
        try (InputStream in = store.open(key, start, end)) {
            return in.readAllBytes();
        }
    }
}
