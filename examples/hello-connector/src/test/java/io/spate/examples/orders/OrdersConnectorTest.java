package io.spate.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.sdk.Configuration;
import io.spate.sdk.Operations;
import io.spate.sdk.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrdersConnectorTest {

    /** Records what the connector calls, in order, as short text. */
    private static final class RecordingOperations implements Operations {
        final List<String> calls = new ArrayList<>();
        final List<State> checkpoints = new ArrayList<>();

        @Override
        public void upsert(String table, Map<String, ?> row) {
            calls.add("upsert " + table + " " + row.get(table.equals("orders") ? "order_id" : "code"));
        }

        @Override
        public void update(String table, Map<String, ?> partialRow) {
            calls.add("update " + table + " " + partialRow.get("order_id") + " " + new java.util.TreeSet<>(partialRow.keySet()));
        }

        @Override
        public void delete(String table, Map<String, ?> keys) {
            calls.add("delete " + table + " " + keys);
        }

        @Override
        public void truncate(String table) {
            calls.add("truncate " + table);
        }

        @Override
        public void checkpoint(State state) {
            calls.add("checkpoint " + state.toJson());
            checkpoints.add(state);
        }

        @Override
        public void warning(String message) {
            calls.add("warning " + message);
        }

        @Override
        public void error(String message) {
            throw new IllegalStateException(message);
        }

        @Override
        public RowWriter rowWriter(String table, List<String> columns) {
            return values -> calls.add("upsert " + table + " " + values[0]);
        }

        long count(String prefix) {
            return calls.stream().filter(c -> c.startsWith(prefix)).count();
        }
    }

    private final OrdersConnector connector = new OrdersConnector();
    private final Configuration config = Configuration.of(Map.of("rows", 250, "checkpoint_every", 100));

    @Test
    void firstRunReloadsCountriesAndAppendsOrdersWithCheckpoints() {
        RecordingOperations ops = new RecordingOperations();
        connector.update(config, State.empty(), ops);

        assertThat(ops.calls.get(0)).isEqualTo("truncate countries");
        assertThat(ops.count("upsert countries")).isEqualTo(8);
        assertThat(ops.count("upsert orders")).isEqualTo(250);
        assertThat(ops.count("update")).isZero();
        assertThat(ops.count("delete")).isZero();
        assertThat(ops.checkpoints).extracting(State::toJson).containsExactly(
                "{\"next_order_id\":1,\"end_order_id\":251}",
                "{\"next_order_id\":101,\"end_order_id\":251}",
                "{\"next_order_id\":201,\"end_order_id\":251}",
                "{\"next_order_id\":251,\"runs_done\":1}");
    }

    @Test
    void secondRunUpdatesAndCancelsEarlierOrdersThenAppendsTheNextOnes() {
        RecordingOperations ops = new RecordingOperations();
        connector.update(config, State.parse("{\"next_order_id\":251,\"runs_done\":1}"), ops);

        assertThat(ops.count("update orders")).isEqualTo(3);
        assertThat(ops.calls).contains("update orders 3 [note, order_id, status]", "update orders 103 [note, order_id, status]");
        assertThat(ops.count("delete orders")).isEqualTo(OrdersConnector.CANCELLED_PER_RUN);
        assertThat(ops.count("upsert orders")).isEqualTo(250);
        assertThat(ops.calls).contains("upsert orders 251", "upsert orders 500").doesNotContain("upsert orders 501");
        assertThat(ops.checkpoints.get(ops.checkpoints.size() - 1).toJson())
                .isEqualTo("{\"next_order_id\":501,\"runs_done\":2}");
    }

    @Test
    void aRunKilledMidwayResumesFromItsLastCheckpointAndFinishesTheSameOrders() {
        RecordingOperations ops = new RecordingOperations();
        connector.update(config, State.parse("{\"next_order_id\":101,\"end_order_id\":251}"), ops);

        assertThat(ops.count("truncate")).isZero();
        assertThat(ops.count("upsert orders")).isEqualTo(150);
        assertThat(ops.calls.get(0)).isEqualTo("upsert orders 101");
        assertThat(ops.checkpoints.get(ops.checkpoints.size() - 1).toJson())
                .isEqualTo("{\"next_order_id\":251,\"runs_done\":1}");
    }

    @Test
    void ordersAreTheSameForTheSameSeedAndDifferForAnother() {
        assertThat(OrdersConnector.order(12_345, 42)).isEqualTo(OrdersConnector.order(12_345, 42));
        assertThat(OrdersConnector.order(12_345, 42)).isNotEqualTo(OrdersConnector.order(12_345, 43));
        assertThat(OrdersConnector.order(7, 42)).containsEntry("order_id", 7L).containsKeys("amount", "note");
    }

    @Test
    void validationListsEveryBadOption() {
        Configuration bad = Configuration.of(Map.of("rows", "many", "checkpoint_every", 0));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bad.validate(connector.options(), java.util.Set.of()))
                .hasMessage("invalid configuration:\n  - rows is \"many\", expected an integer\n"
                        + "  - checkpoint_every must be 1 or more (got 0)");
    }
}
