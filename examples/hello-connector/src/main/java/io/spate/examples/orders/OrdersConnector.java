package io.spate.examples.orders;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.DataType;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * An example connector, written against the spate SDK alone: it makes up a shop's {@code orders} (and a
 * small {@code countries} reference table) deterministically from a seed, so every run is reproducible.
 *
 * <p>Each run continues where the last one stopped:
 * <ol>
 *   <li>it reloads {@code countries} in full ({@code truncate} + {@code upsert});</li>
 *   <li>from the second run on, it marks about 1% of the earlier orders delivered ({@code update}, only the
 *       changed columns) and cancels a few ({@code delete}, a soft delete);</li>
 *   <li>it appends the next {@code rows} orders ({@code upsert}), checkpointing its position every
 *       {@code checkpoint_every} rows. If the run is killed, the next one resumes from the last checkpoint
 *       and finishes the same orders; the ones sent again overwrite, because {@code order_id} is the key.</li>
 * </ol>
 *
 * <p>Its position lives only in the {@link State} it checkpoints: {@code next_order_id}, {@code runs_done},
 * and {@code end_order_id} while a run is under way.
 */
public final class OrdersConnector implements Connector {

    static final ConfigOption<Long> ROWS = ConfigOption.longInteger("rows").defaultValue(100_000L)
            .check(n -> n >= 0, "must be 0 or more").doc("new orders per run");
    static final ConfigOption<Long> SEED = ConfigOption.longInteger("seed").defaultValue(42L)
            .doc("the seed all values derive from");
    static final ConfigOption<Integer> CHECKPOINT_EVERY = ConfigOption.integer("checkpoint_every")
            .defaultValue(10_000).check(n -> n >= 1, "must be 1 or more").doc("rows between checkpoints");

    static final String ORDERS = "orders";
    static final String COUNTRIES = "countries";

    /** How many earlier orders a run cancels. */
    static final int CANCELLED_PER_RUN = 10;

    private static final List<String> STATUSES = List.of("new", "paid", "shipped");
    private static final List<Double> DISCOUNTS = List.of(0.0, 0.0, 0.05, 0.1, 0.15);
    private static final List<String> NOTES = List.of("gift wrap, please", "call \"before\" delivery",
            "leave at the door", "fragile:\nhandle with care");
    private static final Map<String, String> COUNTRY_NAMES = Collections.unmodifiableMap(countryNames());
    private static final List<String> COUNTRY_CODES = List.copyOf(COUNTRY_NAMES.keySet());
    private static final LocalDateTime FIRST_ORDER_TIME = LocalDateTime.of(2024, 1, 1, 8, 0);

    @Override
    public String name() {
        return "example_orders";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(ROWS, SEED, CHECKPOINT_EVERY);
    }

    @Override
    public List<TableSpec> schema(Configuration config) {
        TableSpec orders = TableSpec.builder(ORDERS).primaryKey("order_id")
                .column("order_id", DataType.LONG)
                .column("customer_id", DataType.LONG)
                .column("order_ts", DataType.NAIVE_DATETIME)
                .column("amount", DataType.decimal(12, 2))
                .column("quantity", DataType.INT)
                .column("discount", DataType.DOUBLE)
                .column("status", DataType.STRING)
                .column("country", DataType.STRING)
                .column("is_member", DataType.BOOLEAN)
                .column("note", DataType.STRING)
                .build();
        TableSpec countries = TableSpec.builder(COUNTRIES).primaryKey("code")
                .column("code", DataType.STRING)
                .column("name", DataType.STRING)
                .build();
        return List.of(orders, countries);
    }

    /**
     * Nothing to reach: the orders are made up here, and the runtime has already validated the options. A
     * connector to a real system would connect, list or fetch a few bytes, and throw what to fix.
     */
    @Override
    public void check(Configuration config) {
        // all this connector needs is a valid configuration
    }

    @Override
    public void update(Configuration config, State state, Operations ops) {
        long rows = config.get(ROWS);
        long seed = config.get(SEED);
        int checkpointEvery = config.get(CHECKPOINT_EVERY);

        long nextOrderId = state.getLong("next_order_id").orElse(1L);
        long runsDone = state.getLong("runs_done").orElse(0L);
        State position = state;
        if (state.get("end_order_id").isEmpty()) {
            // A new run: the changes to what exists come first, then the new orders up to end_order_id.
            reloadCountries(ops);
            if (nextOrderId > 1) {
                changeEarlierOrders(ops, nextOrderId - 1, seed, runsDone + 1);
            }
            position = state.with("next_order_id", nextOrderId).with("end_order_id", nextOrderId + rows);
            ops.checkpoint(position);
        }
        long endOrderId = position.getLong("end_order_id").orElseThrow();

        for (long orderId = nextOrderId; orderId < endOrderId; orderId++) {
            ops.upsert(ORDERS, order(orderId, seed));
            if ((orderId - nextOrderId + 1) % checkpointEvery == 0) {
                position = position.with("next_order_id", orderId + 1);
                ops.checkpoint(position);
            }
        }
        ops.checkpoint(State.empty().with("next_order_id", endOrderId).with("runs_done", runsDone + 1));
    }

    /** A reference table replaced in full on every run: truncate soft-deletes the old rows, upserts revive them. */
    private static void reloadCountries(Operations ops) {
        ops.truncate(COUNTRIES);
        COUNTRY_NAMES.forEach((code, name) -> ops.upsert(COUNTRIES, Map.of("code", code, "name", name)));
    }

    /** Marks every 100th earlier order delivered (only two columns change) and cancels a few. */
    private static void changeEarlierOrders(Operations ops, long lastOrderId, long seed, long run) {
        for (long orderId = 1 + run % 100; orderId <= lastOrderId; orderId += 100) {
            ops.update(ORDERS, Map.of("order_id", orderId, "status", "delivered", "note", "delivered in run " + run));
        }
        SplittableRandom random = new SplittableRandom(seed * 31 + run);
        for (int i = 0; i < CANCELLED_PER_RUN; i++) {
            ops.delete(ORDERS, Map.of("order_id", 1 + random.nextLong(lastOrderId)));
        }
    }

    /** The order with this id: the same values on every run with the same seed. */
    static Map<String, Object> order(long orderId, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + orderId);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("order_id", orderId);
        row.put("customer_id", 1 + random.nextLong(50_000));
        row.put("order_ts", FIRST_ORDER_TIME.plusSeconds(orderId * 37));
        row.put("amount", BigDecimal.valueOf(random.nextLong(100, 1_000_000), 2));
        row.put("quantity", 1 + random.nextInt(20));
        row.put("discount", DISCOUNTS.get(random.nextInt(DISCOUNTS.size())));
        row.put("status", STATUSES.get(random.nextInt(STATUSES.size())));
        row.put("country", COUNTRY_CODES.get(random.nextInt(COUNTRY_CODES.size())));
        row.put("is_member", random.nextInt(3) == 0);
        row.put("note", random.nextInt(10) < 7 ? null : NOTES.get(random.nextInt(NOTES.size())));
        return row;
    }

    private static Map<String, String> countryNames() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("DE", "Germany");
        names.put("FR", "France");
        names.put("GB", "United Kingdom");
        names.put("NL", "Netherlands");
        names.put("PL", "Poland");
        names.put("US", "United States");
        names.put("BR", "Brazil");
        names.put("JP", "Japan");
        return names;
    }
}
