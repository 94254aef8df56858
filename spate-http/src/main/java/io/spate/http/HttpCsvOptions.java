package io.spate.http;

import io.spate.sdk.ConfigOption;
import io.spate.format.FormatOptions;
import io.spate.sdk.SpateException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The options of the {@code http_csv} connector, declared once; docs/http_csv.md describes each. */
final class HttpCsvOptions {

    /** How requests authenticate. */
    enum AuthMode {
        /** A header {@code <auth_header>: <auth_scheme> <api_key>}. */
        HEADER,
        /** No authentication. */
        NONE
    }

    static final ConfigOption<String> API_URL = ConfigOption.string("api_url").required()
            .check(HttpCsvOptions::isHttpUrl, "must be an absolute http:// or https:// URL")
            .doc("the URL that returns the CSV");
    static final ConfigOption<String> API_KEY = ConfigOption.string("api_key").sensitive()
            .doc("the API key; required unless auth: none");
    static final ConfigOption<AuthMode> AUTH = ConfigOption.enumeration("auth", AuthMode.class)
            .defaultValue(AuthMode.HEADER).doc("header sends the key in auth_header, none sends no credentials");
    static final ConfigOption<String> AUTH_HEADER = ConfigOption.string("auth_header").defaultValue("Authorization")
            .check(HttpCsvOptions::isToken, "must be an HTTP header name").doc("the header carrying the key");
    static final ConfigOption<String> AUTH_SCHEME = ConfigOption.string("auth_scheme").defaultValue("apiKey")
            .doc("written before the key in the header; none sends the bare key");
    static final ConfigOption<Map<String, Object>> HEADERS = ConfigOption.map("headers")
            .check(m -> m.keySet().stream().allMatch(HttpCsvOptions::isToken), "must map HTTP header names to values")
            .doc("extra request headers");
    static final ConfigOption<Map<String, Object>> QUERY = ConfigOption.map("query").doc("extra query parameters");
    static final ConfigOption<String> TABLE = ConfigOption.string("table")
            .doc("the destination table; the last path segment of api_url without extensions by default");
    static final ConfigOption<List<String>> PRIMARY_KEY = ConfigOption.list("primary_key")
            .doc("key columns; rows are keyed by _spate_file and _spate_line when absent");
    static final ConfigOption<Integer> MAX_RETRIES = ConfigOption.integer("max_retries").defaultValue(3)
            .check(n -> n >= 0 && n <= 100, "must be 0..100").doc("retries of a failed request");
    static final ConfigOption<Duration> INITIAL_RETRY_DELAY = ConfigOption.duration("initial_retry_delay")
            .defaultValue(Duration.ofSeconds(1)).check(d -> !d.isNegative(), "must not be negative")
            .doc("the first backoff, doubled on each retry");
    static final ConfigOption<Duration> MAX_RETRY_DELAY = ConfigOption.duration("max_retry_delay")
            .defaultValue(Duration.ofSeconds(16)).check(d -> !d.isNegative(), "must not be negative")
            .doc("the longest backoff");
    static final ConfigOption<Object> TIMEOUT = ConfigOption.structured("timeout")
            .check(HttpCsvOptions::isTimeout, "must be a duration such as 30s or a map {connect: 10s, read: 60s}")
            .doc("connect 10s, read 60s (silence on an open body) by default");
    static final ConfigOption<Object> PAGINATION = ConfigOption.structured("pagination")
            .check(v -> parses(() -> Pagination.parse(v)), Pagination.EXPECTED).doc("none by default");
    static final ConfigOption<Object> INCREMENTAL = ConfigOption.structured("incremental")
            .check(v -> parses(() -> Incremental.parse(v)), Incremental.EXPECTED).doc("none by default");
    static final ConfigOption<Boolean> SPOOL = ConfigOption.bool("spool").defaultValue(false)
            .doc("download each page to a temporary file before parsing it");
    static final ConfigOption<Long> CHECKPOINT_EVERY_ROWS = ConfigOption.longInteger("checkpoint_every_rows")
            .defaultValue(100_000L).check(n -> n >= 1, "must be at least 1").doc("rows between checkpoints within a page");
    static final ConfigOption<String> FILTER = ConfigOption.string("filter")
            .doc("keep only rows for which this condition is true (docs/filters.md)");

    /**
     * The reading options shared with the object storage sources, declared once in {@link FormatOptions}:
     * {@code columns}, {@code select}, {@code on_error}, {@code sample_bytes} and the CSV ones. The number of
     * files sampled and JSON flattening do not apply to a CSV body.
     */
    static final List<ConfigOption<?>> FORMAT_OPTIONS = List.of(FormatOptions.FORMAT, FormatOptions.COMPRESSION,
            FormatOptions.DELIMITER, FormatOptions.QUOTE, FormatOptions.ESCAPE, FormatOptions.HEADER,
            FormatOptions.COLUMN_NAMES, FormatOptions.SKIP_ROWS, FormatOptions.SKIP_ROWS_AFTER_HEADER,
            FormatOptions.NULL_VALUES, FormatOptions.ENCODING, FormatOptions.SELECT, FormatOptions.USECOLS,
            FormatOptions.COLUMNS, FormatOptions.ON_ERROR, FormatOptions.SAMPLE_BYTES);

    static final List<ConfigOption<?>> ALL = Stream.concat(Stream.<ConfigOption<?>>of(API_URL, API_KEY, AUTH, AUTH_HEADER, AUTH_SCHEME,
            HEADERS, QUERY, TABLE, PRIMARY_KEY, MAX_RETRIES, INITIAL_RETRY_DELAY, MAX_RETRY_DELAY, TIMEOUT, PAGINATION,
            INCREMENTAL, SPOOL, CHECKPOINT_EVERY_ROWS, FILTER), FORMAT_OPTIONS.stream()).toList();

    private HttpCsvOptions() {
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text.trim());
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    static boolean isToken(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }

    private static boolean isTimeout(Object value) {
        return parses(() -> Timeouts.parse(value));
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (IllegalArgumentException | SpateException e) {
            return false;
        }
    }
}
