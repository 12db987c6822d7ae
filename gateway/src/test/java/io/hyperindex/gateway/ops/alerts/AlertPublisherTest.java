package io.hyperindex.gateway.ops.alerts;

import com.sun.net.httpserver.HttpServer;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.engine.CommandResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alerts reach a real HTTP endpoint on loopback, with retries, and are counted. */
class AlertPublisherTest {
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static CommandResult result(EngineEvent... events) {
        return new CommandResult(1, 1, new Command.Tick(), List.of(events));
    }

    @Test
    void anAlertIsPostedAndRetriedWithBackoffUntilTheWebhookAccepts() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> bodies = new CopyOnWriteArrayList<>();
        CountDownLatch accepted = new CountDownLatch(1);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = calls.incrementAndGet() <= 2 ? 503 : 204;
            ex.sendResponseHeaders(status, -1);
            ex.close();
            if (status == 204) {
                accepted.countDown();
            }
        });
        server.start();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AlertPublisher p = new AlertPublisher(registry, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
                List.of("mm-alpha"), List.of("BTC-USDC"), 16, Duration.ofMillis(20), 5)) {
            p.accept(result(new EngineEvent.RiskAlert(0, "daily_loss", 80, 40, 50, 123),
                    new EngineEvent.OrderRejected(0, 0, null, 0, "PlaceOrder", io.hyperindex.gateway.domain.ReasonCode.INVALID_PRICE)));
            assertTrue(accepted.await(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (registry.counter("gateway_alert_webhook_delivered").count() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10); // the response is still on its way back to the publisher
            }
        }
        assertEquals(3, calls.get(), "two refusals, then delivered");
        assertTrue(bodies.get(2).contains("\"limit\":\"daily_loss\"") && bodies.get(2).contains("\"account\":\"mm-alpha\""), bodies.get(2));
        assertEquals(1.0, registry.counter("gateway_risk_alerts", "kind", "limit", "account", "mm-alpha").count());
        assertEquals(1.0, registry.counter("gateway_alert_webhook_delivered").count());
    }

    @Test
    void aStuckWebhookNeverBlocksTheEngineThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (AlertPublisher p = new AlertPublisher(registry, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
                List.of("mm-alpha"), List.of("BTC-USDC"), 4, Duration.ofMillis(10), 1)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                p.accept(result(new EngineEvent.MmpTriggered(0, "idx", Long.MAX_VALUE, i)));
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(millis < 2_000, "100 alerts enqueued in " + millis + " ms while the webhook hangs");
            assertTrue(registry.counter("gateway_alert_webhook_dropped").count() >= 90, "a full queue drops, it does not wait");
            assertEquals(100.0, registry.counter("gateway_risk_alerts", "kind", "mmp", "account", "mm-alpha").count());
        } finally {
            release.countDown();
        }
    }

    @Test
    void theGatewayPostsAKillSwitchToTheConfiguredWebhook(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        CountDownLatch got = new CountDownLatch(1);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ops", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
            got.countDown();
        });
        server.start();
        var base = io.hyperindex.gateway.ops.config.SandboxDefaults.config();
        var config = base.withServer(new io.hyperindex.gateway.ops.config.GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0))
                .withRisk(new io.hyperindex.gateway.ops.config.GatewayConfig.Risk(base.risk().circuitBreakers(),
                        base.risk().limits(), URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ops")));
        try (var gw = new io.hyperindex.gateway.ops.server.GatewayServer(config,
                io.hyperindex.gateway.ops.server.GatewayServer.Mode.CONFIGURED, new java.io.PrintWriter(new java.io.StringWriter()))) {
            gw.start();
            gw.engine().submit(new Command.KillSwitch(Command.KillScope.ACCOUNT, 0, true, false, "mm-alpha")).get(10, TimeUnit.SECONDS);
            assertTrue(got.await(10, TimeUnit.SECONDS), "the webhook was called");
            assertTrue(bodies.get(0).contains("\"kind\":\"kill_switch\"") && bodies.get(0).contains("\"account\":\"mm-alpha\""),
                    bodies.get(0));
            assertTrue(gw.metrics().counter("gateway_risk_alerts", "kind", "kill_switch", "account", "mm-alpha").count() >= 1);
        }
    }
}
