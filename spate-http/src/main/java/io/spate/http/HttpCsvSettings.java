package io.spate.http;

import static io.spate.http.HttpCsvOptions.*;

import io.spate.sdk.Column;
import io.spate.sdk.Configuration;
import io.spate.sdk.DataType;
import io.spate.sdk.Secrets;
import io.spate.sdk.SpateException;
import io.spate.sdk.SystemColumns;
import io.spate.sdk.TableSpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checked, typed configuration of one {@code http_csv} source.
 *
 * @param apiUrl the URL of the export (of its first page)
 * @param headers every request header: the credentials and the extra {@code headers}
 * @param query extra query parameters of every request
 * @param table the destination table
 * @param primaryKey the key columns; empty: rows are keyed by {@code _spate_file} and {@code _spate_line}
 * @param columns declared column types
 * @param select the columns kept, in this order; empty keeps all
 * @param maxRetries retries after a failed attempt
 * @param initialRetryDelay the first backoff
 * @param maxRetryDelay the longest backoff
 * @param timeouts connect and read timeouts
 * @param pagination how pages follow each other
 * @param incremental the incremental parameter, if any
 * @param onError what a malformed record does
 * @param spool whether pages are downloaded to a temporary file before parsing
 * @param checkpointEveryRows records between checkpoints within a page
 * @param csv how the body is parsed
 * @param secrets values never to show
 */
