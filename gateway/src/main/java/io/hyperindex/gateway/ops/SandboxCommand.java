package io.hyperindex.gateway.ops;

import io.hyperindex.gateway.ops.config.ConfigFile;
import io.hyperindex.gateway.ops.config.ConfigValidator;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.InvalidConfigException;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.server.GatewayServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code sandbox}: the gateway on its embedded defaults (demo instruments and accounts),
 * with demo credentials generated once per data directory.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        description = {"Start a sandbox gateway on the embedded defaults: a local book with BTC-USDC, ETH-USDC,"
                + " HYPE-USDC and HIDX-USDC, demo accounts mm-alpha, mm-bravo, mm-charlie and venue-mm.",
                "Demo credentials are written to <data-dir>/demo-accounts.json on first start and kept."})
final class SandboxCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
            description = "journal, snapshots and demo credentials (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @CommandLine.Option(names = "--http-port", paramLabel = "PORT", defaultValue = "8080",
            description = "HTTP port, 0 = any free port (default: ${DEFAULT-VALUE})")
    int httpPort;

    @CommandLine.Option(names = "--grpc-port", paramLabel = "PORT", defaultValue = "50051",
            description = "gRPC port, 0 = any free port (default: ${DEFAULT-VALUE})")
    int grpcPort;

    @CommandLine.Option(names = "--fix-port", paramLabel = "PORT", defaultValue = "9876",
            description = "FIX port, 0 = any free port (default: ${DEFAULT-VALUE}; not served yet)")
    int fixPort;

    @CommandLine.Option(names = "--market-maker", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "run the venue's reference market maker on every instrument (default: on;"
                    + " --no-market-maker leaves the books empty)")
    boolean marketMaker;

    @Override
    public Integer call() {
        checkPort("--http-port", httpPort);
        checkPort("--grpc-port", grpcPort);
        checkPort("--fix-port", fixPort);
        ConfigFile f = SandboxDefaults.file();
        f.server.dataDir = dataDir.toString();
        f.server.httpPort = (long) httpPort;
        f.server.grpcPort = (long) grpcPort;
        f.server.fixPort = (long) fixPort;
        f.marketMaker.enabled = marketMaker;
        GatewayConfig config;
        try {
            config = ConfigValidator.validate(f);
        } catch (InvalidConfigException e) {
            String problems = String.join("; ", e.problems())
                    .replace("server.dataDir", "--data-dir").replace("server.httpPort", "--http-port")
                    .replace("server.grpcPort", "--grpc-port").replace("server.fixPort", "--fix-port");
            throw new CommandLine.ParameterException(spec.commandLine(), problems);
        }
        return ServerLauncher.runUntilShutdown(config, GatewayServer.Mode.SANDBOX, spec.commandLine());
    }

    private void checkPort(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + ": must be a port number from 0 (any free port) to 65535 (got " + port + ")");
        }
    }
}
