package io.spate.http;

import io.spate.retry.RetriableException;
import io.spate.retry.RetryPolicy;
import io.spate.sdk.Secrets;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLException;

/**
 * Sends the GET requests of one run with the JDK's HttpClient: adds the configured headers, sorts answers
 * into success, transient failures ({@link RetriableException}, with the server's Retry-After) and
 * permanent ones (a {@link SpateException} naming the status, the URL without credentials and the first
 * bytes of the body). It makes one attempt per call; callers retry through the {@link RetryPolicy}.
 */
final class HttpFetcher {
    static final Set<Integer> TRANSIENT_STATUSES = Set.of(429, 500, 502, 503, 504);
    private static final int SNIPPET_BYTES = 200;

    private final HttpClient client;
    private final Map<String, String> headers;
    private final Timeouts timeouts;
    private final List<String> secrets;
    private final RetryPolicy retry;

    HttpFetcher(Map<String, String> headers, Timeouts timeouts, List<String> secrets, RetryPolicy retry) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.headers = Map.copyOf(headers);
        this.timeouts = timeouts;
        this.secrets = List.copyOf(secrets);
        this.retry = retry;
    }

    RetryPolicy retry() {
        return retry;
    }

    /** One GET of the whole resource; the returned page's body must be closed. */
    Page get(URI uri) {
        Answer answer = send(uri, Map.of());
        if (answer.response().statusCode() != 200) {
            throw failure(uri, answer);
        }
        return new Page(uri, answer.response().headers(), answer.body());
    }

    /** A response whose body is streamed on demand. */
    private record Answer(HttpResponse<?> response, BodyStream body) {
    }

    /**
     * The rest of a body from byte {@code from}, if the resource is unchanged ({@code If-Range}); retried
     * under the policy. Empty when the server sent the whole (changed) resource instead: then the caller
     * must read the page again from its start.
     */
    Optional<InputStream> resume(URI uri, long from, String validator) {
        return retry.call("resume GET " + SafeUrl.of(uri) + " at byte " + from, attempt -> {
            Answer answer = send(uri, Map.of("Range", "bytes=" + from + "-", "If-Range", validator));
            int status = answer.response().statusCode();
            if (status == 206 && rangeStart(answer.response()).equals(Optional.of(from))) {
                return Optional.<InputStream>of(answer.body());
            }
            if (status == 200 || status == 206 || status == 416) {
                answer.body().close();
                return Optional.<InputStream>empty();
            }
            throw failure(uri, answer);
        });
    }

    private Answer send(URI uri, Map<String, String> extraHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(timeouts.read());
        if (headers.keySet().stream().noneMatch("Accept-Encoding"::equalsIgnoreCase)) {
            request.header("Accept-Encoding", "gzip, deflate");
        }
        headers.forEach(request::header);
        extraHeaders.forEach(request::header);
        try {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofPublisher());
            BodyStream body = new BodyStream(timeouts.read());
            response.body().subscribe(body);
            return new Answer(response, body);
        } catch (SSLException e) {
            throw new SpateException(SpateException.Category.INTERNAL, "GET " + SafeUrl.of(uri) + " failed: TLS: "
                    + redact(e.getMessage()) + "; check the certificate of the server or the URL's scheme", e);
        } catch (IOException e) {
            throw new RetriableException("GET " + SafeUrl.of(uri) + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpateException(SpateException.Category.INTERNAL, "GET " + SafeUrl.of(uri) + " was interrupted", e);
        }
    }

    private SpateException failure(URI uri, Answer answer) {
        HttpResponse<?> response = answer.response();
        int status = response.statusCode();
        String snippet = redact(firstBytes(answer.body()));
        String message = "GET " + SafeUrl.of(uri) + " answered HTTP " + status + ": " + snippet;
        if (TRANSIENT_STATUSES.contains(status)) {
            return new RetriableException(message, retryAfter(response), null);
        }
        return new SpateException(SpateException.Category.INTERNAL, message + hint(status));
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (check api_key, auth, auth_header and auth_scheme)";
            case 404, 410 -> " (check api_url and query)";
            default -> "";
        };
    }

    private static String firstBytes(BodyStream body) {
        try (body) {
            byte[] bytes = body.readNBytes(SNIPPET_BYTES + 1);
            String text = new String(bytes, 0, Math.min(bytes.length, SNIPPET_BYTES), StandardCharsets.UTF_8)
                    .replaceAll("[\\r\\n\\t]+", " ").strip();
            return "\"" + text + (bytes.length > SNIPPET_BYTES ? "...\"" : "\"");
        } catch (IOException e) {
            return "(the body could not be read: " + describe(e) + ")";
        }
    }

    /** Retry-After as seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(HttpFetcher::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String text = value.trim();
        if (text.matches("\\d+")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> rangeStart(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Range")
                .filter(range -> range.trim().startsWith("bytes "))
                .map(range -> range.trim().substring(6).split("-", 2)[0].trim())
                .filter(start -> start.matches("\\d+"))
                .map(Long::parseLong);
    }

    private String redact(String text) {
        return Secrets.redact(text, secrets);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}
