package io.hyperindex.gateway.ops;

import io.hyperindex.gateway.ops.config.ConfigLoader;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.InvalidConfigException;
import io.hyperindex.gateway.ops.server.GatewayServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code run --config FILE}: a production start from a YAML configuration. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the gateway on a YAML configuration (see generate-config) and run until stopped.")
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "the YAML configuration")
    Path config;

    @Override
    public Integer call() {
        GatewayConfig c;
        try {
            c = ConfigLoader.load(config);
        } catch (InvalidConfigException e) {
            spec.commandLine().getErr().println(config + ": invalid configuration");
            for (String p : e.problems()) {
                spec.commandLine().getErr().println("  " + p);
            }
            spec.commandLine().getErr().flush();
            return Main.EXIT_FAILURE;
        }
        return ServerLauncher.runUntilShutdown(c, GatewayServer.Mode.CONFIGURED, spec.commandLine());
    }
}
