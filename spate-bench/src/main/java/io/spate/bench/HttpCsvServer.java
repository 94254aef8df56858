package io.spate.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CSV export API for the {@code http-csv} scenario: the JDK's HttpServer on 127.0.0.1 serving one file at
 * {@code /orders.csv} to requests carrying {@code Authorization: apiKey bench-key}, with its length, and
 * single {@code Range: bytes=N-} / {@code N-M} requests answered 206, as an object store or CDN would.
 *
 * <p>{@code HttpCsvServer PORT_FILE FILE}: writes the port to PORT_FILE and runs until stopped.
 */
public final class HttpCsvServer {
    public static final String API_KEY = "bench-key";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

    private HttpCsvServer() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]).toAbsolutePath();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/orders.csv", exchange -> {
            try (exchange) {
                serve(file, exchange);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        Servers.announce(Path.of(args[0]), server.getAddress().getPort());
        Servers.awaitStop();
    }

    private static void serve(Path file, HttpExchange exchange) throws IOException {
        if (!("apiKey " + API_KEY).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.sendResponseHeaders(401, -1);
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long from = 0;
            long to = size - 1;
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher m = range == null ? null : RANGE.matcher(range.trim());
            exchange.getResponseHeaders().set("Content-Type", "text/csv");
            exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            if (m != null && m.matches()) {
                from = Long.parseLong(m.group(1));
                to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
                if (from >= size || from > to) {
                    exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + size);
                exchange.sendResponseHeaders(206, head ? -1 : to - from + 1);
            } else {
                exchange.sendResponseHeaders(200, head ? -1 : size);
            }
            if (head) {
                return;
            }
            try (OutputStream body = exchange.getResponseBody()) {
                long position = from;
                long end = to + 1;
                var target = Channels.newChannel(body);
                while (position < end) {
                    position += channel.transferTo(position, end - position, target);
                }
            }
        }
    }
}
