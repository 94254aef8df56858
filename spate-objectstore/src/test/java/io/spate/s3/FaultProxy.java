package io.spate.s3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A TCP proxy on 127.0.0.1 between an S3 client and the test server that records every request and can
 * inject faults: answer 503 SlowDown, or forward and then end the connection after a given
 * number of response body bytes. One request per connection: it asks the server to close after each.
 */
public final class FaultProxy implements AutoCloseable {

    /** What to do with one request. */
    public sealed interface Action {
        record Forward() implements Action {
        }

        record SlowDown() implements Action {
        }

        record CutAfter(int bodyBytes) implements Action {
        }
    }

    /**
     * A request as seen by the proxy.
     *
     * @param number 1-based, in arrival order
     * @param method GET, PUT, ...
     * @param target path and query
     * @param range the Range header, or "" when none
     * @param headers the request's headers, names in lower case
     */
    public record Request(int number, String method, String target, String range, Map<String, String> headers) {
        /** True for a GET of an object (not a listing). */
        public boolean isObjectGet() {
            return method.equals("GET") && !target.contains("list-type=") && target.indexOf('/', 1) > 0;
        }

        public boolean isListing() {
            return method.equals("GET") && target.contains("list-type=2");
        }
    }

    private final int upstreamPort;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fault-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile Function<Request, Action> plan = r -> new Action.Forward();

    public FaultProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.submit(this::acceptLoop);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Decides each request's fate from now on. */
    public void plan(Function<Request, Action> decide) {
        this.plan = decide;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Forgets the requests seen and numbers the next one 1 again. */
    public void clear() {
        requests.clear();
        counter.set(0);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.submit(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            InputStream fromClient = client.getInputStream();
            byte[] head = readHead(fromClient);
            if (head.length == 0) {
                return;
            }
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String[] lines = text.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            String range = "";
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            long contentLength = 0;
            boolean expectContinue = false;
            StringBuilder rewritten = new StringBuilder(lines[0]).append("\r\n");
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                String lower = line.toLowerCase(Locale.ROOT);
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(lower.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
                if (lower.startsWith("connection:")) {
                    continue;
                }
                if (lower.startsWith("expect:")) {
                    expectContinue = true;
                    continue;
                }
                if (lower.startsWith("range:")) {
                    range = line.substring(6).trim();
                }
                if (lower.startsWith("content-length:")) {
                    contentLength = Long.parseLong(line.substring(15).trim());
                }
                rewritten.append(line).append("\r\n");
            }
            rewritten.append("Connection: close\r\n\r\n");
            Request request = new Request(counter.incrementAndGet(), requestLine[0], requestLine[1], range, Map.copyOf(headers));
            requests.add(request);
            Action action = plan.apply(request);
            OutputStream toClient = client.getOutputStream();
            if (action instanceof Action.SlowDown) {
                byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                        + "<Message>Please reduce your request rate.</Message></Error>").getBytes(StandardCharsets.UTF_8);
                String response = "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n";
                toClient.write(response.getBytes(StandardCharsets.ISO_8859_1));
                toClient.write(body);
                toClient.flush();
                return;
            }
            OutputStream toUpstream = upstream.getOutputStream();
            toUpstream.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (expectContinue) {
                toClient.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                toClient.flush();
            }
            copyExactly(fromClient, toUpstream, contentLength);
            toUpstream.flush();
            int cutAfter = action instanceof Action.CutAfter cut ? cut.bodyBytes() : -1;
            relay(upstream.getInputStream(), toClient, cutAfter, client);
        } catch (IOException e) {
            // the client or the server went away: nothing more to relay
        }
    }

    /** Copies the response; with {@code cutAfter >= 0}, resets the connection after that many body bytes. */
    private static void relay(InputStream from, OutputStream to, int cutAfter, Socket client) throws IOException {
        byte[] buffer = new byte[8192];
        int matched = 0;
        boolean inBody = false;
        long body = 0;
        int n;
        while ((n = from.read(buffer)) > 0) {
            int start = 0;
            if (!inBody) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                            ? matched + 1 : b == '\r' ? 1 : 0;
                    if (matched == 4) {
                        inBody = true;
                        to.write(buffer, 0, i + 1);
                        start = i + 1;
                        break;
                    }
                }
                if (!inBody) {
                    to.write(buffer, 0, n);
                    continue;
                }
            }
            int length = n - start;
            if (cutAfter >= 0 && body + length > cutAfter) {
                to.write(buffer, start, (int) (cutAfter - body));
                to.flush();
                // end the stream here (FIN, not RST: a reset could drop bytes the client has not read yet,
                // making the cut point depend on timing); the client sees a body shorter than its length
                client.shutdownOutput();
                return;
            }
            to.write(buffer, start, length);
            body += length;
        }
        to.flush();
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : b == '\r' ? 1 : 0;
            if (matched == 4) {
                break;
            }
        }
        return head.toByteArray();
    }

    private static void copyExactly(InputStream from, OutputStream to, long length) throws IOException {
        byte[] buffer = new byte[8192];
        long remaining = length;
        while (remaining > 0) {
            int n = from.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new IOException("the request body ended early");
            }
            to.write(buffer, 0, n);
            remaining -= n;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Requests matching a predicate, for assertions. */
    public List<Request> requests(java.util.function.Predicate<Request> which) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests) {
            if (which.test(r)) {
                out.add(r);
            }
        }
        return out;
    }
}
