package io.spate.duckdb.crash;

import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.DataType;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

/**
 * A deterministic source of orders for the crash test: row {@code id} always has the same values, and
 * every 100th order is sent again 5,000 rows later with a new amount (an update through upsert), so the
 * final table is only right when neither a row nor an update is lost or applied out of order.
 */
final class GeneratedOrders implements Connector {
    static final String TABLE = "orders";
    static final int CHECKPOINT_EVERY = 10_000;
    static final int REVISION_LAG = 5_000;
    private static final LocalDateTime EPOCH = LocalDateTime.of(2024, 1, 1, 0, 0);
    private static final DateTimeFormatter DUCKDB_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final long rows;

    GeneratedOrders(long rows) {
        this.rows = rows;
    }

    @Override
    public String name() {
        return "generated_orders";
    }

    @Override
    public List<TableSpec> schema(Configuration config) {
        return List.of(TableSpec.builder(TABLE).primaryKey("id").column("id", DataType.LONG)
                .column("customer_id", DataType.LONG).column("amount", DataType.decimal(12, 2))
                .column("ordered_at", DataType.NAIVE_DATETIME).column("paid", DataType.BOOLEAN)
                .column("note", DataType.STRING).build());
    }

    @Override
    public void update(Configuration config, State state, Operations ops) {
        Operations.RowWriter writer = ops.rowWriter(TABLE, List.of("id", "customer_id", "amount", "ordered_at", "paid", "note"));
        Object[] values = new Object[6];
        long next = state.getLong("next").orElse(1L);
        for (long position = next; position <= rows + REVISION_LAG; position++) {
            if (position <= rows) {
                fill(values, position, false);
                writer.upsert(values);
            }
            long revised = position - REVISION_LAG;
            if (revised >= 1 && revised % 100 == 0) {
                fill(values, revised, true);
                writer.upsert(values);
            }
            if (position % CHECKPOINT_EVERY == 0) {
                ops.checkpoint(State.empty().with("next", position + 1));
                System.out.println("checkpoint " + position);
                System.out.flush();
            }
        }
    }

    private static void fill(Object[] values, long id, boolean revised) {
        values[0] = id;
        values[1] = id % 9973;
        values[2] = amount(id, revised);
        values[3] = EPOCH.plusSeconds(id * 7);
        values[4] = id % 3 == 0;
        values[5] = id % 10 == 0 ? null : "note " + id + ", \"quoted\" zürich ✓";
    }

    private static BigDecimal amount(long id, boolean revised) {
        return BigDecimal.valueOf((id * 37) % 1_000_000 + (revised ? 1 : 0), 2);
    }

    /**
     * The MD5 of every final row as DuckDB renders it ({@link #CHECKSUM_SQL}), ordered by id. Row id's final
     * amount is its revised one when it is a multiple of 100 (every such revision is sent).
     */
    static String expectedChecksum(long rows) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            StringBuilder all = new StringBuilder();
            for (long id = 1; id <= rows; id++) {
                if (id > 1) {
                    all.append('\n');
                }
                all.append(id).append('|').append(id % 9973).append('|').append(amount(id, id % 100 == 0).toPlainString())
                        .append('|').append(DUCKDB_TIMESTAMP.format(EPOCH.plusSeconds(id * 7))).append('|').append(id % 3 == 0)
                        .append('|').append(id % 10 == 0 ? "NULL" : "note " + id + ", \"quoted\" zürich ✓");
                if (all.length() > 1 << 20) {
                    md5.update(all.toString().getBytes(StandardCharsets.UTF_8));
                    all.setLength(0);
                }
            }
            md5.update(all.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String CHECKSUM_SQL = "SELECT md5(string_agg(concat_ws('|', id, customer_id, amount, "
            + "strftime(ordered_at, '%Y-%m-%d %H:%M:%S'), paid, coalesce(note, 'NULL')), chr(10) ORDER BY id)) "
            + "FROM orders WHERE NOT _spate_deleted";
}
