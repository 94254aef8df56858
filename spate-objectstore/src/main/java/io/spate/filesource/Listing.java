package io.spate.filesource;

import io.spate.format.Format;
import io.spate.format.FormatOptions;
import io.spate.sdk.Configuration;
import io.spate.storage.HivePartitions;
import io.spate.storage.ObjectInfo;
import io.spate.storage.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The objects of a source, matched and assigned to tables: one paginated listing under the literal prefix
 * of the globs, the rest matched here (no HEAD requests: the listing has size, ETag and last-modified).
 *
 * @param tables the objects of each table, by table name, each list in key order
 * @param unmatched keys that table_regex did not match (skipped), with up to 5 examples
 * @param unmatchedExamples some of them, for the warning
 * @param unknownFormat keys skipped because {@code format: auto} cannot tell their format from the name
 *        (such as Spark's {@code _SUCCESS})
 * @param unknownFormatExamples some of them
 */
record Listing(Map<String, List<Listed>> tables, int unmatched, List<String> unmatchedExamples, int unknownFormat,
        List<String> unknownFormatExamples) {

    /** One object of the source. */
    record Listed(ObjectInfo object, String relativeKey, String table, Map<String, String> partitions) {
    }

    static Listing of(ObjectStore store, SourceLocation location, TableNaming naming, Configuration config) {
        boolean hive = config.get(FileSourceOptions.PARTITIONING) != FileSourceOptions.Partitioning.NONE;
        boolean detectFormat = Format.fromOption(config.get(FormatOptions.FORMAT)).isEmpty();
        int unknownFormat = 0;
        List<String> unknownExamples = new ArrayList<>();
        Map<String, List<Listed>> tables = new TreeMap<>();
        int unmatched = 0;
        List<String> examples = new ArrayList<>();
        try (Stream<ObjectInfo> objects = store.list(location.listPrefix())) {
            for (ObjectInfo object : (Iterable<ObjectInfo>) objects::iterator) {
                String relative = location.relativeKey(object.key()).orElse(null);
                if (relative == null) {
                    continue;
                }
                if (detectFormat && Format.byFileName(object.name()).isEmpty()) {
                    unknownFormat++;
                    if (unknownExamples.size() < 5) {
                        unknownExamples.add(relative);
                    }
                    continue;
                }
                String table = naming.tableOf(relative).orElse(null);
                if (table == null) {
                    unmatched++;
                    if (examples.size() < 5) {
                        examples.add(relative);
                    }
                    continue;
                }
                Map<String, String> partitions = hive ? HivePartitions.parse(relative) : Map.of();
                tables.computeIfAbsent(table, t -> new ArrayList<>()).add(new Listed(object, relative, table, partitions));
            }
        }
        return new Listing(tables, unmatched, examples, unknownFormat, unknownExamples);
    }

    int objectCount() {
        return tables.values().stream().mapToInt(List::size).sum();
    }
}
