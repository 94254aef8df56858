package io.spate.http;

import io.spate.sdk.SpateException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How the pages of an export follow each other. Each style turns a {@link PagePosition} into the query
 * parameters of its request and, from what a page held, decides the next position or that it was the last.
 */
sealed interface Pagination {

    String EXPECTED = "must be none, page, offset, next, or a map such as {type: page, param: page, size_param: per_page, "
            + "size: 1000}, {type: offset, param: offset, limit_param: limit, limit: 1000}, {type: next} or "
            + "{type: cursor, param: cursor, column: id} / {type: cursor, param: cursor, header: X-Next-Cursor}";

    /** Query parameters of the request for this page; empty for the first page of most styles. */
    Map<String, String> parameters(PagePosition position);

    /** The position of the page after {@code current}, or empty when {@code current} was the last. */
    Optional<PagePosition> next(PagePosition current, PageOutcome outcome);

    /** The column whose value in the last record is the next cursor, if this style reads one. */
    default Optional<String> cursorColumn() {
        return Optional.empty();
    }

    /** One request, no pages. */
    record None() implements Pagination {
        @Override
        public Map<String, String> parameters(PagePosition position) {
            return Map.of();
        }

        @Override
        public Optional<PagePosition> next(PagePosition current, PageOutcome outcome) {
            return Optional.empty();
        }
    }

    /** {@code ?page=start, start+1, ...} until a page has no records (or fewer than {@code size}). */
    record PageNumber(String param, long start, Optional<String> sizeParam, OptionalLong size) implements Pagination {
        @Override
        public Map<String, String> parameters(PagePosition position) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put(param, Long.toString(start + position.index()));
            sizeParam.ifPresent(p -> parameters.put(p, Long.toString(size.orElseThrow())));
            return parameters;
        }

        @Override
        public Optional<PagePosition> next(PagePosition current, PageOutcome outcome) {
            return isLast(outcome, size) ? Optional.empty() : Optional.of(current.following(outcome.records()));
        }
    }

    /** {@code ?offset=0, n, ...} (records seen so far) until a page has no records (or fewer than {@code limit}). */
    record Offset(String param, Optional<String> limitParam, OptionalLong limit) implements Pagination {
        @Override
        public Map<String, String> parameters(PagePosition position) {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put(param, Long.toString(position.offset()));
            limitParam.ifPresent(p -> parameters.put(p, Long.toString(limit.orElseThrow())));
            return parameters;
        }

        @Override
        public Optional<PagePosition> next(PagePosition current, PageOutcome outcome) {
            return isLast(outcome, limit) ? Optional.empty() : Optional.of(current.following(outcome.records()));
        }
    }

    /** The {@code Link: <url>; rel="next"} response header names the next page, until a page has none. */
    record NextLink() implements Pagination {
        @Override
        public Map<String, String> parameters(PagePosition position) {
            return Map.of();
        }

        @Override
        public Optional<PagePosition> next(PagePosition current, PageOutcome outcome) {
            if (outcome.nextLink().isEmpty()) {
                return Optional.empty();
            }
            String link = outcome.nextLink().get();
            if (current.link().equals(Optional.of(link))) {
                throw SpateException.data("the server's Link header names page " + SafeUrl.of(link)
                        + " as the next page of itself; stopping instead of looping");
            }
            return Optional.of(current.following(outcome.records()).withLink(link));
        }
    }

    /**
     * {@code ?param=<cursor>}: the cursor of the next page is the value of {@code column} in a page's last
     * record, or the value of response header {@code header}; an empty page or an absent cursor ends.
     */
    record Cursor(String param, Optional<String> column, Optional<String> header) implements Pagination {
        @Override
        public Map<String, String> parameters(PagePosition position) {
            return position.cursor().map(c -> Map.of(param, c)).orElse(Map.of());
        }

        @Override
        public Optional<PagePosition> next(PagePosition current, PageOutcome outcome) {
            Optional<String> cursor = column.isPresent() ? outcome.lastCursorValue() : outcome.cursorHeader();
            if (outcome.records() == 0 || cursor.isEmpty() || cursor.get().isEmpty()) {
                return Optional.empty();
            }
            if (current.cursor().equals(cursor)) {
                throw SpateException.data("the server returned cursor \"" + cursor.get() + "\" for " + param
                        + " twice in a row; stopping instead of looping");
            }
            return Optional.of(current.following(outcome.records()).withCursor(cursor.get()));
        }

        @Override
        public Optional<String> cursorColumn() {
            return column;
        }
    }

    private static boolean isLast(PageOutcome outcome, OptionalLong fullPage) {
        return outcome.records() == 0 || (fullPage.isPresent() && outcome.records() < fullPage.getAsLong());
    }

    /** Parses the option: a word ({@code none}, {@code page}, {@code offset}, {@code next}) or a map with {@code type}. */
    static Pagination parse(Object value) {
        if (value == null) {
            return new None();
        }
        Map<String, Object> map = StructuredValue.asMap(value).orElseGet(() -> Map.of("type", value));
        String type = StructuredValue.text(map, "type", "pagination").toLowerCase(Locale.ROOT);
        return switch (type) {
            case "none" -> new None();
            case "page" -> new PageNumber(StructuredValue.optionalText(map, "param").orElse("page"),
                    number(map, "start").orElse(1), StructuredValue.optionalText(map, "size_param"), sizeFor(map, "size_param", "size"));
            case "offset" -> new Offset(StructuredValue.optionalText(map, "param").orElse("offset"),
                    StructuredValue.optionalText(map, "limit_param"), sizeFor(map, "limit_param", "limit"));
            case "next", "link" -> new NextLink();
            case "cursor" -> cursor(map);
            default -> throw new IllegalArgumentException("unknown pagination type " + type);
        };
    }

    private static Cursor cursor(Map<String, Object> map) {
        Optional<String> column = StructuredValue.optionalText(map, "column");
        Optional<String> header = StructuredValue.optionalText(map, "header");
        if (column.isPresent() == header.isPresent()) {
            throw new IllegalArgumentException("cursor pagination needs exactly one of column or header");
        }
        return new Cursor(StructuredValue.optionalText(map, "param").orElse("cursor"), column, header);
    }

    private static OptionalLong sizeFor(Map<String, Object> map, String paramKey, String sizeKey) {
        OptionalLong size = number(map, sizeKey);
        if (map.containsKey(paramKey) && size.isEmpty()) {
            throw new IllegalArgumentException(paramKey + " needs " + sizeKey);
        }
        if (size.isPresent() && size.getAsLong() < 1) {
            throw new IllegalArgumentException(sizeKey + " must be at least 1");
        }
        return size;
    }

    private static OptionalLong number(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(String.valueOf(value).trim()));
    }
}
