package io.spate.format.csv;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import io.spate.format.text.DecodedText;
import java.util.ArrayList;
import java.util.List;

/**
 * Receives FastCSV's fields and writes them straight into the reader's reused value array: a String per
 * selected field, nothing for unselected ones, null for null texts. This is the hot loop: no allocation
 * but the value itself, no per-field branching beyond the null check and the (rare) invalid-bytes check.
 * Also collects whole records as text, for the header and the first record of a file without one.
 */
final class FieldCollector extends CsvCallbackHandler<FieldCollector> {
    private final DecodedText text;
    private final boolean emptyIsNull;
    private final char[][] nullTexts;

    private int[] slots = new int[0];
    private Object[] values = new Object[0];
    private List<String> extras;
    private List<String> collected;

    private RecordType recordType = RecordType.DATA;
    private int fieldCount;
    private long startingLine;
    private int invalidField = -1;

    FieldCollector(DecodedText text, List<String> nullValues) {
        this.text = text;
        this.emptyIsNull = nullValues.contains("");
        this.nullTexts = nullValues.stream().filter(v -> !v.isEmpty()).map(String::toCharArray).toArray(char[][]::new);
    }

    /** From now on, field {@code i} goes to {@code values[slots[i]]} ({@code slots[i] < 0}: not kept). */
    void project(int[] slots, Object[] values) {
        this.slots = slots;
        this.values = values;
        this.collected = null;
    }

    /** Collects the next records' fields as text ({@link #collected()}) instead of projecting them. */
    void collectAll() {
        this.collected = new ArrayList<>();
    }

    List<String> collected() {
        return collected;
    }

    long startingLine() {
        return startingLine;
    }

    int fieldCount() {
        return fieldCount;
    }

    /** The field holding an invalid byte sequence in the current record, or -1. */
    int invalidField() {
        return invalidField;
    }

    /** Fields beyond the projected ones, kept only for error reports (null when none). */
    List<String> extras() {
        return extras;
    }

    @Override
    protected RecordType getRecordType() {
        return recordType;
    }

    @Override
    protected int getFieldCount() {
        return fieldCount;
    }

    @Override
    protected void beginRecord(long startingLineNumber) {
        startingLine = startingLineNumber;
        recordType = RecordType.DATA;
        fieldCount = 0;
        invalidField = -1;
        if (extras != null) {
            extras.clear();
        }
        if (collected != null) {
            collected.clear();
        }
    }

    @Override
    protected void addField(char[] buf, int offset, int length, boolean quoted) {
        int index = fieldCount++;
        if (text.invalidPending() && invalidField < 0 && containsInvalid(buf, offset, length)) {
            invalidField = index;
        }
        if (collected != null) {
            collected.add(isNull(buf, offset, length, quoted) ? null : new String(buf, offset, length));
        } else if (index < slots.length) {
            int slot = slots[index];
            if (slot >= 0) {
                values[slot] = isNull(buf, offset, length, quoted) ? null : new String(buf, offset, length);
            }
        } else {
            if (extras == null) {
                extras = new ArrayList<>();
            }
            extras.add(new String(buf, offset, length));
        }
    }

    private boolean isNull(char[] buf, int offset, int length, boolean quoted) {
        if (quoted) {
            return false;
        }
        if (length == 0) {
            return emptyIsNull;
        }
        for (char[] nullText : nullTexts) {
            if (nullText.length == length && java.util.Arrays.equals(buf, offset, offset + length, nullText, 0, length)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsInvalid(char[] buf, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buf[i] == DecodedText.INVALID) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected void setComment(char[] buf, int offset, int length) {
        recordType = RecordType.COMMENT;
    }

    @Override
    protected void setEmpty() {
        recordType = RecordType.EMPTY;
    }

    @Override
    protected FieldCollector buildRecord() {
        return this;
    }
}
