package io.spate.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DataTypeTest {

    @Test
    void typeNamesParseWithCommonAliases() {
        assertThat(DataType.parse("decimal(12, 2)")).isEqualTo(DataType.decimal(12, 2));
        assertThat(DataType.parse("BIGINT")).isEqualTo(DataType.LONG);
        assertThat(DataType.parse("timestamptz")).isEqualTo(DataType.UTC_DATETIME);
        assertThat(DataType.parse("timestamp")).isEqualTo(DataType.NAIVE_DATETIME);
        assertThat(DataType.parse("varchar")).isEqualTo(DataType.STRING);
        assertThat(DataType.decimal(38, 10).toString()).isEqualTo("DECIMAL(38,10)");
    }

    @Test
    void badTypesAreExplained() {
        assertThatThrownBy(() -> DataType.parse("money")).hasMessageStartingWith("\"money\" is not a type; use one of BOOLEAN");
        assertThatThrownBy(() -> DataType.decimal(40, 2)).hasMessage("DECIMAL precision must be 1..38, got 40");
        assertThatThrownBy(() -> DataType.parse("decimal(5,x)")).hasMessageStartingWith("\"decimal(5,x)\" is not a type");
    }

    @Test
    void aTableSpecRejectsDuplicateColumns() {
        assertThatThrownBy(() -> TableSpec.builder("t").column("a", DataType.INT).column("a", DataType.LONG).build())
                .hasMessage("table t declares column \"a\" twice");
        assertThat(TableSpec.builder("orders").schema("public").build().qualifiedName()).isEqualTo("public.orders");
    }
}
