package io.spate.filesource;

import io.spate.storage.ObjectInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The objects of one table that were synced, for incremental runs: each with its last-modified time, ETag,
 * size and record count. Bounded: past {@code maxEntries} the oldest entries (by last-modified, ties by
 * key) are dropped and the {@link Cursor} moves past them, so an object at or before the cursor that is
 * not remembered counts as synced. Entries within {@code lookback} of the newest are dropped last, so an
 * object that appears late with an old timestamp is still read.
 *
 * <p>A large object read in byte ranges also has a {@link Progress} while it is read: the end of its last
 * range whose rows were all sent, and how many records lay before it, so that a run that stopped inside the
 * object resumes there. It is dropped when the object completes, so the state holds one small entry per
 * object being read, however many ranges it had. Not thread-safe; {@link SyncLedger} guards it.
 */
final class FileHistory {

    /** What the last run knew of an object. */
    record Entry(long modifiedMillis, String etag, long size, long records) {
    }

    /**
     * How far an object being read has got: its records before byte {@code offset} (a record boundary) are
     * sent, numbered 1..{@code records}. Valid only for the same content ({@code etag}, size, last-modified).
     */
    record Progress(long modifiedMillis, String etag, long size, long offset, long records) {
        boolean isFor(ObjectInfo object) {
            return sameContent(object, modifiedMillis, etag, size);
        }
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

        /**
         * Read partly by an earlier run with this content: read it from byte {@code offset}, numbering records
         * after {@code records}; {@code previousRecords} as for {@link Changed} when an older version was synced.
         */
        record Resume(long offset, long records, OptionalLong previousRecords) implements Decision {
        }

        /** Synced with this content: skip it. */
        record Unchanged() implements Decision {
        }
    }

    private final Map<String, Entry> entries = new TreeMap<>();
    private final Map<String, Progress> inProgress = new TreeMap<>();
    private Optional<Cursor> cursor = Optional.empty();
    private int evictedInsideLookback;

    Decision decide(ObjectInfo object) {
        Entry entry = entries.get(object.key());
        Progress progress = inProgress.get(object.key());
        if (progress != null && progress.isFor(object)) {
            return new Decision.Resume(progress.offset(), progress.records(),
                    entry == null ? OptionalLong.empty() : OptionalLong.of(entry.records()));
        }
        // rows of an abandoned partial read were committed up to its progress: a new read replaces them
        long partialRecords = progress == null ? 0 : progress.records();
        if (entry != null) {
            boolean same = sameContent(object, entry.modifiedMillis(), entry.etag(), entry.size());
            return same ? new Decision.Unchanged() : new Decision.Changed(Math.max(entry.records(), partialRecords));
        }
        if (progress != null) {
            return new Decision.Changed(partialRecords);
        }
        Cursor at = new Cursor(object.lastModified().toEpochMilli(), object.key());
        if (cursor.isPresent() && at.compareTo(cursor.get()) <= 0) {
            return new Decision.Unchanged();
        }
        return new Decision.New();
    }

    private static boolean sameContent(ObjectInfo object, long modifiedMillis, String etag, long size) {
        return !object.etag().isEmpty() && !etag.isEmpty()
                ? object.etag().equals(etag)
                : object.size() == size && object.lastModified().toEpochMilli() == modifiedMillis;
    }

    /** Records that the records of {@code object} before byte {@code offset}, numbered 1..{@code records}, are sent. */
    void progressed(ObjectInfo object, long offset, long records) {
        inProgress.put(object.key(), new Progress(object.lastModified().toEpochMilli(), object.etag(), object.size(), offset,
                records));
    }

    /** Forgets the progress of an object whose read was given up (its rows were deleted again). */
    void abandoned(ObjectInfo object) {
        inProgress.remove(object.key());
    }

    void completed(ObjectInfo object, long records) {
        inProgress.remove(object.key());
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
        if (!inProgress.isEmpty()) {
            Map<String, Object> partial = new LinkedHashMap<>();
            inProgress.forEach((key, p) -> partial.put(key, List.of(p.modifiedMillis(), p.etag(), p.size(), p.offset(),
                    p.records())));
            json.put("partial", partial);
        }
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
        if (json.get("partial") instanceof Map<?, ?> partial) {
            partial.forEach((key, value) -> {
                List<?> fields = (List<?>) value;
                history.inProgress.put(String.valueOf(key), new Progress(number(fields.get(0)), String.valueOf(fields.get(1)),
                        number(fields.get(2)), number(fields.get(3)), number(fields.get(4))));
            });
        }
        return history;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }
}
