package io.spate.jdbc.destination;

import io.spate.sdk.Configuration;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One real PostgreSQL 14 (zonky embedded) on 127.0.0.1 for the destination's tests, started on first use;
 * each test works in a database of its own.
 */
final class PgTestServer {
    private static EmbeddedPostgres server;

    private PgTestServer() {
    }

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is exiting
                }
            }));
        }
        return server;
    }

    /** Creates (or re-creates) a database and returns its name. */
    static String freshDatabase(String name) {
        execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)", "CREATE DATABASE " + name);
        return name;
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + database,
                "postgres", "");
    }

    static void execute(String database, String... statements) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of a query, each value as PostgreSQL's text (NULL as null). */
    static List<List<String>> rows(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            return rows(statement.executeQuery(sql));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<List<String>> rows(ResultSet rows) throws SQLException {
        try (rows) {
            ResultSetMetaData meta = rows.getMetaData();
            List<List<String>> result = new ArrayList<>();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    row.add(rows.getString(c));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** A destination configuration for the database, with the given extra options. */
    static Configuration config(String database, Object... keyValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("host", "127.0.0.1");
        values.put("port", server().getPort());
        values.put("database", database);
        values.put("user", "postgres");
        values.put("password", "");
        for (int i = 0; i < keyValues.length; i += 2) {
            values.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Configuration.of(values);
    }
}
