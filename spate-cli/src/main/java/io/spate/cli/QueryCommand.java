package io.spate.cli;

import io.spate.cli.output.CsvOutput;
import io.spate.cli.output.Numbers;
import io.spate.cli.output.TextTable;
import io.spate.duckdb.WarehouseQuery;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spate query}: runs SQL on an embedded warehouse file. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Runs one SQL statement on a DuckDB warehouse file, read-only.",
                "Prints the result as CSV with a header line when the output is not a terminal, as a table when it is."},
        footer = {"", "Example:", "  spate query files/warehouse.duckdb \"select status, count(*) from orders group by status\""})
final class QueryCommand extends SpateCommand {
    /** How the result is printed. */
    enum Format { CSV, TABLE }

    @Parameters(index = "0", paramLabel = "WAREHOUSE.duckdb", description = "The DuckDB database file.")
    private Path database;

    @Parameters(index = "1", paramLabel = "SQL", description = "The SQL statement (quote it for the shell).")
    private String sql;

    @Option(names = "--format", paramLabel = "csv|table",
            description = "Output format (default: table on a terminal, csv otherwise).")
    private Format format;

    @Override
    protected ExitCode execute(Cli cli) {
        Format chosen = format != null ? format : cli.terminal().stdout() ? Format.TABLE : Format.CSV;
        if (chosen == Format.CSV) {
            try (CsvOutput csv = new CsvOutput(cli.out())) {
                WarehouseQuery.run(database, sql, new WarehouseQuery.ResultHandler() {
                    @Override
                    public void columns(List<String> names) {
                        csv.record(names);
                    }

                    @Override
                    public void row(List<String> values) {
                        csv.record(values);
                    }
                });
            }
        } else {
            AtomicReference<TextTable> table = new AtomicReference<>();
            WarehouseQuery.run(database, sql, new WarehouseQuery.ResultHandler() {
                @Override
                public void columns(List<String> names) {
                    table.set(new TextTable(names));
                }

                @Override
                public void row(List<String> values) {
                    table.get().add(values);
                }
            });
            table.get().print(cli.out());
            cli.out().println("(" + Numbers.count(table.get().size()) + (table.get().size() == 1 ? " row)" : " rows)"));
        }
        cli.out().flush();
        return ExitCode.OK;
    }
}
