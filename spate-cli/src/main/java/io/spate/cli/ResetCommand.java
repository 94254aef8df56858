package io.spate.cli;

import io.spate.destination.Destination;
import io.spate.runtime.PipelineState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spate reset}: forgets the pipelines' state and deletes the local warehouse, for a run from scratch. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Forgets each pipeline's state in all its destinations and deletes the local warehouse"
                + " file(s) (files/warehouse.duckdb under --workdir): the next run starts from the beginning.",
                "Asks first when run on a terminal, unless --yes."})
final class ResetCommand extends SpateCommand {
    @Mixin
    private PipelineArguments arguments;

    @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation.")
    private boolean yes;

    @Override
    protected ExitCode execute(Cli cli) throws IOException {
        Plan plan = Plan.of(arguments.load(cli.environment()), cli.redactor());
        Path workDir = common().workDir();
        Set<Path> warehouses = new LinkedHashSet<>();
        plan.steps().forEach(step -> step.targets().forEach(
                target -> LocalWarehouse.of(target.block(), workDir).ifPresent(warehouses::add)));
        String pipelines = String.join(", ", plan.steps().stream().map(Plan.Step::id).toList());

        if (!yes && cli.terminal().stdin() && !confirmed(cli, pipelines, warehouses)) {
            cli.err().println("reset cancelled: nothing changed");
            return ExitCode.FAILED;
        }
        for (Plan.Step step : plan.steps()) {
            resetState(step, workDir, warehouses);
        }
        for (Path warehouse : warehouses) {
            for (Path file : LocalWarehouse.files(warehouse)) {
                Files.deleteIfExists(file);
            }
        }
        if (!common().quiet()) {
            cli.err().println("reset " + pipelines + (warehouses.isEmpty() ? ""
                    : "; deleted " + String.join(", ", warehouses.stream().map(LocalWarehouse::shown).toList())));
        }
        return ExitCode.OK;
    }

    /** Forgets the state in the destinations that are not about to be deleted anyway. */
    private static void resetState(Plan.Step step, Path workDir, Set<Path> warehouses) {
        Plan.Step remote = new Plan.Step(step.pipeline(), step.connector(), step.targets().stream()
                .filter(target -> LocalWarehouse.of(target.block(), workDir).filter(warehouses::contains).isEmpty())
                .toList());
        if (remote.targets().isEmpty()) {
            return;
        }
        Map<String, Destination> destinations = Plan.open(remote, workDir, UUID.randomUUID().toString());
        RuntimeException failure = null;
        try {
            PipelineState.reset(step.id(), destinations.values());
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            Plan.closeAll(destinations.values(), failure);
        }
    }

    private static boolean confirmed(Cli cli, String pipelines, Set<Path> warehouses) {
        cli.err().print("Forget the state of " + pipelines
                + (warehouses.isEmpty() ? "" : " and delete " + String.join(", ", warehouses.stream().map(LocalWarehouse::shown).toList()))
                + "? [y/N] ");
        cli.err().flush();
        String answer = cli.terminal().readLine().orElse("").trim().toLowerCase(Locale.ROOT);
        return answer.equals("y") || answer.equals("yes");
    }
}
