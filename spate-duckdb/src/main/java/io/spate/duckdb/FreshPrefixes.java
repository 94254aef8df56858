package io.spate.duckdb;

import io.spate.batch.ColumnVector;
import io.spate.destination.TableSchema;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For a table keyed by (prefix..., n) with an integer last key column — file rows keyed by
 * ({@code _spate_file}, {@code _spate_line}) — which prefixes did not exist in the table when the run first
 * wrote it, and the largest n written for each since. A batch whose every key has such a fresh prefix and an
 * n above what was written for it cannot replace a row, so it is appended without a merge. Conservative by
 * construction: anything it does not know sends the batch through the merge.
 */
final class FreshPrefixes {
    /** Prefixes that existed before this run; empty set when the table was empty. */
    private final Set<Object> existedBefore;
    private final Map<Object, Long> largestWritten = new HashMap<>();

    FreshPrefixes(Set<Object> existedBefore) {
        this.existedBefore = Set.copyOf(existedBefore);
    }

    /**
     * True for keys of two or more columns whose last column is an integer and whose other columns are text
     * or integers: kinds whose text form is exact, so prefixes read back from DuckDB as text compare
     * exactly with the batch's.
     */
    static boolean applies(TableSchema table) {
        List<String> key = table.effectiveKey();
        if (key.size() < 2) {
            return false;
        }
        for (int i = 0; i < key.size(); i++) {
            DataType.Kind kind = table.column(key.get(i)).map(Column::type).map(DataType::kind).orElse(null);
            boolean integer = kind == DataType.Kind.SHORT || kind == DataType.Kind.INT || kind == DataType.Kind.LONG;
            if (!(integer || (i < key.size() - 1 && kind == DataType.Kind.STRING))) {
                return false;
            }
        }
        return true;
    }

    /** True when no key of the batch can be in the table. */
    boolean cannotReplace(List<ColumnVector> prefix, ColumnVector last, int rows) {
        if (last.hasNulls() || last.storage() != ColumnVector.Storage.LONG) {
            return false;
        }
        return everyRun(prefix, last, rows, (key, smallest, largest) -> {
            if (key == null || existedBefore.contains(key)) {
                return false;
            }
            Long written = largestWritten.get(key);
            return written == null || smallest > written;
        });
    }

    /** Records the keys of a batch that was written (by either path). */
    void wrote(List<ColumnVector> prefix, ColumnVector last, int rows) {
        if (last.hasNulls() || last.storage() != ColumnVector.Storage.LONG) {
            return;
        }
        everyRun(prefix, last, rows, (key, smallest, largest) -> {
            if (key != null) {
                largestWritten.merge(key, largest, Math::max);
            }
            return true;
        });
    }

    /** What is checked of a run of rows sharing a prefix: its prefix and the range of its last key column. */
    private interface RunCheck {
        boolean test(Object prefix, long smallest, long largest);
    }

    /**
     * Whether the check holds for every run of consecutive rows with the same prefix; file rows come a file
     * at a time, so a batch is one or a few runs and the prefix is looked up once per run, not per row.
     */
    private static boolean everyRun(List<ColumnVector> prefix, ColumnVector last, int rows, RunCheck check) {
        int start = 0;
        while (start < rows) {
            long smallest = last.getLong(start);
            long largest = smallest;
            int end = start + 1;
            while (end < rows && samePrefix(prefix, start, end)) {
                smallest = Math.min(smallest, last.getLong(end));
                largest = Math.max(largest, last.getLong(end));
                end++;
            }
            if (!check.test(prefixOf(prefix, start), smallest, largest)) {
                return false;
            }
            start = end;
        }
        return true;
    }

    private static boolean samePrefix(List<ColumnVector> prefix, int row, int other) {
        for (ColumnVector vector : prefix) {
            if (vector.isNull(row) || vector.isNull(other)) {
                return false;
            }
            boolean same = vector.storage() == ColumnVector.Storage.LONG ? vector.getLong(row) == vector.getLong(other)
                    : vector.getObject(row).equals(vector.getObject(other));
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /**
     * The prefix of a row as text, the form {@link #textKey} gives for rows read back from DuckDB: one string
     * for a one-column prefix, else a list; null when a part is null.
     */
    static Object prefixOf(List<ColumnVector> prefix, int row) {
        String[] parts = new String[prefix.size()];
        for (int i = 0; i < parts.length; i++) {
            ColumnVector vector = prefix.get(i);
            if (vector.isNull(row)) {
                return null;
            }
            parts[i] = vector.storage() == ColumnVector.Storage.LONG ? Long.toString(vector.getLong(row))
                    : (String) vector.getObject(row);
        }
        return textKey(parts);
    }

    /** The key of a prefix given as the text of its parts. */
    static Object textKey(String... parts) {
        return parts.length == 1 ? parts[0] : Arrays.asList(parts);
    }
}
