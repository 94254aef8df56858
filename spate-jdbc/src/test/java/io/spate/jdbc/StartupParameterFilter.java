package io.spate.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A loopback TCP relay in front of PostgreSQL that removes named parameters from the client's startup
 * packet and passes every other byte through unchanged. Amazon's Redshift driver always sends
 * {@code driver_version}, {@code os_version} and {@code client_protocol_version}, which PostgreSQL rejects
 * ("unrecognized configuration parameter"); Redshift accepts them.
 */
final class StartupParameterFilter implements AutoCloseable {
    private static final int PROTOCOL_3 = 196608;

    private final ServerSocket server;
    private final int targetPort;
    private final Set<String> removed;
    private final List<Socket> sockets = new ArrayList<>();

    StartupParameterFilter(int targetPort, Set<String> removed) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.removed = removed;
        Thread acceptor = new Thread(this::accept, "startup-filter");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                synchronized (sockets) {
                    sockets.add(client);
                    sockets.add(upstream);
                }
                Thread relay = new Thread(() -> relay(client, upstream), "startup-filter-relay");
                relay.setDaemon(true);
                relay.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Socket client, Socket upstream) {
        try {
            DataInputStream in = new DataInputStream(client.getInputStream());
            int length = in.readInt();
            byte[] body = new byte[length - 4];
            in.readFully(body);
            upstream.getOutputStream().write(rewrite(body));
            upstream.getOutputStream().flush();
            Thread back = new Thread(() -> pump(upstream, client), "startup-filter-back");
            back.setDaemon(true);
            back.start();
            pump(client, upstream);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    private byte[] rewrite(byte[] body) {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        int protocol = buffer.getInt();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (protocol == PROTOCOL_3) {
            List<String> parts = new ArrayList<>();
            int start = 4;
            for (int i = 4; i < body.length; i++) {
                if (body[i] == 0) {
                    parts.add(new String(body, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            ByteArrayOutputStream params = new ByteArrayOutputStream();
            for (int i = 0; i + 1 < parts.size(); i += 2) {
                if (!parts.get(i).isEmpty() && !removed.contains(parts.get(i))) {
                    params.writeBytes((parts.get(i) + "\0" + parts.get(i + 1) + "\0").getBytes(StandardCharsets.UTF_8));
                }
            }
            params.write(0);
            byte[] rest = params.toByteArray();
            out.writeBytes(ByteBuffer.allocate(8).putInt(8 + rest.length).putInt(protocol).array());
            out.writeBytes(rest);
        } else {
            out.writeBytes(ByteBuffer.allocate(4).putInt(4 + body.length).array());
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (sockets) {
            sockets.forEach(StartupParameterFilter::closeQuietly);
        }
    }
}
