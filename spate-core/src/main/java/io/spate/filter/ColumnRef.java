package io.spate.filter;

import static java.util.Objects.requireNonNull;

/**
 * A column named in a filter.
 *
 * @param name the name as written (without the double quotes of a quoted name)
 * @param quoted true when written in double quotes: then it matches a column exactly; a bare name also
 *     matches a column that differs only in case, when exactly one does
 */
public record ColumnRef(String name, boolean quoted) {
    public ColumnRef {
        requireNonNull(name, "name is null");
    }

    /** The name as it would be written in a filter: bare when that reads back the same, else double-quoted. */
    public String render() {
        return FilterLexer.isBareIdentifier(name) && !FilterLexer.isReserved(name) && !quoted
                ? name
                : "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
