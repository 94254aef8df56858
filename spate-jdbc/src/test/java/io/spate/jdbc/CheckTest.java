package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code check} against the embedded server. The server trusts every local user; for the test's own role
 * the test puts a password rule first in pg_hba.conf (and takes it out afterwards), so a wrong password fails.
 */
class CheckTest {
    private static final String DB = "check_source";
    private static final String USER = "spate_checker";
    private static final String PASSWORD = "s3cret-Pa55";
    private static final String HBA_RULE = "host all " + USER + " 127.0.0.1/32 scram-sha-256\n";

    private final PostgresSource source = new PostgresSource();

    @BeforeAll
    static void createRoleAndTables() throws SQLException, IOException {
        TestPostgres.freshDatabase(DB);
        TestPostgres.execute(DB, "DROP ROLE IF EXISTS " + USER,
                "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'",
                "CREATE TABLE orders (id int8 PRIMARY KEY, amount numeric(12,2))",
                "CREATE TABLE secrets (id int8 PRIMARY KEY, note text)",
                "CREATE SCHEMA hidden",
                "CREATE TABLE hidden.t (id int8 PRIMARY KEY)",
                "GRANT SELECT ON orders TO " + USER);
        Path hba = hbaFile();
        String rules = Files.readString(hba);
        if (!rules.startsWith(HBA_RULE)) {
            Files.writeString(hba, HBA_RULE + rules);
        }
        reloadConfiguration();
    }

    @AfterAll
    static void removeRule() throws SQLException, IOException {
        Path hba = hbaFile();
        Files.writeString(hba, Files.readString(hba).replace(HBA_RULE, ""));
        reloadConfiguration();
        TestPostgres.execute("postgres", "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)", "DROP ROLE IF EXISTS " + USER);
    }

    private static Path hbaFile() throws SQLException {
        try (Connection connection = TestPostgres.connect("postgres"); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW hba_file")) {
            rows.next();
            return Path.of(rows.getString(1));
        }
    }

    private static void reloadConfiguration() {
        TestPostgres.execute("postgres", "SELECT pg_reload_conf()");
    }

    private static Configuration asChecker(String password, Object... more) {
        Object[] values = new Object[more.length + 4];
        values[0] = "user";
        values[1] = USER;
        values[2] = "password";
        values[3] = password;
        System.arraycopy(more, 0, values, 4, more.length);
        return TestPostgres.config(DB, values);
    }

    @Test
    void aUserWhoCanReadEveryTableToSyncPasses() {
        source.check(asChecker(PASSWORD, "tables", "orders"));
        source.check(TestPostgres.config(DB, "schema", "public,hidden"));
    }

    @Test
    void aWrongPasswordNamesHostDatabaseAndUserButNotThePassword() {
        String port = String.valueOf(TestPostgres.server().getPort());
        assertThatThrownBy(() -> source.check(asChecker("not-" + PASSWORD, "tables", "orders")))
                .isInstanceOf(SpateException.class)
                .hasMessage("connecting to postgres at 127.0.0.1:" + port + "/" + DB + " as " + USER
                        + " failed: FATAL: password authentication failed for user \"" + USER + "\" (SQLSTATE 28P01); "
                        + "check user and password")
                .satisfies(e -> assertThat(((SpateException) e).category()).isEqualTo(SpateException.Category.CONFIG))
                .message().doesNotContain(PASSWORD);
    }

    @Test
    void aMissingSchemaIsNamed() {
        String port = String.valueOf(TestPostgres.server().getPort());
        assertThatThrownBy(() -> source.check(TestPostgres.config(DB, "schema", "public,nope")))
                .isInstanceOf(SpateException.class)
                .hasMessage("postgres at 127.0.0.1:" + port + "/" + DB + " as postgres: schema \"nope\" does not exist "
                        + "in database " + DB + "; check the schema option");
    }

    @Test
    void missingUsageAndSelectPrivilegesAreNamedWithTheGrantThatFixesThem() {
        String port = String.valueOf(TestPostgres.server().getPort());
        assertThatThrownBy(() -> source.check(asChecker(PASSWORD, "schema", "public,hidden")))
                .isInstanceOf(SpateException.class)
                .hasMessage("postgres at 127.0.0.1:" + port + "/" + DB + " as " + USER + ": user " + USER
                        + " has no SELECT privilege on table public.secrets; grant it: GRANT SELECT ON \"public\".\"secrets\" "
                        + "TO \"" + USER + "\"; user " + USER + " has no USAGE privilege on schema \"hidden\"; grant it: "
                        + "GRANT USAGE ON SCHEMA \"hidden\" TO \"" + USER + "\"");
    }

    @Test
    void aFilterOnAnUnknownColumnFailsTheCheck() {
        String port = String.valueOf(TestPostgres.server().getPort());
        assertThatThrownBy(() -> source.check(TestPostgres.config(DB, "tables", "orders", "filter", "amout > 0")))
                .isInstanceOf(SpateException.class)
                .hasMessage("postgres at 127.0.0.1:" + port + "/" + DB + " as postgres: table public.orders: filter: "
                        + "no column \"amout\"; the columns are: \"id\", \"amount\"");
    }
}
