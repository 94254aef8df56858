package io.spate.lake;

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
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Orders 1..rows, deterministic, with a checkpoint (state {@code next}) every {@code checkpointEvery} rows;
 * resumes from the state. {@code variant} changes the note so two runs are told apart.
 */
public final class Orders implements Connector {
    static final String TABLE = "orders";
    private final long rows;
    private final long checkpointEvery;
    private final String variant;
    private final boolean printCheckpoints;

    public Orders(long rows, long checkpointEvery, String variant, boolean printCheckpoints) {
        this.rows = rows;
        this.checkpointEvery = checkpointEvery;
        this.variant = variant;
        this.printCheckpoints = printCheckpoints;
    }

    @Override
    public String name() {
        return "orders";
    }

    @Override
    public List<TableSpec> schema(Configuration config) {
        return List.of(TableSpec.builder(TABLE).primaryKey("id").column("id", DataType.LONG).column("region", DataType.STRING)
                .column("amount", DataType.decimal(12, 2)).column("paid_at", DataType.UTC_DATETIME)
                .column("note", DataType.STRING).build());
    }

    @Override
    public void update(Configuration config, State state, Operations ops) {
        Operations.RowWriter writer = ops.rowWriter(TABLE, List.of("id", "region", "amount", "paid_at", "note"));
        Object[] values = new Object[5];
        for (long id = state.getLong("next").orElse(1L); id <= rows; id++) {
            values[0] = id;
            values[1] = region(id);
            values[2] = amount(id);
            values[3] = Instant.ofEpochSecond(1_700_000_000L + id * 61);
            values[4] = id % 10 == 0 ? null : note(id);
            writer.upsert(values);
            if (id % checkpointEvery == 0) {
                ops.checkpoint(State.empty().with("next", id + 1));
                if (printCheckpoints) {
                    System.out.println("checkpoint " + id);
                    System.out.flush();
                }
            }
        }
    }

    static String region(long id) {
        return List.of("north", "south", "east/west").get((int) (id % 3));
    }

    static BigDecimal amount(long id) {
        return BigDecimal.valueOf((id * 37) % 1_000_000, 2);
    }

    String note(long id) {
        return variant + " " + id + ", \"quoted\" zürich ✓";
    }

    /** The md5 DuckDB computes with {@link #CHECKSUM_SQL} over exactly the rows 1..rows of this variant. */
    String expectedChecksum() {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            StringBuilder all = new StringBuilder();
            for (long id = 1; id <= rows; id++) {
                if (id > 1) {
                    all.append('\n');
                }
                all.append(id).append('|').append(region(id)).append('|').append(amount(id).toPlainString()).append('|')
                        .append(1_700_000_000L + id * 61).append('|').append(id % 10 == 0 ? "NULL" : note(id));
            }
            md5.update(all.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #expectedChecksum()} for tests in other packages. */
    public String expectedChecksumPublic() {
        return expectedChecksum();
    }

    /** {@link #CHECKSUM_SQL} for tests in other packages. */
    public static final String CHECKSUM_SQL_PUBLIC = "SELECT md5(string_agg(concat_ws('|', id, region, amount, "
            + "epoch(paid_at)::BIGINT, coalesce(note, 'NULL')), chr(10) ORDER BY id)) FROM t";

    /** Over a relation named {@code t}. */
    static final String CHECKSUM_SQL = "SELECT md5(string_agg(concat_ws('|', id, region, amount, epoch(paid_at)::BIGINT, "
            + "coalesce(note, 'NULL')), chr(10) ORDER BY id)) FROM t";
}
