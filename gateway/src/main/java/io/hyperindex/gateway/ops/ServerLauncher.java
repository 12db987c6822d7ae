package io.hyperindex.gateway.ops;

import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.server.GatewayServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;

/** Runs a {@link GatewayServer} in the foreground until the process is told to stop (SIGTERM, Ctrl-C). */
final class ServerLauncher {
    private static final Logger log = LoggerFactory.getLogger(ServerLauncher.class);

    private ServerLauncher() {
    }

    /** Starts, blocks until shutdown, returns the exit code. */
    static int runUntilShutdown(GatewayConfig config, GatewayServer.Mode mode, CommandLine cli) {
        PrintWriter out = cli.getOut();
        PrintWriter err = cli.getErr();
        GatewayServer server = new GatewayServer(config, mode, out);
        Thread hook = new Thread(() -> {
            log.info("shutting down");
            server.close();
        }, "shutdown");
        // registered before start, so that a stop during a long journal recovery still closes cleanly
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            log.debug("start failed", e);
            err.println("cannot start the gateway: " + e.getMessage());
            err.flush();
            removeHook(hook);
            return Main.EXIT_FAILURE;
        }
        try {
            server.awaitClosed();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing to undo
        }
    }
}
