package io.hyperindex.gateway.ops;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mm-gateway} command line: {@code sandbox}, {@code run --config FILE},
 * {@code generate-config}, {@code validate-config FILE}, {@code report statement}, and the
 * Hyperliquid signing tools {@code hl-sign} and {@code hl-recover}, and the market-making tools
 * {@code glft} (quote calculator) and {@code mm-sim} (simulator).
 *
 * <p>Exit codes: 0 success; 1 the configuration is invalid or the gateway could not start;
 * 2 the command line itself is wrong.
 */
@Command(name = "mm-gateway", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "HyperIndex market-maker gateway: FIX 4.4, gRPC, REST/WebSocket and a Hyperliquid-compatible"
                + " API in front of an embedded price-time matching engine.",
        subcommands = {SandboxCommand.class, RunCommand.class, GenerateConfigCommand.class, ValidateConfigCommand.class,
                ReportCommand.class, HlSignCommand.class, HlRecoverCommand.class,
                io.hyperindex.gateway.mm.cli.GlftCommand.class, io.hyperindex.gateway.mm.cli.MmSimCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code of an invalid configuration or a failed start. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a wrong command line (picocli's default). */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, for tests and embedding: {@code commandLine().execute(args)} returns the exit code. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main());
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: choose sandbox, run, generate-config or validate-config");
    }

    /** The version from the jar manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"mm-gateway " + (v == null ? "(development build)" : v)};
        }
    }
}
