package io.spate.http;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A successful response: its headers and its body, not yet read.
 *
 * @param uri the URL requested
 * @param headers the response headers
 * @param body the raw (still encoded) body; the caller closes it
 */
record Page(URI uri, HttpHeaders headers, InputStream body) {
    private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
    private static final Pattern REL_NEXT = Pattern.compile("(?i)\\brel\\s*=\\s*\"?[^\"]*\\bnext\\b");

    Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /**
     * What identifies this exact version of the body, for If-Range and for deciding whether records read
     * earlier can be skipped: a strong ETag, else Last-Modified. A weak ETag identifies nothing byte-exact.
     */
    Optional<String> validator() {
        Optional<String> etag = header("ETag").map(String::trim);
        if (etag.isPresent()) {
            return etag.get().startsWith("W/") ? Optional.empty() : etag;
        }
        return header("Last-Modified").map(String::trim);
    }

    boolean acceptsRanges() {
        return header("Accept-Ranges").map(v -> v.toLowerCase(Locale.ROOT).contains("bytes")).orElse(false);
    }

    /** The length of the encoded body, when the server said it. */
    OptionalLong contentLength() {
        return headers.firstValueAsLong("Content-Length");
    }

    Optional<String> contentEncoding() {
        return header("Content-Encoding").map(v -> v.trim().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty());
    }

    /** The {@code rel="next"} URL of the Link headers, resolved against this page's URL. */
    Optional<String> nextLink() {
        for (String value : headers.allValues("Link")) {
            Matcher link = LINK.matcher(value);
            while (link.find()) {
                if (REL_NEXT.matcher(link.group(2)).find()) {
                    return Optional.of(uri.resolve(link.group(1).trim()).toString());
                }
            }
        }
        return Optional.empty();
    }
}
