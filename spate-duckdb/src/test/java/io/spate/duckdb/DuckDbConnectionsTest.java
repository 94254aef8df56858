package io.spate.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbConnectionsTest {
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    @TempDir
    Path tmp;

    private Path file(String name, Instant modified) throws Exception {
        Path file = Files.writeString(tmp.resolve(name), "x");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void copiesLeftByKilledProcessesAndTheOneThisProcessLoadedAreRemoved() throws Exception {
        Path leftBehind = file("libduckdb_java111.so", NOW.minus(DuckDbConnections.LEFT_BEHIND_AFTER).minusSeconds(1));
        Path loadedHere = file("libduckdb_java222.so", NOW.minusSeconds(5));
        Path beingLoadedByAnother = file("libduckdb_java333.so", NOW.minusSeconds(5));
        Path unrelated = file("libother111.so", NOW.minusSeconds(100_000));

        int removed = DuckDbConnections.removeLibraryCopies(tmp, List.of(loadedHere.toAbsolutePath()), NOW);

        assertThat(removed).isEqualTo(2);
        assertThat(leftBehind).doesNotExist();
        assertThat(loadedHere).doesNotExist();
        assertThat(beingLoadedByAnother).exists();
        assertThat(unrelated).exists();
    }

    @Test
    void theLibraryThisProcessLoadedIsNoLongerInTheTempDirectoryAndDuckDbStillWorks() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs /proc to see what this process mapped");
        try (Connection connection = DuckDbConnections.open("jdbc:duckdb:");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 40 + 2")) {
            result.next();
            assertThat(result.getInt(1)).isEqualTo(42);
        }
        List<Path> loaded = DuckDbConnections.loadedLibraryFiles();
        assertThat(loaded).isNotEmpty().allSatisfy(path -> assertThat(path).doesNotExist());
    }
}
