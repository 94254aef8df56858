package io.spate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** What the bench servers share: telling the runner where they listen, and running until stopped. */
final class Servers {
    private Servers() {
    }

    /** Writes the port to {@code portFile} atomically: once the file exists, the server accepts connections. */
    static void announce(Path portFile, int port) throws IOException {
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".partial");
        Files.writeString(partial, port + "\n", StandardCharsets.US_ASCII);
        Files.move(partial, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Blocks until the process is stopped (SIGTERM from the runner; shutdown hooks then close the server). */
    static void awaitStop() throws InterruptedException {
        Thread.currentThread().join();
    }
}
