package io.spate.http;

import io.spate.filter.Filter;
import io.spate.filter.RowPredicate;
import io.spate.format.BadRecord;
import io.spate.format.ErrorHandling;
import io.spate.format.FormatOptions;
import io.spate.format.FormatReaders;
import io.spate.format.OnError;
import io.spate.format.RecordReader;
import io.spate.retry.RetriableException;
import io.spate.runtime.BackgroundCheckpoints;
import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.sdk.SystemColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
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
 * every {@code checkpoint_every_rows} records within one (those in the background: {@link BackgroundCheckpoints}).
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
    private final BackgroundCheckpoints checkpoints;

    private Optional<HttpCsvConnector.Prefetched> prefetched;
    private long filteredOut;

    /**
     * @param prefetched the first page a first run requests, opened (and sampled) by the connector's schema
     */
    HttpCsvRun(HttpCsvSettings settings, HttpFetcher fetcher, Operations ops, Optional<HttpCsvConnector.Prefetched> prefetched) {
        this.settings = settings;
        this.fetcher = fetcher;
        this.ops = ops;
        this.checkpoints = new BackgroundCheckpoints(ops, "spate-http-checkpoints");
        this.prefetched = prefetched;
    }

    void run(State state) {
        Throwable failure = null;
        try {
            Optional<String> since = settings.incremental().flatMap(inc -> state.getString("cursor").or(inc::initial));
            RunPosition run = RunPosition.from(state).orElseGet(() -> RunPosition.start(since));
            while (true) {
                URI uri = settings.requestOf(run);
                PageResult page = readPage(uri, run);
                Optional<PagePosition> next = settings.pagination().next(run.page(), page.outcome());
                if (next.isEmpty()) {
                    checkpoints.checkpointNow(completed(run.since(), page.max()));
                    settings.filter().ifPresent(filter -> LOG.info("{} records filtered out by the filter {}", filteredOut,
                            filter.text()));
                    return;
                }
                run = run.next(next.get(), page.max());
                checkpoints.checkpointNow(run.toState());
            }
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            checkpoints.close(failure);
            prefetched.ifPresent(unread -> closeQuietly(unread.body(), null));
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
        OpenBody opened = prefetchedFor(uri).orElseGet(() -> OpenBody.open(fetcher, fetcher.get(uri), file, settings));
        Page page = opened.page();
        ResumableBody raw = opened.raw();
        try (OpenBody body = opened) {
            boolean sameBody = progress.validator.isPresent() && progress.validator.equals(page.validator());
            long skip = sameBody ? progress.sent : 0;
            if (progress.sent > 0 && !sameBody) {
                LOG.info("{} may have changed since its first {} records were read (no equal ETag or Last-Modified): reading "
                        + "it again from its first record; keyed rows overwrite", file, progress.sent);
            }
            progress.sent = skip;
            progress.validator = page.validator();
            PageHandler handler = new PageHandler(file, run, progress, skip);
            try (RecordReader reader = FormatReaders.open(settings.format(), file, body.stream(), handler.readingOptions(),
                    ErrorHandling.of(settings.reading().onError(), handler::bad))) {
                handler.header(reader.columns());
                while (reader.next()) {
                    handler.record(reader.recordNumber(), reader.lineNumber(), reader.values());
                }
                handler.records = reader.recordNumber();
            } catch (RuntimeException e) {
                throw raw.failure().<RuntimeException>map(f -> f).orElseGet(() -> bodyFailure(file, e));
            }
            handler.reportSkipped();
            filteredOut += handler.filtered;
            LOG.info("{}: {} records{}, {} bytes{}", file, handler.records,
                    settings.filter().isEmpty() ? "" : ", " + handler.filtered + " filtered out", raw.position(),
                    raw.resumes() == 0 ? "" : ", resumed " + raw.resumes() + " times");
            Optional<String> cursorHeader = settings.pagination() instanceof Pagination.Cursor c
                    ? c.header().flatMap(page::header) : Optional.empty();
            Optional<String> nextLink = page.nextLink()
                    .map(link -> QueryString.without(URI.create(link), settings.query().keySet()).toString());
            return new PageResult(new PageOutcome(handler.records, handler.lastCursor, nextLink, cursorHeader), progress.max.value());
        }
    }

    /**
     * The first page as {@link HttpCsvConnector#schema} opened it, when this is its request (once); else it is
     * closed: the run starts elsewhere (a later incremental run, a resumed run).
     */
    private Optional<OpenBody> prefetchedFor(URI uri) {
        Optional<HttpCsvConnector.Prefetched> first = prefetched;
        prefetched = Optional.empty();
        if (first.isPresent() && !first.get().uri().equals(uri)) {
            LOG.info("the run starts at {}, not at the page sampled for the schema: that one is closed unread",
                    SafeUrl.of(uri));
            closeQuietly(first.get().body(), null);
            return Optional.empty();
        }
        return first.map(HttpCsvConnector.Prefetched::body);
    }

    /** Closes {@code body}; a failure to close is added to {@code failure} when there is one, else logged. */
    static void closeQuietly(java.io.Closeable body, Throwable failure) {
        try {
            body.close();
        } catch (IOException | RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            } else {
                LOG.debug("closing a body failed", e);
            }
        }
    }

    /**
     * What a failure while reading a body that did not break off means: another I/O failure (retried), or
     * bad data.
     */
    static RuntimeException bodyFailure(String file, Exception e) {
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
        private RowPredicate predicate;
        private long filtered;

        PageHandler(String file, RunPosition run, Progress progress, long skip) {
            this.file = file;
            this.run = run;
            this.progress = progress;
            this.skip = skip;
            this.max = progress.max;
            this.select = settings.reading().select();
        }

        /**
         * The reading options: with {@code select}, the incremental and cursor columns are read too, and every
         * column of the body when the filter names a column that is not among those.
         */
        FormatOptions readingOptions() {
            if (select.isEmpty()) {
                return settings.reading();
            }
            List<String> read = new ArrayList<>(select);
            settings.incremental().map(Incremental::column).filter(c -> !read.contains(c)).ifPresent(read::add);
            settings.pagination().cursorColumn().filter(c -> !read.contains(c)).ifPresent(read::add);
            if (settings.filter().isPresent() && !bindsTo(settings.filter().get(), read)) {
                return settings.reading().withSelect(List.of());
            }
            return settings.reading().withSelect(read);
        }

        private static boolean bindsTo(Filter filter, List<String> columns) {
            try {
                filter.bind(columns);
                return true;
            } catch (SpateException notAmongThem) {
                return false;
            }
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
            if (settings.filter().isPresent() && !columns.isEmpty()) {
                try {
                    predicate = settings.filter().get().bind(columns);
                } catch (SpateException e) {
                    throw new SpateException(e.category(), file + ": " + e.getMessage());
                }
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

        /**
         * One good record. The incremental maximum and the cursor follow every record the server sent, also
         * those the filter drops: the next run asks for what is newer than what the server has already sent.
         */
        void record(long number, long line, Object[] fields) {
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
            if (predicate != null && !passes(number, line, fields)) {
                return;
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

        /**
         * Whether the record passes the filter; when it does not, it is counted as filtered out (or, when a
         * value cannot be compared, handled as a bad record under {@code on_error}) and its progress noted.
         */
        private boolean passes(long number, long line, Object[] fields) {
            try {
                if (predicate.test(fields)) {
                    return true;
                }
            } catch (SpateException e) {
                if (e.category() != SpateException.Category.DATA) {
                    throw new SpateException(e.category(), file + " line " + line + ": " + e.getMessage());
                }
                BadRecord bad = new BadRecord(file, line, number, Optional.empty(), e.getMessage(), csvText(fields));
                if (settings.reading().onError() == OnError.FAIL) {
                    throw SpateException.data(bad.message());
                }
                bad(bad);
                return false;
            }
            filtered++;
            sent(number);
            return false;
        }

        /** The record's fields as read, as a CSV line, for {@code _spate_rejects}. */
        private String csvText(Object[] fields) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < fields.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (fields[i] != null) {
                    out.append('"').append(fields[i].toString().replace("\"", "\"\"")).append('"');
                }
            }
            return out.toString();
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
                checkpoints.checkpoint(run.within(number, progress.validator, max.value()).toState());
            }
        }

        void reportSkipped() {
            if (skippedBad > 0) {
                ops.warning("skipped " + skippedBad + " bad records of " + file + "; the first: " + firstBad);
            }
        }
    }
}
