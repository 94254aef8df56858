package io.spate.filesource;

import static java.util.Objects.requireNonNull;

import io.spate.storage.ObjectInfo;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One unit of work: read one object into one table. A small, self-contained description, so that another
 * runner could schedule the same units elsewhere.
 *
 * @param table the destination table
 * @param object the object as listed
 * @param uri its URI, the value of {@code _spate_file}
 * @param relativeKey its key relative to the source's prefix (for messages and naming)
 * @param partitions hive partition columns of its path, in order
 * @param previousRecords how many records an earlier version of it had, when it changed since the last run
 * @param start where to begin: the start of the object, or where an earlier run that stopped inside it got to
 */
record ReadTask(String table, ObjectInfo object, String uri, String relativeKey, Map<String, String> partitions,
        OptionalLong previousRecords, Start start) {

    /**
     * Where a read begins: byte {@code offset}, a record boundary, with records numbered after {@code recordsBefore}.
     *
     * @param offset the first byte to read
     * @param recordsBefore how many records the object has before that byte
     */
    record Start(long offset, long recordsBefore) {
        static final Start BEGINNING = new Start(0, 0);

        Start {
            if (offset < 0 || recordsBefore < 0) {
                throw new IllegalArgumentException("invalid start: byte " + offset + " after " + recordsBefore + " records");
            }
        }

        boolean isBeginning() {
            return offset == 0;
        }
    }

    ReadTask {
        requireNonNull(table, "table is null");
        requireNonNull(object, "object is null");
        requireNonNull(uri, "uri is null");
        requireNonNull(relativeKey, "relativeKey is null");
        requireNonNull(partitions, "partitions is null");
        requireNonNull(previousRecords, "previousRecords is null");
        requireNonNull(start, "start is null");
    }
}
