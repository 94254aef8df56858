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
 */
record ReadTask(String table, ObjectInfo object, String uri, String relativeKey, Map<String, String> partitions,
        OptionalLong previousRecords) {
    ReadTask {
        requireNonNull(table, "table is null");
        requireNonNull(object, "object is null");
        requireNonNull(uri, "uri is null");
        requireNonNull(relativeKey, "relativeKey is null");
        requireNonNull(partitions, "partitions is null");
        requireNonNull(previousRecords, "previousRecords is null");
    }
}
