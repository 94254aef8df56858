package io.spate.http;

import io.spate.format.BadRecord;
import io.spate.format.ErrorHandling;
import io.spate.format.FormatOptions;
import io.spate.format.FormatReaders;
import io.spate.format.OnError;
import io.spate.format.RecordReader;
import io.spate.format.compress.Decompression;
import io.spate.retry.RetriableException;
import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.sdk.SystemColumns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the {@code http_csv} source: requests page after page from the position in the state, streams
 * each body into the CSV reader and the rows into {@link Operations}, and checkpoints after each page and
 * every {@code checkpoint_every_rows} records within one.
 *
 * <p>The state document: {@code cursor} is the incremental value the next run sends (written when a run
 * completes); {@code run} ({@link RunPosition}) is present while a run is unfinished.
 */
final class HttpCsvRun {
    private static final Logger LOG = LoggerFactory.getLogger(HttpCsvRun.class);
    static final String REJECTS_TABLE = "_spate_rejects";

    private final HttpCsvSettings settings;
    private final HttpFetcher fetcher;
    private final Operations ops;

    HttpCsvRun(HttpCsvSettings settings, HttpFetcher fetcher, Operations ops) {
        this.settings = settings;
        this.fetcher = fetcher;
        this.ops = ops;
    }

    void run(State state) {
        Optional<String> since = settings.incremental().flatMap(inc -> state.getString("cursor").or(inc::initial));
        RunPosition run = RunPosition.from(state).orElseGet(() -> RunPosition.start(since));
        while (true) {
            URI uri = settings.requestOf(run);
            PageResult page = readPage(uri, run);
            Optional<PagePosition> next = settings.pagination().next(run.page(), page.outcome());
            if (next.isEmpty()) {
                ops.checkpoint(completed(run.since(), page.max()));
                return;
            }
            run = run.next(next.get(), page.max());
            ops.checkpoint(run.toState());
        }
    }

    private State completed(Optional<String> since, Optional<String> max) {
        return Incremental.max(since, max).filter(c -> settings.incremental().isPresent())
                .map(cursor -> State.empty().with("cursor", cursor)).orElse(State.empty());
    }

    /** What a page held and the largest incremental value after it. */
    private record PageResult(PageOutcome outcome, Optional<String> max) {
    }

    /**
     * Records of the page already sent, the validator of the body they came from, and the largest
     * incremental value among them; survives the attempts at one page.
     */
    private static final class Progress {
        long sent;
        Optional<String> validator;
        final CursorMax max;

        Progress(RunPosition run) {
            this.sent = run.recordsDone();
            this.validator = run.validator();
            this.max = new CursorMax(run.max());
        }
    }

    private PageResult readPage(URI uri, RunPosition run) {
        String file = SafeUrl.of(uri);
        Progress progress = new Progress(run);
        return fetcher.retry().call("read " + file, attempt -> readPageOnce(uri, file, run, progress));
    }

    private PageResult readPageOnce(URI uri, String file, RunPosition run, Progress progress) throws IOException {
        Page page = fetcher.get(uri);
        try (ResumableBody raw = new ResumableBody(fetcher, page)) {
            boolean sameBody = progress.validator.isPresent() && progress.validator.equals(page.validator());
            long skip = sameBody ? progress.sent : 0;
            if (progress.sent > 0 && !sameBody) {
                LOG.info("{} may have changed since its first {} records were read (no equal ETag or Last-Modified): reading "
                        + "it again from its first record; keyed rows overwrite", file, progress.sent);
            }
            progress.sent = skip;
            progress.validator = page.validator();
            PageHandler handler = new PageHandler(file, run, progress, skip);
            try (InputStream source = settings.spool() ? spooled(raw) : raw;
                    InputStream body = BodyDecoding.decode(source, page.contentEncoding(), file);
                    RecordReader reader = FormatReaders.open(settings.format(), file,
                            Decompression.open(body, file, settings.reading().compression()), handler.readingOptions(),
                            ErrorHandling.of(settings.reading().onError(), handler::bad))) {
                handler.header(reader.columns());
                while (reader.next()) {
                    handler.record(reader.recordNumber(), reader.values());
                }
                handler.records = reader.recordNumber();
            } catch (IOException | RuntimeException e) {
                throw raw.failure().<RuntimeException>map(f -> f).orElseGet(() -> bodyFailure(file, e));
            }
            handler.reportSkipped();
            LOG.info("{}: {} records, {} bytes{}", file, handler.records, raw.position(),
                    raw.resumes() == 0 ? "" : ", resumed " + raw.resumes() + " times");
            Optional<String> cursorHeader = settings.pagination() instanceof Pagination.Cursor c
                    ? c.header().flatMap(page::header) : Optional.empty();
            Optional<String> nextLink = page.nextLink()
                    .map(link -> QueryString.without(URI.create(link), settings.query().keySet()).toString());
            return new PageResult(new PageOutcome(handler.records, handler.lastCursor, nextLink, cursorHeader), progress.max.value());
        }
    }

