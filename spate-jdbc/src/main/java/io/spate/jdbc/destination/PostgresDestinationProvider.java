package io.spate.jdbc.destination;

import io.spate.destination.Destination;
import io.spate.destination.DestinationProvider;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import io.spate.sdk.SpateException.Category;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** The {@code postgres} destination: tables and {@code _spate_state} in a PostgreSQL database. */
public final class PostgresDestinationProvider implements DestinationProvider {
    static final ConfigOption<String> HOST = ConfigOption.string("host").required()
            .check(s -> !s.isBlank(), "must not be blank").doc("the server's host name");
    static final ConfigOption<Integer> PORT = ConfigOption.integer("port").defaultValue(5432)
            .check(n -> n >= 1 && n <= 65535, "must be 1..65535").doc("the server's port");
    static final ConfigOption<String> DATABASE = ConfigOption.string("database").required()
            .check(s -> !s.isBlank(), "must not be blank").doc("the database to write into");
    static final ConfigOption<String> USER = ConfigOption.string("user").required()
            .check(s -> !s.isBlank(), "must not be blank").doc("the user to connect as");
    static final ConfigOption<String> PASSWORD = ConfigOption.string("password").defaultValue("").sensitive()
            .doc("the user's password; empty for trust or peer authentication");
    static final ConfigOption<String> SCHEMA = ConfigOption.string("schema").defaultValue("public")
            .check(s -> !s.isBlank(), "must not be blank")
            .doc("the schema of tables whose source has no schema, and of _spate_state");
    static final ConfigOption<SslMode> SSL_MODE = ConfigOption.enumeration("ssl_mode", SslMode.class)
            .defaultValue(SslMode.PREFER).doc("pgjdbc's sslmode");
    static final ConfigOption<CopyFormat> COPY_FORMAT = ConfigOption.enumeration("copy_format", CopyFormat.class)
            .defaultValue(CopyFormat.BINARY).doc("how rows travel in COPY ... FROM STDIN");

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(HOST, PORT, DATABASE, USER, PASSWORD, SCHEMA, SSL_MODE, COPY_FORMAT);
    }

    @Override
    public Destination open(Configuration config, Context context) {
        return PostgresDestination.open(settings(config));
    }

    /**
     * Connects, runs {@code select 1}, creates and drops a temporary table (the staging tables are temporary),
     * and checks that the user may create tables in the schema (or create the schema when it is missing).
     */
    @Override
    public void check(Configuration config, Context context) {
        PostgresSettings settings = settings(config);
        String where = settings.where() + " as user " + settings.user();
        try (Connection connection = settings.connect(); Statement statement = connection.createStatement()) {
            statement.execute("select 1");
            try {
                statement.execute("CREATE TEMP TABLE " + PgSql.quote("_spate_check") + " (id integer)");
                statement.execute("DROP TABLE " + PgSql.quote("_spate_check"));
            } catch (SQLException e) {
                throw new SpateException(Category.CONFIG, "cannot create a temporary table in " + where + ": "
                        + PgSql.errorMessage(e) + "; spate stages rows in temporary tables: GRANT TEMPORARY ON DATABASE "
                        + PgSql.quote(settings.database()) + " TO " + PgSql.quote(settings.user()), e);
            }
            checkCreatePrivilege(connection, settings, where);
        } catch (SQLException e) {
            throw new SpateException(Category.CONFIG, "cannot check " + where + ": " + PgSql.errorMessage(e), e);
        }
    }

    private static void checkCreatePrivilege(Connection connection, PostgresSettings settings, String where)
            throws SQLException {
        String sql = "SELECT has_schema_privilege(n.oid, 'CREATE') FROM pg_namespace n WHERE n.nspname = ?"
                + " UNION ALL SELECT NULL WHERE NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ?)";
        String schema = settings.schema();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, schema);
            select.setString(2, schema);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                boolean allowed = rows.getBoolean(1);
                boolean exists = !rows.wasNull();
                if (exists && !allowed) {
                    throw SpateException.config("user " + settings.user() + " may not create tables in schema " + schema
                            + " of " + settings.where() + ": GRANT CREATE ON SCHEMA " + PgSql.quote(schema) + " TO "
                            + PgSql.quote(settings.user()) + ", or set the option schema to one the user may write");
                }
                if (!exists && !mayCreateSchemas(connection)) {
                    throw SpateException.config("schema " + schema + " does not exist in " + settings.where() + " and user "
                            + settings.user() + " may not create it: CREATE SCHEMA " + PgSql.quote(schema)
                            + " AUTHORIZATION " + PgSql.quote(settings.user()) + ", or GRANT CREATE ON DATABASE "
                            + PgSql.quote(settings.database()) + " TO " + PgSql.quote(settings.user()));
                }
            }
        }
    }

    private static boolean mayCreateSchemas(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT has_database_privilege(current_database(), 'CREATE')")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    static PostgresSettings settings(Configuration config) {
        return new PostgresSettings(config.get(HOST), config.get(PORT), config.get(DATABASE), config.get(USER),
                config.get(PASSWORD), config.get(SCHEMA), config.get(SSL_MODE), config.get(COPY_FORMAT));
    }
}
