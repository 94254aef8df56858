package io.spate.cli;

import io.spate.cli.pipeline.Block;
import io.spate.cli.pipeline.Pipeline;
import io.spate.cli.pipeline.PipelineFile;
import io.spate.destination.Destination;
import io.spate.destination.DestinationProvider;
import io.spate.runtime.Connectors;
import io.spate.runtime.Destinations;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Connector;
import io.spate.sdk.SpateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline file made ready to run: every connector and destination looked up, every configuration
 * checked against the options it declares (all problems of the whole file in one message), and every
 * secret handed to the {@link Redactor} before anything can print it.
 */
final class Plan {
    private static final Logger LOG = LoggerFactory.getLogger(Plan.class);
    private static final Set<String> DESTINATION_KEYS = Set.of("connector");

    /** A pipeline with its source connector and destination providers. */
    record Step(Pipeline pipeline, Connector connector, List<Target> targets) {
        String id() {
            return pipeline.id();
        }
    }

    /** A destination block with its provider. */
    record Target(Block block, DestinationProvider provider) {
    }

    private final PipelineFile file;
    private final List<Step> steps;

    private Plan(PipelineFile file, List<Step> steps) {
        this.file = file;
        this.steps = List.copyOf(steps);
    }

    List<Step> steps() {
        return steps;
    }

    PipelineFile file() {
        return file;
    }

    static Plan of(PipelineFile file, Redactor redactor) {
        redactor.addAll(file.secretValues());
        if (file.pipelines().isEmpty()) {
            throw SpateException.config(file.file() + " has no sources to sync, only conversions (convert:), which the"
                    + " Lambda handler runs; from the command line: spate convert FROM --to FORMATS --out OUT");
        }
        List<String> problems = new ArrayList<>();
        // each destination is checked once, however many pipelines write to it; empty when it is invalid
        Map<String, Optional<Target>> targets = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        for (Pipeline pipeline : file.pipelines()) {
            Block source = pipeline.source();
            Connector connector = null;
            try {
                connector = Connectors.find(source.connector());
                redactor.addAll(source.configuration().secretValues(connector.options()));
                // unknown keys are reported by the sync itself, as warnings
                Connectors.validate(connector, source.configuration());
            } catch (SpateException e) {
                problems.add(describe("source", source, connector == null ? "" : " (connector " + connector.name() + ")", e));
            }
            List<Target> pipelineTargets = new ArrayList<>();
            for (Block block : pipeline.destinations()) {
                targets.computeIfAbsent(block.name(), name -> target(block, redactor, problems))
                        .ifPresent(pipelineTargets::add);
            }
            if (connector != null) {
                steps.add(new Step(pipeline, connector, pipelineTargets));
            }
        }
        if (!problems.isEmpty()) {
            throw SpateException.config(String.join("\n", problems));
        }
        return new Plan(file, steps);
    }

    private static Optional<Target> target(Block block, Redactor redactor, List<String> problems) {
        DestinationProvider provider;
        try {
            provider = Destinations.find(block.connector());
        } catch (SpateException e) {
            problems.add(describe("destination", block, "", e));
            return Optional.empty();
        }
        List<ConfigOption<?>> options = provider.options();
        redactor.addAll(block.configuration().secretValues(options));
        try {
            for (String unknown : block.configuration().validate(options, DESTINATION_KEYS)) {
                LOG.warn("{}: destination {} (connector {}) has no option \"{}\" (ignored); its options: {}",
                        block.locationOf(unknown), block.name(), provider.name(), unknown,
                        options.stream().map(ConfigOption::key).toList());
            }
        } catch (SpateException e) {
            problems.add(describe("destination", block, " (connector " + provider.name() + ")", e));
            return Optional.empty();
        }
        return Optional.of(new Target(block, provider));
    }

    /**
     * Opens the destinations of a step; if one fails to open, the ones opened are closed again.
     *
     * @param workDir the run's work directory
     * @param runId a unique id of the run
     */
    static Map<String, Destination> open(Step step, Path workDir, String runId) {
        Map<String, Destination> opened = new LinkedHashMap<>();
        try {
            for (Target target : step.targets()) {
                DestinationProvider.Context context = new DestinationProvider.Context(workDir, runId, target.block().name());
                opened.put(target.block().name(), target.provider().open(target.block().configuration(), context));
            }
            return opened;
        } catch (RuntimeException e) {
            closeAll(opened.values(), e);
            throw e;
        }
    }

    /** Closes every destination; failures to close are added to {@code failure} or thrown after all are closed. */
    static void closeAll(Iterable<Destination> destinations, RuntimeException failure) {
        RuntimeException first = failure;
        for (Destination destination : destinations) {
            try {
                destination.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else if (first != e) {
                    first.addSuppressed(e);
                }
            }
        }
        if (failure == null && first != null) {
            throw first;
        }
    }

    /**
     * "FILE line N: source orders (connector x): invalid configuration:\n  - line 7: rows is ..." with the
     * line of each key the problems start with, where known.
     */
    private static String describe(String kind, Block block, String connector, SpateException e) {
        StringBuilder text = new StringBuilder(block.location() + ": " + kind + " " + block.name() + connector + ": ");
        List<String> lines = e.getMessage().lines().toList();
        text.append(lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String problem = line.strip().startsWith("- ") ? line.strip().substring(2) : line.strip();
            String key = problem.contains(" ") ? problem.substring(0, problem.indexOf(' ')) : problem;
            String at = block.keyLocations().containsKey(key) ? "line " + block.locationOf(key).line() + ": " : "";
            text.append("\n  - ").append(at).append(problem);
        }
        return text.toString();
    }
}