    /**
     * What a failure while reading a body that did not break off means: another I/O failure (retried), or
     * bad data.
     */
    private static RuntimeException bodyFailure(String file, Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ResumableBody.Broken broken) {
                return broken.failure();
            }
        }
        if (e instanceof UncheckedIOException io) {
            return new RetriableException("reading " + file + " failed: " + HttpFetcher.describe(io.getCause()), io);
        }
        if (e instanceof IOException io) {
            return new RetriableException("reading " + file + " failed: " + HttpFetcher.describe(io), io);
        }
        return (RuntimeException) e;
    }

    /** Downloads the whole body to a temporary file that is deleted when the returned stream closes. */
    private static InputStream spooled(InputStream body) throws IOException {
        Path spool = Files.createTempFile("spate-http-", ".body");
        try {
            Files.copy(body, spool, StandardCopyOption.REPLACE_EXISTING);
            return Files.newInputStream(spool, StandardOpenOption.DELETE_ON_CLOSE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(spool);
            throw e;
        }
    }

    /** Turns the records of one body into rows, and checkpoints within the page. */
    private final class PageHandler {
        private final String file;
        private final RunPosition run;
        private final Progress progress;
        private final long skip;
        private final CursorMax max;
        private final List<String> select;
        private long records;
        private Optional<String> lastCursor = Optional.empty();
        private int[] kept;
        private int incrementalIndex = -1;
        private int cursorIndex = -1;
        private Object[] values;
        private Operations.RowWriter writer;
        private long skippedBad;
        private String firstBad;

        PageHandler(String file, RunPosition run, Progress progress, long skip) {
            this.file = file;
            this.run = run;
            this.progress = progress;
            this.skip = skip;
            this.max = progress.max;
            this.select = settings.reading().select();
        }

        /** The reading options: with {@code select}, the incremental and cursor columns are read too. */
        FormatOptions readingOptions() {
            if (select.isEmpty()) {
                return settings.reading();
            }
            List<String> read = new ArrayList<>(select);
            settings.incremental().map(Incremental::column).filter(c -> !read.contains(c)).ifPresent(read::add);
            settings.pagination().cursorColumn().filter(c -> !read.contains(c)).ifPresent(read::add);
            return settings.reading().withSelect(read);
        }

        void header(List<String> columns) {
            List<String> names = select.isEmpty() ? columns : select;
            kept = new int[names.size()];
            for (int i = 0; i < names.size(); i++) {
                kept[i] = indexOf(columns, names.get(i), "select");
            }
            for (String key : settings.primaryKey()) {
                indexOf(names, key, "primary_key");
            }
            settings.incremental().ifPresent(inc -> incrementalIndex = indexOf(columns, inc.column(), "incremental"));
            settings.pagination().cursorColumn().ifPresent(column -> cursorIndex = indexOf(columns, column, "pagination"));
            List<String> writerColumns = new ArrayList<>(names);
            if (settings.keyedByPosition()) {
                writerColumns.add(SystemColumns.FILE);
                writerColumns.add(SystemColumns.LINE);
            }
            values = new Object[writerColumns.size()];
            if (!columns.isEmpty()) {
                writer = ops.rowWriter(settings.table(), writerColumns);
            }
        }

        private int indexOf(List<String> columns, String name, String option) {
            int index = columns.indexOf(name);
            if (index < 0) {
                throw SpateException.data(file + " has no column \"" + name + "\" named by " + option + "; its columns are "
                        + String.join(", ", columns));
            }
            return index;
        }

        void record(long number, Object[] fields) {
            records = number;
            if (cursorIndex >= 0) {
                lastCursor = Optional.ofNullable(fields[cursorIndex]).map(Object::toString);
            }
            if (number <= skip) {
                return;
            }
            if (incrementalIndex >= 0 && fields[incrementalIndex] != null) {
                max.offer(fields[incrementalIndex].toString());
            }
            for (int i = 0; i < kept.length; i++) {
                values[i] = fields[kept[i]];
            }
            if (settings.keyedByPosition()) {
                values[kept.length] = file;
                values[kept.length + 1] = number;
            }
            writer.upsert(values);
            sent(number);
        }

        /** A bad record under on_error skip or quarantine (fail throws in the reader). */
        void bad(BadRecord bad) {
            records = bad.recordNumber();
            if (bad.recordNumber() <= skip) {
                return;
            }
            if (settings.reading().onError() == OnError.QUARANTINE) {
                Map<String, Object> reject = new LinkedHashMap<>();
                reject.put("table", settings.table());
                reject.put(SystemColumns.FILE, file);
                reject.put(SystemColumns.LINE, bad.recordNumber());
                reject.put("reason", bad.message());
                reject.put("record", bad.rawText());
                ops.upsert(REJECTS_TABLE, reject);
            } else if (skippedBad++ == 0) {
                firstBad = bad.message();
            }
            sent(bad.recordNumber());
        }

        private void sent(long number) {
            progress.sent = number;
            if (number % settings.checkpointEveryRows() == 0) {
                ops.checkpoint(run.within(number, progress.validator, max.value()).toState());
            }
        }

        void reportSkipped() {
            if (skippedBad > 0) {
                ops.warning("skipped " + skippedBad + " bad records of " + file + "; the first: " + firstBad);
            }
        }
    }
}
