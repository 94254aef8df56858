package io.spate.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.DataType;
import io.spate.sdk.Operations;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import io.spate.sdk.SystemColumns;
import io.spate.sdk.TableSpec;
import io.spate.testing.MemoryDestination;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SyncTest {

    interface Body {
        void update(Configuration config, State state, Operations ops) throws Exception;
    }

    static Connector connector(List<TableSpec> tables, Body body) {
        return connector(tables, List.of(), body);
    }

    static Connector connector(List<TableSpec> tables, List<ConfigOption<?>> options, Body body) {
        return new Connector() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public List<ConfigOption<?>> options() {
                return options;
            }

            @Override
            public List<TableSpec> schema(Configuration config) {
                return tables;
            }

            @Override
            public void update(Configuration config, State state, Operations ops) throws Exception {
                body.update(config, state, ops);
            }
        };
    }

    static final TableSpec ORDERS = TableSpec.builder("orders").primaryKey("id")
            .column("id", DataType.LONG).column("amount", DataType.decimal(12, 2)).build();

    static SyncResult run(Connector connector, MemoryDestination... destinations) {
        Sync.Builder builder = Sync.builder().pipelineId("p").connector(connector);
        for (int i = 0; i < destinations.length; i++) {
            builder.destination("d" + i, destinations[i]);
        }
        return builder.build().run();
    }

    @Test
    void upsertsAreCommittedWithTheStateAtEachCheckpoint() {
        MemoryDestination destination = new MemoryDestination();
        SyncResult result = run(connector(List.of(ORDERS), (config, state, ops) -> {
            for (long id = 1; id <= 100_000; id++) {
                ops.upsert("orders", Map.of("id", id, "amount", "12.50"));
                if (id % 25_000 == 0) {
                    ops.checkpoint(State.empty().with("next", id + 1));
                }
            }
        }), destination);

        assertThat(destination.rows("orders")).hasSize(100_000);
        assertThat(destination.rows("orders").get(List.of(7L))).containsEntry("amount", new BigDecimal("12.50"));
        assertThat(destination.loadState("p").orElseThrow().state().getLong("next")).contains(100_001L);
        assertThat(result.totalRows()).isEqualTo(100_000);
        assertThat(result.checkpoints()).isEqualTo(5);
    }

    @Test
    void namedCountsAddUpAcrossCallsAndReachTheResult() {
        SyncResult result = run(connector(List.of(), (config, state, ops) -> {
            ops.count("files listed", 6);
            ops.count("GET requests", 2);
            ops.count("files listed", 1);
        }), new MemoryDestination());

        assertThat(result.counts()).containsExactly(Map.entry("files listed", 7L), Map.entry("GET requests", 2L));
    }

    @Test
    void operationsApplyInTheOrderTheyWereMade() {
        MemoryDestination destination = new MemoryDestination();
        run(connector(List.of(ORDERS), (config, state, ops) -> {
            ops.upsert("orders", Map.of("id", 1L, "amount", "1.00"));
            ops.upsert("orders", Map.of("id", 2L, "amount", "2.00"));
            ops.delete("orders", Map.of("id", 1L));
            ops.update("orders", Map.of("id", 2L, "amount", "2.50"));
            ops.upsert("orders", Map.of("id", 3L, "amount", "3.00"));
            ops.upsert("orders", Map.of("id", 3L, "amount", "3.30"));
        }), destination);

        Map<List<Object>, Map<String, Object>> rows = destination.rows("orders");
        assertThat(rows.get(List.of(1L))).containsEntry(SystemColumns.DELETED, true);
        assertThat(rows.get(List.of(2L))).containsEntry("amount", new BigDecimal("2.50")).containsEntry(SystemColumns.DELETED, false);
        assertThat(rows.get(List.of(3L))).containsEntry("amount", new BigDecimal("3.30"));
    }

    @Test
    void truncateSoftDeletesEveryRowSentBeforeIt() {
        MemoryDestination destination = new MemoryDestination();
        run(connector(List.of(ORDERS), (config, state, ops) -> {
            ops.upsert("orders", Map.of("id", 1L, "amount", "1.00"));
            ops.checkpoint(State.empty());
            ops.upsert("orders", Map.of("id", 2L, "amount", "2.00"));
            ops.truncate("orders");
            ops.upsert("orders", Map.of("id", 3L, "amount", "3.00"));
        }), destination);

        assertThat(destination.liveRows("orders")).extracting(r -> r.get("id")).containsExactly(3L);
        assertThat(destination.rows("orders")).hasSize(3);
    }

    @Test
    void anUndeclaredColumnWidensInsteadOfFailing() {
        MemoryDestination destination = new MemoryDestination();
        run(connector(List.of(), (config, state, ops) -> {
            ops.upsert("events", Map.of("n", 1));
            ops.upsert("events", Map.of("n", 5_000_000_000L));
            ops.upsert("events", Map.of("n", new BigDecimal("1.5")));
            ops.upsert("events", Map.of("n", "many"));
        }), destination);

        assertThat(destination.schema("events").column("n").orElseThrow().type()).isEqualTo(DataType.STRING);
        assertThat(destination.liveRows("events")).extracting(r -> r.get("n"))
                .containsExactlyInAnyOrder("1.0", "5000000000.0", "1.5", "many");
    }

    @Test
    void aValueThatDoesNotFitADeclaredColumnNamesTableColumnKeyValueAndType() {
        MemoryDestination destination = new MemoryDestination();
        assertThatThrownBy(() -> run(connector(List.of(ORDERS), (config, state, ops) ->
                ops.upsert("orders", Map.of("id", 42L, "amount", "12,x"))), destination))
                .isInstanceOf(SpateException.class)
                .hasMessage("table orders, column \"amount\", row with key {id=42}: \"12,x\" is not a number; expected DECIMAL(12,2)");
    }

    @Test
    void identicalRowsOfAKeylessTableCollapseIntoOneRowId() {
        MemoryDestination destination = new MemoryDestination();
        run(connector(List.of(), (config, state, ops) -> {
            ops.upsert("log", Map.of("line", "a", "n", 1));
            ops.upsert("log", Map.of("line", "a", "n", 1));
            ops.upsert("log", Map.of("line", "b", "n", 1));
        }), destination);

        assertThat(destination.rows("log")).hasSize(2);
        assertThat(destination.rows("log").keySet()).allSatisfy(key -> assertThat((String) key.get(0)).hasSize(32));
    }

    @Test
    void aFailedRunKeepsOnlyWhatWasCheckpointedAndResumesFromItsState() {
        MemoryDestination destination = new MemoryDestination();
        Body body = (config, state, ops) -> {
            long start = state.getLong("next").orElse(1L);
            for (long id = start; id <= 1000; id++) {
                ops.upsert("orders", Map.of("id", id, "amount", "1.00"));
                if (id % 100 == 0) {
                    ops.checkpoint(State.empty().with("next", id + 1));
                }
                if (id == 450 && start == 1) {
                    throw new IllegalStateException("source went away");
                }
            }
        };
        assertThatThrownBy(() -> run(connector(List.of(ORDERS), body), destination))
                .hasMessage("connector test failed: source went away");
        MemoryDestination reopened = destination.reopen();
        assertThat(reopened.rows("orders")).hasSize(400);
        assertThat(destination.log()).doesNotContain("completed p");

        run(connector(List.of(ORDERS), body), reopened);
        assertThat(reopened.rows("orders")).hasSize(1000);
    }

    @Test
    void manyThreadsMayWriteTheSameTableAtOnce() throws Exception {
        MemoryDestination destination = new MemoryDestination();
        run(connector(List.of(ORDERS), (config, state, ops) -> {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    Operations.RowWriter writer = ops.rowWriter("orders", List.of("id", "amount"));
                    for (long i = 0; i < 50_000; i++) {
                        writer.upsert(new Object[] {thread * 1_000_000L + i, BigDecimal.ONE});
                        if (i % 20_000 == 0) {
                            ops.checkpoint(State.empty());
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
        }), destination);

        assertThat(destination.rows("orders")).hasSize(200_000);
    }

    @Test
    void everyDestinationOfAFanOutGetsTheRowsAndTheState() {
        MemoryDestination first = new MemoryDestination();
        MemoryDestination second = new MemoryDestination();
        run(connector(List.of(ORDERS), (config, state, ops) -> {
            ops.upsert("orders", Map.of("id", 1L, "amount", "1"));
            ops.checkpoint(State.empty().with("at", 1));
        }), first, second);

        assertThat(first.rows("orders")).isEqualTo(second.rows("orders")).hasSize(1);
        assertThat(first.log()).last().isEqualTo("completed p");
        assertThat(second.loadState("p").orElseThrow().sequence()).isEqualTo(2);
    }

    @Test
    void aFailingDestinationFailsTheRunNamingIt() {
        MemoryDestination destination = new MemoryDestination();
        destination.failOnNextWrite(SpateException.data("disk full"));
        assertThatThrownBy(() -> run(connector(List.of(ORDERS), (config, state, ops) -> {
            ops.upsert("orders", Map.of("id", 1L, "amount", "1"));
            ops.checkpoint(State.empty());
        }), destination)).isInstanceOf(SpateException.class).hasMessage("destination d0: disk full");
        assertThat(destination.reopen().rows("orders")).isEmpty();
    }

    @Test
    void invalidConfigurationIsReportedAllAtOnceBeforeAnythingRuns() {
        List<ConfigOption<?>> options = List.of(ConfigOption.string("host").required(),
                ConfigOption.integer("port").check(p -> p > 0 && p < 65536, "must be 1..65535"),
                ConfigOption.string("password").required());
        Connector connector = connector(List.of(), options, (config, state, ops) -> {
            throw new AssertionError("must not run");
        });
        assertThatThrownBy(() -> Sync.builder().pipelineId("p").connector(connector)
                .configuration(Configuration.of(Map.of("port", "99999")))
                .destination("d", new MemoryDestination()).build().run())
                .isInstanceOf(SpateException.class)
                .hasMessage("invalid configuration:\n  - host is missing: expected text\n  - port must be 1..65535 (got 99999)"
                        + "\n  - password is missing: expected text");
    }

    @Test
    void rulesBetweenOptionsAreReportedWithTheOptionsOwnProblems() {
        List<ConfigOption<?>> options = List.of(ConfigOption.string("auth").defaultValue("key"),
                ConfigOption.integer("retries"));
        Connector connector = new Connector() {
            @Override
            public List<ConfigOption<?>> options() {
                return options;
            }

            @Override
            public List<String> validate(Configuration config) {
                return config.has("api_key") || "none".equals(config.getString("auth", "")) ? List.of()
                        : List.of("api_key is missing: required unless auth: none");
            }

            @Override
            public List<TableSpec> schema(Configuration config) {
                return List.of();
            }

            @Override
            public void update(Configuration config, State state, Operations ops) {
                throw new AssertionError("must not run");
            }
        };
        assertThatThrownBy(() -> Sync.builder().pipelineId("p").connector(connector)
                .configuration(Configuration.of(Map.of("retries", "x")))
                .destination("d", new MemoryDestination()).build().run())
                .hasMessage("invalid configuration:\n  - retries is \"x\", expected an integer"
                        + "\n  - api_key is missing: required unless auth: none");
    }

    @Test
    void aColumnGuessedFromASampleWidensLikeAnUndeclaredOne() {
        MemoryDestination destination = new MemoryDestination();
        TableSpec sampled = TableSpec.builder("readings").primaryKey("id").column("id", DataType.INT)
                .columns(List.of(io.spate.sdk.Column.inferred("value", DataType.INT))).build();
        run(connector(List.of(sampled), (config, state, ops) -> {
            ops.upsert("readings", Map.of("id", "1", "value", "7"));
            ops.upsert("readings", Map.of("id", "2", "value", "7.25"));
            ops.upsert("readings", Map.of("id", "3", "value", "n/a"));
        }), destination);

        assertThat(destination.schema("readings").column("value").orElseThrow().type()).isEqualTo(DataType.STRING);
        assertThat(destination.rows("readings").get(List.of(2)).get("value")).isEqualTo("7.25");
    }

    @Test
    void textTooLargeForAnInferredIntegerWidensItAndKeepsEveryValue() {
        MemoryDestination destination = new MemoryDestination();
        TableSpec sampled = TableSpec.builder("counts").primaryKey("id").column("id", DataType.INT)
                .columns(List.of(io.spate.sdk.Column.inferred("big", DataType.LONG),
                        io.spate.sdk.Column.inferred("ratio", DataType.LONG))).build();
        run(connector(List.of(sampled), (config, state, ops) -> {
            Operations.RowWriter rows = ops.rowWriter("counts", List.of("id", "big", "ratio"));
            rows.upsert(new Object[] {"1", "-0009", "2"});
            rows.upsert(new Object[] {"2", "123456789012345678901", "1.5e3"});
            rows.upsert(new Object[] {"3", "9223372036854775807", null});
        }), destination);

        assertThat(destination.schema("counts").column("big").orElseThrow().type()).isEqualTo(DataType.decimal(21, 0));
        assertThat(destination.schema("counts").column("ratio").orElseThrow().type()).isEqualTo(DataType.DOUBLE);
        assertThat(destination.rows("counts").get(List.of(1)).get("big")).isEqualTo(new BigDecimal("-9"));
        assertThat(destination.rows("counts").get(List.of(2)).get("big")).isEqualTo(new BigDecimal("123456789012345678901"));
        assertThat(destination.rows("counts").get(List.of(3)).get("big")).isEqualTo(new BigDecimal("9223372036854775807"));
        assertThat(destination.rows("counts").get(List.of(2)).get("ratio")).isEqualTo(1500.0);
    }

    @Test
    void columnsDeclaredDuringUpdateTypeTheTextSentForThem() {
        MemoryDestination destination = new MemoryDestination();
        TableSpec lines = TableSpec.builder("lines").primaryKey("n").column("n", DataType.LONG).build();
        run(connector(List.of(lines), (config, state, ops) -> {
            ops.declare(TableSpec.builder("lines").columns(List.of(io.spate.sdk.Column.inferred("amount", DataType.decimal(5, 2)),
                    io.spate.sdk.Column.inferred("n", DataType.STRING))).build());
            ops.upsert("lines", Map.of("n", "1", "amount", "1.50"));
            ops.upsert("lines", Map.of("n", "2", "amount", "12345.125"));
        }), destination);

        assertThat(destination.schema("lines").column("n").orElseThrow().type()).isEqualTo(DataType.LONG);
        assertThat(destination.schema("lines").column("amount").orElseThrow().type()).isEqualTo(DataType.decimal(8, 3));
        assertThat(destination.rows("lines").get(List.of(1L))).containsEntry("amount", new BigDecimal("1.500"));
    }

    @Test
    void aSecretNeverAppearsInAnError() {
        List<ConfigOption<?>> options = List.of(ConfigOption.string("api_key").required());
        Connector connector = connector(List.of(), options, (config, state, ops) -> {
            throw new IllegalStateException("401 for key " + config.getString("api_key", ""));
        });
        assertThatThrownBy(() -> Sync.builder().pipelineId("p").connector(connector)
                .configuration(Configuration.of(Map.of("api_key", "s3cr3t-value")))
                .destination("d", new MemoryDestination()).build().run())
                .hasMessage("connector test failed: 401 for key ****");
    }

    @Test
    void partialUpdatesChangeOnlyTheGivenColumns() {
        MemoryDestination destination = new MemoryDestination();
        TableSpec people = TableSpec.builder("people").primaryKey("id").column("id", DataType.INT).build();
        run(connector(List.of(people), (config, state, ops) -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", 1);
            row.put("name", "Ada");
            row.put("seen", LocalDateTime.of(2024, 1, 2, 3, 4, 5));
            ops.upsert("people", row);
            ops.update("people", Map.of("id", 1, "name", "Ada L."));
        }), destination);

        assertThat(destination.rows("people").get(List.of(1))).containsEntry("name", "Ada L.")
                .containsEntry("seen", LocalDateTime.of(2024, 1, 2, 3, 4, 5));
    }
}
