package io.spate.jdbc;

/** The {@code redshift} source: Amazon Redshift through Amazon's Redshift JDBC driver. */
public final class RedshiftSource extends JdbcSource {
    public RedshiftSource() {
        super(Dialect.REDSHIFT);
    }
}
