package io.spate.http;

import java.util.Optional;

/**
 * What one page held that decides the next page.
 *
 * @param records data records in the page
 * @param lastCursorValue the cursor column's value in the last record, for cursor pagination by column
 * @param nextLink the {@code rel="next"} URL of the {@code Link} header, resolved against the page's URL
 * @param cursorHeader the cursor response header's value, for cursor pagination by header
 */
record PageOutcome(long records, Optional<String> lastCursorValue, Optional<String> nextLink, Optional<String> cursorHeader) {
}
