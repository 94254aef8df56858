package io.spate.jdbc.destination;

import io.spate.batch.ColumnVector;
import io.spate.batch.RowBatch;
import io.spate.destination.CommittedState;
import io.spate.destination.TableSchema;
import io.spate.jdbc.TestPostgres;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import io.spate.sdk.State;
import io.spate.testing.Batches;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Measures loading {@code orders}-like rows into the embedded PostgreSQL with each COPY format: a first pass of
 * new rows (inserts) and a second pass over the same keys (every row conflicts and is updated).
 * Run: {@code java -cp <test classpath> io.spate.jdbc.destination.WriteBenchmarkMain [rows]}.
 */
public final class WriteBenchmarkMain {
    private static final int BATCH_ROWS = 50_000;
    private static final int BATCHES_PER_COMMIT = 4;
    private static final TableSchema ORDERS = Batches.table("orders", List.of("id"),
            Column.of("id", DataType.LONG), Column.of("customer", DataType.STRING), Column.of("amount", DataType.decimal(12, 2)),
            Column.of("placed", DataType.UTC_DATETIME), Column.of("status", DataType.STRING), Column.of("quantity", DataType.INT),
            Column.of("price", DataType.DOUBLE), Column.of("note", DataType.STRING), Column.of("day", DataType.NAIVE_DATE),
            Column.of("paid", DataType.BOOLEAN));

    private WriteBenchmarkMain() {
    }

    public static void main(String[] args) throws SQLException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<RowBatch> batches = new ArrayList<>();
        for (int start = 0; start < rows; start += BATCH_ROWS) {
            batches.add(batch(start, Math.min(BATCH_ROWS, rows - start)));
        }
        for (int round = 0; round < 2; round++) {
            for (CopyFormat format : CopyFormat.values()) {
                copyOnly(format, batches, rows, round);
            }
            for (CopyFormat format : CopyFormat.values()) {
                String database = TestPostgres.freshDatabase("bench");
                for (String pass : List.of("insert", "conflict")) {
                    long start = System.nanoTime();
                    try (PostgresDestination destination = PostgresDestination.open(PostgresDestinationProvider.settings(
                            TestPostgres.config(database, "copy_format", format.name())))) {
                        destination.ensureTable(ORDERS);
                        long sequence = 0;
                        for (int i = 0; i < batches.size(); i++) {
                            destination.write(batches.get(i));
                            if ((i + 1) % BATCHES_PER_COMMIT == 0 || i == batches.size() - 1) {
                                destination.commit("bench", new CommittedState(++sequence, State.of(Map.of("i", i))));
                            }
                        }
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("round %d %-6s %-8s %,d rows in %.2f s = %,.0f rows/s%n", round + 1, format, pass, rows,
                            seconds, rows / seconds);
                }
            }
        }
        System.exit(0);
    }

    /** COPY alone into a temporary table: the part of the load the format decides. */
    private static void copyOnly(CopyFormat format, List<RowBatch> batches, int rows, int round) throws SQLException {
        String database = TestPostgres.freshDatabase("bench");
        try (Connection connection = TestPostgres.connect(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE stage (id bigint, customer text, amount numeric(12,2), placed timestamptz,"
                    + " status text, quantity integer, price double precision, note text, day date, paid boolean)");
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long start = System.nanoTime();
            for (RowBatch batch : batches) {
                CopyIn in = copy.copyIn("COPY stage FROM STDIN " + format.options());
                CopyBuffer buffer = new CopyBuffer(in);
                format.write(batch.vectors(), batch.rowCount(), buffer);
                buffer.flush();
                in.endCopy();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round %d %-6s %-8s %,d rows in %.2f s = %,.0f rows/s%n", round + 1, format, "copy", rows,
                    seconds, rows / seconds);
        }
    }

    private static RowBatch batch(int first, int count) {
        List<Column> columns = ORDERS.columns();
        List<ColumnVector> vectors = new ArrayList<>();
        for (Column column : columns) {
            vectors.add(new ColumnVector(column.type(), count));
        }
        long placedBase = ColumnVector.microsOf(Instant.parse("2024-01-01T00:00:00Z"));
        for (int r = 0; r < count; r++) {
            long id = first + r + 1L;
            vectors.get(0).appendLong(id);
            vectors.get(1).appendObject("customer " + (id % 10_000));
            vectors.get(2).appendLong(id * 37 % 10_000_000);
            vectors.get(3).appendLong(placedBase + id * 1_000_003L);
            vectors.get(4).appendObject(id % 3 == 0 ? "shipped" : "new");
            vectors.get(5).appendLong(id % 17);
            vectors.get(6).appendDouble(id * 0.37);
            if (id % 5 == 0) {
                vectors.get(7).appendNull();
            } else {
                vectors.get(7).appendObject("note, with \"quotes\" " + id);
            }
            vectors.get(8).appendLong(19_000 + id % 1000);
            vectors.get(9).appendLong(id % 2);
        }
        return new RowBatch(ORDERS, RowBatch.Kind.UPSERT, columns.stream().map(Column::name).toList(), vectors, count,
                Instant.parse("2026-01-01T00:00:00Z"));
    }
}
