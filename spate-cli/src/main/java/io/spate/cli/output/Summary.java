package io.spate.cli.output;

import io.spate.runtime.SyncResult;
import io.spate.runtime.TableMetrics;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a run loaded, for people: totals, a table per table, warnings, and where to look at the result. */
public final class Summary {
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private Summary() {
    }

    /**
     * @param result the run's outcome
     * @param destinations the destinations' names, in order
     * @param warehouse the embedded warehouse file as shown to the user, when the run wrote one
     */
    public static void print(PrintWriter out, SyncResult result, List<String> destinations, Optional<String> warehouse) {
        out.println();
        out.println(result.pipelineId() + ": loaded " + Numbers.count(result.totalRows()) + " rows into "
                + result.tables().size() + (result.tables().size() == 1 ? " table" : " tables") + " of "
                + String.join(", ", destinations) + " in " + Numbers.seconds(result.elapsed()) + " s ("
                + Numbers.rate(Numbers.perSecond(result.totalRows(), result.elapsed())) + " rows/s), "
                + result.checkpoints() + (result.checkpoints() == 1 ? " checkpoint" : " checkpoints"));
        if (!result.tables().isEmpty()) {
            out.println();
            TextTable table = new TextTable(List.of("table", "rows", "batches", "MB", "seconds", "rows/s"));
            for (TableMetrics metrics : result.tables()) {
                table.add(List.of(metrics.table(), Numbers.count(metrics.rows()), Numbers.count(metrics.batches()),
                        Numbers.megabytes(metrics.bytes()), Numbers.seconds(metrics.elapsed()),
                        Numbers.rate(Numbers.perSecond(metrics.rows(), metrics.elapsed()))));
            }
            table.print(out);
        }
        if (!result.counts().isEmpty()) {
            out.println();
            List<String> counts = new java.util.ArrayList<>();
            result.counts().forEach((name, value) -> counts.add(name + ": " + Numbers.count(value)));
            out.println(String.join(", ", counts));
        }
        if (!result.warnings().isEmpty()) {
            out.println();
            out.println("warnings (" + result.warnings().size() + "):");
            result.warnings().forEach(warning -> out.println("  - " + warning));
        }
        warehouse.ifPresent(path -> {
            out.println();
            out.println("warehouse: " + path);
            result.tables().stream().findFirst().ifPresent(first -> out.println("look at it: ./spate query " + path
                    + " \"select count(*) from " + sqlName(first.table()) + "\""));
        });
        out.flush();
    }

    /** The table name as SQL: as it is when plain, else each part double-quoted. */
    static String sqlName(String table) {
        if (PLAIN_NAME.matcher(table).matches()) {
            return table;
        }
        return "\\\"" + table.replace("\"", "\"\"").replace(".", "\\\".\\\"") + "\\\"";
    }
}
