package io.spate.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a run is in the pages of an export: a small value saved in the state at each checkpoint.
 *
 * @param index pages completed before this one in this run (page numbers count from it)
 * @param offset records read before this page in this run (offset pagination counts from it)
 * @param link the URL of this page when a {@code Link} header named it (without secrets)
 * @param cursor the cursor that requests this page, for cursor pagination
 */
record PagePosition(long index, long offset, Optional<String> link, Optional<String> cursor) {
    static final PagePosition FIRST = new PagePosition(0, 0, Optional.empty(), Optional.empty());

    PagePosition following(long recordsOfThisPage) {
        return new PagePosition(index + 1, offset + recordsOfThisPage, Optional.empty(), Optional.empty());
    }

    PagePosition withLink(String url) {
        return new PagePosition(index, offset, Optional.of(url), cursor);
    }

    PagePosition withCursor(String value) {
        return new PagePosition(index, offset, link, Optional.of(value));
    }

    Map<String, Object> toDocument() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("index", index);
        document.put("offset", offset);
        link.ifPresent(l -> document.put("link", l));
        cursor.ifPresent(c -> document.put("cursor", c));
        return document;
    }

    static PagePosition fromDocument(io.spate.sdk.State document) {
        return new PagePosition(document.getLong("index").orElse(0L), document.getLong("offset").orElse(0L),
                document.getString("link"), document.getString("cursor"));
    }
}
