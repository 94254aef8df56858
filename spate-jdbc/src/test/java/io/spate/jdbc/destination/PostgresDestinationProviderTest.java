package io.spate.jdbc.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.destination.Destination;
import io.spate.destination.DestinationProvider;
import io.spate.jdbc.TestPostgres;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresDestinationProviderTest {
    @TempDir
    Path dir;

    private static DestinationProvider provider() {
        return ServiceLoader.load(DestinationProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("postgres")).findFirst().orElseThrow();
    }

    private DestinationProvider.Context context() {
        return new DestinationProvider.Context(dir, "run-1", "pg");
    }

    @Test
    void isFoundByNameAndDeclaresEveryOptionWithItsDefault() {
        DestinationProvider provider = provider();
        assertThat(provider).isInstanceOf(PostgresDestinationProvider.class);
        assertThat(provider.options()).extracting(ConfigOption::key)
                .containsExactly("host", "port", "database", "user", "password", "schema", "ssl_mode", "copy_format");
        assertThat(provider.options()).filteredOn(ConfigOption::isSensitive).extracting(ConfigOption::key)
                .containsExactly("password");
        assertThat(provider.options()).extracting(o -> o.defaultValue().map(String::valueOf).orElse(null)).containsExactly(
                null, "5432", null, null, "", "public", "PREFER", "BINARY");
    }

    @Test
    void invalidOptionsAreReportedTogether() {
        Configuration config = Configuration.of(Map.of("port", "0", "ssl_mode", "sometimes", "copy_format", "xml"));
        assertThatThrownBy(() -> config.validate(provider().options(), Set.of()))
                .isInstanceOf(SpateException.class)
                .hasMessage("""
                        invalid configuration:
                          - host is missing: expected text (the server's host name)
                          - port must be 1..65535 (got 0)
                          - database is missing: expected text (the database to write into)
                          - user is missing: expected text (the user to connect as)
                          - ssl_mode is "sometimes", expected one of disable | allow | prefer | require | verify_ca | verify_full
                          - copy_format is "xml", expected one of binary | csv""");
    }

    @Test
    void opensADestinationThatWritesIntoTheDatabase() {
        String database = TestPostgres.freshDatabase("pgprovider");
        try (Destination destination = provider().open(TestPostgres.config(database), context())) {
            assertThat(destination.loadState("p")).isEmpty();
        }
        assertThat(TestPostgres.rows(database, "SELECT count(*) FROM public._spate_state")).containsExactly(List.of("0"));
    }

    @Test
    void checkPassesForAUserWhoMayCreateTables() {
        String database = TestPostgres.freshDatabase("pgcheck");
        provider().check(TestPostgres.config(database, "schema", "not_yet"), context());
        assertThat(TestPostgres.rows(database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'not_yet'"))
                .containsExactly(List.of("0"));
    }

    @Test
    void checkNamesTheSchemaAndTheGrantWhenTheUserMayNotCreateTables() {
        String database = TestPostgres.freshDatabase("pgcheck");
        TestPostgres.execute(database, "DROP ROLE IF EXISTS reader", "CREATE ROLE reader LOGIN",
                "CREATE SCHEMA locked", "REVOKE CREATE ON DATABASE pgcheck FROM PUBLIC");
        int port = TestPostgres.server().getPort();
        assertThatThrownBy(() -> provider().check(TestPostgres.config(database, "user", "reader", "schema", "locked"), context()))
                .isInstanceOf(SpateException.class)
                .hasMessage("user reader may not create tables in schema locked of PostgreSQL 127.0.0.1:" + port
                        + "/pgcheck: GRANT CREATE ON SCHEMA \"locked\" TO \"reader\", or set the option schema to one the user may write");
        assertThatThrownBy(() -> provider().check(TestPostgres.config(database, "user", "reader", "schema", "missing"), context()))
                .isInstanceOf(SpateException.class)
                .hasMessage("schema missing does not exist in PostgreSQL 127.0.0.1:" + port + "/pgcheck and user reader may not"
                        + " create it: CREATE SCHEMA \"missing\" AUTHORIZATION \"reader\", or GRANT CREATE ON DATABASE"
                        + " \"pgcheck\" TO \"reader\"");
    }

    @Test
    void checkNamesTheServerAndWhatToCheckWhenTheDatabaseIsMissing() {
        int port = TestPostgres.server().getPort();
        assertThatThrownBy(() -> provider().check(TestPostgres.config("no_such_db", "password", "s3cret"), context()))
                .isInstanceOf(SpateException.class)
                .hasMessageStartingWith("cannot connect to PostgreSQL 127.0.0.1:" + port + "/no_such_db as user postgres"
                        + " (ssl_mode prefer): FATAL: database \"no_such_db\" does not exist")
                .hasMessageEndingWith("; check the options host, port, database, user, password and ssl_mode")
                .hasMessageNotContaining("s3cret")
                .extracting(e -> ((SpateException) e).category()).isEqualTo(SpateException.Category.CONFIG);
    }

    @Test
    void sslModeTakesLibpqSpellingsAndRequireFailsAgainstAServerWithoutTls() {
        assertThat(PostgresDestinationProvider.settings(TestPostgres.config("x", "ssl_mode", "verify-full")).sslMode().driverValue())
                .isEqualTo("verify-full");
        String database = TestPostgres.freshDatabase("pgssl");
        assertThatThrownBy(() -> provider().check(TestPostgres.config(database, "ssl_mode", "require"), context()))
                .isInstanceOf(SpateException.class)
                .hasMessage("cannot connect to PostgreSQL 127.0.0.1:" + TestPostgres.server().getPort() + "/pgssl as user postgres"
                        + " (ssl_mode require): The server does not support SSL. (SQLSTATE 08004); check the options host, port,"
                        + " database, user, password and ssl_mode")
                .extracting(e -> ((SpateException) e).category()).isEqualTo(SpateException.Category.CONFIG);
    }
}
