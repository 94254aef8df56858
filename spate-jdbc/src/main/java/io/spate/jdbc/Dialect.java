package io.spate.jdbc;

import java.util.Properties;

/**
 * What differs between PostgreSQL (pgjdbc) and Redshift (Amazon's driver): the driver, its URL and
 * properties, and a few SQL features. Everything else is shared.
 */
enum Dialect {
    POSTGRES("postgres", 5432, "org.postgresql.Driver", "jdbc:postgresql://", true),
    REDSHIFT("redshift", 5439, "com.amazon.redshift.Driver", "jdbc:redshift://", false);

    private final String connectorName;
    private final int defaultPort;
    private final String driverClass;
    private final String urlPrefix;
    private final boolean rowValueComparison;

    Dialect(String connectorName, int defaultPort, String driverClass, String urlPrefix, boolean rowValueComparison) {
        this.connectorName = connectorName;
        this.defaultPort = defaultPort;
        this.driverClass = driverClass;
        this.urlPrefix = urlPrefix;
        this.rowValueComparison = rowValueComparison;
    }

    String connectorName() {
        return connectorName;
    }

    int defaultPort() {
        return defaultPort;
    }

    String driverClass() {
        return driverClass;
    }

    String jdbcUrl(String host, int port, String database) {
        return urlPrefix + host + ":" + port + "/" + database;
    }

    /** PostgreSQL compares row values ({@code (a, b) > (x, y)}) using the index; Redshift has no such syntax. */
    boolean supportsRowValueComparison() {
        return rowValueComparison;
    }

    /** Driver properties for TLS, from the libpq-style {@code ssl_mode}. */
    void applySslMode(SslMode mode, Properties properties) {
        if (this == POSTGRES) {
            properties.setProperty("sslmode", mode.libpqName());
            // Server-prepared statements from the first execution, so results come in the binary format:
            // integers, timestamps and numerics decode without text parsing (about 25% faster reads).
            properties.setProperty("prepareThreshold", "-1");
            return;
        }
        // Amazon's driver turns TLS on unless ssl=false and accepts only verify-ca / verify-full as sslmode.
        // Every Redshift cluster speaks TLS, so allow / prefer / require all mean: encrypted, not verified.
        switch (mode) {
            case DISABLE -> properties.setProperty("ssl", "false");
            case ALLOW, PREFER, REQUIRE -> {
                properties.setProperty("ssl", "true");
                properties.setProperty("sslfactory", "com.amazon.redshift.ssl.NonValidatingFactory");
            }
            case VERIFY_CA, VERIFY_FULL -> {
                properties.setProperty("ssl", "true");
                properties.setProperty("sslmode", mode.libpqName());
            }
        }
    }

    /** An extra condition on {@code information_schema.columns c} that leaves out partitions of partitioned tables. */
    String excludePartitionsCondition() {
        if (this == POSTGRES) {
            return " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_class pc"
                    + " JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace"
                    + " WHERE pn.nspname = c.table_schema AND pc.relname = c.table_name AND pc.relispartition)";
        }
        return "";
    }

    /** The select expression that reads a column of this source type as the text the mapping expects. */
    String jsonExpression(String quotedColumn, boolean isArray) {
        if (this == REDSHIFT) {
            return "json_serialize(" + quotedColumn + ")";
        }
        return isArray ? "to_json(" + quotedColumn + ")::text" : quotedColumn;
    }

    /**
     * The select expression reading a column as the server's own text form (time, timetz, interval, money,
     * numeric without precision, uuid, enums ...): exact, whatever the transfer format of the driver.
     */
    String textExpression(String quotedColumn) {
        return this == POSTGRES ? quotedColumn + "::text" : quotedColumn;
    }

    /** libpq's sslmode values. */
    enum SslMode {
        DISABLE, ALLOW, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

        String libpqName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
