package io.spate.duckdb;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way spate opens DuckDB, so that the driver's copy of its native library does not pile up.
 *
 * <p>When its class loads, the DuckDB driver copies its 58 MB native library into the temp directory as
 * {@code libduckdb_java<random>.so} and deletes it only when the JVM exits normally. A process killed with
 * SIGKILL (a crash, the OOM killer, a CI timeout, spate's own crash tests) leaves its copy behind: the crash
 * tests alone once filled a disk with 69 GB of them. Once loaded, a library is mapped into the process, and
 * on Linux and macOS removing its file changes nothing for the processes that use it. So after the first
 * connection spate removes the copy this process loaded, and copies older than ten minutes that killed
 * processes left (a process loads its copy within a second of making it). Not on Windows, where a loaded
 * library cannot be removed and the driver's exit hook does the job.
 */
public final class DuckDbConnections {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbConnections.class);
    private static final String COPY_PREFIX = "libduckdb_java";
    private static final String COPY_SUFFIX = ".so";
    /** What /proc/self/maps adds to the path of a mapped file that was removed. */
    private static final String DELETED = " (deleted)";
    static final Duration LEFT_BEHIND_AFTER = Duration.ofMinutes(10);
    private static final AtomicBoolean COPIES_REMOVED = new AtomicBoolean();

    private DuckDbConnections() {
    }

    /** Opens a connection to {@code url} ({@code jdbc:duckdb:...}) with {@code properties}. */
    public static Connection open(String url, Properties properties) throws SQLException {
        Connection connection = DriverManager.getConnection(url, properties);
        if (COPIES_REMOVED.compareAndSet(false, true) && !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            removeLibraryCopies(Path.of(System.getProperty("java.io.tmpdir")), loadedLibraryFiles(), Instant.now());
        }
        return connection;
    }

    /** Opens a connection to {@code url} ({@code jdbc:duckdb:...}). */
    public static Connection open(String url) throws SQLException {
        return open(url, new Properties());
    }

    /**
     * Removes, from {@code directory}, the driver's library copies that are in {@code loaded} (mapped by this
     * process) or older than {@link #LEFT_BEHIND_AFTER} at {@code now}; returns how many it removed.
     */
    static int removeLibraryCopies(Path directory, List<Path> loaded, Instant now) {
        int removed = 0;
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(directory, COPY_PREFIX + "*" + COPY_SUFFIX)) {
            for (Path copy : copies) {
                try {
                    boolean ours = loaded.stream().anyMatch(path -> path.equals(copy.toAbsolutePath()));
                    if ((ours || Files.getLastModifiedTime(copy).toInstant().isBefore(now.minus(LEFT_BEHIND_AFTER)))
                            && Files.deleteIfExists(copy)) {
                        removed++;
                    }
                } catch (IOException e) {
                    LOG.debug("cannot remove {}: {}", copy, e.toString());
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", directory, e.toString());
        }
        return removed;
    }

    /** The library copies this process has mapped, from /proc/self/maps (none where there is no /proc). */
    static List<Path> loadedLibraryFiles() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return List.of();
        }
        try (var lines = Files.lines(maps)) {
            return lines.map(line -> line.substring(line.indexOf('/') < 0 ? line.length() : line.indexOf('/')).trim())
                    .map(path -> path.endsWith(DELETED) ? path.substring(0, path.length() - DELETED.length()) : path)
                    .filter(path -> path.contains("/" + COPY_PREFIX) && path.endsWith(COPY_SUFFIX))
                    .distinct().map(Path::of).toList();
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot read {}: {}", maps, e.toString());
            return List.of();
        }
    }
}
