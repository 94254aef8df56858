package io.spate.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code tables} option: glob patterns ({@code *}, {@code ?}) on {@code table} or {@code schema.table};
 * a leading {@code !} excludes. With no include pattern every table is included.
 */
record TableFilter(List<Pattern> includes, List<Pattern> excludes) {
    TableFilter {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    static TableFilter of(List<String> patterns) {
        List<Pattern> includes = new ArrayList<>();
        List<Pattern> excludes = new ArrayList<>();
        for (String raw : patterns) {
            String pattern = raw.trim();
            if (pattern.isEmpty()) {
                continue;
            }
            if (pattern.startsWith("!")) {
                excludes.add(glob(pattern.substring(1).trim()));
            } else {
                includes.add(glob(pattern));
            }
        }
        return new TableFilter(includes, excludes);
    }

    boolean accepts(String schema, String table) {
        String qualified = schema + "." + table;
        boolean included = includes.isEmpty()
                || includes.stream().anyMatch(p -> p.matcher(table).matches() || p.matcher(qualified).matches());
        boolean excluded = excludes.stream().anyMatch(p -> p.matcher(table).matches() || p.matcher(qualified).matches());
        return included && !excluded;
    }

    private static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
