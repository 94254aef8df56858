package io.spate.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.runtime.Progress;
import io.spate.runtime.SyncResult;
import io.spate.runtime.TableMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void theSummaryHasTotalsATableWarningsAndWhereToLook() {
        SyncResult result = new SyncResult("orders", Duration.ofMillis(2500),
                List.of(new TableMetrics("orders", 1_000_000, 85 * 1_048_576L, 20, Duration.ofSeconds(2)),
                        new TableMetrics("shop.countries", 8, 300, 1, Duration.ZERO)),
                List.of("line 7 of a.csv skipped"), 21,
                java.util.Map.of("files listed", 1_500L));
        StringWriter text = new StringWriter();

        Summary.print(new PrintWriter(text), result, List.of("warehouse", "lake"), Optional.of("files/warehouse.duckdb"));

        assertThat(text.toString().replace(System.lineSeparator(), "\n")).isEqualTo("""

                orders: loaded 1,000,008 rows into 2 tables of warehouse, lake in 2.5 s (400,003 rows/s), 21 checkpoints

                table                rows  batches    MB  seconds   rows/s
                --------------  ---------  -------  ----  -------  -------
                orders          1,000,000       20  85.0      2.0  500,000
                shop.countries          8        1   0.0      0.0        -

                files listed: 1,500

                warnings (1):
                  - line 7 of a.csv skipped

                warehouse: files/warehouse.duckdb
                look at it: ./spate query files/warehouse.duckdb "select count(*) from orders"
                """);
    }

    @Test
    void oddTableNamesAreQuotedInTheHint() {
        assertThat(Summary.sqlName("orders")).isEqualTo("orders");
        assertThat(Summary.sqlName("shop.orders")).isEqualTo("shop.orders");
        assertThat(Summary.sqlName("order items")).isEqualTo("\\\"order items\\\"");
    }

    @Test
    void theProgressLineShowsRowsRateTablesAndTime() {
        assertThat(ProgressDisplay.line(new Progress(1_234_567, 845_120.4, 1, 2, Duration.ofMillis(12_340))))
                .isEqualTo("1,234,567 rows  845,120 rows/s  tables 1/2  12.3 s");
    }

    @Test
    void onATerminalTheProgressLineIsRedrawnInPlaceAndClearedAtTheEnd() {
        StringWriter text = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), true, false);

        display.progress(new Progress(10, 50, 0, 1, Duration.ofMillis(200)));
        display.progress(new Progress(20, 50, 1, 1, Duration.ofMillis(400)));
        display.finish();

        assertThat(text.toString()).isEqualTo("\r\033[K10 rows  50 rows/s  tables 0/1  0.2 s"
                + "\r\033[K20 rows  50 rows/s  tables 1/1  0.4 s\r\033[K");
    }

    @Test
    void quietShowsNoProgress() {
        StringWriter text = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(text), true, true);

        display.progress(new Progress(10, 50, 0, 1, Duration.ofMillis(200)));
        display.finish();

        assertThat(text.toString()).isEmpty();
    }
}
