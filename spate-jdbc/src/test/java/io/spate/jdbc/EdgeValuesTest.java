package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import io.spate.sdk.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EdgeValuesTest {
    private static final String DB = "edge_values";
    private final PostgresSource source = new PostgresSource();

    @BeforeAll
    static void createTables() {
        TestPostgres.freshDatabase(DB);
        TestPostgres.execute(DB, "CREATE TABLE forever (id int4 PRIMARY KEY, ts timestamp, tz timestamptz, d date)",
                "INSERT INTO forever VALUES (1, 'infinity', '-infinity', 'infinity')",
                "CREATE TABLE not_a_number (id int4 PRIMARY KEY, v numeric(10,2))",
                "INSERT INTO not_a_number VALUES (1, 'NaN')");
    }

    private RecordingOperations run(Configuration config) throws Exception {
        RecordingOperations ops = new RecordingOperations(source.schema(config));
        source.update(config, State.empty(), ops);
        return ops;
    }

    @Test
    void anInfiniteTimestampFailsNamingTableColumnAndKey() {
        assertThatThrownBy(() -> run(TestPostgres.config(DB, "tables", "forever")))
                .isInstanceOf(SpateException.class)
                .hasMessage("table public.forever column \"ts\" at key id=1: an infinite timestamp is not a NAIVE_DATETIME; "
                        + "declare the column STRING in table_spec to keep such values as text");
    }

    @Test
    void columnsDeclaredStringKeepInfinitiesAsText() throws Exception {
        RecordingOperations ops = run(TestPostgres.config(DB, "tables", "forever", "table_spec",
                "[{name: forever, columns: {ts: STRING, tz: STRING, d: STRING}}]"));
        assertThat(ops.live("public.forever").get(List.of(1)))
                .isEqualTo(Map.of("id", 1, "ts", "infinity", "tz", "-infinity", "d", "infinity"));
    }

    @Test
    void aNumericNaNInADecimalColumnFailsNamingTableColumnAndKey() {
        assertThatThrownBy(() -> run(TestPostgres.config(DB, "tables", "not_a_number")))
                .isInstanceOf(SpateException.class)
                .hasMessage("table public.not_a_number column \"v\" at key id=1: \"NaN\" is not a DECIMAL(10,2); "
                        + "declare the column STRING in table_spec to keep such values");
    }
}
