package io.spate.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineFileTest {
    @TempDir
    Path dir;

    private PipelineFile load(String yaml, Map<String, String> environment) throws IOException {
        Path file = dir.resolve("pipeline.yaml");
        Files.writeString(file, yaml);
        return PipelineFile.load(file, environment);
    }

    private String errorOf(String yaml, Map<String, String> environment) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> load(yaml, environment));
        assertThat(thrown).isInstanceOf(SpateException.class);
        assertThat(((SpateException) thrown).category()).isEqualTo(SpateException.Category.CONFIG);
        return thrown.getMessage().replace(dir.toString(), "DIR");
    }

    @Test
    void oneSourceWithoutDestinationsGoesToTheEmbeddedWarehouse() throws IOException {
        PipelineFile file = load("""
                sources:
                  orders:
                    connector: example_orders
                    rows: 1000
                """, Map.of());

        assertThat(file.pipelines()).hasSize(1);
        Pipeline pipeline = file.pipelines().get(0);
        assertThat(pipeline.id()).isEqualTo("orders");
        assertThat(pipeline.source().connector()).isEqualTo("example_orders");
        assertThat(pipeline.source().configuration().asMap()).containsExactly(
                Map.entry("connector", "example_orders"), Map.entry("rows", 1000));
        assertThat(pipeline.source().locationOf("rows").toString()).isEqualTo(dir.resolve("pipeline.yaml") + " line 4, column 5");
        assertThat(pipeline.destinations()).extracting(Block::name, Block::connector)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("warehouse", "duckdb"));
    }

    @Test
    void oneSourceAndOneDestinationNeedNoPipelines() throws IOException {
        PipelineFile file = load("""
                sources:
                  orders: {connector: example_orders}
                destinations:
                  local: {connector: duckdb, path: out/w.duckdb}
                """, Map.of());

        assertThat(file.pipelines().get(0).destinations()).extracting(Block::name).containsExactly("local");
    }

    @Test
    void pipelinesFanOutASourceToSeveralDestinations() throws IOException {
        PipelineFile file = load("""
                sources:
                  a: {connector: x}
                  b: {connector: y}
                destinations:
                  one: {connector: duckdb}
                  two: {connector: duckdb, path: two.duckdb}
                pipelines:
                  - from: a
                    to: [one, two]
                  - from: b
                    to: two
                """, Map.of());

        assertThat(file.pipelines()).extracting(Pipeline::id).containsExactly("a", "b");
        assertThat(file.pipelines().get(0).destinations()).extracting(Block::name).containsExactly("one", "two");
        assertThat(file.pipelines().get(1).destinations()).extracting(Block::name).containsExactly("two");
    }

    @Test
    void variablesAreInterpolatedWithAndWithoutDefaults() throws IOException {
        PipelineFile file = load("""
                sources:
                  orders:
                    connector: example_orders
                    rows: ${ROWS}
                    seed: ${SEED:-7}
                    note: "n=${ROWS}, empty=${EMPTY:-fallback}, literal=$${ROWS}"
                """, Map.of("ROWS", "500", "EMPTY", ""));

        Configuration config = file.pipelines().get(0).source().configuration();
        assertThat(config.asMap()).containsEntry("rows", "500").containsEntry("seed", "7")
                .containsEntry("note", "n=500, empty=fallback, literal=${ROWS}");
    }

    @Test
    void aMissingVariableNamesTheFileLineAndVariable() {
        assertThat(errorOf("""
                sources:
                  db:
                    connector: postgres
                    host: localhost
                    password: ${DB_PASSWORD}
                """, Map.of()))
                .isEqualTo("DIR/pipeline.yaml line 5, column 15 (sources.db.password): environment variable DB_PASSWORD"
                        + " is not set: export DB_PASSWORD=... or write ${DB_PASSWORD:-default}");
    }

    @Test
    void anUnclosedReferenceIsAnError() {
        assertThat(errorOf("sources:\n  a:\n    connector: x\n    uri: s3://${BUCKET/data\n", Map.of("BUCKET", "b")))
                .isEqualTo("DIR/pipeline.yaml line 4, column 10 (sources.a.uri): \"${\" is not closed: write ${VAR} or"
                        + " ${VAR:-default} (or $${ for a literal ${)");
    }

    @Test
    void secretsFromKeysAndFromSecretNamedVariablesAreCollected() throws IOException {
        PipelineFile file = load("""
                sources:
                  db:
                    connector: postgres
                    url: postgres://app:${DB_PASSWORD}@localhost/shop
                    api_token: tok-123456
                    aws_access_key_id: AKIAEXAMPLE
                """, Map.of("DB_PASSWORD", "hunter22"));

        assertThat(file.secretValues()).containsExactlyInAnyOrder("hunter22", "tok-123456");
    }

    @Test
    void invalidYamlNamesLineAndColumnWithoutQuotingTheLine() {
        String message = errorOf("sources:\n  a:\n    connector: x\n    password: \"s3cret\n", Map.of());
        assertThat(message).isEqualTo("DIR/pipeline.yaml line 4, column 13: not valid YAML: while scanning a quoted scalar:"
                + " found unexpected end of stream");
    }

    @Test
    void aDuplicateKeyIsAnError() {
        assertThat(errorOf("sources:\n  a:\n    connector: x\n    rows: 1\n    rows: 2\n", Map.of()))
                .isEqualTo("DIR/pipeline.yaml line 5, column 5: sources.a has key \"rows\" twice; keep one");
    }

    @Test
    void structuralMistakesNameThePlace() {
        assertThat(errorOf("source:\n  a: {connector: x}\n", Map.of()))
                .isEqualTo("DIR/pipeline.yaml line 1, column 1: unknown key \"source\": a pipeline file has sources,"
                        + " destinations, pipelines and convert");
        assertThat(errorOf("sources:\n  a:\n    rows: 3\n", Map.of()))
                .isEqualTo("DIR/pipeline.yaml line 2, column 3: sources.a has no connector: add \"connector: NAME\""
                        + " (a built-in name or a class name)");
        assertThat(errorOf("destinations:\n  d: {connector: duckdb}\n", Map.of()))
                .isEqualTo("DIR/pipeline.yaml: no sources: add\nsources:\n  NAME:\n    connector: ...");
        assertThat(errorOf("""
                sources:
                  a: {connector: x}
                destinations:
                  one: {connector: duckdb}
                  two: {connector: duckdb}
                """, Map.of())).isEqualTo("DIR/pipeline.yaml line 3, column 1: with 2 destinations, say which source"
                        + " goes where:\npipelines:\n  - from: a\n    to: [one, two]");
        assertThat(errorOf("""
                sources:
                  a: {connector: x}
                pipelines:
                  - from: b
                """, Map.of())).isEqualTo("DIR/pipeline.yaml line 4, column 5: pipelines[0].from must name a source,"
                        + " one of [a]; got \"b\"");
        assertThat(errorOf("""
                sources:
                  a: {connector: x}
                destinations:
                  one: {connector: duckdb}
                pipelines:
                  - {from: a, to: [one, lake]}
                """, Map.of())).isEqualTo("DIR/pipeline.yaml line 6, column 15: pipelines[0].to names \"lake\", which is"
                        + " not a destination; destinations: [one]");
    }

    @Test
    void aConnectorWithAConfigurationJsonIsOnePipelineIntoTheDefaultWarehouse() {
        PipelineFile file = PipelineFile.ofConnector("example_orders",
                Configuration.parseJson("{\"rows\": \"10\", \"client_secret\": \"abcdef\"}"), Path.of("configuration.json"));

        Pipeline pipeline = file.pipelines().get(0);
        assertThat(pipeline.id()).isEqualTo("example_orders");
        assertThat(pipeline.source().configuration().asMap()).containsEntry("rows", "10").containsEntry("connector", "example_orders");
        assertThat(pipeline.destinations()).extracting(Block::name).containsExactly("warehouse");
        assertThat(file.secretValues()).containsExactly("abcdef");
        assertThat(List.copyOf(file.pipelines())).hasSize(1);
    }

    @Test
    void aConvertSectionDeclaresConversionsWithTheirOptionsAndSecrets() throws IOException {
        PipelineFile file = load("""
                convert:
                  orders_to_lake:
                    from: s3://landing/in/
                    to: [parquet, avro]
                    out: s3://lake/orders/
                    on_error: quarantine
                    aws_secret_access_key: ${S3_SECRET}
                  logs:
                    from: /data/logs
                    to: jsonl, csv
                    out: /data/out
                """, Map.of("S3_SECRET", "s3-Secret-1"));

        assertThat(file.pipelines()).isEmpty();
        assertThat(file.converts()).extracting(ConvertJob::name, ConvertJob::from, ConvertJob::to, ConvertJob::out, ConvertJob::options)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("orders_to_lake", "s3://landing/in/", List.of("parquet", "avro"), "s3://lake/orders/",
                                Map.of("on_error", "quarantine", "aws_secret_access_key", "s3-Secret-1")),
                        org.assertj.core.groups.Tuple.tuple("logs", "/data/logs", List.of("jsonl", "csv"), "/data/out", Map.of()));
        assertThat(file.secretValues()).contains("s3-Secret-1");
        assertThat(file.converts().get(0).location().line()).isEqualTo(2);
    }

    @Test
    void aConversionWithoutFromToOrOutSaysWhatItNeeds() {
        assertThat(errorOf("""
                convert:
                  broken:
                    to: []
                """, Map.of())).isEqualTo("DIR/pipeline.yaml line 2, column 3: conversion broken needs from (the source URI),"
                + " out (the destination URI), to (the output formats, e.g. [parquet, avro])");
    }
}
