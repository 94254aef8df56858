package io.spate.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import io.spate.sdk.TableSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A query that runs longer than statement_timeout is cancelled by the server and fails the run at once. */
class StatementTimeoutTest {
    private static final String DB = "statement_timeout";

    @Test
    void aQueryLongerThanTheStatementTimeoutFailsWithWhatToChange() {
        TestPostgres.freshDatabase(DB);
        // each row takes 0.4 s, the whole read 2 s: four times the timeout
        TestPostgres.execute(DB, "CREATE VIEW slow AS SELECT g AS id, pg_sleep(0.4)::text AS waited "
                + "FROM generate_series(1, 5) g");
        Configuration config = TestPostgres.config(DB, "auto_schema_detection", "false",
                "table_spec", "[{\"name\": \"slow\", \"strategy\": \"FULL\"}]", "statement_timeout", "500ms");
        PostgresSource source = new PostgresSource();
        List<TableSpec> tables = source.schema(config);
        RecordingOperations ops = new RecordingOperations(tables);
        assertThatThrownBy(() -> source.update(config, ops.state(), ops))
                .isInstanceOf(SpateException.class)
                .hasMessage("public.slow failed: ERROR: canceling statement due to statement timeout (SQLSTATE 57014); "
                        + "the query ran longer than statement_timeout: raise statement_timeout, or lower batch_size and checkpoint_every_rows")
                .satisfies(e -> assertThat(((SpateException) e).category()).isEqualTo(SpateException.Category.INTERNAL));
        // binary COPY streams each row as it is made, so the first one (0.4 s) may arrive before the cancel;
        // nothing is committed
        assertThat(ops.upserts()).isLessThanOrEqualTo(1);
        assertThat(ops.live("public.slow")).isEmpty();
    }
}
