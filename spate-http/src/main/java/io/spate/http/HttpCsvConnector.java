package io.spate.http;

import io.spate.retry.RetryPolicy;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.io.InputStream;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The {@code http_csv} source: a large CSV export behind an API key, streamed page by page into the
 * runtime, retried, resumed and incremental. docs/http_csv.md is its reference.
 */
public final class HttpCsvConnector implements Connector {
    private final UnaryOperator<RetryPolicy.Builder> retryTuning;

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

    @Override
    public List<TableSpec> schema(Configuration config) {
        return List.of(HttpCsvSettings.from(config).tableSpec());
    }

    @Override
    public void update(Configuration config, State state, Operations ops) {
        HttpCsvSettings settings = HttpCsvSettings.from(config);
        new HttpCsvRun(settings, fetcher(settings), ops).run(state);
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
