package io.spate.filesource;

import io.spate.storage.ObjectInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The objects of one table that were synced, for incremental runs: each with its last-modified time, ETag,
 * size and record count. Bounded: past {@code maxEntries} the oldest entries (by last-modified, ties by
 * key) are dropped and the {@link Cursor} moves past them, so an object at or before the cursor that is
 * not remembered counts as synced. Entries within {@code lookback} of the newest are dropped last, so an
 * object that appears late with an old timestamp is still read. Not thread-safe; {@link SyncLedger} guards it.
 */
final class FileHistory {

    /** What the last run knew of an object. */
    record Entry(long modifiedMillis, String etag, long size, long records) {
    }

    /** Everything at or before ({@code modifiedMillis}, {@code key}) that is not remembered counts as synced. */
    record Cursor(long modifiedMillis, String key) implements Comparable<Cursor> {
        @Override
        public int compareTo(Cursor other) {
            int byTime = Long.compare(modifiedMillis, other.modifiedMillis);
            return byTime != 0 ? byTime : key.compareTo(other.key);
        }
    }

    /** What to do with a listed object. */
    sealed interface Decision {
        /** Never synced: read it. */
        record New() implements Decision {
        }

        /** Synced before with other content: read it and drop the records past its new count. */
        record Changed(long previousRecords) implements Decision {
        }

        /** Synced with this content: skip it. */
        record Unchanged() implements Decision {
        }
    }

    private final Map<String, Entry> entries = new TreeMap<>();
    private Optional<Cursor> cursor = Optional.empty();
    private int evictedInsideLookback;

    Decision decide(ObjectInfo object) {
        Entry entry = entries.get(object.key());
        if (entry != null) {
            boolean same = !object.etag().isEmpty() && !entry.etag().isEmpty()
                    ? object.etag().equals(entry.etag())
                    : object.size() == entry.size() && object.lastModified().toEpochMilli() == entry.modifiedMillis();
            return same ? new Decision.Unchanged() : new Decision.Changed(entry.records());
        }
        Cursor at = new Cursor(object.lastModified().toEpochMilli(), object.key());
        if (cursor.isPresent() && at.compareTo(cursor.get()) <= 0) {
            return new Decision.Unchanged();
        }
        return new Decision.New();
    }

    void completed(ObjectInfo object, long records) {
        entries.put(object.key(), new Entry(object.lastModified().toEpochMilli(), object.etag(), object.size(), records));
    }

    int size() {
        return entries.size();
    }

    Optional<Cursor> cursor() {
        return cursor;
    }

    /** Entries dropped by the bound although they were inside the look-back window, since the last call. */
    int takeEvictedInsideLookback() {
        int n = evictedInsideLookback;
        evictedInsideLookback = 0;
        return n;
    }

    /** Drops the oldest entries beyond {@code maxEntries}, those older than the look-back window first. */
    void bound(int maxEntries, Duration lookback) {
        if (entries.size() <= maxEntries) {
            return;
        }
        List<Map.Entry<String, Entry>> byAge = new ArrayList<>(entries.entrySet());
        byAge.sort(Comparator.comparing((Map.Entry<String, Entry> e) -> e.getValue().modifiedMillis())
                .thenComparing(Map.Entry::getKey));
        long newest = byAge.get(byAge.size() - 1).getValue().modifiedMillis();
        long windowStart = newest - lookback.toMillis();
        int excess = entries.size() - maxEntries;
        for (int i = 0; i < excess; i++) {
            Map.Entry<String, Entry> oldest = byAge.get(i);
            if (oldest.getValue().modifiedMillis() >= windowStart) {
                evictedInsideLookback++;
            }
            entries.remove(oldest.getKey());
            Cursor passed = new Cursor(oldest.getValue().modifiedMillis(), oldest.getKey());
            if (cursor.isEmpty() || passed.compareTo(cursor.get()) > 0) {
                cursor = Optional.of(passed);
            }
        }
    }

    /** As plain JSON values for the state. */
    Map<String, Object> toJson() {
        Map<String, Object> files = new LinkedHashMap<>();
        entries.forEach((key, e) -> files.put(key, List.of(e.modifiedMillis(), e.etag(), e.size(), e.records())));
        Map<String, Object> json = new LinkedHashMap<>();
        cursor.ifPresent(c -> json.put("cursor", Map.of("modified", c.modifiedMillis(), "key", c.key())));
        json.put("files", files);
        return json;
    }

    static FileHistory fromJson(Map<?, ?> json) {
        FileHistory history = new FileHistory();
        if (json.get("cursor") instanceof Map<?, ?> cursor) {
            history.cursor = Optional.of(new Cursor(number(cursor.get("modified")), String.valueOf(cursor.get("key"))));
        }
        if (json.get("files") instanceof Map<?, ?> files) {
            files.forEach((key, value) -> {
                List<?> fields = (List<?>) value;
                history.entries.put(String.valueOf(key), new Entry(number(fields.get(0)), String.valueOf(fields.get(1)),
                        number(fields.get(2)), number(fields.get(3))));
            });
        }
        return history;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }
}
