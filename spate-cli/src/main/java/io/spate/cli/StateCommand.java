package io.spate.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spate.destination.CommittedState;
import io.spate.destination.Destination;
import io.spate.runtime.PipelineState;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spate state}: where each pipeline would resume, as JSON. */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = {"Prints each pipeline's committed state (where its next run resumes) as JSON.",
                "Output: {\"PIPELINE\": {\"checkpoint\": N, \"state\": {...}}}, or {\"PIPELINE\": null} before its first checkpoint.",
                "With several destinations, the oldest of their states: the one a run resumes from."})
final class StateCommand extends SpateCommand {
    @Mixin
    private PipelineArguments arguments;

    @Override
    protected ExitCode execute(Cli cli) {
        Plan plan = Plan.of(arguments.load(cli.environment()), cli.redactor());
        ObjectNode output = Json.object();
        for (Plan.Step step : plan.steps()) {
            Optional<CommittedState> state = load(step);
            if (state.isEmpty()) {
                output.putNull(step.id());
            } else {
                ObjectNode entry = output.putObject(step.id());
                entry.put("checkpoint", state.get().sequence());
                entry.set("state", Json.parse(state.get().state().toJson()));
            }
        }
        cli.out().println(Json.write(output));
        return ExitCode.OK;
    }

    private Optional<CommittedState> load(Plan.Step step) {
        // a warehouse file that does not exist holds no state; opening it would create it
        boolean missingWarehouse = step.targets().stream().anyMatch(target -> LocalWarehouse.of(target.block(), common().workDir())
                .filter(path -> !Files.exists(path)).isPresent());
        if (missingWarehouse) {
            return Optional.empty();
        }
        Map<String, Destination> destinations = Plan.open(step, common().workDir(), UUID.randomUUID().toString());
        RuntimeException failure = null;
        try {
            return PipelineState.load(step.id(), destinations.values());
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            Plan.closeAll(destinations.values(), failure);
        }
    }
}
