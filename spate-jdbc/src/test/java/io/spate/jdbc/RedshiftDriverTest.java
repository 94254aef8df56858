package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.sdk.Configuration;
import io.spate.sdk.State;
import io.spate.sdk.TableSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The redshift source (Amazon's driver, Redshift SQL forms) against the embedded PostgreSQL. */
class RedshiftDriverTest {
    private static final String DB = "redshift_driver";

    private static StartupParameterFilter filter;

    @org.junit.jupiter.api.AfterAll
    static void stopFilter() throws java.io.IOException {
        filter.close();
    }

    @BeforeAll
    static void createTables() throws java.io.IOException {
        filter = new StartupParameterFilter(TestPostgres.server().getPort(),
                java.util.Set.of("driver_version", "os_version", "client_protocol_version", "plugin_name"));
        TestPostgres.freshDatabase(DB);
        TestPostgres.execute(DB,
                "CREATE TABLE orders (id int8, line int4, amount numeric(12,2), note varchar(20), "
                        + "updated_at timestamp, PRIMARY KEY (id, line))",
                "INSERT INTO orders SELECT g / 3, g % 3, g * 0.5, 'n' || g, timestamp '2024-01-01' + (g / 10) * interval '1 hour' "
                        + "FROM generate_series(1, 300) g");
    }

    /** The seed connector's configuration.json keys, as written for Fivetran's example. */
    private static Configuration seedStyleConfig(Object... more) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("redshift_host", "127.0.0.1");
        values.put("redshift_port", String.valueOf(filter.port()));
        values.put("redshift_database", DB);
        values.put("redshift_user", "postgres");
        values.put("redshift_password", "");
        values.put("redshift_schema", "public");
        values.put("batch_size", "50");
        values.put("auto_schema_detection", "true");
        values.put("max_parallel_workers", "2");
        values.put("ssl_mode", "disable");
        for (int i = 0; i < more.length; i += 2) {
            values.put((String) more[i], more[i + 1]);
        }
        return Configuration.of(values);
    }

    @Test
    void redshiftDriverReadsPostgresWithSeedStyleConfiguration() throws Exception {
        Configuration config = seedStyleConfig("checkpoint_every_rows", "40", "chunking", "true", "chunk_size", "70");
        RedshiftSource source = new RedshiftSource();
        List<TableSpec> tables = source.schema(config);
        assertThat(tables).extracting(TableSpec::qualifiedName).containsExactly("public.orders");
        assertThat(tables.get(0).primaryKey()).containsExactly("id", "line");

        RecordingOperations first = new RecordingOperations(tables).resume(tables, 130);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.update(config, State.empty(), first))
                .hasMessageContaining("injected failure");
        RecordingOperations resumed = first.resume(tables);
        source.update(config, resumed.state(), resumed);
        assertThat(resumed.live("public.orders")).hasSize(300);
        assertThat(resumed.live("public.orders").get(List.of(33L, 1)))
                .containsEntry("amount", new java.math.BigDecimal("50.00")).containsEntry("note", "n100")
                .containsEntry("updated_at", java.time.LocalDateTime.of(2024, 1, 1, 10, 0));

        TestPostgres.execute(DB, "UPDATE orders SET amount = 0, updated_at = '2030-01-01' WHERE id = 7");
        RecordingOperations incremental = resumed.resume(tables);
        source.update(config, incremental.state(), incremental);
        assertThat(incremental.upserts()).isEqualTo(3);
    }

    @Test
    void redshiftDriverBindsTheFilterValuesOfEveryType() throws Exception {
        String filter = "updated_at >= timestamp '2024-01-01 05:00:00' and updated_at < timestamp '2024-01-02T00:00:00Z' "
                + "and updated_at > date '2023-12-31' and amount >= 60 and amount < 100.5 and note like 'n1%' "
                + "and line in ('1', 2) and note <> 'x'';--'";
        Configuration config = seedStyleConfig("filter", filter);
        RedshiftSource source = new RedshiftSource();
        List<TableSpec> tables = source.schema(config);
        RecordingOperations ops = new RecordingOperations(tables);
        source.update(config, State.empty(), ops);
        // g in 120..200 (amount 60..100), g / 10 >= 5, note n1..., g % 3 in (1, 2)
        long expected = java.util.stream.IntStream.rangeClosed(1, 300)
                .filter(g -> g * 0.5 >= 60 && g * 0.5 < 100.5 && g / 10 >= 5 && ("n" + g).startsWith("n1") && g % 3 != 0)
                .count();
        assertThat(ops.live("public.orders")).hasSize((int) expected);
        assertThat(expected).isEqualTo(53);
    }
}
