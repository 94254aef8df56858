package io.spate.cli;

import io.spate.cli.event.CreatedObject;
import io.spate.cli.event.KeySelection;
import io.spate.cli.event.S3EventNotification;
import io.spate.cli.output.Numbers;
import io.spate.cli.output.TextTable;
import io.spate.lake.convert.Convert;
import io.spate.lake.convert.ConvertReport;
import io.spate.sdk.Secrets;
import io.spate.sdk.SpateException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code spate convert}: every file under a source URI into each requested format under a destination
 * URI, mirroring relative paths; a thin command over {@link Convert}, the engine in spate-lake.
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Converts files (CSV, TSV) to Parquet, Avro, CSV, TSV, JSON or JSONL.",
                "Every file under SRC_URI (s3://bucket/prefix/, a glob, a directory) becomes one output per format of",
                "--to under DEST_URI, mirroring relative paths (a/b/x.csv.gz -> a/b/x.parquet, a/b/x.avro). Each file is",
                "read once and written to all formats at once; files already converted from the same version (ETag)",
                "are skipped. A failing file does not stop the others. Prints a table of files, rows, MB, seconds,",
                "MB/s and the requests made; exit 1 if any file failed.",
                "S3 credentials, region and endpoint also come from the standard AWS environment variables."},
        footer = {"", "Examples:",
                "  spate convert s3://landing/in/ --to parquet,avro --out s3://lake/orders/",
                "  spate convert ./csv --to parquet --out ./parquet --parallelism 2",
                "  spate convert s3://landing/in/ --to parquet --out s3://lake/o/ --keys-from event.json"})
final class ConvertCommand extends SpateCommand {
    @Parameters(index = "0", paramLabel = "SRC_URI",
            description = "The files to convert: s3://bucket/prefix/, s3://bucket/prefix/**/*.csv.gz, a directory or file:///dir/.")
    private String source;

    @Option(names = "--to", required = true, split = ",", paramLabel = "FORMAT[,FORMAT...]",
            description = "Output formats: parquet, avro, csv, tsv, json, jsonl.")
    private List<String> formats;

    @Option(names = "--out", required = true, paramLabel = "DEST_URI",
            description = "Where outputs go: s3://bucket/prefix/ or a directory.")
    private String destination;

    @Option(names = "--parallelism", paramLabel = "N", description = "Files converted at once (default 4, or the cores when fewer, at least 2).")
    private Integer parallelism;

    @Option(names = "--format", paramLabel = "FORMAT", description = "The input format (default: auto, from each file's name).")
    private String inputFormat;

    @Option(names = "--compression", paramLabel = "CODEC", description = "The input compression (default: auto, from each file's name and magic bytes).")
    private String inputCompression;

    @Option(names = "--on-error", paramLabel = "fail|skip|quarantine",
            description = "A bad record fails its file (default), is skipped, or is skipped and kept in a rejects file.")
    private String onError;

