package io.spate.lake;

import io.spate.destination.Destination;
import io.spate.destination.DestinationProvider;
import io.spate.format.write.OutputFormat;
import io.spate.lake.LakeOptions.Mode;
import io.spate.lake.parquet.ParquetFileWriter;
import io.spate.lake.parquet.ParquetOptions;
import io.spate.s3.S3ObjectStore;
import io.spate.s3.S3Options;
import io.spate.s3.S3Settings;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import io.spate.storage.LocalObjectStore;
import io.spate.storage.ObjectStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lake destinations: {@code s3} (a bucket) and {@code files} (a local directory), which differ only in
 * where the files go. (The {@code s3}/{@code files} sources are connectors, another registry.)
 */
public abstract class LakeDestinationProvider implements DestinationProvider {
    private final Map<String, String> environment;

    LakeDestinationProvider(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The {@code s3} destination. */
    public static final class S3 extends LakeDestinationProvider {
        public S3() {
            this(System.getenv());
        }

        /** With an explicit environment (the AWS variables), for tests. */
        public S3(Map<String, String> environment) {
            super(environment);
        }

        @Override
        public String name() {
            return "s3";
        }

        @Override
        public List<ConfigOption<?>> options() {
            List<ConfigOption<?>> options = new ArrayList<>(LakeOptions.COMMON);
            options.add(LakeOptions.BUCKET);
            options.addAll(S3Options.ALL);
            return List.copyOf(options);
        }
    }

    /** The {@code files} destination. */
    public static final class Files extends LakeDestinationProvider {
        public Files() {
            super(Map.of());
        }

        @Override
        public String name() {
            return "files";
        }

        @Override
        public List<ConfigOption<?>> options() {
            List<ConfigOption<?>> options = new ArrayList<>(LakeOptions.COMMON);
            options.add(LakeOptions.PATH);
            return List.copyOf(options);
        }
    }

    @Override
    public Destination open(Configuration config, Context context) {
        LakeDestination.Settings settings = settings(config, basePrefix(config));
        ObjectStore store = store(config, context, settings.parallelism());
        Path temp = context.workDir().resolve("tmp").resolve("lake-" + LakeDestination.safeId(context.runId()));
        return new LakeDestination(store, settings, context.runId(), ParquetFileWriter.duckDb(temp), Clock.systemUTC());
    }

    /**
     * Writes a marker object under a temporary prefix ({@code <root>_spate/check/<run>/marker}) and deletes it:
     * the two things a run does that a listing does not prove possible.
     */
    @Override
    public void check(Configuration config, Context context) {
        LakeDestination.Settings settings = settings(config, basePrefix(config));
        String root = settings.template().root();
        try (ObjectStore store = store(config, context, 1)) {
            String marker = root + "_spate/check/" + LakeDestination.safeId(context.runId()) + "/marker";
            String where = store.uriOf(root);
            try {
                store.put(marker, "spate check\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw checkFailed(where, "writing the marker object " + store.uriOf(marker), e, "s3:PutObject");
            }
            try {
                store.delete(marker);
            } catch (RuntimeException e) {
                throw checkFailed(where, "deleting the marker object " + store.uriOf(marker), e, "s3:DeleteObject");
            }
        }
    }

    private SpateException checkFailed(String where, String what, RuntimeException e, String permission) {
        if (this instanceof Files) {
            return new SpateException(SpateException.Category.CONFIG, "cannot write to " + where + ": " + what + " failed: "
                    + e.getMessage() + "; check that the directory exists and this user may create and delete files in it", e);
        }
        if (accessDenied(e)) {
            return new SpateException(SpateException.Category.CONFIG, "cannot write to " + where + ": access denied (403) "
                    + what + "; check the key's s3:PutObject/s3:DeleteObject permission on arn:aws:s3:::"
                    + where.substring("s3://".length()) + "* (" + permission + " was refused)", e);
        }
        return new SpateException(e instanceof SpateException se ? se.category() : SpateException.Category.INTERNAL,
                "cannot write to " + where + ": " + e.getMessage(), e);
    }

    /**
     * Whether S3 answered 403 to a write. The S3 store's message says {@code failed: 403 ...} and the AWS SDK's
     * {@code Status Code: 403}; reading the message keeps the AWS SDK imported by spate-objectstore only.
     */
    private static boolean accessDenied(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            boolean rejectedCredentials = message.contains("InvalidAccessKeyId") || message.contains("SignatureDoesNotMatch");
            if (!rejectedCredentials && (message.contains("failed: 403") || message.contains("Status Code: 403"))) {
                return true;
            }
        }
        return false;
    }

    /** The settings of a configuration, with the key template below {@code basePrefix}. */
    static LakeDestination.Settings settings(Configuration config, String basePrefix) {
        OutputFormat format = OutputFormat.parse(config.get(LakeOptions.FORMAT));
        LakeFormat lakeFormat = LakeFormat.defaults(format);
        lakeFormat = lakeFormat.withAvro(Math.toIntExact(config.get(LakeOptions.AVRO_SYNC_INTERVAL)),
                config.find(LakeOptions.AVRO_COMPRESSION_LEVEL)).withParquet(new ParquetOptions(ParquetOptions.DEFAULT.codec(),
                        config.find(LakeOptions.PARQUET_COMPRESSION_LEVEL), config.get(LakeOptions.PARQUET_ROW_GROUP_SIZE),
                        config.get(LakeOptions.PARQUET_DICTIONARY), config.get(LakeOptions.PARQUET_DICTIONARY_PAGE_SIZE),
                        config.get(LakeOptions.PARQUET_MEMORY_LIMIT)));
        if (config.find(LakeOptions.COMPRESSION).isPresent()) {
            lakeFormat = lakeFormat.withCompression(config.get(LakeOptions.COMPRESSION));
        }
        KeyTemplate template = new KeyTemplate(basePrefix + config.get(LakeOptions.KEY));
        Mode mode = config.get(LakeOptions.MODE);
        return new LakeDestination.Settings(template, lakeFormat, mode, config.get(LakeOptions.PARTITION_BY),
                config.get(LakeOptions.FILE_MAX_BYTES), config.get(LakeOptions.FILE_MAX_ROWS), config.get(LakeOptions.PARALLELISM));
    }

    private String basePrefix(Configuration config) {
        if (this instanceof Files) {
            return "";
        }
        return config.find(LakeOptions.URI).map(uri -> s3Location(uri)[1]).orElse("");
    }

    private ObjectStore store(Configuration config, Context context, int parallelism) {
        if (this instanceof Files) {
            String text = config.find(LakeOptions.PATH).or(() -> config.find(LakeOptions.URI)).orElseThrow(() ->
                    SpateException.config("the files destination needs path (a directory) or uri (file:///dir/)"));
            Path dir = text.startsWith("file:") ? Path.of(URI.create(text.replace(" ", "%20"))) : context.workDir().resolve(text);
            try {
                java.nio.file.Files.createDirectories(dir);
            } catch (IOException e) {
                throw SpateException.config("cannot create the lake directory " + dir + ": " + e.getMessage());
            }
            return new LocalObjectStore(dir.toAbsolutePath().normalize());
        }
        String bucket = config.find(LakeOptions.URI).map(uri -> s3Location(uri)[0]).or(() -> config.find(LakeOptions.BUCKET))
                .orElseThrow(() -> SpateException.config("the s3 destination needs uri (s3://bucket/prefix/) or bucket (with key)"));
        return new S3ObjectStore(bucket, S3Settings.from(config, environment, parallelism * 2 + 2));
    }

    /** {@code s3://bucket/some/prefix} as bucket and prefix (ending with {@code /} unless empty). */
    static String[] s3Location(String uri) {
        String text = uri.trim();
        String rest;
        if (text.startsWith("s3://")) {
            rest = text.substring(5);
        } else if (text.startsWith("s3a://")) {
            rest = text.substring(6);
        } else {
            throw SpateException.config("uri \"" + uri + "\" is not an s3:// URI: write s3://bucket/prefix/, or use connector: files");
        }
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw SpateException.config("uri \"" + uri + "\" names no bucket");
        }
        return new String[] {bucket, prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/"};
    }
}
