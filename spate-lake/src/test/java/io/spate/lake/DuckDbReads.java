package io.spate.lake;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Reads files back with an in-memory DuckDB (read_parquet, read_csv, read_json), every value as DuckDB's text. */
public final class DuckDbReads {
    private DuckDbReads() {
    }

    public static List<List<String>> rows(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SELECT COLUMNS(*)::VARCHAR FROM (" + sql + ")")) {
                int count = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> row = new ArrayList<>(count);
                    for (int i = 1; i <= count; i++) {
                        row.add(result.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage() + "\nSQL: " + sql, e);
        }
    }

    /** A path as a SQL literal. */
    public static String literal(Object path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }
}
