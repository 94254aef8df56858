package io.spate.jdbc.destination;

import static java.util.Objects.requireNonNull;

import io.spate.sdk.SpateException;
import io.spate.sdk.SpateException.Category;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where and how the destination connects.
 *
 * @param host the server's host name
 * @param port its port
 * @param database the database
 * @param user the user
 * @param password the password (never in messages)
 * @param schema the schema of tables whose source names none, and of {@code _spate_state}
 * @param sslMode pgjdbc's sslmode
 * @param copyFormat how rows travel in COPY
 */
record PostgresSettings(String host, int port, String database, String user, String password, String schema,
        SslMode sslMode, CopyFormat copyFormat) {

    PostgresSettings {
        requireNonNull(host, "host is null");
        requireNonNull(database, "database is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(sslMode, "sslMode is null");
        requireNonNull(copyFormat, "copyFormat is null");
    }

    /** {@code PostgreSQL host:port/database}, for messages. */
    String where() {
        return "PostgreSQL " + host + ":" + port + "/" + database;
    }

    /** A new connection, in autocommit mode; a failure names the server, database and user and what to check. */
    Connection connect() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("sslmode", sslMode.driverValue());
        properties.setProperty("ApplicationName", "spate");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectTimeout", "30");
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        try {
            return DriverManager.getConnection(url, properties);
        } catch (SQLException e) {
            String state = String.valueOf(e.getSQLState());
            // Unreachable or dropped (08001, 08006) may pass; refused (SSL, authentication, a missing database) will not.
            Category category = state.equals("08001") || state.equals("08006") ? Category.RETRIABLE : Category.CONFIG;
            throw new SpateException(category, "cannot connect to " + where() + " as user " + user + " (ssl_mode "
                    + sslMode.driverValue() + "): " + PgSql.errorMessage(e)
                    + "; check the options host, port, database, user, password and ssl_mode", e);
        }
    }
}
