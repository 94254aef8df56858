package io.spate.http;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds request URLs: parameters added to (or replacing those of) a URL's query, encoded once. */
final class QueryString {
    private QueryString() {
    }

    /** {@code base} with each parameter set, replacing a parameter of the same name already in its query. */
    static URI with(URI base, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            return base;
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        String query = base.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                String[] parts = pair.split("=", 2);
                pairs.put(parts[0], parts.length > 1 ? parts[1] : null);
            }
        }
        parameters.forEach((name, value) -> {
            pairs.keySet().removeIf(existing -> decode(existing).equals(name));
            pairs.put(encode(name), encode(value));
        });
        StringBuilder out = new StringBuilder();
        pairs.forEach((name, value) -> out.append(out.length() == 0 ? "" : "&").append(name).append(value == null ? "" : "=" + value));
        String text = base.toString();
        int cut = text.indexOf('?');
        int fragment = text.indexOf('#');
        String prefix = cut >= 0 ? text.substring(0, cut) : fragment >= 0 ? text.substring(0, fragment) : text;
        return URI.create(prefix + "?" + out);
    }

    /** {@code url} without the named parameters. */
    static URI without(URI url, java.util.Set<String> names) {
        String query = url.getRawQuery();
        if (query == null || names.isEmpty()) {
            return url;
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            if (!names.contains(decode(pair.split("=", 2)[0]))) {
                kept.append(kept.length() == 0 ? "" : "&").append(pair);
            }
        }
        String text = url.toString();
        String prefix = text.substring(0, text.indexOf('?'));
        return URI.create(kept.length() == 0 ? prefix : prefix + "?" + kept);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
