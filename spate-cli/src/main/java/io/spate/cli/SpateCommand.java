package io.spate.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * What every subcommand shares: the common options, logging set up to the redacting standard error, and
 * the {@link Cli} to print to. A new subcommand is one subclass, listed in {@link Spate}'s subcommands.
 */
abstract class SpateCommand implements Callable<Integer> {
    @Mixin
    private CommonOptions common;

    @ParentCommand
    private Spate spate;

    CommonOptions common() {
        return common;
    }

    @Override
    public final Integer call() throws Exception {
        Cli cli = spate.cli();
        Logging.configure(cli.err(), common, cli.terminal().stderr());
        return execute(cli).code();
    }

    /** Does the work; failures are thrown (a SpateException names what to fix) and become exit codes. */
    protected abstract ExitCode execute(Cli cli) throws Exception;
}
