package io.spate.jdbc;

import static java.util.Objects.requireNonNull;

import io.spate.filter.Filter;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The validated settings of one source. */
record SourceSettings(Dialect dialect, String host, int port, String database, String user, String password,
        List<String> schemas, Dialect.SslMode sslMode, int batchSize, long checkpointEveryRows, int maxParallelWorkers,
        boolean autoSchemaDetection, List<TableSpecEntry> tableSpec, TableFilter tableFilter, boolean completeResync,
        boolean chunking, long chunkSize, Duration statementTimeout, Duration connectTimeout, int maxRetries,
        Optional<Filter> filter) {

    SourceSettings {
        schemas = List.copyOf(schemas);
        tableSpec = List.copyOf(tableSpec);
        requireNonNull(filter, "filter is null");
    }

    /** Reads and checks every option; one CONFIG error names every missing or invalid key. */
    static SourceSettings from(Dialect dialect, Configuration config) {
        config.validate(SourceOptions.all(dialect), java.util.Set.of("connector"), problemsBetweenOptions(config));
        List<String> missing = new ArrayList<>();
        String host = withAlias(dialect, config, SourceOptions.HOST, missing);
        String database = withAlias(dialect, config, SourceOptions.DATABASE, missing);
        String user = withAlias(dialect, config, SourceOptions.USER, missing);
        if (!missing.isEmpty()) {
            throw SpateException.config("invalid configuration:\n  - " + String.join("\n  - ", missing));
        }
        String password = config.find(SourceOptions.PASSWORD)
                .or(() -> SourceOptions.alias(dialect, "password").flatMap(config::find)).orElse("");
        int port = config.has("port") ? config.get(SourceOptions.port(dialect))
                : SourceOptions.alias(dialect, "port").flatMap(config::find).map(p -> parsePort(p))
                        .orElse(dialect.defaultPort());
        List<String> schemas = config.has("schema") ? config.get(SourceOptions.SCHEMA)
                : SourceOptions.alias(dialect, "schema").flatMap(config::find).map(s -> List.of(s.trim()))
                        .orElse(config.get(SourceOptions.SCHEMA));
        boolean autoDetection = config.get(SourceOptions.AUTO_SCHEMA_DETECTION);
        List<TableSpecEntry> spec = config.find(SourceOptions.TABLE_SPEC).map(TableSpecParser::parse).orElse(List.of());
        if (!autoDetection && spec.isEmpty()) {
            throw SpateException.config("auto_schema_detection is false, so table_spec must list the tables to sync");
        }
        return new SourceSettings(dialect, host, port, database, user, password, schemas,
                config.get(SourceOptions.SSL_MODE), config.get(SourceOptions.BATCH_SIZE),
                config.get(SourceOptions.CHECKPOINT_EVERY_ROWS), config.get(SourceOptions.MAX_PARALLEL_WORKERS),
                autoDetection, spec, TableFilter.of(config.get(SourceOptions.TABLES)),
                config.get(SourceOptions.ENABLE_COMPLETE_RESYNC), config.get(SourceOptions.CHUNKING),
                config.get(SourceOptions.CHUNK_SIZE), config.get(SourceOptions.STATEMENT_TIMEOUT),
                config.get(SourceOptions.CONNECT_TIMEOUT), config.get(SourceOptions.MAX_RETRIES),
                RowFilter.parse(config.find(SourceOptions.FILTER)));
    }

    /**
     * What the options alone cannot check: a filter that does not parse. The filter's message shows the text
     * with a caret under the mistake; its second line is indented to stay under the text once the message is
     * a bullet ({@code "  - "}) of the configuration error.
     */
    static List<String> problemsBetweenOptions(Configuration config) {
        Optional<String> text = config.raw(SourceOptions.FILTER.key()).map(String::valueOf);
        try {
            RowFilter.parse(text);
            return List.of();
        } catch (SpateException e) {
            return List.of(e.getMessage().replace("\n", "\n    "));
        }
    }

    private static String withAlias(Dialect dialect, Configuration config, ConfigOption<String> option, List<String> missing) {
        Optional<ConfigOption<String>> alias = SourceOptions.alias(dialect, option.key());
        Optional<String> value = config.find(option).or(() -> alias.flatMap(config::find)).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            missing.add(option.key() + " is missing: expected " + option.typeName() + " (" + option.doc() + ")"
                    + alias.map(a -> "; " + a.key() + " is accepted too").orElse(""));
            return "";
        }
        return value.get().trim();
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw SpateException.config("option redshift_port is \"" + text + "\", expected a port 1..65535");
    }

    /** The table_spec entry for a table, if any. */
    Optional<TableSpecEntry> specFor(String schema, String table) {
        return tableSpec.stream().filter(e -> e.matches(schema, table)).findFirst();
    }

    @Override
    public String toString() {
        return "SourceSettings[" + dialect.connectorName() + " " + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
