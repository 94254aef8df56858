package io.spate.storage;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.stream.Stream;

/**
 * A flat namespace of objects addressed by key: an S3 bucket, or a local directory. Implementations are
 * thread-safe: any number of threads may list, read and write at once.
 *
 * <p>Reads are streams, never whole objects in memory. A read that fails mid-body with a transient fault
 * is resumed by the store itself from the byte it had reached (a ranged request), so callers see either
 * the exact bytes or a {@link io.spate.sdk.SpateException} naming the object and what to check.
 */
public interface ObjectStore extends AutoCloseable {

    /** Where this store points, for messages: {@code s3://bucket} or {@code file:///data}. */
    String location();

    /** The URI of an object: {@code s3://bucket/key} or {@code file:///data/key}. */
    String uriOf(String key);

    /**
     * The objects whose keys start with {@code prefix}, in ascending key order, fetched page by page as the
     * stream is consumed (a bucket of millions of keys is never listed into memory by the store). Close the
     * stream when done.
     */
    Stream<ObjectInfo> list(String prefix);

    /**
     * Opens an object from byte {@code start} (inclusive) to {@code end} (exclusive; -1 for the end of the
     * object). The stream resumes by itself after transient faults; closing it early releases the
     * connection without reading the rest.
     */
    InputStream open(String key, long start, long end);

    /**
     * As {@link #open(String, long, long)}, calling {@code onRequest} before each request the read makes
     * (the first, and each ranged request that resumes it): to count GET requests. A local store makes one.
     */
    default InputStream open(String key, long start, long end, Runnable onRequest) {
        onRequest.run();
        return open(key, start, end);
    }

    /**
     * The object as a local file, when the store keeps it as one (a local directory): readers that need
     * random access (Parquet) read it in place instead of copying it. Empty for remote stores.
     */
    default java.util.Optional<java.nio.file.Path> localFile(String key) {
        return java.util.Optional.empty();
    }

    /** Opens a whole object. */
    default InputStream open(String key) {
        return open(key, 0, -1);
    }

    /**
     * Starts writing an object. Nothing is visible under {@code key} until {@link ObjectOutput#close()}
     * returns; {@link ObjectOutput#abort()} discards what was written. Large objects are sent in parts
     * while they are written, so memory stays bounded.
     */
    ObjectOutput create(String key);

    /** Writes a small object whole. */
    default void put(String key, byte[] content) {
        try (ObjectOutput out = create(key)) {
            out.write(content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("writing " + uriOf(key) + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Makes the object {@code from} visible under {@code to} and removes {@code from}: an atomic rename
     * where the store has one (local files), else a server-side copy followed by a delete (S3), where the
     * new key appears whole or not at all.
     */
    void rename(String from, String to);

    /** Deletes an object; deleting a missing object is not an error. */
    void delete(String key);

    /** Releases connections and threads. */
    @Override
    void close();

    /** An object being written: an output stream with a way to give up. */
    abstract class ObjectOutput extends OutputStream {
        /** Discards everything written; the key is left as it was. Safe to call after a failure. */
        public abstract void abort();

        /** Publishes the object. */
        @Override
        public abstract void close() throws java.io.IOException;
    }
}
