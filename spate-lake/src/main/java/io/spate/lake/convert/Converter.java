package io.spate.lake.convert;

import io.spate.lake.parquet.ParquetFileWriter;
import io.spate.sdk.SpateException;
import io.spate.storage.ObjectInfo;
import io.spate.storage.ObjectStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Converts every matching file under a source prefix into one output per requested format under a
 * destination prefix, mirroring relative paths ({@code a/b/x.csv.gz} becomes {@code a/b/x.parquet} and
 * {@code a/b/x.avro}). Each file is read once, streamed, with column types inferred from a bounded sample at
 * its start, and its batches are encoded into all formats at once. A file that fails does not stop the
 * others. A file whose outputs were all written records a marker
 * {@code _spate_convert/done/<relative path>/<etag>.<formats>} under the destination prefix, and a later run
 * skips a file whose marker for the same ETag and formats is there (one LIST of the markers, no reads).
 *
 * <pre>{@code
 * ConvertReport report = Converter.run(request);
 * System.out.print(report.toTable());
 * }</pre>
 */
public final class Converter {
    private static final Logger LOG = LoggerFactory.getLogger(Converter.class);
    /** Under the destination prefix: markers of converted files. */
    public static final String MARKERS = "_spate_convert/done/";
    /** Under the destination prefix: bad records of files read with {@code on_error: quarantine}. */
    public static final String REJECTS = "_spate_convert/rejects/";

    private Converter() {
    }

    /** Runs a conversion to the end and reports on every file; the stores stay open (the caller owns them). */
    public static ConvertReport run(ConvertRequest request) {
        long start = System.nanoTime();
        CountingObjectStore source = new CountingObjectStore(request.source());
        CountingObjectStore destination = new CountingObjectStore(request.destination());
        ParquetFileWriter parquet = ParquetFileWriter.duckDb(request.tempDirectory());
        String signature = request.formats().stream().map(f -> f.format().optionName()).collect(Collectors.joining("+"));
        Set<String> markers = keys(destination, request.destinationPrefix() + MARKERS);
        List<ObjectInfo> files = inputs(source, destination, request);

        List<String> skipped = new ArrayList<>();
        Map<String, Future<ConvertReport.FileResult>> running = new LinkedHashMap<>();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService filePool = Executors.newFixedThreadPool(request.parallelism(), r -> daemon(r, "spate-convert-" + threadNumber.incrementAndGet()));
        ExecutorService formatPool = Executors.newFixedThreadPool(request.parallelism() * request.formats().size(),
                r -> daemon(r, "spate-convert-encode-" + threadNumber.incrementAndGet()));
        try {
            Map<String, String> outputBases = new HashMap<>();
            List<ConvertReport.Failure> clashes = new ArrayList<>();
            for (ObjectInfo file : files) {
                String relative = file.key().substring(request.sourcePrefix().length());
                String marker = markerKey(request.destinationPrefix(), relative, versionOf(file), signature);
                if (markers.contains(marker)) {
                    skipped.add(file.key());
                    continue;
                }
                String base = outputBase(relative);
                String first = outputBases.putIfAbsent(base, file.key());
                if (first != null) {
                    clashes.add(new ConvertReport.Failure(file.key(), "its outputs would have the same names as those of " + first
                            + " (" + base + ".*): convert one of them at a time, or rename one"));
                    continue;
                }
                FileConversion conversion = new FileConversion(request, source, destination, parquet, formatPool, file, relative, marker);
                running.put(file.key(), filePool.submit(conversion::convert));
            }
            List<ConvertReport.FileResult> converted = new ArrayList<>();
            List<ConvertReport.Failure> failures = new ArrayList<>(clashes);
            for (Map.Entry<String, Future<ConvertReport.FileResult>> entry : running.entrySet()) {
                try {
                    converted.add(entry.getValue().get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    String reason = cause instanceof SpateException ? cause.getMessage()
                            : cause.getClass().getSimpleName() + ": " + cause.getMessage();
                    LOG.debug("converting {} failed", entry.getKey(), cause);
                    failures.add(new ConvertReport.Failure(entry.getKey(), reason));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SpateException(SpateException.Category.INTERNAL, "interrupted while converting", e);
                }
            }
            return new ConvertReport(converted, skipped, failures, source.counts(), destination.counts(),
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            filePool.shutdownNow();
            formatPool.shutdownNow();
        }
    }

    /** The relative path of a file's outputs without their extension: {@code a/b/x.csv.gz} -> {@code a/b/x}. */
    static String outputBase(String relative) {
        return relative.substring(0, relative.lastIndexOf('/') + 1) + io.spate.format.Format.baseName(relative);
    }

    private static List<ObjectInfo> inputs(ObjectStore source, ObjectStore destination, ConvertRequest request) {
        // outputs written inside the source tree are not inputs of a later run
        String destinationUri = destination.uriOf(request.destinationPrefix());
        String outputs = destinationUri.endsWith("/") ? destinationUri : destinationUri + "/";
        try (Stream<ObjectInfo> listing = source.list(request.sourcePrefix())) {
            return listing.filter(o -> !o.key().endsWith("/"))
                    .filter(o -> !source.uriOf(o.key()).startsWith(outputs))
                    .filter(o -> {
                        String relative = o.key().substring(request.sourcePrefix().length());
                        return !relative.startsWith("_spate") && !relative.contains("/_spate")
                                && request.glob().map(g -> g.matches(relative)).orElse(true);
                    })
                    .toList();
        }
    }

    private static Set<String> keys(ObjectStore store, String prefix) {
        try (Stream<ObjectInfo> listing = store.list(prefix)) {
            Set<String> keys = new HashSet<>();
            listing.forEach(o -> keys.add(o.key()));
            return keys;
        }
    }

    /** The version of an input a marker records: its ETag, or size and time where the store has no ETag. */
    static String versionOf(ObjectInfo file) {
        String version = file.etag().isEmpty() ? file.size() + "-" + file.lastModified().toEpochMilli() : file.etag();
        return version.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    static String markerKey(String destinationPrefix, String relative, String version, String signature) {
        return destinationPrefix + MARKERS + relative + "/" + version + "." + signature;
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
