package io.spate.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The JDK's HttpServer on 127.0.0.1 and a free port, with scripted answers per path and a record of every
 * request it received. A test class gets one per test with {@code @RegisterExtension final TestServer server =
 * TestServer.started();}: it is stopped after each test.
 */
final class TestServer implements AutoCloseable, AfterEachCallback {

    /** One answer to one request. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** A request as the server saw it. */
    record Request(String method, URI uri, Headers headers) {
        String query() {
            return uri.getRawQuery() == null ? "" : uri.getRawQuery();
        }

        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final List<Request> requests = new ArrayList<>();

    TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    /** A server started for one test; as an extension of the test, it stops after the test. */
    static TestServer started() {
        try {
            return new TestServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers requests to {@code path} with {@code answers} in turn; the last one answers every further request. */
    TestServer on(String path, Answer... answers) {
        Deque<Answer> queue = new ArrayDeque<>(List.of(answers));
        server.createContext(path, exchange -> {
            synchronized (requests) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getRequestHeaders()));
            }
            Answer answer;
            synchronized (queue) {
                answer = queue.size() > 1 ? queue.poll() : queue.peek();
            }
            try (exchange) {
                answer.answer(exchange);
            } catch (IOException e) {
                // a cut connection is the point of some answers; the client sees it
            }
        });
        return this;
    }

    /**
     * The http_csv options to read {@code path} of this server: its api_url, then {@code defaults}, then
     * {@code more} (key, value, key, value...), a later value of a key replacing an earlier one.
     */
    Map<String, Object> config(String path, Map<String, ?> defaults, Object... more) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("api_url", url(path));
        config.putAll(defaults);
        for (int i = 0; i < more.length; i += 2) {
            config.put((String) more[i], more[i + 1]);
        }
        return config;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- answers

    static Answer status(int status, String body, Map<String, String> headers) {
        return exchange -> {
            headers.forEach(exchange.getResponseHeaders()::add);
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        };
    }

    static Answer csv(byte[] body) {
        return csv(body, Map.of());
    }

    static Answer csv(byte[] body, Map<String, String> headers) {
        return exchange -> {
            headers.forEach(exchange.getResponseHeaders()::add);
            exchange.getResponseHeaders().add("Content-Type", "text/csv");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        };
    }

    /**
     * A static file: honours {@code Range: bytes=N-} (206) when {@code etag} is set and the request's
     * If-Range matches it; the first {@code cuts} full answers write {@code cutAfter} bytes and drop the connection.
     */
    static Answer file(byte[] body, String etag, int cuts, int cutAfter) {
        int[] cutsLeft = {cuts};
        return exchange -> {
            Headers out = exchange.getResponseHeaders();
            out.add("Content-Type", "text/csv");
            if (etag != null) {
                out.add("Accept-Ranges", "bytes");
                out.add("ETag", etag);
            }
            String range = exchange.getRequestHeaders().getFirst("Range");
            String ifRange = exchange.getRequestHeaders().getFirst("If-Range");
            int from = 0;
            if (etag != null && range != null && (ifRange == null || ifRange.equals(etag))) {
                from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
                out.add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
                exchange.sendResponseHeaders(206, body.length - from);
            } else {
                exchange.sendResponseHeaders(200, body.length);
            }
            OutputStream stream = exchange.getResponseBody();
            boolean cut;
            synchronized (cutsLeft) {
                cut = from == 0 && cutsLeft[0] > 0;
                if (cut) {
                    cutsLeft[0]--;
                }
            }
            if (cut) {
                stream.write(body, 0, cutAfter);
                stream.flush();
                throw new IOException("cut");  // closes the exchange early: the connection drops mid-body
            }
            stream.write(body, from, body.length - from);
        };
    }
}
