package io.spate.cli;

import io.spate.cli.EndpointChecks.Endpoint;
import io.spate.cli.EndpointChecks.Outcome;
import io.spate.cli.pipeline.Block;
import io.spate.cli.pipeline.Pipeline;
import io.spate.cli.pipeline.PipelineFile;
import io.spate.destination.DestinationProvider;
import io.spate.runtime.Connectors;
import io.spate.runtime.Destinations;
import io.spate.sdk.ConfigOption;
import io.spate.sdk.Configuration;
import io.spate.sdk.Connector;
import io.spate.sdk.SpateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spate check}: tries every source and destination of a pipeline file without syncing, and prints
 * one line per endpoint: OK, or the reason and what to fix.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Tests every source and destination of a pipeline file without syncing.",
                "Each source's connector check (list one object, connect and select 1, fetch a few bytes) and each",
                "destination's (write a temporary table or marker object) run in parallel, each with a time limit.",
                "Prints one line per endpoint: OK, or the reason and what to fix. Exit 0 when all pass, 1 otherwise."},
        footer = {"", "Example:", "  spate check examples/quickstart.yaml --timeout 10"})
final class CheckCommand extends SpateCommand {
    private static final Set<String> DESTINATION_KEYS = Set.of("connector");

    @Mixin
    private PipelineArguments arguments;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Time each check may take before it is reported as not answering (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    protected ExitCode execute(Cli cli) throws InterruptedException {
        if (timeoutSeconds < 1) {
            throw SpateException.config("--timeout must be 1 second or more; got " + timeoutSeconds);
        }
        PipelineFile file = arguments.load(cli.environment());
        cli.redactor().addAll(file.secretValues());
        if (file.pipelines().isEmpty()) {
            throw SpateException.config(file.file() + " has no sources or destinations to check, only conversions (convert:)");
        }
        // every endpoint is resolved (and its secrets learnt) before any check runs or any line is printed
        List<Endpoint> endpoints = endpoints(file, cli.redactor());
        List<Outcome> outcomes = new EndpointChecks(Duration.ofSeconds(timeoutSeconds)).run(endpoints);
        outcomes.forEach(outcome -> cli.out().println(outcome.line()));
        long failed = outcomes.stream().filter(outcome -> !outcome.ok()).count();
        if (!common().quiet()) {
            cli.out().println(failed == 0 ? "all " + outcomes.size() + " endpoints OK"
                    : failed + " of " + outcomes.size() + " endpoints failed");
        }
        return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    /** The sources, then the destinations (each once, however many pipelines use it), in file order. */
    private List<Endpoint> endpoints(PipelineFile file, Redactor redactor) {
        Map<String, Block> destinations = new LinkedHashMap<>();
        List<Endpoint> endpoints = new ArrayList<>();
        for (Pipeline pipeline : file.pipelines()) {
            endpoints.add(source(pipeline.source(), redactor));
            pipeline.destinations().forEach(block -> destinations.putIfAbsent(block.name(), block));
        }
        String runId = "check-" + UUID.randomUUID();
        destinations.values().forEach(block -> endpoints.add(destination(block, runId, redactor)));
        return endpoints;
    }

    private static Endpoint source(Block block, Redactor redactor) {
        String kind = "source";
        Connector connector;
        try {
            connector = Connectors.find(block.connector());
            redactor.addAll(block.configuration().secretValues(connector.options()));
            Connectors.validate(connector, block.configuration());
        } catch (SpateException e) {
            return Endpoint.failing(kind, block.name(), configurationProblem(block, e));
        }
        if (!supportsCheck(connector)) {
            return Endpoint.failing(kind, block.name(), SpateException.unsupported("connector " + connector.name()
                    + " does not support check yet (its configuration is valid)"));
        }
        Configuration configuration = block.configuration();
        return new Endpoint(kind, block.name(), () -> connector.check(configuration));
    }

    private Endpoint destination(Block block, String runId, Redactor redactor) {
        String kind = "destination";
        DestinationProvider provider;
        try {
            provider = Destinations.find(block.connector());
            List<ConfigOption<?>> options = provider.options();
            redactor.addAll(block.configuration().secretValues(options));
            block.configuration().validate(options, DESTINATION_KEYS);
        } catch (SpateException e) {
            return Endpoint.failing(kind, block.name(), configurationProblem(block, e));
        }
        Path workDir = common().workDir();
        DestinationProvider.Context context = new DestinationProvider.Context(workDir, runId, block.name());
        return new Endpoint(kind, block.name(), () -> leavingNoNewWarehouse(block, workDir,
                () -> provider.check(block.configuration(), context)));
    }

    /**
     * Checking an embedded warehouse that does not exist yet creates it; it is removed again (with the
     * directories made for it), so that a check changes nothing.
     */
    private static void leavingNoNewWarehouse(Block block, Path workDir, Runnable check) {
        Path database = LocalWarehouse.of(block, workDir).filter(path -> !Files.exists(path)).orElse(null);
        if (database == null) {
            check.run();
            return;
        }
        Path firstMissing = database.getParent();
        while (firstMissing.getParent() != null && !Files.exists(firstMissing.getParent())) {
            firstMissing = firstMissing.getParent();
        }
        boolean parentMissing = !Files.exists(firstMissing);
        try {
            check.run();
        } finally {
            try {
                for (Path created : LocalWarehouse.files(database)) {
                    Files.deleteIfExists(created);
                }
                for (Path dir = database.getParent(); parentMissing && dir.startsWith(firstMissing); dir = dir.getParent()) {
                    Files.deleteIfExists(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the warehouse the check created at " + database, e);
            }
        }
    }

    /** Whether the connector has its own check (the SDK's default says it has none). */
    static boolean supportsCheck(Connector connector) {
        try {
            return connector.getClass().getMethod("check", Configuration.class).getDeclaringClass() != Connector.class;
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("Connector.check(Configuration) is part of the SDK", e);
        }
    }

    /** "invalid configuration (FILE line 12): line 14: rows must be 0 or more; ...", with the line of each key. */
    private static SpateException configurationProblem(Block block, SpateException e) {
        List<String> lines = e.getMessage().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        StringBuilder text = new StringBuilder(lines.get(0));
        if (text.toString().endsWith(":")) {
            text.setLength(text.length() - 1);
        }
        text.append(" (").append(block.location()).append(')');
        for (int i = 1; i < lines.size(); i++) {
            String problem = lines.get(i).startsWith("- ") ? lines.get(i).substring(2) : lines.get(i);
            String key = problem.contains(" ") ? problem.substring(0, problem.indexOf(' ')) : problem;
            String at = block.keyLocations().containsKey(key) ? "line " + block.locationOf(key).line() + ": " : "";
            text.append(i == 1 ? ": " : "; ").append(at).append(problem);
        }
        return new SpateException(e.category(), text.toString(), e);
    }
}
