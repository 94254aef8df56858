package io.spate.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.SpateException;
import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void detectsTheFormatAfterStrippingCompressionExtensions() {
        assertThat(Format.byFileName("s3://b/x/orders.csv.gz")).contains(Format.CSV);
        assertThat(Format.byFileName("a.TSV")).contains(Format.TSV);
        assertThat(Format.byFileName("a.json.zst")).contains(Format.JSON);
        assertThat(Format.byFileName("a.jsonl.bz2")).contains(Format.JSONL);
        assertThat(Format.byFileName("a.ndjson")).contains(Format.JSONL);
        assertThat(Format.byFileName("a.parquet")).contains(Format.PARQUET);
        assertThat(Format.byFileName("a.avro")).contains(Format.AVRO);
        assertThat(Format.byFileName("a.txt.xz")).contains(Format.TXT);
        assertThat(Format.byFileName("k.zip!/inner/orders.csv")).contains(Format.CSV);
        assertThat(Format.byFileName("README")).isEmpty();
    }

    @Test
    void theOptionWinsOverTheName() {
        assertThat(Format.resolve("tsv", "a.csv")).isEqualTo(Format.TSV);
        assertThat(Format.resolve("auto", "a.csv")).isEqualTo(Format.CSV);
        assertThat(Format.resolve("ndjson", "a")).isEqualTo(Format.JSONL);
        assertThatThrownBy(() -> Format.resolve("auto", "s3://b/data"))
                .isInstanceOf(SpateException.class)
                .hasMessage("s3://b/data: cannot tell the format from the file name; set format: to one of csv, tsv, json, jsonl, parquet, avro, txt");
        assertThatThrownBy(() -> Format.fromOption("xml"))
                .hasMessage("format \"xml\" is not known; use auto or one of csv, tsv, json, jsonl, parquet, avro, txt");
    }

    @Test
    void baseNameIsTheDefaultTableName() {
        assertThat(Format.baseName("s3://b/2024/orders.csv.gz")).isEqualTo("orders");
        assertThat(Format.baseName("events.jsonl")).isEqualTo("events");
        assertThat(Format.baseName("noext")).isEqualTo("noext");
    }
}
