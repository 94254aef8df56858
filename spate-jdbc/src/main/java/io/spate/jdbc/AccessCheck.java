package io.spate.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code spate check} asks the database: does a query run, does every schema exist with USAGE for the
 * user, and may the user SELECT every table the configuration syncs. Tables are listed from
 * {@code pg_catalog.pg_tables}, which shows tables the user has no privilege on (information_schema hides
 * them, so a sync would silently leave them out).
 */
final class AccessCheck {
    private final Dialect dialect;
    private final SourceSettings settings;

    AccessCheck(Dialect dialect, SourceSettings settings) {
        this.dialect = dialect;
        this.settings = settings;
    }

    /** Every problem found, each saying what to grant or change; empty when the user can read everything. */
    List<String> problems(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
        }
        List<String> problems = new ArrayList<>();
        for (String schema : settings.schemas()) {
            if (!schemaExists(connection, schema)) {
                problems.add("schema \"" + schema + "\" does not exist in database " + settings.database()
                        + "; check the schema option");
            } else if (!privilege(connection, "has_schema_privilege", schema, "USAGE")) {
                problems.add("user " + settings.user() + " has no USAGE privilege on schema \"" + schema + "\"; grant it: "
                        + "GRANT USAGE ON SCHEMA " + Sql.quote(schema) + " TO " + Sql.quote(settings.user()));
            } else {
                for (String table : tablesToSync(connection, schema)) {
                    if (!privilege(connection, "has_table_privilege", Sql.qualified(schema, table), "SELECT")) {
                        problems.add("user " + settings.user() + " has no SELECT privilege on table " + schema + "." + table
                                + "; grant it: GRANT SELECT ON " + Sql.qualified(schema, table) + " TO "
                                + Sql.quote(settings.user()));
                    }
                }
            }
        }
        return problems;
    }

    private static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static boolean privilege(Connection connection, String function, String object, String privilege)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?, '" + privilege + "')")) {
            statement.setString(1, object);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getBoolean(1);
            }
        }
    }

    /** The base tables of the schema that the sync would read: by the tables patterns, or the table_spec. */
    private List<String> tablesToSync(Connection connection, String schema) throws SQLException {
        String sql = "SELECT c.table_name FROM (SELECT schemaname AS table_schema, tablename AS table_name "
                + "FROM pg_catalog.pg_tables) c WHERE c.table_schema = ?" + dialect.excludePartitionsCondition()
                + " ORDER BY c.table_name";
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    boolean synced = settings.autoSchemaDetection()
                            ? settings.tableFilter().accepts(schema, table)
                            : settings.tableSpec().stream().anyMatch(e -> e.matches(schema, table));
                    if (synced) {
                        tables.add(table);
                    }
                }
            }
        }
        return tables;
    }
}
