package io.hyperindex.gateway.ops;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.server.GatewayServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole server wiring in-process: data-dir lock, demo credentials, HTTP, recovery, shutdown snapshot. */
class GatewayServerTest {

    private static GatewayConfig sandboxOn(Path dir) {
        // without the market maker: these tests count the journal's commands (MarketMakerSandboxTest runs it)
        GatewayConfig c = SandboxDefaults.config().withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
        return c.withMarketMaker(c.marketMaker().disabled());
    }

    @Test
    void startsPrintsItsRealHttpEndpointAndRecoversAcrossRestarts(@TempDir Path dir) throws Exception {
        StringWriter console = new StringWriter();
        long stateSequence;
        try (GatewayServer server = new GatewayServer(sandboxOn(dir), GatewayServer.Mode.SANDBOX, new PrintWriter(console))) {
            server.start();
            InetSocketAddress http = server.httpAddress();
            Matcher m = Pattern.compile("(?m)^HTTP  http://127\\.0\\.0\\.1:(\\d+)  \\(/health, /ready\\)$").matcher(console.toString());
            assertTrue(m.find(), console.toString());
            assertEquals(http.getPort(), Integer.parseInt(m.group(1)));
            assertTrue(console.toString().contains("gRPC  127.0.0.1:" + server.grpcAddress().getPort() + "  (Trading"),
                    console.toString());
            assertEquals(200, HttpProbe.get(http, "/ready").status());
            assertEquals(4, server.demoCredentials().accounts().size());
            assertEquals(1, server.config().accounts().get(0).apiKeys().size(), "the demo key is authorised");

            // the configured risk limits are journaled once (actor "config"), one SetRiskLimits per account
            assertEquals(4, HttpProbe.get(http, "/ready").json().get("lastSequence").asLong());
            server.engine().submit(new Command.PlaceOrder(1, 1, "e1", Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                    350_100, 1_000, 0, null)).get(10, TimeUnit.SECONDS);
            stateSequence = HttpProbe.get(http, "/ready").json().get("lastSequence").asLong();
            assertEquals(5, stateSequence);
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("snapshot-")), "close writes a snapshot");
        }

        try (GatewayServer again = new GatewayServer(sandboxOn(dir), GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()))) {
            again.start();
            var ready = HttpProbe.get(again.httpAddress(), "/ready").json();
            assertEquals(stateSequence, ready.get("lastSequence").asLong(), "unchanged limits are not journaled again");
            assertEquals(stateSequence, ready.get("recovery").get("snapshotSequence").asLong());
            assertTrue(again.readiness().engine().query(me -> me.liveOrderCount()).get(10, TimeUnit.SECONDS) == 1);
        }
    }

    @Test
    void aSecondGatewayOnTheSameDataDirectoryRefusesToStart(@TempDir Path dir) throws Exception {
        try (GatewayServer first = new GatewayServer(sandboxOn(dir), GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()))) {
            first.start();
            GatewayServer second = new GatewayServer(sandboxOn(dir), GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()));
            IOException e = assertThrows(IOException.class, second::start);
            assertTrue(e.getMessage().contains("is in use by another gateway"), e.getMessage());
            assertEquals(200, HttpProbe.get(first.httpAddress(), "/health").status(), "the first one keeps running");
        }
    }

    @Test
    void aTakenHttpPortFailsTheStartAndReleasesTheDataDirectory(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            GatewayConfig config = SandboxDefaults.config()
                    .withServer(new GatewayConfig.Server(dir, "127.0.0.1", taken.getLocalPort(), 0, 0));
            GatewayServer server = new GatewayServer(config, GatewayServer.Mode.CONFIGURED, new PrintWriter(new StringWriter()));
            IOException e = assertThrows(IOException.class, server::start);
            assertTrue(e.getMessage().contains("cannot listen for HTTP on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
        try (GatewayServer retry = new GatewayServer(sandboxOn(dir), GatewayServer.Mode.CONFIGURED, new PrintWriter(new StringWriter()))) {
            retry.start();
            assertNotNull(retry.engine());
            assertEquals(null, retry.demoCredentials(), "no demo credentials outside the sandbox");
            assertTrue(Files.notExists(dir.resolve("demo-accounts.json")));
        }
    }
}
