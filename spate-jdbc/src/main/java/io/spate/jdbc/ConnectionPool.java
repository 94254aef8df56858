package io.spate.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** A HikariCP pool of read connections, one per worker; the only class that imports HikariCP. */
final class ConnectionPool implements AutoCloseable {
    private final HikariDataSource dataSource;

    private ConnectionPool(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    static ConnectionPool open(SourceSettings settings, int size) {
        Dialect dialect = settings.dialect();
        HikariConfig config = new HikariConfig();
        config.setPoolName("spate-" + dialect.connectorName());
        config.setDriverClassName(dialect.driverClass());
        config.setJdbcUrl(dialect.jdbcUrl(settings.host(), settings.port(), settings.database()));
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        Properties properties = new Properties();
        dialect.applySslMode(settings.sslMode(), properties);
        properties.setProperty("ApplicationName", "spate");
        properties.setProperty("tcpKeepAlive", "true");
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setAutoCommit(false);
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        // A failing first connection is reported when a worker asks for one, with the driver's message.
        config.setInitializationFailTimeout(-1);
        long timeoutMillis = settings.statementTimeout().toMillis();
        if (timeoutMillis > 0) {
            config.setConnectionInitSql("SET statement_timeout = " + timeoutMillis);
        }
        return new ConnectionPool(new HikariDataSource(config));
    }

    /** A connection with autocommit off; close it to give it back. */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
