package io.spate.cli;

import io.spate.sdk.SpateException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code spate} command: moves data from sources into destinations. */
@Command(name = "spate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Moves large volumes of data from sources (object stores, databases, HTTP) into an embedded "
                + "DuckDB warehouse, a data lake or PostgreSQL: fast, incrementally and resumably.",
        subcommands = {RunCommand.class, CheckCommand.class, ConvertCommand.class, SchemaCommand.class, StateCommand.class, ResetCommand.class,
                QueryCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 bad configuration or usage.",
                "Run 'spate COMMAND --help' for a command's options."})
public final class Spate implements Callable<Integer> {
    private final Cli cli;

    @Spec
    private CommandSpec spec;

    private Spate(Cli cli) {
        this.cli = cli;
    }

    Cli cli() {
        return cli;
    }

    @Override
    public Integer call() {
        cli.err().println("spate: name a command");
        spec.commandLine().usage(cli.err());
        return ExitCode.USAGE.code();
    }

    public static void main(String[] args) {
        Charset charset = Charset.defaultCharset();
        Writer out = new OutputStreamWriter(System.out, charset);
        Writer err = new OutputStreamWriter(System.err, charset);
        System.exit(run(out, err, System.getenv(), Terminal.detect(), args));
    }

    /** Runs a command line without a terminal and with this process's environment; returns the exit code. */
    public static int run(Writer out, Writer err, String... args) {
        return run(out, err, System.getenv(), Terminal.none(), args);
    }

    /**
     * Runs a command line; returns the exit code ({@link ExitCode}). Everything written to {@code out} and
     * {@code err} is redacted of the secrets of the configuration read.
     */
    public static int run(Writer out, Writer err, Map<String, String> environment, Terminal terminal, String... args) {
        Redactor redactor = new Redactor();
        PrintWriter redactedOut = new PrintWriter(new RedactingWriter(out, redactor), true);
        PrintWriter redactedErr = new PrintWriter(new RedactingWriter(err, redactor), true);
        Cli cli = new Cli(redactedOut, redactedErr, terminal, environment, redactor);
        try {
            CommandLine commandLine = new CommandLine(new Spate(cli))
                    .setOut(redactedOut)
                    .setErr(redactedErr)
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setParameterExceptionHandler(Spate::badUsage)
                    .setExecutionExceptionHandler((failure, command, parseResult) -> failed(cli, failure, command));
            return commandLine.execute(args);
        } finally {
            redactedOut.flush();
            redactedErr.flush();
        }
    }

    private static int badUsage(CommandLine.ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + problem.getMessage());
        err.println("Run '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
        return ExitCode.USAGE.code();
    }

    private static int failed(Cli cli, Exception failure, CommandLine command) {
        boolean stacktrace = command.getCommand() instanceof SpateCommand c && c.common().stacktrace();
        cli.err().println("error: " + Failures.describe(failure));
        if (stacktrace) {
            failure.printStackTrace(cli.err());
        } else if (!(failure instanceof SpateException)) {
            cli.err().println("(run with --stacktrace for details)");
        }
        return ExitCode.of(failure).code();
    }
}
