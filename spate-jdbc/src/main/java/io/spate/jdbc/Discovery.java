package io.spate.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Finds tables, columns, types and primary keys: one query per schema. */
final class Discovery {
    private static final String COLUMNS_OF_SCHEMA = """
            SELECT c.table_name, c.column_name, c.data_type, c.udt_schema, c.udt_name,
                   c.numeric_precision, c.numeric_scale, k.ordinal_position AS key_position
            FROM information_schema.columns c
            JOIN information_schema.tables t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            LEFT JOIN (SELECT ku.table_name, ku.column_name, ku.ordinal_position
                       FROM information_schema.table_constraints tc
                       JOIN information_schema.key_column_usage ku
                         ON ku.constraint_schema = tc.constraint_schema
                        AND ku.constraint_name = tc.constraint_name
                        AND ku.table_name = tc.table_name
                       WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = ?) k
              ON k.table_name = c.table_name AND k.column_name = c.column_name
            WHERE c.table_schema = ? AND t.table_type = 'BASE TABLE'%s
            ORDER BY c.table_name, c.ordinal_position
            """;

    private final Dialect dialect;

    Discovery(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Every base table of the schema (partitions of partitioned tables left out), by name. */
    List<SourceTable> tables(Connection connection, String schema) throws SQLException {
        Map<String, List<SourceColumn>> columns = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String>> keys = new LinkedHashMap<>();
        String sql = COLUMNS_OF_SCHEMA.formatted(dialect.excludePartitionsCondition());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            statement.setString(2, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String table = rows.getString("table_name");
                    String column = rows.getString("column_name");
                    SourceColumn mapped = TypeMapping.map(dialect, column, rows.getString("data_type"),
                            rows.getString("udt_schema"), rows.getString("udt_name"),
                            rows.getInt("numeric_precision"), rows.getInt("numeric_scale"));
                    columns.computeIfAbsent(table, t -> new ArrayList<>()).add(mapped);
                    int keyPosition = rows.getInt("key_position");
                    if (!rows.wasNull()) {
                        keys.computeIfAbsent(table, t -> new TreeMap<>()).put(keyPosition, column);
                    }
                }
            }
        }
        List<SourceTable> tables = new ArrayList<>();
        columns.forEach((table, cols) -> tables.add(new SourceTable(schema, table, cols,
                List.copyOf(keys.getOrDefault(table, new TreeMap<>()).values()))));
        return tables;
    }

    /**
     * The columns of one table from the driver's result set metadata, for tables declared in a table_spec
     * when auto detection is off: no catalog query, one empty SELECT.
     */
    SourceTable describe(Connection connection, String schema, String table, List<String> primaryKey) throws SQLException {
        List<SourceColumn> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT * FROM " + Sql.qualified(schema, table) + " WHERE 1 = 0")) {
            ResultSetMetaData meta = statement.getMetaData() != null ? statement.getMetaData()
                    : statement.executeQuery().getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String typeName = meta.getColumnTypeName(i);
                boolean isArray = meta.getColumnType(i) == java.sql.Types.ARRAY || typeName.startsWith("_");
                int precision = "numeric".equalsIgnoreCase(typeName) ? meta.getPrecision(i) : 0;
                int scale = "numeric".equalsIgnoreCase(typeName) ? meta.getScale(i) : 0;
                columns.add(TypeMapping.map(dialect, meta.getColumnName(i), isArray ? "ARRAY" : typeName,
                        "pg_catalog", typeName, precision, scale));
            }
        }
        return new SourceTable(schema, table, columns, primaryKey);
    }
}
