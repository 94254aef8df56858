package io.spate.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One object as a listing reports it: enough to decide whether to read it again, without a HEAD request.
 *
 * @param key the object's key (a path relative to the store's root, with {@code /} separators)
 * @param size its size in bytes
 * @param etag its entity tag as the store reports it, without quotes; empty when the store has none
 * @param lastModified when it was last written
 */
public record ObjectInfo(String key, long size, String etag, Instant lastModified) {
    public ObjectInfo {
        requireNonNull(key, "key is null");
        requireNonNull(etag, "etag is null");
        requireNonNull(lastModified, "lastModified is null");
        if (size < 0) {
            throw new IllegalArgumentException("size of " + key + " is negative: " + size);
        }
        etag = stripQuotes(etag);
    }

    /** The last segment of the key: {@code a/b/orders.csv.gz} has the name {@code orders.csv.gz}. */
    public String name() {
        return key.substring(key.lastIndexOf('/') + 1);
    }

    private static String stripQuotes(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }
}
