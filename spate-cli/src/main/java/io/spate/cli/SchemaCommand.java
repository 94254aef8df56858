package io.spate.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.spate.sdk.Column;
import io.spate.sdk.TableSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code spate schema}: the tables each source declares, as JSON. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = {"Prints the tables each source declares (its discovered schema) as JSON, without syncing.",
                "Output: {\"SOURCE\": {\"connector\": ..., \"tables\": [{\"name\", \"schema\", \"primary_key\", \"columns\"}]}}.",
                "Columns a connector does not declare are inferred during a run and are not listed."})
final class SchemaCommand extends SpateCommand {
    @Mixin
    private PipelineArguments arguments;

    @Override
    protected ExitCode execute(Cli cli) {
        Plan plan = Plan.of(arguments.load(cli.environment()), cli.redactor());
        ObjectNode output = Json.object();
        for (Plan.Step step : plan.steps()) {
            ObjectNode source = output.putObject(step.id());
            source.put("connector", step.connector().name());
            ArrayNode tables = source.putArray("tables");
            for (TableSpec spec : step.connector().schema(step.pipeline().source().configuration())) {
                ObjectNode table = tables.addObject();
                table.put("name", spec.name());
                spec.schema().ifPresentOrElse(schema -> table.put("schema", schema), () -> table.putNull("schema"));
                ArrayNode key = table.putArray("primary_key");
                spec.primaryKey().forEach(key::add);
                ArrayNode columns = table.putArray("columns");
                for (Column column : spec.columns()) {
                    columns.addObject().put("name", column.name()).put("type", column.type().toString());
                }
            }
        }
        cli.out().println(Json.write(output));
        return ExitCode.OK;
    }
}
