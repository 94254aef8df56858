package io.spate.filter;

import io.spate.sdk.SpateException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which column a filter's name means: the column spelled exactly so; for a bare name, else the one
 * column that differs only in case. Quoted names match exactly only.
 */
final class ColumnResolver {
    private ColumnResolver() {
    }

    /** The matching column; fails (CONFIG) when a bare name matches several columns by case only. */
    static Optional<String> resolve(ColumnRef ref, Collection<String> columns) {
        List<String> matches = candidates(ref, columns);
        if (matches.size() > 1) {
            throw SpateException.config("filter: the column name " + ref.name() + " matches "
                    + matches.stream().map(ColumnResolver::quote).collect(Collectors.joining(", "))
                    + "; write it in double quotes, spelled exactly, to choose one");
        }
        return matches.stream().findFirst();
    }

    /** Like {@link #resolve}, but an ambiguous name is simply not found. */
    static Optional<String> find(ColumnRef ref, Collection<String> columns) {
        List<String> matches = candidates(ref, columns);
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    /** The column spelled exactly so; when there is none and the name is bare, the columns differing only in case. */
    private static List<String> candidates(ColumnRef ref, Collection<String> columns) {
        if (columns.contains(ref.name())) {
            return List.of(ref.name());
        }
        return ref.quoted() ? List.of() : caseInsensitiveMatches(ref, columns);
    }

    static List<String> caseInsensitiveMatches(ColumnRef ref, Collection<String> columns) {
        String wanted = ref.name().toLowerCase(Locale.ROOT);
        return columns.stream().filter(c -> c.toLowerCase(Locale.ROOT).equals(wanted)).toList();
    }

    static String quote(String name) {
        return "\"" + name + "\"";
    }
}
