package io.spate.jdbc;

import io.spate.sdk.ConfigOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The options of the {@code postgres} and {@code redshift} sources, declared once. */
final class SourceOptions {
    static final ConfigOption<String> HOST = ConfigOption.string("host").doc("the database host name");
    static final ConfigOption<String> DATABASE = ConfigOption.string("database").doc("the database to read");
    static final ConfigOption<String> USER = ConfigOption.string("user").doc("the user to connect as");
    static final ConfigOption<String> PASSWORD = ConfigOption.string("password").sensitive()
            .doc("the user's password");
    static final ConfigOption<List<String>> SCHEMA = ConfigOption.list("schema").defaultValue(List.of("public"))
            .check(l -> !l.isEmpty(), "must name at least one schema").doc("the schema(s) to sync, comma-separated");
    static final ConfigOption<Dialect.SslMode> SSL_MODE = ConfigOption.enumeration("ssl_mode", Dialect.SslMode.class)
            .defaultValue(Dialect.SslMode.PREFER).doc("TLS: disable | allow | prefer | require | verify-ca | verify-full");
    static final ConfigOption<Integer> BATCH_SIZE = ConfigOption.integer("batch_size").defaultValue(10_000)
            .check(n -> n >= 1 && n <= 1_000_000, "must be 1..1000000").doc("rows per fetch from the server-side cursor");
    static final ConfigOption<Long> CHECKPOINT_EVERY_ROWS = ConfigOption.longInteger("checkpoint_every_rows")
            .defaultValue(50_000L).check(n -> n >= 1, "must be at least 1").doc("rows per table between checkpoints");
    static final ConfigOption<Integer> MAX_PARALLEL_WORKERS = ConfigOption.integer("max_parallel_workers")
            .defaultValue(2).check(n -> n >= 1 && n <= 64, "must be 1..64")
            .doc("tables (and chunks) read at once, one pooled connection each");
    static final ConfigOption<Boolean> AUTO_SCHEMA_DETECTION = ConfigOption.bool("auto_schema_detection")
            .defaultValue(true).doc("discover tables, columns, types and keys from the catalog");
    static final ConfigOption<Object> TABLE_SPEC = ConfigOption.structured("table_spec")
            .doc("a YAML/JSON file or an inline list of per-table settings");
    static final ConfigOption<List<String>> TABLES = ConfigOption.list("tables").defaultValue(List.of())
            .doc("table name patterns to include (* and ?), and to exclude with a leading !");
    static final ConfigOption<Boolean> ENABLE_COMPLETE_RESYNC = ConfigOption.bool("enable_complete_resync")
            .defaultValue(false).doc("reload every table from scratch on this run, forgetting bookmarks");
    static final ConfigOption<Boolean> CHUNKING = ConfigOption.bool("chunking").defaultValue(false)
            .doc("split snapshots of tables with a primary key into chunks read in parallel");
    static final ConfigOption<Long> CHUNK_SIZE = ConfigOption.longInteger("chunk_size").defaultValue(1_000_000L)
            .check(n -> n >= 1, "must be at least 1").doc("rows per chunk when chunking");
    static final ConfigOption<Duration> STATEMENT_TIMEOUT = ConfigOption.duration("statement_timeout")
            .defaultValue(Duration.ofMinutes(10)).doc("server-side statement timeout per query or fetch; 0 for none");
    static final ConfigOption<Duration> CONNECT_TIMEOUT = ConfigOption.duration("connect_timeout")
            .defaultValue(Duration.ofSeconds(30)).check(d -> d.toMillis() >= 250, "must be at least 250ms")
            .doc("how long to wait for a connection");
    static final ConfigOption<String> FILTER = ConfigOption.string("filter")
            .doc("a condition on the columns (docs/filters.md), pushed into every query as bound parameters");
    static final ConfigOption<Integer> MAX_RETRIES = ConfigOption.integer("max_retries").defaultValue(5)
            .check(n -> n >= 0 && n <= 100, "must be 0..100")
            .doc("attempts after a transient connection failure, with exponential backoff");

    private SourceOptions() {
    }

    static ConfigOption<Integer> port(Dialect dialect) {
        return ConfigOption.integer("port").defaultValue(dialect.defaultPort())
                .check(p -> p >= 1 && p <= 65535, "must be 1..65535").doc("the database port");
    }

    /**
     * The keys of the seed {@code configuration.json} ({@code redshift_host}, ...) that the redshift source
     * also accepts, each an alias of the plain option.
     */
    static Optional<ConfigOption<String>> alias(Dialect dialect, String key) {
        if (dialect != Dialect.REDSHIFT) {
            return Optional.empty();
        }
        ConfigOption<String> option = ConfigOption.string("redshift_" + key).doc("alias of " + key);
        return Optional.of("password".equals(key) ? option.sensitive() : option);
    }

    static List<ConfigOption<?>> all(Dialect dialect) {
        List<ConfigOption<?>> options = new ArrayList<>();
        boolean hasAliases = dialect == Dialect.REDSHIFT;
        options.add(hasAliases ? HOST : HOST.required());
        options.add(port(dialect));
        options.add(hasAliases ? DATABASE : DATABASE.required());
        options.add(hasAliases ? USER : USER.required());
        options.add(PASSWORD);
        options.add(SCHEMA);
        options.addAll(List.of(SSL_MODE, BATCH_SIZE, CHECKPOINT_EVERY_ROWS, MAX_PARALLEL_WORKERS, AUTO_SCHEMA_DETECTION,
                TABLE_SPEC, TABLES, ENABLE_COMPLETE_RESYNC, CHUNKING, CHUNK_SIZE, STATEMENT_TIMEOUT, CONNECT_TIMEOUT,
                MAX_RETRIES, FILTER));
        for (String key : List.of("host", "port", "database", "user", "password", "schema")) {
            alias(dialect, key).ifPresent(options::add);
        }
        return List.copyOf(options);
    }
}
