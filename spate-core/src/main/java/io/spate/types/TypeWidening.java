package io.spate.types;

import io.spate.sdk.DataType;
import io.spate.sdk.DataType.Kind;

/**
 * The widening lattice of inferred columns: SHORT -> INT -> LONG -> DECIMAL/DOUBLE -> STRING, FLOAT ->
 * DOUBLE, NAIVE_DATE -> NAIVE_DATETIME; anything that has no common numeric or temporal type meets at
 * STRING, which holds every value's text. Declared columns never widen.
 */
public final class TypeWidening {
    private static final int LONG_DIGITS = 19;
    private static final int INT_DIGITS = 10;
    private static final int SHORT_DIGITS = 5;

    private TypeWidening() {
    }

    /** The narrowest type both {@code a} and {@code b} values fit in. */
    public static DataType widen(DataType a, DataType b) {
        if (a.equals(b)) {
            return a;
        }
        if (isInteger(a) && isInteger(b)) {
            return integerDigits(a) >= integerDigits(b) ? a : b;
        }
        if (isExactNumber(a) && isExactNumber(b)) {
            return widenDecimals(a, b);
        }
        if (isNumber(a) && isNumber(b)) {
            return a.kind() == Kind.FLOAT && b.kind() == Kind.FLOAT ? DataType.FLOAT : DataType.DOUBLE;
        }
        if (isNaive(a) && isNaive(b)) {
            return DataType.NAIVE_DATETIME;
        }
        return DataType.STRING;
    }

    /** True when every value of {@code narrow} is a value of {@code wide}. */
    public static boolean fitsIn(DataType narrow, DataType wide) {
        return widen(narrow, wide).equals(wide);
    }

    private static DataType widenDecimals(DataType a, DataType b) {
        int scale = Math.max(scaleOf(a), scaleOf(b));
        int integerDigits = Math.max(integerDigits(a), integerDigits(b));
        if (integerDigits + scale > DataType.MAX_DECIMAL_PRECISION) {
            return DataType.STRING;
        }
        return DataType.decimal(integerDigits + scale, scale);
    }

    private static boolean isInteger(DataType t) {
        return t.kind() == Kind.SHORT || t.kind() == Kind.INT || t.kind() == Kind.LONG;
    }

    private static boolean isExactNumber(DataType t) {
        return isInteger(t) || t.kind() == Kind.DECIMAL;
    }

    private static boolean isNumber(DataType t) {
        return isExactNumber(t) || t.kind() == Kind.FLOAT || t.kind() == Kind.DOUBLE;
    }

    private static boolean isNaive(DataType t) {
        return t.kind() == Kind.NAIVE_DATE || t.kind() == Kind.NAIVE_DATETIME;
    }

    private static int integerDigits(DataType t) {
        return switch (t.kind()) {
            case SHORT -> SHORT_DIGITS;
            case INT -> INT_DIGITS;
            case LONG -> LONG_DIGITS;
            case DECIMAL -> t.precision() - t.scale();
            default -> throw new IllegalArgumentException(t + " is not an exact number");
        };
    }

    private static int scaleOf(DataType t) {
        return t.kind() == Kind.DECIMAL ? t.scale() : 0;
    }
}
