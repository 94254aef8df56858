package io.spate.http;

import static io.spate.http.HttpCsvOptions.*;

import io.spate.filter.Filter;
import io.spate.format.Format;
import io.spate.format.FormatOptions;
import io.spate.sdk.Column;
import io.spate.sdk.Configuration;
import io.spate.sdk.DataType;
import io.spate.sdk.Secrets;
import io.spate.sdk.SpateException;
import io.spate.sdk.SystemColumns;
import io.spate.sdk.TableSpec;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * @param maxRetries retries after a failed attempt
 * @param initialRetryDelay the first backoff
 * @param maxRetryDelay the longest backoff
 * @param timeouts connect and read timeouts
 * @param pagination how pages follow each other
 * @param incremental the incremental parameter, if any
 * @param spool whether pages are downloaded to a temporary file before parsing
 * @param checkpointEveryRows records between checkpoints within a page
 * @param format CSV or TSV
 * @param reading how the body is parsed: the CSV options, {@code columns}, {@code select}, {@code on_error}
 * @param filter the rows to keep, if given
 * @param secrets values never to show
 */
record HttpCsvSettings(URI apiUrl, Map<String, String> headers, Map<String, String> query, String table,
        List<String> primaryKey, int maxRetries, Duration initialRetryDelay, Duration maxRetryDelay, Timeouts timeouts,
        Pagination pagination, Optional<Incremental> incremental, boolean spool, long checkpointEveryRows, Format format,
        FormatOptions reading, Optional<Filter> filter, List<String> secrets) {

    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final Set<String> EXTENSIONS = Set.of("csv", "tsv", "txt", "gz", "gzip", "zip", "deflate", "zst", "bz2");
    private static final String INVALID = "invalid configuration:\n  - ";

    HttpCsvSettings {
        headers = Map.copyOf(headers);
        query = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(query));
        primaryKey = List.copyOf(primaryKey);
        secrets = List.copyOf(secrets);
    }

    /** Whether rows are keyed by where they were read ({@code _spate_file}, {@code _spate_line}). */
    boolean keyedByPosition() {
        return primaryKey.isEmpty();
    }

    /**
     * Whether the columns' types must be sampled from a body: unless {@code select} names only columns whose
     * types {@code columns} declares, some column's type is not known from the configuration.
     */
    boolean needsSample() {
        return reading.select().isEmpty() || !reading.columnTypes().keySet().containsAll(reading.select());
    }

    /**
     * The table as declared to the runtime.
     *
     * @param sampled the columns inferred from a sample of the first page ({@link SampledSchema}); when empty,
     *        only the columns {@code columns} declares (and {@code select} keeps)
     */
    TableSpec tableSpec(List<Column> sampled) {
        TableSpec.Builder spec = TableSpec.builder(table);
        if (sampled.isEmpty()) {
            reading.columnTypes().forEach((name, type) -> {
                if (reading.select().isEmpty() || reading.select().contains(name)) {
                    spec.column(name, type);
                }
            });
        } else {
            spec.columns(sampled);
        }
        if (keyedByPosition()) {
            spec.column(SystemColumns.FILE, DataType.STRING).column(SystemColumns.LINE, DataType.LONG)
                    .primaryKey(SystemColumns.FILE, SystemColumns.LINE);
        } else {
            spec.primaryKey(primaryKey);
        }
        return spec.build();
    }

    /**
     * The URL of the page at {@code run}'s position: the configured query parameters, the incremental
     * parameter, and the pagination's parameters (or the page's {@code Link} URL).
     */
    URI requestOf(RunPosition run) {
        Map<String, String> parameters = new LinkedHashMap<>(query);
        incremental.ifPresent(inc -> run.since().ifPresent(value -> parameters.put(inc.param(), value)));
        if (run.page().link().isPresent()) {
            return QueryString.with(URI.create(run.page().link().get()), parameters);
        }
        parameters.putAll(pagination.parameters(run.page()));
        return QueryString.with(apiUrl, parameters);
    }

    /** The URL of the first page a first run requests. */
    URI firstRequest() {
        return requestOf(RunPosition.start(incremental.flatMap(Incremental::initial)));
    }

    /**
     * The problems between options that the options' own checks cannot see (api_key unless auth: none,
     * restricted headers, a table name, key columns outside select, the format and its options); the
     * runtime reports them with the options' problems through {@link HttpCsvConnector#validate}.
     */
    static List<String> ruleProblems(Configuration config) {
        List<String> problems = new ArrayList<>();
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
        List<String> select = validOr(() -> config.get(FormatOptions.SELECT).isEmpty() ? config.get(FormatOptions.USECOLS)
                : config.get(FormatOptions.SELECT), List.<String>of());
        List<String> primaryKey = validOr(() -> config.find(PRIMARY_KEY).orElse(List.of()), List.of());
        if (!select.isEmpty()) {
            primaryKey.stream().filter(k -> !select.contains(k)).forEach(k ->
                    problems.add(PRIMARY_KEY.key() + " column " + k + " is not among the select columns " + select));
        }
        formatOf(config, url, problems);
        config.raw(FILTER.key()).ifPresent(text -> collectingFilter(String.valueOf(text), problems));
        if (problems.isEmpty() && optionsAreValid(config)) {
            collecting(() -> FormatOptions.from(config), problems);
        }
        return problems;
    }

    /**
     * Parses the filter, adding its syntax error to {@code problems}: the caret line is indented like the
     * problem's first line is in the one configuration message ({@code "  - "}), so that it points at the spot.
     */
    private static void collectingFilter(String text, List<String> problems) {
        try {
            Filter.parse(text);
        } catch (SpateException e) {
            problems.add(e.getMessage().replace("\n", "\n    "));
        }
    }

    private static boolean optionsAreValid(Configuration config) {
        try {
            config.validate(ALL, config.asMap().keySet());
            return true;
        } catch (SpateException e) {
            return false;
        }
    }

    /** Checks every option and reports all problems in one CONFIG error; makes no request. */
    static HttpCsvSettings from(Configuration config) {
        List<String> problems = new ArrayList<>();
        collecting(() -> config.validate(ALL, config.asMap().keySet()), problems);
        problems.addAll(ruleProblems(config));
        if (!problems.isEmpty()) {
            throw SpateException.config(INVALID + String.join("\n  - ", problems));
        }
        AuthMode auth = config.get(AUTH);
        Map<String, String> extraHeaders = texts(config.find(HEADERS).orElse(Map.of()));
        Optional<URI> url = Optional.of(URI.create(config.get(API_URL).trim()));
        Optional<String> table = config.has(TABLE.key()) ? Optional.of(config.get(TABLE).trim()) : url.flatMap(HttpCsvSettings::tableNameOf);
        List<String> primaryKey = config.find(PRIMARY_KEY).orElse(List.of());
        Optional<Format> format = formatOf(config, url, new ArrayList<>());
        Optional<FormatOptions> reading = Optional.of(FormatOptions.from(config));

        Map<String, String> headers = headersOf(config, auth, extraHeaders);
        Map<String, String> query = texts(config.find(QUERY).orElse(Map.of()));
        return new HttpCsvSettings(url.orElseThrow(), headers, query, table.orElseThrow(), primaryKey,
                config.get(MAX_RETRIES), config.get(INITIAL_RETRY_DELAY), config.get(MAX_RETRY_DELAY),
                config.find(TIMEOUT).map(Timeouts::parse).orElse(Timeouts.DEFAULT),
                Pagination.parse(config.find(PAGINATION).orElse(null)), config.find(INCREMENTAL).flatMap(Incremental::parse),
                config.get(SPOOL), config.get(CHECKPOINT_EVERY_ROWS), format.orElseThrow(), reading.orElseThrow(),
                config.find(FILTER).map(Filter::parse), secretsOf(config, headers, query));
    }

    /** The value of a check that lists every problem in one CONFIG error; empty, with the problems added, when it fails. */
    private static <T> Optional<T> collecting(java.util.function.Supplier<T> check, List<String> problems) {
        try {
            return Optional.of(check.get());
        } catch (SpateException e) {
            if (e.category() != SpateException.Category.CONFIG || !e.getMessage().startsWith(INVALID)) {
                throw e;
            }
            problems.addAll(List.of(e.getMessage().substring(INVALID.length()).split("\n  - ")));
            return Optional.empty();
        }
    }

    /** CSV or TSV: the {@code format} option, else the URL's extension, else CSV. */
    private static Optional<Format> formatOf(Configuration config, Optional<URI> url, List<String> problems) {
        try {
            Format format = Format.fromOption(validOr(() -> config.get(FormatOptions.FORMAT), "auto"))
                    .or(() -> url.flatMap(u -> Format.byFileName(u.getPath() == null ? "" : u.getPath())))
                    .orElse(Format.CSV);
            if (format != Format.CSV && format != Format.TSV) {
                problems.add(FormatOptions.FORMAT.key() + " is " + format.name().toLowerCase(Locale.ROOT)
                        + ": http_csv reads csv or tsv");
            }
            return Optional.of(format);
        } catch (SpateException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    /** The extra headers with the credentials header set (replacing one of the same name). */
    private static Map<String, String> headersOf(Configuration config, AuthMode auth, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        if (auth == AuthMode.HEADER) {
            String scheme = config.get(AUTH_SCHEME).trim();
            String key = config.get(API_KEY).trim();
            headers.keySet().removeIf(h -> h.equalsIgnoreCase(config.get(AUTH_HEADER)));
            headers.put(config.get(AUTH_HEADER), scheme.isEmpty() || scheme.equalsIgnoreCase("none") ? key : scheme + " " + key);
        }
        return headers;
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
