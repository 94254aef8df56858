package io.spate.duckdb;

import io.spate.sdk.SpateException;
import io.spate.sdk.SpateException.Category;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Runs one SQL statement against a warehouse file, opened read-only, and hands back every value as text in
 * DuckDB's own text form ({@code NULL} as {@code null}); TIMESTAMPTZ values are shown in UTC.
 *
 * <p>DuckDB lets one process open a database file for writing, or any number of processes read-only: while
 * a sync writes the file, another process's query fails with DuckDB's lock error (retry after the sync).
 */
public final class WarehouseQuery {
    private static final Pattern QUERY = Pattern.compile("^(?:\\(|(?:SELECT|WITH|FROM|VALUES|TABLE)\\b).*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Receives a result: the column names once, then each row. */
    public interface ResultHandler {
        void columns(List<String> names);

        void row(List<String> values);
    }

    private WarehouseQuery() {
    }

    /** Runs {@code sql} on the database, read-only, streaming the result to {@code handler}. */
    public static void run(Path database, String sql, ResultHandler handler) {
        Path file = database.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw SpateException.config("no DuckDB warehouse at " + file);
        }
        Properties properties = new Properties();
        properties.setProperty("duckdb.read_only", "true");
        try (Connection connection = DuckDbConnections.open("jdbc:duckdb:" + file, properties);
                Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            String text = withoutTrailingSemicolons(sql);
            // A query is wrapped so that DuckDB itself renders each value as text; other statements
            // (SHOW, DESCRIBE, PRAGMA, ...) run as written and their values are read as strings.
            boolean query = QUERY.matcher(text).matches();
            if (query) {
                // binds the statement as written, so that an error shows the user's SQL, not the wrapper
                connection.prepareStatement(text).close();
            }
            String executed = query ? "SELECT COLUMNS(*)::VARCHAR FROM (" + text + "\n)" : text;
            if (!statement.execute(executed)) {
                handler.columns(List.of("changed"));
                handler.row(List.of(String.valueOf(statement.getUpdateCount())));
                return;
            }
            try (ResultSet rows = statement.getResultSet()) {
                ResultSetMetaData meta = rows.getMetaData();
                int count = meta.getColumnCount();
                List<String> names = new ArrayList<>(count);
                for (int i = 1; i <= count; i++) {
                    names.add(meta.getColumnLabel(i));
                }
                handler.columns(List.copyOf(names));
                while (rows.next()) {
                    List<String> values = new ArrayList<>(count);
                    for (int i = 1; i <= count; i++) {
                        values.add(rows.getString(i));
                    }
                    handler.row(Collections.unmodifiableList(values));
                }
            }
        } catch (SQLException e) {
            throw new SpateException(Category.CONFIG, "query failed on DuckDB warehouse " + file + ": " + Sql.errorMessage(e)
                    + "\nSQL: " + sql, e);
        }
    }

    /** The whole result of {@code sql}, rows of text values (null for NULL), without the header. */
    public static List<List<String>> rows(Path database, String sql) {
        List<List<String>> rows = new ArrayList<>();
        run(database, sql, new ResultHandler() {
            @Override
            public void columns(List<String> names) {
                // only the rows are returned
            }

            @Override
            public void row(List<String> values) {
                rows.add(values);
            }
        });
        return rows;
    }

    private static String withoutTrailingSemicolons(String sql) {
        String text = sql.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }
}
