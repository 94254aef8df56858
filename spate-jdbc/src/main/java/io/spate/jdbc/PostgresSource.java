package io.spate.jdbc;

/** The {@code postgres} source: PostgreSQL through pgjdbc. */
public final class PostgresSource extends JdbcSource {
    public PostgresSource() {
        super(Dialect.POSTGRES);
    }
}
