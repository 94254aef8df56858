package io.spate.runtime;

import io.spate.batch.ColumnVector;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Row identity within a batch: keeps the last row of each key, and computes {@code _spate_id}, the hash
 * of a keyless row. The hash is stable across runs and types (a value that widened from LONG to DECIMAL
 * hashes the same), so re-reading a row after a crash yields the same id and overwrites.
 */
final class RowIdentity {
    private static final long SEED_1 = 0x9E3779B97F4A7C15L;
    private static final long SEED_2 = 0xC2B2AE3D27D4EB4FL;

    private RowIdentity() {
    }

    /**
     * The rows to keep so that each key appears once (its last occurrence), in their original order; null
     * when every key is already unique (the common case, detected without hashing for ordered keys).
     */
    static int[] lastRowPerKey(List<ColumnVector> keys, int rows) {
        if (rows < 2) {
            return null;
        }
        if (keys.size() == 1 && keys.get(0).storage() == ColumnVector.Storage.LONG && strictlyIncreasing(keys.get(0), rows)) {
            return null;
        }
        if (keys.size() > 1 && increasingWithinEachPrefix(keys, rows)) {
            return null;
        }
        Map<Object, Integer> lastRow = new HashMap<>(rows * 2);
        for (int row = 0; row < rows; row++) {
            lastRow.put(keyOf(keys, row), row);
        }
        if (lastRow.size() == rows) {
            return null;
        }
        boolean[] keep = new boolean[rows];
        lastRow.values().forEach(row -> keep[row] = true);
        int[] kept = new int[lastRow.size()];
        int n = 0;
        for (int row = 0; row < rows; row++) {
            if (keep[row]) {
                kept[n++] = row;
            }
        }
        return kept;
    }

    /**
     * True when the keys are (prefix..., n) with n increasing within each run of one prefix and no prefix
     * coming back after another: rows of files keyed by ({@code _spate_file}, {@code _spate_line}), which are
     * then unique without hashing every key.
     */
    private static boolean increasingWithinEachPrefix(List<ColumnVector> keys, int rows) {
        ColumnVector last = keys.get(keys.size() - 1);
        if (last.storage() != ColumnVector.Storage.LONG || last.hasNulls()) {
            return false;
        }
        List<ColumnVector> prefix = keys.subList(0, keys.size() - 1);
        java.util.Set<Object> finished = new java.util.HashSet<>();
        Object current = keyOf(prefix, 0);
        for (int row = 1; row < rows; row++) {
            if (samePrefix(prefix, row, row - 1)) {
                if (last.getLong(row) <= last.getLong(row - 1)) {
                    return false;
                }
            } else {
                finished.add(current);
                current = keyOf(prefix, row);
                if (finished.contains(current)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean samePrefix(List<ColumnVector> prefix, int row, int other) {
        for (ColumnVector vector : prefix) {
            if (vector.isNull(row) != vector.isNull(other)) {
                return false;
            }
            if (!vector.isNull(row) && !java.util.Objects.equals(comparable(vector.getValue(row)), comparable(vector.getValue(other)))) {
                return false;
            }
        }
        return true;
    }

    private static boolean strictlyIncreasing(ColumnVector key, int rows) {
        if (key.hasNulls()) {
            return false;
        }
        for (int row = 1; row < rows; row++) {
            if (key.getLong(row) <= key.getLong(row - 1)) {
                return false;
            }
        }
        return true;
    }

    private static Object keyOf(List<ColumnVector> keys, int row) {
        if (keys.size() == 1) {
            return comparable(keys.get(0).getValue(row));
        }
        Object[] parts = new Object[keys.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = comparable(keys.get(i).getValue(row));
        }
        return Arrays.asList(parts);
    }

    private static Object comparable(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : value;
    }

    /** Copies only the kept rows. */
    static List<ColumnVector> compact(List<ColumnVector> vectors, int[] kept) {
        return vectors.stream().map(vector -> {
            ColumnVector out = new ColumnVector(vector.type(), kept.length);
            for (int row : kept) {
                out.appendFrom(vector, row);
            }
            return out;
        }).toList();
    }

    /** 32 hex digits: a 128-bit hash of the row's non-null values with their column names. */
    static String hash(List<String> names, List<ColumnVector> vectors, int row) {
        long h1 = SEED_1, h2 = SEED_2;
        Integer[] order = new Integer[names.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> names.get(a).compareTo(names.get(b)));
        for (int i : order) {
            Object value = vectors.get(i).getValue(row);
            if (value == null) {
                continue;
            }
            String text = names.get(i) + "=" + canonical(value);
            for (int c = 0; c < text.length(); c++) {
                h1 = mix(h1 ^ text.charAt(c));
                h2 = mix(h2 + text.charAt(c) * 31L);
            }
            h1 = mix(h1 ^ 0x1F);
            h2 = mix(h2 ^ 0x1F);
        }
        return hex(h1) + hex(h2);
    }

    private static String canonical(Object value) {
        if (value instanceof BigDecimal d) {
            return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return java.util.Base64.getEncoder().encodeToString(bytes);
        }
        return value.toString();
    }

    private static long mix(long h) {
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 29;
        return h;
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
