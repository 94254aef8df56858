package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ConnectionPoolTest {
    @Test
    void pooledConnectionsCarryTheStatementTimeoutAndReadWithAutocommitOff() throws Exception {
        String db = TestPostgres.freshDatabase("connection_pool");
        SourceSettings settings = SourceSettings.from(Dialect.POSTGRES, TestPostgres.config(db, "statement_timeout", "1500ms"));
        try (ConnectionPool pool = ConnectionPool.open(settings, 2);
             Connection connection = pool.connection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_setting('statement_timeout'), "
                     + "current_setting('application_name')")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("1500ms");
            assertThat(rows.getString(2)).isEqualTo("spate");
            assertThat(connection.getAutoCommit()).isFalse();
        }
    }
}
