package io.spate.duckdb;

import static io.spate.testing.Batches.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.destination.DestinationProvider;
import io.spate.destination.TableSchema;
import io.spate.sdk.Column;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.DataType;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.testing.Batches;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbDestinationProviderTest {
    private static final TableSchema T = Batches.table("t", List.of("id"), Column.of("id", DataType.LONG));

    @TempDir
    Path workDir;

    private static DestinationProvider duckdb() {
        return ServiceLoader.load(DestinationProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("duckdb")).findFirst().orElseThrow();
    }

    private DestinationProvider.Context context() {
        return new DestinationProvider.Context(workDir, "run-1", "warehouse");
    }

    @Test
    void checkOpensTheWarehouseAndWritesATemporaryTable() throws Exception {
        duckdb().check(Configuration.of(Map.of("path", "db/w.duckdb")), context());
        assertThat(workDir.resolve("db/w.duckdb")).isRegularFile();
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:" + workDir.resolve("db/w.duckdb"));
                java.sql.ResultSet tables = connection.createStatement().executeQuery("SELECT count(*) FROM duckdb_tables()")) {
            tables.next();
            assertThat(tables.getLong(1)).isZero();
        }
    }

    @Test
    void checkOfAnUnwritablePathNamesTheFileAndWhatToFix() throws Exception {
        Files.writeString(workDir.resolve("plain-file"), "not a directory");
        Path file = workDir.resolve("plain-file/w.duckdb");
        assertThatThrownBy(() -> duckdb().check(Configuration.of(Map.of("path", "plain-file/w.duckdb")), context()))
                .isInstanceOf(SpateException.class)
                .hasMessage("cannot write the DuckDB warehouse " + file + ": cannot create the directory " + file.getParent()
                        + " (FileAlreadyExistsException); set path to a file in a directory this user may write, and make sure no"
                        + " other process has the warehouse open (DuckDB allows one writing process)");
        Files.createDirectories(workDir.resolve("a-directory"));
        assertThatThrownBy(() -> duckdb().check(Configuration.of(Map.of("path", "a-directory")), context()))
                .isInstanceOf(SpateException.class)
                .hasMessage("cannot write the DuckDB warehouse " + workDir.resolve("a-directory") + ": IO Error: Could not read from file \""
                        + workDir.resolve("a-directory") + "\": Is a directory; set path to a file in a directory this user may write,"
                        + " and make sure no other process has the warehouse open (DuckDB allows one writing process)");
    }

    @Test
    void isFoundByNameAndDocumentsItsOptions() {
        DestinationProvider provider = duckdb();
        assertThat(provider.options()).extracting(ConfigOption::key).containsExactly("path", "schema", "memory_limit", "threads");
        assertThat(provider.options()).allSatisfy(option -> assertThat(option.doc()).isNotBlank());
    }

    @Test
    void writesToFilesWarehouseUnderTheWorkDirByDefault() {
        try (Destination destination = duckdb().open(Configuration.of(Map.of()), context())) {
            destination.write(Batches.upsert(T, row(1L)));
            destination.commit("p", new CommittedState(1, State.empty()));
        }
        assertThat(Files.isRegularFile(workDir.resolve("files/warehouse.duckdb"))).isTrue();
        assertThat(WarehouseQuery.rows(workDir.resolve("files/warehouse.duckdb"), "SELECT id FROM main.t")).containsExactly(List.of("1"));
    }

    @Test
    void relativePathsResolveAgainstTheWorkDirAndSchemaIsTheDefaultSchema() {
        Configuration config = Configuration.of(Map.of("path", "out/db.duckdb", "schema", "raw", "threads", 1, "memory_limit", "256MB"));
        try (Destination destination = duckdb().open(config, context())) {
            destination.write(Batches.upsert(T, row(7L)));
            destination.commit("p", new CommittedState(1, State.empty()));
        }
        assertThat(WarehouseQuery.rows(workDir.resolve("out/db.duckdb"), "SELECT id FROM raw.t")).containsExactly(List.of("7"));
    }

    @Test
    void invalidOptionsAreReportedTogether() {
        Configuration config = Configuration.of(Map.of("threads", 0, "schema", " "));
        assertThatThrownBy(() -> config.validate(duckdb().options(), Set.of("connector")))
                .isInstanceOf(SpateException.class)
                .hasMessage("invalid configuration:\n  - schema must not be blank (got  )\n  - threads must be 1..256 (got 0)");
    }
}
