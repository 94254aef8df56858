package io.spate.filesource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableNamingTest {

    private static TableNaming naming(String... keyValues) {
        Map<String, Object> options = new HashMap<>();
        options.put("uri", "s3://bucket/landing/sales/");
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put(keyValues[i], keyValues[i + 1]);
        }
        Configuration config = Configuration.of(options);
        return TableNaming.from(config, SourceLocation.resolve(config, true));
    }

    @Test
    void defaultIsTheFileNameWithoutFormatAndCompressionExtensions() {
        TableNaming naming = naming();
        assertThat(naming.tableOf("2024/orders.csv.gz")).contains("orders");
        assertThat(naming.tableOf("order-lines.v2.jsonl")).contains("order_lines_v2");
        assertThat(naming.tableOf("README")).contains("README");
    }

    @Test
    void dirIsTheNearestDirectoryThatIsNotAPartition() {
        TableNaming naming = naming("table", "{dir}");
        assertThat(naming.tableOf("orders/year=2024/month=01/part-0.parquet")).contains("orders");
        assertThat(naming.tableOf("year=2024/part-0.parquet")).contains("sales");
        assertThat(naming.tableOf("part-0.parquet")).contains("sales");
        assertThat(naming("table", "raw_{path}").tableOf("eu/orders/x.csv")).contains("raw_eu_orders");
    }

    @Test
    void fixedNameAndRegexGroups() {
        assertThat(naming("table", "all_sales").tableOf("a/b.csv")).contains("all_sales");
        TableNaming grouped = naming("table_regex", "^(?<kind>[a-z]+)_\\d{8}\\.csv$", "table", "{kind}_daily");
        assertThat(grouped.tableOf("orders_20240101.csv")).contains("orders_daily");
        assertThat(grouped.tableOf("notes.txt")).isEmpty();
        assertThat(naming("table_regex", "([a-z]+)-\\d+").tableOf("dir/events-17.csv")).contains("events");
    }

    @Test
    void regexWithoutGroupAndUnknownPlaceholderAreConfigErrors() {
        assertThatThrownBy(() -> naming("table_regex", "[a-z]+"))
                .isInstanceOf(SpateException.class)
                .hasMessage("table_regex \"[a-z]+\" has no group: put the table name in (...) or set table to a template such as {1}");
        assertThatThrownBy(() -> naming("table", "{nope}").tableOf("a.csv"))
                .isInstanceOf(SpateException.class)
                .hasMessage("table \"{nope}\" uses {nope}, which is not {file}, {dir} or {path}; set table_regex for groups");
    }
}
