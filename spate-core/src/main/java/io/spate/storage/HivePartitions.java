package io.spate.storage;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hive-style partitions: directory segments {@code name=value} of a key become columns, in path order.
 * {@code year=2024/month=01/part-0.csv} gives {@code {year=2024, month=01}}. Values are URL-decoded as
 * Hive and Spark write them, and {@code __HIVE_DEFAULT_PARTITION__} stands for NULL. The file name itself
 * is never a partition.
 */
public final class HivePartitions {
    /** The value Hive writes for a NULL partition value. */
    public static final String DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private HivePartitions() {
    }

    /** The partition columns of {@code key} (relative to the listing root), in order; empty when none. */
    public static Map<String, String> parse(String key) {
        int lastSlash = key.lastIndexOf('/');
        if (lastSlash < 0) {
            return Map.of();
        }
        Map<String, String> partitions = new LinkedHashMap<>();
        for (String segment : key.substring(0, lastSlash).split("/")) {
            int equals = segment.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = decode(segment.substring(0, equals));
            String value = decode(segment.substring(equals + 1));
            partitions.put(name, DEFAULT_PARTITION.equals(value) ? null : value);
        }
        return Collections.unmodifiableMap(partitions);
    }

    /** True when the segment is a {@code name=value} partition directory. */
    public static boolean isPartitionSegment(String segment) {
        return segment.indexOf('=') > 0;
    }

    private static String decode(String text) {
        return text.indexOf('%') < 0 ? text : URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
