package io.spate.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.spate.format.compress.ArchiveMember;
import io.spate.sdk.Column;
import io.spate.sdk.DataType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {

    @Test
    void csvTypesAreInferredAndWidenedAcrossRecordsAndFiles() {
        SchemaInference inference = new SchemaInference(Reading.options(Map.of()));
        inference.sample(Format.CSV, file("a.csv", "id,amount,day,flag,note,empty\n1,12.5,2024-01-01,true,x,\n2,3,2024-01-02,false,y,\n"));
        inference.sample(Format.CSV, file("b.csv", "id,amount,day,flag,extra\n30000000000,100.25,2024-01-03 10:00:00,true,7\n"));
        assertThat(inference.columns()).containsExactly(
                Column.of("id", DataType.LONG),
                Column.of("amount", DataType.decimal(21, 2)), // DECIMAL(3,1) widened with LONG (19 digits) and (5,2)
                Column.of("day", DataType.NAIVE_DATETIME),
                Column.of("flag", DataType.BOOLEAN),
                Column.of("note", DataType.STRING),
                Column.of("empty", DataType.STRING),
                Column.of("extra", DataType.LONG));
        assertThat(inference.filesSampled()).isEqualTo(2);
    }

    @Test
    void aValueThatFitsNoCommonTypeMakesTheColumnText() {
        SchemaInference inference = new SchemaInference(Reading.options(Map.of()));
        inference.sample(Format.CSV, file("a.csv", "v\n1\n2024-01-01\n"));
        assertThat(inference.columns()).containsExactly(Column.of("v", DataType.STRING));
    }

    @Test
    void declaredColumnsOverrideAndSelectKeepsOnlySome() {
        SchemaInference inference = new SchemaInference(Reading.options(Map.of(
                "columns", Map.of("amount", "DECIMAL(12,2)", "id", "string"), "select", List.of("amount", "id"))));
        inference.sample(Format.CSV, file("a.csv", "id,amount,other\n1,2.5,x\n"));
        assertThat(inference.columns()).containsExactly(Column.of("amount", DataType.decimal(12, 2)), Column.of("id", DataType.STRING));
    }

    @Test
    void jsonValuesSayTheirTypes() {
        SchemaInference inference = new SchemaInference(Reading.options(Map.of()));
        inference.sample(Format.JSONL, file("a.jsonl", "{\"id\": 1, \"price\": 2.50, \"at\": \"2024-01-01T00:00:00Z\", "
                + "\"code\": \"007\", \"tags\": [1], \"ok\": true, \"x\": 1e5}\n{\"id\": 2, \"price\": 10.125, \"n\": null}\n"));
        assertThat(inference.columns()).containsExactly(
                Column.of("id", DataType.LONG),
                Column.of("price", DataType.decimal(17, 3)), // Coercion.inferType of BigDecimal (16,2), widened with (17,3)
                Column.of("at", DataType.UTC_DATETIME),
                Column.of("code", DataType.STRING),
                Column.of("tags", DataType.JSON),
                Column.of("ok", DataType.BOOLEAN),
                Column.of("x", DataType.DOUBLE),
                Column.of("n", DataType.STRING));
    }

    @Test
    void samplingStopsAfterTheByteBudgetAndTheFileBudget() {
        StringBuilder csv = new StringBuilder("v\n");
        for (int i = 0; i < 200_000; i++) {
            csv.append(i).append('\n');
        }
        csv.append("not a number\n");
        SchemaInference inference = new SchemaInference(Reading.options(Map.of("sample_bytes", "64KB", "sample_files", 2)));
        inference.sample(Format.CSV, file("a.csv", csv.toString()));
        assertThat(inference.columns()).containsExactly(Column.of("v", DataType.LONG));
        assertThat(inference.wantsMoreFiles()).isTrue();
        inference.sample(Format.CSV, file("b.csv", "v\n1\n"));
        assertThat(inference.wantsMoreFiles()).isFalse();
    }

    @Test
    void txtIsAlwaysText() {
        SchemaInference inference = new SchemaInference(Reading.options(Map.of()));
        inference.sample(Format.TXT, file("a.txt", "1\n2\n"));
        assertThat(inference.columns()).containsExactly(Column.of("line", DataType.STRING));
    }

    static ArchiveMember file(String name, String text) {
        return new ArchiveMember(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
