package io.spate.http;

import io.spate.sdk.Secrets;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * A URL as it may be shown in messages, logs and the {@code _spate_file} column: without user info and
 * without query parameters whose names {@link Secrets} calls sensitive ({@code api_key}, {@code token}, ...).
 */
final class SafeUrl {
    private SafeUrl() {
    }

    static String of(URI uri) {
        return of(uri.toString());
    }

    static String of(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "(a URL that cannot be parsed)";
        }
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append("://");
        }
        if (uri.getRawAuthority() != null) {
            String authority = uri.getRawAuthority();
            out.append(authority.substring(authority.lastIndexOf('@') + 1));
        }
        out.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            List<String> kept = new ArrayList<>();
            for (String pair : uri.getRawQuery().split("&")) {
                String name = QueryString.decode(pair.split("=", 2)[0]);
                if (!pair.isEmpty() && !Secrets.isSensitiveKey(name)) {
                    kept.add(pair);
                }
            }
            if (!kept.isEmpty()) {
                out.append('?').append(String.join("&", kept));
            }
        }
        return out.toString();
    }
}
