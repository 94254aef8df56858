package io.spate.filter;

/** SQL's three truth values as ints, so that evaluating a row allocates nothing. */
final class Truth {
    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int UNKNOWN = 2;

    private Truth() {
    }

    static int of(boolean value) {
        return value ? TRUE : FALSE;
    }

    /** not true is false, not false is true, not unknown is unknown. */
    static int not(int value) {
        return value == UNKNOWN ? UNKNOWN : 1 - value;
    }
}