    @Option(names = "--endpoint", paramLabel = "URL", description = "An S3-compatible endpoint (path-style); default: AWS, or AWS_ENDPOINT_URL(_S3).")
    private String endpoint;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
            description = "Any other engine option, e.g. parquet_compression=snappy, avro_compression=zstd, delimiter=;, region_name=eu-west-1.")
    private Map<String, String> extraOptions = new LinkedHashMap<>();

    @Option(names = "--keys-from", paramLabel = "EVENT.json",
            description = "Convert only the objects an S3 event notification document names (ObjectCreated:* records under SRC_URI).")
    private Path eventFile;

    @Override
    protected ExitCode execute(Cli cli) {
        Map<String, Object> options = options();
        cli.redactor().addAll(secrets(options, cli.environment()));
        String from = source;
        if (eventFile != null) {
            S3EventNotification event = S3EventNotification.read(eventFile);
            KeySelection selection = KeySelection.of(source, event);
            for (CreatedObject outside : selection.outside()) {
                cli.err().println("not under " + source + ", not converted: " + outside.uri());
            }
            if (selection.narrowedUri().isEmpty()) {
                cli.out().println("nothing to convert: " + eventFile + " names no created object under " + source
                        + " (" + event.created().size() + " created, " + event.ignored().size() + " other records)");
                return ExitCode.OK;
            }
            from = selection.narrowedUri().get();
        }
        ConvertReport report = Convert.run(from, formats, destination, options, cli.environment(), common().workDir());
        if (!common().quiet()) {
            print(cli, report);
        } else {
            report.failures().forEach(failure -> cli.out().println("failed: " + failure.source() + ": " + failure.reason()));
        }
        return report.failed() ? ExitCode.FAILED : ExitCode.OK;
    }

    private Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>(extraOptions);
        Optional.ofNullable(parallelism).ifPresent(n -> options.put("parallelism", n));
        Optional.ofNullable(inputFormat).ifPresent(f -> options.put("format", f));
        Optional.ofNullable(inputCompression).ifPresent(c -> options.put("compression", c));
        Optional.ofNullable(onError).ifPresent(e -> options.put("on_error", e));
        Optional.ofNullable(endpoint).ifPresent(e -> options.put("endpoint", e));
        if (formats.stream().anyMatch(String::isBlank)) {
            throw SpateException.config("--to has an empty format: write --to parquet,avro");
        }
        return options;
    }

    /** Secret-named options and environment variables (AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). */
    private static List<String> secrets(Map<String, Object> options, Map<String, String> environment) {
        List<String> secrets = new ArrayList<>();
        options.forEach((key, value) -> {
            if (Secrets.isSensitiveKey(key)) {
                secrets.add(String.valueOf(value));
            }
        });
        environment.forEach((name, value) -> {
            if (Secrets.isSensitiveKey(name.toLowerCase(Locale.ROOT))) {
                secrets.add(value);
            }
        });
        return secrets;
    }

    /** Megabytes of 10^6 bytes, as the engine's MB/s counts them. */
    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    /**
     * <pre>
     * file            rows    MB  seconds  MB/s  outputs
     * a/x.csv.gz   100,000  12.3      1.2  10.3  a/x.parquet, a/x.avro
     * total        100,000  12.3      1.4   8.8
     *
     * 1 converted, 2 skipped (already converted), 0 failed
     * requests: source LIST 1, GET 1; destination PUT 3
     * </pre>
     */
    private static void print(Cli cli, ConvertReport report) {
        TextTable table = new TextTable(List.of("file", "rows", "MB", "seconds", "MB/s", "outputs"));
        for (ConvertReport.FileResult file : report.converted()) {
            table.add(List.of(file.source(), Numbers.count(file.rows()), megabytes(file.bytes()),
                    String.format(Locale.ROOT, "%.1f", file.seconds()), String.format(Locale.ROOT, "%.1f", file.megabytesPerSecond()),
                    String.join(", ", file.outputs())));
        }
        Duration elapsed = report.elapsed();
        table.add(List.of("total", Numbers.count(report.totalRows()), megabytes(report.totalBytes()),
                Numbers.seconds(elapsed), String.format(Locale.ROOT, "%.1f", report.megabytesPerSecond()), ""));
        table.print(cli.out());
        cli.out().println();
        cli.out().println(report.converted().size() + " converted, " + report.skipped().size() + " skipped (already converted), "
                + report.failures().size() + " failed");
        long rejected = report.converted().stream().mapToLong(ConvertReport.FileResult::rejected).sum();
        if (rejected > 0) {
            cli.out().println(Numbers.count(rejected) + " bad records skipped");
        }
        cli.out().println("requests: source " + report.sourceRequests() + "; destination " + report.destinationRequests());
        for (ConvertReport.Failure failure : report.failures()) {
            cli.out().println("failed: " + failure.source() + ": " + failure.reason());
        }
    }
}
