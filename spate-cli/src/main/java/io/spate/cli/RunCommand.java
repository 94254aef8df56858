package io.spate.cli;

import io.spate.cli.output.ProgressDisplay;
import io.spate.cli.output.Summary;
import io.spate.destination.Destination;
import io.spate.runtime.Sync;
import io.spate.runtime.SyncResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spate run}: syncs each pipeline of a file, one after the other, and prints what it loaded. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Syncs: reads each source from its last checkpoint and loads it into its destinations.",
                "Without destinations, into the embedded DuckDB warehouse files/warehouse.duckdb under --workdir."},
        footer = {"", "Examples:",
                "  spate run examples/quickstart.yaml --workdir /tmp/w",
                "  spate run --connector example_orders --config examples/configuration.json"})
final class RunCommand extends SpateCommand {
    @Mixin
    private PipelineArguments arguments;

    @Override
    protected ExitCode execute(Cli cli) throws IOException {
        Plan plan = Plan.of(arguments.load(cli.environment()), cli.redactor());
        Path workDir = common().workDir();
        Files.createDirectories(workDir);
        for (Plan.Step step : plan.steps()) {
            SyncResult result = run(cli, step, workDir);
            if (!common().quiet()) {
                Optional<String> warehouse = step.targets().stream()
                        .flatMap(target -> LocalWarehouse.of(target.block(), workDir).stream())
                        .findFirst().map(LocalWarehouse::shown);
                List<String> destinations = step.targets().stream().map(target -> target.block().name()).toList();
                Summary.print(cli.out(), result, destinations, warehouse);
            }
        }
        return ExitCode.OK;
    }

    private SyncResult run(Cli cli, Plan.Step step, Path workDir) {
        Map<String, Destination> destinations = Plan.open(step, workDir, UUID.randomUUID().toString());
        ProgressDisplay progress = new ProgressDisplay(cli.err(), cli.terminal().stderr(), common().quiet());
        Sync.Builder sync = Sync.builder().pipelineId(step.id()).connector(step.connector())
                .configuration(step.pipeline().source().configuration()).listener(progress);
        destinations.forEach(sync::destination);
        try {
            // the sync closes the destinations, whatever happens
            return sync.build().run();
        } finally {
            progress.finish();
        }
    }
}
