package io.spate.filter;

/**
 * A value that cannot be compared with a literal. Thrown on the hot path, so it has no stack trace; the
 * compiled condition turns it into a SpateException naming the filter, the column and the value.
 */
final class ComparisonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean badText;

    private ComparisonException(String reason, boolean badText) {
        super(reason, null, false, false);
        this.badText = badText;
    }

    /** Text that does not parse as the literal's type: bad data. */
    static ComparisonException badText(String reason) {
        return new ComparisonException(reason, true);
    }

    /** A typed value of another kind than the literal (a Boolean against a number): a wrong filter. */
    static ComparisonException mismatch(String reason) {
        return new ComparisonException(reason, false);
    }

    boolean isBadText() {
        return badText;
    }
}
