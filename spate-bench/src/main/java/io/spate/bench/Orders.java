package io.spate.bench;

import io.spate.sdk.DataType;
import io.spate.sdk.TableSpec;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The {@code orders} shape every benchmark uses: order_id LONG key, customer_id LONG, order_ts
 * NAIVE_DATETIME, amount DECIMAL(12,2), quantity INT, discount DOUBLE, status STRING, country STRING,
 * is_member BOOLEAN, note STRING. Row {@code n} is always the same, so runs compare.
 */
public final class Orders {
    public static final List<String> COLUMNS = List.of("order_id", "customer_id", "order_ts", "amount", "quantity",
            "discount", "status", "country", "is_member", "note");
    private static final String[] STATUSES = {"new", "paid", "shipped", "delivered", "returned"};
    private static final String[] COUNTRIES = {"DE", "US", "FR", "GB", "IN", "BR", "JP", "NL", "ES", "IT"};
    private static final LocalDateTime EPOCH = LocalDateTime.of(2023, 1, 1, 0, 0);
    private static final String[] NOTES = {
        "", "gift wrap", "leave at door, ring twice", "call \"before\" delivery", "fragile", "", "express", "",
        "multi\nline note", "n/a"};

    private Orders() {
    }

    public static TableSpec table() {
        return TableSpec.builder("orders").primaryKey("order_id").column("order_id", DataType.LONG)
                .column("customer_id", DataType.LONG).column("order_ts", DataType.NAIVE_DATETIME)
                .column("amount", DataType.decimal(12, 2)).column("quantity", DataType.INT)
                .column("discount", DataType.DOUBLE).column("status", DataType.STRING).column("country", DataType.STRING)
                .column("is_member", DataType.BOOLEAN).column("note", DataType.STRING).build();
    }

    /** Fills {@code values} (10 slots) with order {@code n} as Java values. */
    public static void fill(long n, Object[] values) {
        long mix = n * 0x9E3779B97F4A7C15L;
        values[0] = n;
        values[1] = Math.floorMod(mix >>> 17, 1_000_000L);
        values[2] = EPOCH.plusSeconds(n * 3);
        values[3] = BigDecimal.valueOf(Math.floorMod(mix >>> 7, 10_000_000L), 2);
        values[4] = (int) Math.floorMod(mix >>> 29, 20L) + 1;
        values[5] = Math.floorMod(mix >>> 37, 50L) / 100.0;
        values[6] = STATUSES[(int) Math.floorMod(mix >>> 11, STATUSES.length)];
        values[7] = COUNTRIES[(int) Math.floorMod(mix >>> 23, COUNTRIES.length)];
        values[8] = (mix & 1) == 0;
        values[9] = NOTES[(int) Math.floorMod(mix >>> 41, NOTES.length)];
    }
}
