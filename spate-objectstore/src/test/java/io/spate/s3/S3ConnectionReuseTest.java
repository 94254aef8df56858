package io.spate.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.sdk.Configuration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Objects read to their end give their connection back to the pool; a body closed early is aborted. */
class S3ConnectionReuseTest {
    private static final String BUCKET = "reuse-test";
    private static S3TestServer server;
    private static byte[] big;

    @BeforeAll
    static void start() throws Exception {
        server = new S3TestServer();
        server.createBucket(BUCKET);
        for (int i = 0; i < 5; i++) {
            server.put(BUCKET, "small-" + i + ".txt", ("object " + i).getBytes(StandardCharsets.UTF_8));
        }
        big = new byte[1 << 20];
        server.put(BUCKET, "big.bin", big);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void objectsReadToTheirEndShareOneConnection() throws IOException {
        try (Relay relay = new Relay(server.port()); S3ObjectStore store = store(relay)) {
            for (int i = 0; i < 5; i++) {
                try (InputStream in = store.open("small-" + i + ".txt")) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("object " + i);
                }
            }
            assertThat(relay.connections()).isEqualTo(1);
        }
    }

    @Test
    void aBodyClosedBeforeItsEndIsAbortedNotDrained() throws IOException {
        try (Relay relay = new Relay(server.port()); S3ObjectStore store = store(relay)) {
            try (InputStream in = store.open("big.bin")) {
                assertThat(in.readNBytes(10)).hasSize(10);
            }
            try (InputStream in = store.open("small-0.txt")) {
                assertThat(in.readAllBytes()).hasSize("object 0".length());
            }
            assertThat(relay.connections()).isEqualTo(2);
        }
    }

    private static S3ObjectStore store(Relay relay) {
        S3Settings settings = S3Settings.from(Configuration.of(server.connection(relay.endpoint())), Map.of(), 8);
        return new S3ObjectStore(BUCKET, settings);
    }

    /** A TCP relay on 127.0.0.1 to the test server that counts the connections made through it. */
    private static final class Relay implements AutoCloseable {
        private final int upstreamPort;
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();
        private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "relay");
            t.setDaemon(true);
            return t;
        });

        Relay(int upstreamPort) throws IOException {
            this.upstreamPort = upstreamPort;
            this.socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            threads.submit(this::accept);
        }

        String endpoint() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    connections.incrementAndGet();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                    threads.submit(() -> pump(client, upstream));
                    threads.submit(() -> pump(upstream, client));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the other side closed: closing both ends below ends the pair
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }

        private static void closeQuietly(Socket s) {
            try {
                s.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            threads.shutdownNow();
        }
    }
}
