package io.spate.http;

import io.spate.http.HttpCsvOptions.OnError;
import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.sdk.SystemColumns;
import java.io.IOException;
import java.io.InputStream;
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
    private final CsvRecords csv;
    private final Operations ops;

    HttpCsvRun(HttpCsvSettings settings, HttpFetcher fetcher, CsvRecords csv, Operations ops) {
        this.settings = settings;
        this.fetcher = fetcher;
        this.csv = csv;
        this.ops = ops;
    }

    void run(State state) {
        Optional<String> since = settings.incremental().flatMap(inc -> state.getString("cursor").or(inc::initial));
        RunPosition run = RunPosition.from(state).orElseGet(() -> RunPosition.start(since));
        while (true) {
            URI uri = requestOf(run);
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

    /** The first request's URL, for {@code check}. */
    URI firstRequest() {
        return requestOf(RunPosition.start(settings.incremental().flatMap(Incremental::initial)));
    }

    private State completed(Optional<String> since, Optional<String> max) {
        return Incremental.max(since, max).filter(c -> settings.incremental().isPresent())
                .map(cursor -> State.empty().with("cursor", cursor)).orElse(State.empty());
    }

    private URI requestOf(RunPosition run) {
        Map<String, String> parameters = new LinkedHashMap<>(settings.query());
        settings.incremental().ifPresent(inc -> run.since().ifPresent(value -> parameters.put(inc.param(), value)));
        if (run.page().link().isPresent()) {
            return QueryString.with(URI.create(run.page().link().get()), parameters);
        }
        parameters.putAll(settings.pagination().parameters(run.page()));
        return QueryString.with(settings.apiUrl(), parameters);
    }

    /** What a page held and the largest incremental value after it. */
    private record PageResult(PageOutcome outcome, Optional<String> max) {
    }

    /** Records of the page already sent, and the validator of the body they came from; survives retries. */
    private static final class Progress {
        long sent;
        Optional<String> validator;

        Progress(long sent, Optional<String> validator) {
            this.sent = sent;
            this.validator = validator;
        }
    }

    private PageResult readPage(URI uri, RunPosition run) {
        String file = SafeUrl.of(uri);
        Progress progress = new Progress(run.recordsDone(), run.validator());
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
            CursorMax max = new CursorMax(run.max());
            PageHandler handler = new PageHandler(file, run, progress, skip, max);
            try (InputStream decoded = BodyDecoding.decode(settings.spool() ? spooled(raw, file) : raw, page.contentEncoding(), file)) {
                csv.read(decoded, file, handler);
            }
            handler.reportSkipped();
            LOG.info("{}: {} records, {} bytes{}", file, handler.records, raw.position(),
                    raw.resumes() == 0 ? "" : ", resumed " + raw.resumes() + " times");
            Optional<String> cursorHeader = settings.pagination() instanceof Pagination.Cursor c
                    ? c.header().flatMap(page::header) : Optional.empty();
            Optional<String> nextLink = page.nextLink()
                    .map(link -> QueryString.without(URI.create(link), settings.query().keySet()).toString());
            return new PageResult(new PageOutcome(handler.records, handler.lastCursor, nextLink, cursorHeader), max.value());
        }
    }

    /** Downloads the whole body to a temporary file that is deleted when the returned stream closes. */
    private static InputStream spooled(InputStream body, String file) throws IOException {
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
    private final class PageHandler implements CsvRecords.Handler {
        private final String file;
        private final RunPosition run;
        private final Progress progress;
        private final long skip;
        private final CursorMax max;
        private long records;
        private Optional<String> lastCursor = Optional.empty();
        private int[] kept;
        private int incrementalIndex = -1;
        private int cursorIndex = -1;
        private Object[] values;
        private Operations.RowWriter writer;
        private long skippedMalformed;
        private String firstMalformed;

        PageHandler(String file, RunPosition run, Progress progress, long skip, CursorMax max) {
            this.file = file;
            this.run = run;
            this.progress = progress;
            this.skip = skip;
            this.max = max;
        }

        @Override
        public void header(List<String> columns) {
            List<String> names = settings.select().isEmpty() ? columns : settings.select();
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

        @Override
        public void record(long number, String[] fields) {
            records = number;
            if (cursorIndex >= 0) {
                lastCursor = Optional.ofNullable(fields[cursorIndex]);
            }
            if (number <= skip) {
                return;
            }
            if (incrementalIndex >= 0) {
                max.offer(fields[incrementalIndex]);
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

        @Override
        public void malformed(long number, long line, String reason, String raw) {
            records = number;
            if (number <= skip) {
                return;
            }
            String place = file + " line " + line + " (record " + number + ")";
            switch (settings.onError()) {
                case FAIL -> throw SpateException.data(place + " " + reason + " (set on_error: skip or quarantine to go on)");
                case SKIP -> {
                    if (skippedMalformed++ == 0) {
                        firstMalformed = place + " " + reason;
                    }
                }
                case QUARANTINE -> {
                    Map<String, Object> reject = new LinkedHashMap<>();
                    reject.put("table", settings.table());
                    reject.put(SystemColumns.FILE, file);
                    reject.put(SystemColumns.LINE, number);
                    reject.put("reason", "line " + line + " " + reason);
                    reject.put("record", raw);
                    ops.upsert(REJECTS_TABLE, reject);
                }
            }
            sent(number);
        }

        private void sent(long number) {
            progress.sent = number;
            if (number % settings.checkpointEveryRows() == 0) {
                ops.checkpoint(run.within(number, progress.validator, max.value()).toState());
            }
        }

        void reportSkipped() {
            if (skippedMalformed > 0 && settings.onError() == OnError.SKIP) {
                ops.warning("skipped " + skippedMalformed + " malformed records of " + file + "; the first: " + firstMalformed);
            }
        }
    }
}
