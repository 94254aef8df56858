package io.spate.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** A HikariCP pool of read connections, one per worker; the only class that imports HikariCP. */
final class ConnectionPool implements AutoCloseable {
    private final HikariDataSource dataSource;

    private ConnectionPool(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Opens the pool and its first connection, so that a wrong host, database or password fails at once with
     * the driver's message (thrown as the driver's SQLException, for {@link Retry} to judge).
     */
    static ConnectionPool open(SourceSettings settings, int size) throws SQLException {
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
        config.setInitializationFailTimeout(1);
        long timeoutMillis = settings.statementTimeout().toMillis();
        if (timeoutMillis > 0) {
            config.setConnectionInitSql("SET statement_timeout = " + timeoutMillis);
        }
        try {
            return new ConnectionPool(new HikariDataSource(config));
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** A connection with autocommit off; close it to give it back. */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Closes the connection for good when it is given back (its protocol state is unknown after a failed COPY). */
    void evict(Connection connection) {
        dataSource.evictConnection(connection);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
