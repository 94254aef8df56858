package io.spate.format.write;

/** Row selections for {@link FormatWriter#write(java.util.List, int[], int)}. */
public final class Selection {
    private Selection() {
    }

    /** The identity selection {@code 0..count-1}. */
    public static int[] all(int count) {
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = i;
        }
        return rows;
    }
}
