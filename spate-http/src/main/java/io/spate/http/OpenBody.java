package io.spate.http;

import io.spate.format.compress.Decompression;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The body of one page opened for reading: the raw bytes (resumable, optionally spooled to a temporary
 * file), with the transfer encoding and the file compression undone. Its first bytes may be taken aside
 * ({@link #takePrefix}) to infer column types, and are then replayed in front of the rest by
 * {@link #stream()}: the body is requested once and memory stays bounded by the prefix.
 */
final class OpenBody implements Closeable {
    private final Page page;
    private final ResumableBody raw;
    private final InputStream decoded;
    private byte[] prefix = new byte[0];

    private OpenBody(Page page, ResumableBody raw, InputStream decoded) {
        this.page = page;
        this.raw = raw;
        this.decoded = decoded;
    }

    /**
     * Opens the body of {@code page}; on failure closes it and throws what the failure means (retriable, or bad
     * data).
     */
    static OpenBody open(HttpFetcher fetcher, Page page, String file, HttpCsvSettings settings) {
        ResumableBody raw = new ResumableBody(fetcher, page);
        InputStream source = raw;
        try {
            source = settings.spool() ? spooled(raw) : raw;
            InputStream body = BodyDecoding.decode(source, page.contentEncoding(), file);
            return new OpenBody(page, raw, Decompression.open(body, file, settings.reading().compression()));
        } catch (IOException | RuntimeException e) {
            RuntimeException failure = raw.failure().<RuntimeException>map(f -> f).orElseGet(() -> HttpCsvRun.bodyFailure(file, e));
            HttpCsvRun.closeQuietly(source, failure);
            HttpCsvRun.closeQuietly(raw, failure);
            throw failure;
        }
    }

    Page page() {
        return page;
    }

    ResumableBody raw() {
        return raw;
    }

    /**
     * Reads up to {@code maxBytes} (decompressed) bytes from the front of the body and keeps them in memory for
     * {@link #stream()}; returns them. Fewer bytes mean the body ended.
     */
    byte[] takePrefix(int maxBytes) throws IOException {
        prefix = decoded.readNBytes(maxBytes);
        return prefix;
    }

    /** The decompressed body from its first byte: the prefix taken aside, then the rest from the network. */
    InputStream stream() {
        return prefix.length == 0 ? decoded : new SequenceInputStream(new ByteArrayInputStream(prefix), decoded);
    }

    @Override
    public void close() throws IOException {
        try {
            decoded.close();
        } finally {
            raw.close();
        }
    }

    /** Downloads the whole body to a temporary file that is deleted when the returned stream closes. */
    private static InputStream spooled(InputStream body) throws IOException {
        Path spool = Files.createTempFile("spate-http-", ".body");
        try {
            Files.copy(body, spool, StandardCopyOption.REPLACE_EXISTING);
            return Files.newInputStream(spool, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }
}
