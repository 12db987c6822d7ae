package io.hyperindex.gateway.ops;

import io.hyperindex.gateway.ops.config.ConfigLoader;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.InvalidConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code validate-config FILE}: exit 0, or 1 with one line per bad field saying why. */
@Command(name = "validate-config", mixinStandardHelpOptions = true,
        description = "Check a configuration file. Exit 0 if it is valid; otherwise print each bad field and why,"
                + " and exit 1.")
final class ValidateConfigCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", paramLabel = "FILE", description = "the YAML configuration to check")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            GatewayConfig c = ConfigLoader.load(file);
            long limited = c.risk().limits().values().stream()
                    .filter(l -> !l.equals(io.hyperindex.gateway.domain.RiskLimits.unlimited(c.instruments().size())))
                    .count();
            out.println(file + ": valid (" + c.instruments().size() + " instruments, " + c.accounts().size()
                    + " accounts, " + limited + " with risk limits, " + c.risk().circuitBreakers().size()
                    + " circuit breakers, HTTP port " + c.server().httpPort() + ", data dir " + c.server().dataDir() + ")");
            out.flush();
            return 0;
        } catch (InvalidConfigException e) {
            err.println(file + ": invalid configuration");
            for (String p : e.problems()) {
                err.println("  " + p);
            }
            err.flush();
            return Main.EXIT_FAILURE;
        }
    }
}
