package io.spate.jdbc;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A position in a keyset ordering: the text values of the first {@code values.size()} ordering columns.
 *
 * @param values the values, as {@link KeyText} writes them
 * @param inclusive whether rows equal to the position are inside the range
 */
record Bound(List<String> values, boolean inclusive) {
    Bound {
        values = List.copyOf(requireNonNull(values, "values is null"));
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a bound needs at least one value");
        }
    }

    static Bound after(List<String> values) {
        return new Bound(values, false);
    }

    static Bound from(List<String> values) {
        return new Bound(values, true);
    }
}
