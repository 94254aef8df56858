package io.spate.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HivePartitionsTest {

    @Test
    void directorySegmentsBecomeColumnsInPathOrder() {
        assertThat(HivePartitions.parse("events/year=2024/month=01/part-0.csv"))
                .containsExactly(Map.entry("year", "2024"), Map.entry("month", "01"));
    }

    @Test
    void fileNameIsNeverAPartition() {
        assertThat(HivePartitions.parse("a=1.csv")).isEmpty();
        assertThat(HivePartitions.parse("d/a=1.csv")).isEmpty();
    }

    @Test
    void valuesAreUrlDecodedAndDefaultPartitionIsNull() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("city", "São Paulo/x");
        expected.put("day", null);
        assertThat(HivePartitions.parse("city=S%C3%A3o%20Paulo%2Fx/day=__HIVE_DEFAULT_PARTITION__/f.csv"))
                .isEqualTo(expected);
    }
}