record HttpCsvSettings(URI apiUrl, Map<String, String> headers, Map<String, String> query, String table,
        List<String> primaryKey, List<Column> columns, List<String> select, int maxRetries, Duration initialRetryDelay,
        Duration maxRetryDelay, Timeouts timeouts, Pagination pagination, Optional<Incremental> incremental,
        OnError onError, boolean spool, long checkpointEveryRows, CsvSettings csv, List<String> secrets) {

    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Set<String> EXTENSIONS = Set.of("csv", "tsv", "txt", "gz", "gzip", "zip", "deflate", "zst", "bz2");
    private static final String INVALID = "invalid configuration:\n  - ";

    HttpCsvSettings {
        headers = Map.copyOf(headers);
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
        primaryKey = List.copyOf(primaryKey);
        columns = List.copyOf(columns);
        select = List.copyOf(select);
        secrets = List.copyOf(secrets);
    }

    /** Whether rows are keyed by where they were read ({@code _spate_file}, {@code _spate_line}). */
    boolean keyedByPosition() {
        return primaryKey.isEmpty();
    }

    /** The table as declared to the runtime. */
    TableSpec tableSpec() {
        TableSpec.Builder spec = TableSpec.builder(table);
        for (Column column : columns) {
            if (select.isEmpty() || select.contains(column.name())) {
                spec.column(column.name(), column.type());
            }
        }
        if (keyedByPosition()) {
            spec.column(SystemColumns.FILE, DataType.STRING).column(SystemColumns.LINE, DataType.LONG)
                    .primaryKey(SystemColumns.FILE, SystemColumns.LINE);
        } else {
            spec.primaryKey(primaryKey);
        }
        return spec.build();
    }

    /** Checks every option and reports all problems in one CONFIG error; makes no request. */
    static HttpCsvSettings from(Configuration config) {
        List<String> problems = new ArrayList<>();
        try {
            config.validate(ALL, config.asMap().keySet());
        } catch (SpateException e) {
            if (e.category() != SpateException.Category.CONFIG || !e.getMessage().startsWith(INVALID)) {
                throw e;
            }
            problems.addAll(List.of(e.getMessage().substring(INVALID.length()).split("\n  - ")));
        }
        AuthMode auth = validOr(() -> config.get(AUTH), AuthMode.HEADER);
        if (auth == AuthMode.HEADER && !config.has(API_KEY.key())) {
            problems.add(API_KEY.key() + " is missing: expected " + API_KEY.typeName() + " (" + API_KEY.doc() + ")");
        }
        Map<String, String> extraHeaders = validOr(() -> texts(config.find(HEADERS).orElse(Map.of())), Map.of());
        extraHeaders.keySet().stream().filter(h -> RESTRICTED_HEADERS.contains(h.toLowerCase(Locale.ROOT)))
                .forEach(h -> problems.add(HEADERS.key() + " sets " + h + ", which the HTTP client sets itself"));
        Optional<URI> url = validOr(() -> Optional.of(URI.create(config.get(API_URL).trim())), Optional.empty());
        Optional<String> table = config.has(TABLE.key()) ? Optional.of(config.get(TABLE).trim()) : url.flatMap(HttpCsvSettings::tableNameOf);
        if (table.isEmpty() && url.isPresent()) {
            problems.add(TABLE.key() + " is missing: api_url has no path segment to name the table after");
        }
        List<String> select = validOr(() -> config.find(SELECT).orElse(List.of()), List.of());
        List<String> primaryKey = validOr(() -> config.find(PRIMARY_KEY).orElse(List.of()), List.of());
        if (!select.isEmpty()) {
            primaryKey.stream().filter(k -> !select.contains(k)).forEach(k ->
                    problems.add(PRIMARY_KEY.key() + " column " + k + " is not among the select columns " + select));
        }
        boolean header = validOr(() -> config.get(HEADER), true);
        List<String> columnNames = validOr(() -> config.find(COLUMN_NAMES).orElse(List.of()), List.of());
        if (header && !columnNames.isEmpty()) {
            problems.add(COLUMN_NAMES.key() + " is given but header is true: set header: false when the body has no header");
        }
        if (!problems.isEmpty()) {
            throw SpateException.config(INVALID + String.join("\n  - ", problems));
        }

        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (auth == AuthMode.HEADER) {
            String scheme = config.get(AUTH_SCHEME).trim();
            String key = config.get(API_KEY).trim();
            headers.keySet().removeIf(h -> h.equalsIgnoreCase(config.get(AUTH_HEADER)));
            headers.put(config.get(AUTH_HEADER), scheme.isEmpty() || scheme.equalsIgnoreCase("none") ? key : scheme + " " + key);
        }
        Map<String, String> query = texts(config.find(QUERY).orElse(Map.of()));
        List<Column> columns = new ArrayList<>();
        config.find(COLUMNS).orElse(Map.of()).forEach((name, type) -> columns.add(new Column(name, DataType.parse(String.valueOf(type)))));
        String delimiter = config.get(DELIMITER);
        CsvSettings csv = new CsvSettings(delimiter.equals("\\t") ? '\t' : delimiter.charAt(0), config.get(QUOTE).charAt(0),
                header, columnNames, config.get(SKIP_ROWS), new HashSet<>(config.find(NULL_VALUES).orElse(List.of())),
                Charset.forName(config.get(ENCODING).trim()));
        return new HttpCsvSettings(url.orElseThrow(), headers, query, table.orElseThrow(), primaryKey, columns, select,
                config.get(MAX_RETRIES), config.get(INITIAL_RETRY_DELAY), config.get(MAX_RETRY_DELAY),
                config.find(TIMEOUT).map(Timeouts::parse).orElse(Timeouts.DEFAULT),
                Pagination.parse(config.find(PAGINATION).orElse(null)),
                config.find(INCREMENTAL).flatMap(Incremental::parse), config.get(ON_ERROR), config.get(SPOOL),
                config.get(CHECKPOINT_EVERY_ROWS), csv, secretsOf(config, headers, query));
    }

    /** The last non-empty path segment without its format and compression extensions. */
    static Optional<String> tableNameOf(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        String last = "";
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                last = segment;
            }
        }
        String name = URLDecoder.decode(last, StandardCharsets.UTF_8);
        int dot;
        while ((dot = name.lastIndexOf('.')) > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            name = name.substring(0, dot);
        }
        return name.isBlank() ? Optional.empty() : Optional.of(name);
    }

    private static List<String> secretsOf(Configuration config, Map<String, String> headers, Map<String, String> query) {
        List<String> secrets = new ArrayList<>(config.secretValues(ALL));
        headers.forEach((name, value) -> {
            if (Secrets.isSensitiveKey(name) || name.equalsIgnoreCase("authorization") || name.equalsIgnoreCase(config.get(AUTH_HEADER))) {
                secrets.add(value);
            }
        });
        query.forEach((name, value) -> {
            if (Secrets.isSensitiveKey(name)) {
                secrets.add(value);
            }
        });
        return secrets;
    }

    private static Map<String, String> texts(Map<String, Object> map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /** The value, or {@code fallback} when the option is invalid (already reported by validate). */
    private static <T> T validOr(java.util.function.Supplier<T> value, T fallback) {
        try {
            return value.get();
        } catch (SpateException | IllegalArgumentException e) {
            return fallback;
        }
    }
}
