package io.spate.lake.convert;

import io.spate.format.FormatOptions;
import io.spate.format.OnError;
import io.spate.format.write.OutputFormat;
import io.spate.lake.LakeFormat;
import io.spate.s3.S3ObjectStore;
import io.spate.s3.S3Settings;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import io.spate.storage.Glob;
import io.spate.storage.LocalObjectStore;
import io.spate.storage.ObjectStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entry point of {@code spate convert}: from URIs and options to a {@link ConvertReport}.
 *
 * <pre>
 * ./spate convert SRC_URI --to parquet,avro --out DEST_URI [--parallelism N] [--format csv] [--compression zstd]
 *     [--on-error fail|skip|quarantine] [--endpoint URL]
 * </pre>
 *
 * maps to {@code Convert.run("SRC_URI", List.of("parquet", "avro"), "DEST_URI", options, System.getenv(), workDir)}
 * where {@code options} holds each given flag under its option name ({@code parallelism}, {@code format},
 * {@code compression}, {@code on_error}, {@code endpoint}, ...; see {@link #OPTIONS}).
 */
public final class Convert {
    /**
     * Files converted at once unless a number is given: 4, or the cores when fewer (at least 2). Converting is
     * CPU-bound; on 2 cores 4 files at once took more CPU and 1.27 GB where 2 took 0.85 GB, and no longer.
     */
    public static final ConfigOption<Integer> PARALLELISM = ConfigOption.integer("parallelism")
            .defaultValue(Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors())))
            .check(n -> n >= 1 && n <= 64, "must be 1..64").doc("files converted at once (default: 4, or the cores when fewer, at least 2)");
    public static final ConfigOption<String> PARQUET_COMPRESSION = ConfigOption.string("parquet_compression").defaultValue("zstd")
            .doc("codec of Parquet outputs: zstd, snappy, gzip, lz4, none");
    public static final ConfigOption<String> AVRO_COMPRESSION = ConfigOption.string("avro_compression").defaultValue("deflate")
            .doc("codec of Avro outputs: deflate, null, snappy, zstd, xz, bzip2");
    public static final ConfigOption<Integer> AVRO_COMPRESSION_LEVEL = ConfigOption.integer("avro_compression_level")
            .check(n -> n >= 0 && n <= 22, "must be 0..22 (deflate 1..9, zstd 1..22, xz 0..9)")
            .doc("level of the Avro codec: deflate 1..9 (default 1, the fastest), zstd 1..22 (default 3), xz 0..9 (default 6)");
    public static final ConfigOption<String> TEXT_COMPRESSION = ConfigOption.string("text_compression").defaultValue("none")
            .doc("compression of CSV/TSV/JSON/JSONL outputs: none, gzip, bz2, zstd");
    public static final ConfigOption<Integer> BATCH_ROWS = ConfigOption.integer("batch_rows")
            .defaultValue(ConvertRequest.DEFAULT_BATCH_ROWS).check(n -> n >= 1024, "must be at least 1024")
            .doc("rows per batch handed to the format writers");
    public static final ConfigOption<String> PARQUET_MEMORY_LIMIT = ConfigOption.string("parquet_memory_limit").defaultValue("256MB")
            .doc("memory one Parquet output's encoder may hold before it spills to disk");

    /** Options read besides the input's format options ({@link FormatOptions#OPTIONS}) and the S3 connection's. */
    public static final List<ConfigOption<?>> OPTIONS = List.of(PARALLELISM, PARQUET_COMPRESSION, AVRO_COMPRESSION,
            AVRO_COMPRESSION_LEVEL, TEXT_COMPRESSION, BATCH_ROWS, PARQUET_MEMORY_LIMIT);

    private Convert() {
    }

    /**
     * Converts every file under {@code sourceUri} into each of {@code formats} under {@code destinationUri}.
     *
     * @param sourceUri {@code s3://bucket/prefix/}, {@code s3://bucket/prefix/**}{@code /*.csv.gz}, a directory or {@code file:///dir/}
     * @param formats output format names ({@code parquet}, {@code avro}, {@code csv}, {@code tsv}, {@code json}, {@code jsonl})
     * @param destinationUri {@code s3://bucket/prefix/} or a directory
     * @param options flags by option name; the input's {@code format}, {@code compression}, {@code on_error} and
     *        the other format options as for the s3 source; {@code endpoint} and credentials as for S3
     * @param environment the process environment (AWS variables)
     * @param workDir scratch space
     */
    public static ConvertReport run(String sourceUri, List<String> formats, String destinationUri, Map<String, Object> options,
            Map<String, String> environment, Path workDir) {
        Configuration config = Configuration.of(options);
        List<ConfigOption<?>> known = new ArrayList<>(OPTIONS);
        known.addAll(FormatOptions.OPTIONS);
        known.addAll(io.spate.s3.S3Options.ALL);
        config.validate(known, java.util.Set.of());
        Map<String, Object> inputOptions = new HashMap<>(options);
        FormatOptions input = FormatOptions.from(Configuration.of(inputOptions));
        OnError onError = input.onError();
        int parallelism = config.get(PARALLELISM);
        List<LakeFormat> outputs = new ArrayList<>();
        for (String name : formats) {
            OutputFormat format = OutputFormat.parse(name);
            LakeFormat lakeFormat = LakeFormat.defaults(format);
            lakeFormat = switch (format) {
                case PARQUET -> lakeFormat.withCompression(config.get(PARQUET_COMPRESSION));
                case AVRO -> lakeFormat.withCompression(config.get(AVRO_COMPRESSION));
                default -> lakeFormat.withCompression(config.get(TEXT_COMPRESSION));
            };
            var parquet = lakeFormat.parquet();
            lakeFormat = lakeFormat.withAvro(lakeFormat.avroSyncInterval(), config.find(AVRO_COMPRESSION_LEVEL))
                    .withParquet(new io.spate.lake.parquet.ParquetOptions(parquet.codec(), parquet.compressionLevel(),
                            parquet.rowGroupRows(), parquet.dictionary(), parquet.dictionaryPageBytes(), config.get(PARQUET_MEMORY_LIMIT)));
            outputs.add(lakeFormat);
        }
        Location from = Location.parse(sourceUri, true);
        Location to = Location.parse(destinationUri, false);
        try (ObjectStore source = from.open(config, environment, parallelism); ObjectStore destination = to.open(config, environment, parallelism)) {
            Path temp = workDir.resolve("tmp").resolve("convert");
            return Converter.run(new ConvertRequest(source, from.prefix(), from.glob(), destination, to.prefix(), outputs, input,
                    onError, parallelism, temp, config.get(BATCH_ROWS)));
        }
    }

    /** A place given as a URI: a bucket or directory, a prefix under it, and for sources an optional glob. */
    record Location(Optional<String> bucket, Optional<Path> directory, String prefix, Optional<Glob> glob) {

        static Location parse(String text, boolean allowGlob) {
            String uri = text.trim();
            if (uri.startsWith("s3://") || uri.startsWith("s3a://")) {
                String rest = uri.substring(uri.indexOf("://") + 3);
                int slash = rest.indexOf('/');
                String bucket = slash < 0 ? rest : rest.substring(0, slash);
                if (bucket.isEmpty()) {
                    throw SpateException.config("\"" + text + "\" names no bucket: write s3://bucket/prefix/");
                }
                String path = slash < 0 ? "" : rest.substring(slash + 1);
                return withPath(Optional.of(bucket), Optional.empty(), path, allowGlob, text);
            }
            String path = uri.startsWith("file:") ? Path.of(URI.create(uri.replace(" ", "%20"))).toString() : uri;
            Glob glob = Glob.compile(path);
            String literal = glob.literalPrefix();
            boolean hasGlob = !literal.equals(path);
            String dir = hasGlob ? literal.substring(0, literal.lastIndexOf('/') + 1) : path;
            Path directory = Path.of(dir.isEmpty() ? "." : dir).toAbsolutePath().normalize();
            if (hasGlob && !allowGlob) {
                throw SpateException.config("the output \"" + text + "\" must be a directory or prefix, not a glob");
            }
            return new Location(Optional.empty(), Optional.of(directory), "",
                    hasGlob ? Optional.of(Glob.compile(path.substring(dir.length()))) : Optional.empty());
        }

        private static Location withPath(Optional<String> bucket, Optional<Path> directory, String path, boolean allowGlob, String text) {
            Glob glob = Glob.compile(path);
            if (!glob.literalPrefix().equals(path)) {
                if (!allowGlob) {
                    throw SpateException.config("the output \"" + text + "\" must be a prefix, not a glob");
                }
                String prefix = path.substring(0, glob.literalPrefix().lastIndexOf('/') + 1);
                return new Location(bucket, directory, prefix, Optional.of(Glob.compile(path.substring(prefix.length()))));
            }
            return new Location(bucket, directory, path.isEmpty() || path.endsWith("/") ? path : path + "/", Optional.empty());
        }

        ObjectStore open(Configuration config, Map<String, String> environment, int parallelism) {
            if (bucket.isPresent()) {
                return new S3ObjectStore(bucket.get(), S3Settings.from(config, environment, parallelism * 4 + 4));
            }
            try {
                Files.createDirectories(directory.orElseThrow());
            } catch (IOException e) {
                throw SpateException.config("cannot create directory " + directory.get() + ": " + e.getMessage());
            }
            return new LocalObjectStore(directory.get());
        }
    }
}
