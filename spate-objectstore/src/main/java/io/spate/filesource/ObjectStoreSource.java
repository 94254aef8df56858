package io.spate.filesource;

import io.spate.format.FormatOptions;
import io.spate.s3.S3ObjectStore;
import io.spate.s3.S3Settings;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.DataType;
import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.sdk.SystemColumns;
import io.spate.sdk.TableSpec;
import io.spate.storage.LocalObjectStore;
import io.spate.storage.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code s3} and {@code files} sources: one implementation over an {@link ObjectStore}, written on the
 * public SDK. Lists the objects once (paginated, under the literal prefix of the globs), names a table for
 * each, and reads new or changed objects in parallel, each row keyed by {@code _spate_file} and
 * {@code _spate_line}; see {@link ObjectReading} for the reading and {@link SyncLedger} for the state.
 */
public abstract class ObjectStoreSource implements Connector {
    private final boolean s3;
    private final Map<String, String> environment;
    private CachedListing cached;

    /** A listing made by {@link #schema}, reused by {@link #update} of the same run and configuration. */
    private record CachedListing(Map<String, Object> configuration, Listing listing) {
    }

    protected ObjectStoreSource(boolean s3, Map<String, String> environment) {
        this.s3 = s3;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public List<ConfigOption<?>> options() {
        return FileSourceOptions.all(s3);
    }

    @Override
    public List<String> validate(Configuration config) {
        List<String> problems = new ArrayList<>();
        boolean bucket = config.has("bucket") || config.has("bucket_name");
        if (s3) {
            if (!config.has("uri") && !bucket) {
                problems.add("uri or bucket is missing: expected uri: s3://bucket/prefix/, or bucket with prefix or key");
            }
            if (config.has("uri") && (bucket || config.has("key") || config.has("prefix"))) {
                problems.add("uri is given together with bucket, prefix or key: give one of them");
            }
            if (config.has("key") && config.has("prefix")) {
                problems.add("key and prefix are both given: key names one object or folder, prefix a key prefix; give one");
            }
            if (config.has("aws_access_key_id") != config.has("aws_secret_access_key")) {
                problems.add("aws_access_key_id and aws_secret_access_key go together: give both, or neither for the AWS"
                        + " credential chain");
            }
            problems.addAll(io.spate.s3.S3Settings.credentialProblems(config));
        } else if (!config.has("path") && !config.has("uri")) {
            problems.add("path or uri is missing: expected path: /a/directory (or a file or glob), or uri: file:///a/directory/");
        }
        config.raw(FileSourceOptions.FILTER.key()).ifPresent(text -> {
            try {
                io.spate.filter.Filter.parse(String.valueOf(text));
            } catch (SpateException e) {
                // the caret line is indented like the problem's first line in the one configuration message
                problems.add(e.getMessage().replace("\n", "\n    "));
            }
        });
        return problems;
    }

    @Override
    public List<TableSpec> schema(Configuration config) {
        Listing listing;
        FormatOptions formatOptions = FormatOptions.from(config);
        Map<String, List<io.spate.sdk.Column>> parquetColumns = new java.util.HashMap<>();
        try (ObjectStore store = openStore(config)) {
            listing = list(config, store);
            listing.tables().forEach((table, objects) -> parquetColumns.put(table, parquetColumns(store, table, objects, formatOptions)));
        }
        synchronized (this) {
            cached = new CachedListing(config.asMap(), listing);
        }
        List<String> key = primaryKey(config);
        Map<String, DataType> declared = FormatOptions.from(config).columnTypes();
        List<TableSpec> specs = new ArrayList<>();
        for (String table : listing.tables().keySet()) {
            TableSpec.Builder spec = TableSpec.builder(table).primaryKey(key);
            // Parquet objects declare their types; columns: overrides them
            parquetColumns.getOrDefault(table, List.of()).stream().filter(c -> !declared.containsKey(c.name()))
                    .forEach(c -> spec.column(c.name(), c.type()));
            declared.forEach(spec::column);
            spec.column(SystemColumns.FILE, DataType.STRING).column(SystemColumns.LINE, DataType.LONG);
            specs.add(spec.build());
        }
        return specs;
    }

    @Override
    public void update(Configuration config, State state, Operations ops) throws Exception {
        try (ObjectStore store = openStore(config)) {
            Listing listing = takeCachedListing(config).orElseGet(() -> list(config, store));
            if (listing.objectCount() == 0) {
                SourceLocation location = SourceLocation.resolve(config, s3);
                ops.warning("no objects under " + store.uriOf(location.listPrefix()) + " match glob " + config.get(
                        FileSourceOptions.GLOB) + (config.get(FileSourceOptions.EXCLUDE).isEmpty() ? ""
                                : " and not exclude " + config.get(FileSourceOptions.EXCLUDE)) + ": nothing to read");
            }
            if (listing.unknownFormat() > 0) {
                ops.warning(listing.unknownFormat() + " objects were skipped because their format cannot be told from the"
                        + " name, e.g. " + listing.unknownFormatExamples() + "; set format, or exclude them");
            }
            if (listing.unmatched() > 0) {
                ops.warning(listing.unmatched() + " objects do not match table_regex and were skipped, e.g. "
                        + listing.unmatchedExamples());
            }
            new ObjectReading(config, store, listing, ops, primaryKey(config)).run(state);
        }
    }

    @Override
    public void check(Configuration config) {
        try (ObjectStore store = openStore(config)) {
            SourceLocation location = SourceLocation.resolve(config, s3);
            try (var first = store.list(location.listPrefix())) {
                first.findFirst();
            }
        }
    }

    /** A table's Parquet types; a damaged footer leaves them to the values (reading the object reports the damage). */
    private static List<io.spate.sdk.Column> parquetColumns(ObjectStore store, String table, List<Listing.Listed> objects,
            FormatOptions options) {
        try {
            return ParquetSchemas.of(store, objects, options);
        } catch (java.io.UncheckedIOException e) {
            org.slf4j.LoggerFactory.getLogger(ObjectStoreSource.class).warn("table {}: {}", table, e.getMessage());
            return List.of();
        } catch (SpateException e) {
            if (e.category() != SpateException.Category.DATA) {
                throw e;
            }
            org.slf4j.LoggerFactory.getLogger(ObjectStoreSource.class).warn("table {}: {}", table, e.getMessage());
            return List.of();
        }
    }

    private java.util.Optional<Listing> takeCachedListing(Configuration config) {
        synchronized (this) {
            CachedListing taken = cached;
            cached = null;
            return taken != null && Objects.equals(taken.configuration(), config.asMap())
                    ? java.util.Optional.of(taken.listing()) : java.util.Optional.empty();
        }
    }

    private Listing list(Configuration config, ObjectStore store) {
        SourceLocation location = SourceLocation.resolve(config, s3);
        return Listing.of(store, location, TableNaming.from(config, location), config);
    }

    private ObjectStore openStore(Configuration config) {
        SourceLocation location = SourceLocation.resolve(config, s3);
        if (location.bucket().isPresent()) {
            int connections = Math.max(16, config.get(FileSourceOptions.PARALLELISM) * 2);
            return new S3ObjectStore(location.bucket().get(), S3Settings.from(config, environment, connections));
        }
        return new LocalObjectStore(location.root().orElseThrow());
    }

    private static List<String> primaryKey(Configuration config) {
        List<String> key = config.find(FileSourceOptions.PRIMARY_KEY).orElse(List.of(SystemColumns.FILE, SystemColumns.LINE));
        if (key.isEmpty()) {
            throw SpateException.config("primary_key is empty: list the key columns, or leave it out for"
                    + " [_spate_file, _spate_line]");
        }
        return key;
    }
}
