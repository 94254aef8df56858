package io.spate.cli;

import io.spate.cli.pipeline.PipelineFile;
import io.spate.sdk.Configuration;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What to sync: a pipeline file, or one connector with a flat {@code configuration.json}. */
final class PipelineArguments {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PIPELINE.yaml",
            description = "The pipeline file: sources, destinations and pipelines (see README).")
    private Path pipelineFile;

    @Option(names = "--connector", paramLabel = "NAME|CLASS",
            description = "Instead of a pipeline file: a source connector by name or class name, into the embedded warehouse.")
    private String connector;

    @Option(names = "--config", paramLabel = "configuration.json",
            description = "With --connector: its configuration, a flat JSON object (as Fivetran's configuration.json).")
    private Path configurationFile;

    PipelineFile load(Map<String, String> environment) {
        if (pipelineFile != null && connector != null) {
            throw SpateException.config("give either a pipeline file or --connector, not both");
        }
        if (pipelineFile == null && connector == null) {
            throw SpateException.config("name a pipeline file (PIPELINE.yaml), or --connector NAME --config configuration.json");
        }
        if (pipelineFile != null) {
            if (configurationFile != null) {
                throw SpateException.config("--config goes with --connector; a pipeline file holds its configuration itself");
            }
            return PipelineFile.load(pipelineFile, environment);
        }
        Configuration configuration = Optional.ofNullable(configurationFile).map(PipelineArguments::readJson)
                .orElse(Configuration.of(Map.of()));
        return PipelineFile.ofConnector(connector, configuration,
                Optional.ofNullable(configurationFile).orElse(Path.of("--connector " + connector)));
    }

    private static Configuration readJson(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw SpateException.config("configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new SpateException(SpateException.Category.CONFIG, "cannot read configuration file " + file + ": " + e, e);
        }
        try {
            return Configuration.parseJson(text);
        } catch (SpateException e) {
            throw new SpateException(SpateException.Category.CONFIG, file + ": " + e.getMessage(), e);
        }
    }
}
