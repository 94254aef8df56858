package io.spate.http;

import io.spate.retry.RetryPolicy;
import io.spate.sdk.Column;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code http_csv} source: a large CSV export behind an API key, streamed page by page into the
 * runtime, retried, resumed and incremental. docs/http_csv.md is its reference.
 */
public final class HttpCsvConnector implements Connector {
    private final UnaryOperator<RetryPolicy.Builder> retryTuning;
    /** The first page, opened by {@link #schema} to sample its types, for {@link #update} to read on. */
    private Prefetched prefetched;

    /** A first page opened by {@link #schema}, with the configuration and the request it was opened for. */
    record Prefetched(Map<String, Object> config, URI uri, OpenBody body) {
    }

    public HttpCsvConnector() {
        this(builder -> builder);
    }

    /** For tests: adjusts the retry policy built from the options (e.g. a recording sleeper). */
    HttpCsvConnector(UnaryOperator<RetryPolicy.Builder> retryTuning) {
        this.retryTuning = retryTuning;
    }

    @Override
    public String name() {
        return "http_csv";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return HttpCsvOptions.ALL;
    }

    @Override
    public List<String> validate(Configuration config) {
        return HttpCsvSettings.ruleProblems(config);
    }

    /**
     * The table, with the types of the columns {@code columns} does not declare inferred from the first
     * {@code sample_bytes} of the first page a first run requests. That page stays open, its sample in
     * memory, for {@link #update} to read from its first byte without requesting it again (when the run
     * starts with the same request; else it is closed).
     */
    @Override
    public List<TableSpec> schema(Configuration config) {
        HttpCsvSettings settings = HttpCsvSettings.from(config);
        keep(null);
        if (!settings.needsSample()) {
            return List.of(settings.tableSpec(List.of()));
        }
        HttpFetcher fetcher = fetcher(settings);
        URI uri = settings.firstRequest();
        String file = SafeUrl.of(uri);
        int limit = (int) Math.min(settings.reading().sampleBytes(), Integer.MAX_VALUE - 16);
        Sampled sampled = fetcher.retry().call("read " + file, attempt -> sample(fetcher, uri, file, settings, limit));
        List<Column> columns;
        try {
            columns = SampledSchema.infer(sampled.bytes(), sampled.bytes().length == limit, file, settings);
        } catch (RuntimeException e) {
            HttpCsvRun.closeQuietly(sampled.body(), e);
            throw e;
        }
        keep(new Prefetched(config.asMap(), uri, sampled.body()));
        return List.of(settings.tableSpec(columns));
    }

    /** An opened first page and the bytes taken from its front. */
    private record Sampled(OpenBody body, byte[] bytes) {
    }

    private static Sampled sample(HttpFetcher fetcher, URI uri, String file, HttpCsvSettings settings, int limit) {
        OpenBody body = OpenBody.open(fetcher, fetcher.get(uri), file, settings);
        try {
            return new Sampled(body, body.takePrefix(limit));
        } catch (IOException | RuntimeException e) {
            RuntimeException failure = body.raw().failure().<RuntimeException>map(f -> f)
                    .orElseGet(() -> HttpCsvRun.bodyFailure(file, e));
            HttpCsvRun.closeQuietly(body, failure);
            throw failure;
        }
    }

    @Override
    public void update(Configuration config, State state, Operations ops) {
        HttpCsvSettings settings = HttpCsvSettings.from(config);
        Optional<Prefetched> first = take(config);
        new HttpCsvRun(settings, fetcher(settings), ops, first).run(state);
    }

    /** Keeps {@code next} (may be null) for {@link #update}, closing a page kept before and never taken. */
    private synchronized void keep(Prefetched next) {
        if (prefetched != null) {
            HttpCsvRun.closeQuietly(prefetched.body(), null);
        }
        prefetched = next;
    }

    /** The first page {@link #schema} opened for this configuration, handed over once. */
    private synchronized Optional<Prefetched> take(Configuration config) {
        Optional<Prefetched> taken = Optional.ofNullable(prefetched).filter(p -> p.config().equals(config.asMap()));
        if (taken.isEmpty()) {
            keep(null);
        }
        prefetched = null;
        return taken;
    }

    /** Requests the first page and reads nothing but its status: fails naming what to fix. */
    @Override
    public void check(Configuration config) {
        HttpCsvSettings settings = HttpCsvSettings.from(config);
        HttpFetcher fetcher = fetcher(settings);
        fetcher.retry().run("check " + SafeUrl.of(settings.apiUrl()), () -> {
            try (InputStream body = fetcher.get(settings.firstRequest()).body()) {
                body.readNBytes(1);
            }
        });
    }

    private HttpFetcher fetcher(HttpCsvSettings settings) {
        RetryPolicy retry = retryTuning.apply(RetryPolicy.builder().maxAttempts(settings.maxRetries() + 1)
                .initialDelay(settings.initialRetryDelay()).maxDelay(settings.maxRetryDelay()).multiplier(2.0)).build();
        return new HttpFetcher(settings.headers(), settings.timeouts(), settings.secrets(), retry);
    }
}
