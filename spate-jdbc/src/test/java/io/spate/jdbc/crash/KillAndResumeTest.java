package io.spate.jdbc.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.duckdb.WarehouseQuery;
import io.spate.testing.KillAndResume;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint = commit, for the postgres source: a 2,000,000-row sync (chunked, two workers) into the DuckDB
 * warehouse runs in a child JVM that is killed with SIGKILL at random points and resumed each time; the final
 * table must equal the source by count and by checksums of every column.
 */
class KillAndResumeTest {
    static final long ROWS = 2_000_000;
    static final int KILLS = 5;
    private static EmbeddedPostgres postgres;

    @TempDir
    Path work;

    @BeforeAll
    static void createOrders() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id int8 PRIMARY KEY, customer_id int4 NOT NULL, amount numeric(12,2), "
                    + "note text, updated_at timestamptz NOT NULL)");
            statement.execute("INSERT INTO orders SELECT g, (g::int8 * 7919) % 100000, round((g % 100000) * 0.37, 2), "
                    + "CASE WHEN g % 7 = 0 THEN NULL ELSE 'n\u00f6te ' || g END, "
                    + "timestamptz '2024-01-01 00:00:00+00' + (g / 10) * interval '1 second' FROM generate_series(1, " + ROWS + ") g");
        }
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void aSyncKilledAtRandomPointsAndResumedEndsEqualToTheSource() throws Exception {
        Path warehouse = work.resolve("warehouse.duckdb");
        KillAndResume.Outcome outcome = new KillAndResume(KILLS, 5, 3, 300).drive(run ->
                KillAndResume.startJvm(KilledSyncMain.class, String.valueOf(postgres.getPort()), "postgres",
                        warehouse.toString(), "chunking=true", "chunk_size=300000", "checkpoint_every_rows=100000",
                        "max_parallel_workers=2"));
        assertThat(outcome.completed()).as("the sync completed after " + outcome.kills() + " kills").isTrue();
        assertThat(outcome.kills()).isEqualTo(KILLS);

        List<String> source = sourceChecksums();
        List<String> synced = WarehouseQuery.rows(warehouse, "SELECT count(*), count(DISTINCT id), sum(id), "
                + "sum(customer_id), sum(amount), count(note), sum(epoch_us(updated_at)), "
                + "md5(string_agg(id::varchar || '|' || coalesce(note, 'NULL'), chr(10) ORDER BY id)) "
                + "FROM \"public\".\"orders\" WHERE NOT _spate_deleted").get(0);
        assertThat(synced.get(0)).isEqualTo(String.valueOf(ROWS));
        assertThat(synced.get(1)).isEqualTo(String.valueOf(ROWS));
        for (int i = 2; i < 7; i++) {
            assertThat(new BigDecimal(synced.get(i))).as("column checksum " + i).isEqualByComparingTo(new BigDecimal(source.get(i)));
        }
        assertThat(synced.get(7)).isEqualTo(source.get(7));
        assertThat(WarehouseQuery.rows(warehouse, "SELECT count(*) FROM \"public\".\"orders\"").get(0).get(0))
                .isEqualTo(String.valueOf(ROWS));
    }

    private static List<String> sourceChecksums() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort()
                + "/postgres", "postgres", ""); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*), count(DISTINCT id), sum(id), sum(customer_id), "
                     + "sum(amount), count(note), sum((extract(epoch FROM updated_at) * 1000000)::numeric), "
                     + "md5(string_agg(id::text || '|' || coalesce(note, 'NULL'), chr(10) ORDER BY id)) FROM orders")) {
            rows.next();
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                values.add(rows.getString(i));
            }
            return values;
        }
    }
}
