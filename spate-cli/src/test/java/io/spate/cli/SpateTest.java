package io.spate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SpateTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int spate(String... args) {
        return Spate.run(out, err, args);
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        assertThat(spate("--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: spate [-hV] [COMMAND]")
                .contains("Exit codes: 0 ok, 1 failed, 2 bad configuration or usage.")
                .contains("  check    Tests every source and destination of a pipeline file without")
                .contains("  convert  Converts files (CSV, TSV) to Parquet, Avro, CSV, TSV, JSON or JSONL.");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(spate()).isEqualTo(2);
        assertThat(err.toString()).startsWith("spate: name a command").contains("Usage: spate");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(spate("--frobnicate")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: Unknown option: '--frobnicate'" + System.lineSeparator()
                + "Run 'spate --help' for usage." + System.lineSeparator());
    }
}
