package io.hyperindex.gateway.ops;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.health.EngineReadiness;
import io.hyperindex.gateway.ops.health.HealthRoutes;
import io.hyperindex.gateway.ops.http.GatewayHttpServer;
import io.hyperindex.gateway.ops.http.JsonReply;
import io.hyperindex.gateway.ops.http.RouteHandler;
import io.hyperindex.gateway.ops.http.RouteTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /health, /ready, unknown paths and the route table, over a real socket on 127.0.0.1. */
class HealthEndpointTest {

    @Test
    void readyIs503UntilTheEngineHasRecoveredThen200WithItsSequence(@TempDir Path dir) throws Exception {
        EngineReadiness readiness = new EngineReadiness();
        RouteTable routes = new RouteTable();
        HealthRoutes.install(routes, readiness);
        try (GatewayHttpServer http = GatewayHttpServer.start("127.0.0.1", 0, routes, GatewayHttpServer.defaultJson())) {
            HttpProbe.Reply health = HttpProbe.get(http.address(), "/health");
            assertEquals(200, health.status());
            assertEquals("UP", health.json().get("status").asText());
            assertTrue(health.contentType().startsWith("application/json"), health.contentType());

            HttpProbe.Reply notReady = HttpProbe.get(http.address(), "/ready");
            assertEquals(503, notReady.status());
            assertEquals("{\"ready\":false}", notReady.json().toString());

            GatewayConfig config = SandboxDefaults.config()
                    .withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
            try (Engine engine = Engine.start(config.engineConfig())) {
                readiness.engineStarted(engine);
                HttpProbe.Reply ready = HttpProbe.get(http.address(), "/ready");
                assertEquals(200, ready.status());
                assertTrue(ready.json().get("ready").asBoolean());
                // one SetRiskLimits per sandbox account: the configured limits, journaled at start
                assertEquals(4, ready.json().get("lastSequence").asLong());
                assertEquals(4, ready.json().get("instruments").size());

                // BTC-USDC: buy 0.0010 at 95000.0 for mm-alpha
                engine.submit(new Command.PlaceOrder(0, 0, "c1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 950_000, 10, 0,
                        null)).get(10, TimeUnit.SECONDS);
                assertEquals(5, HttpProbe.get(http.address(), "/ready").json().get("lastSequence").asLong());
            }
            assertEquals(503, HttpProbe.get(http.address(), "/ready").status(), "a closed engine is not ready");
            assertEquals(200, HttpProbe.get(http.address(), "/health").status(), "the process still runs");
        }
    }

    @Test
    void unknownPathIs404InTheGatewayErrorShapeAndWrongMethodIs405() throws Exception {
        RouteTable routes = new RouteTable();
        HealthRoutes.install(routes, new EngineReadiness());
        try (GatewayHttpServer http = GatewayHttpServer.start("127.0.0.1", 0, routes, GatewayHttpServer.defaultJson())) {
            HttpProbe.Reply missing = HttpProbe.get(http.address(), "/api/v1/nothing-here?x=1");
            assertEquals(404, missing.status());
            assertEquals("NOT_FOUND", missing.json().get("code").asText());
            assertTrue(missing.json().get("message").asText().contains("/api/v1/nothing-here"));

            HttpProbe.Reply wrongMethod = HttpProbe.send(http.address(), "POST", "/health");
            assertEquals(405, wrongMethod.status());
            assertEquals("METHOD_NOT_ALLOWED", wrongMethod.json().get("code").asText());
        }
    }

    @Test
    void routesUnderAGroupCapturePathParametersAndMayAnswerLater() throws Exception {
        RouteTable routes = new RouteTable();
        CompletableFuture<JsonReply> later = new CompletableFuture<>();
        routes.group("/api/v1")
                .get("/orders/{orderId}", RouteHandler.of(req -> JsonReply.ok(Map.of("orderId", req.pathParam("orderId"),
                        "symbol", String.valueOf(req.queryParam("symbol"))))))
                .get("/slow", req -> later)
                .get("/broken", req -> {
                    throw new IllegalStateException("bug");
                });
        try (GatewayHttpServer http = GatewayHttpServer.start("127.0.0.1", 0, routes, GatewayHttpServer.defaultJson())) {
            HttpProbe.Reply order = HttpProbe.get(http.address(), "/api/v1/orders/42?symbol=BTC-USDC");
            assertEquals(200, order.status());
            assertEquals("42", order.json().get("orderId").asText());
            assertEquals("BTC-USDC", order.json().get("symbol").asText());
            assertEquals(404, HttpProbe.get(http.address(), "/api/v1/orders/").status());
            assertEquals(404, HttpProbe.get(http.address(), "/api/v1/orders/42/fills").status());

            new Thread(() -> later.complete(JsonReply.ok(Map.of("done", true)))).start();
            assertTrue(HttpProbe.get(http.address(), "/api/v1/slow").json().get("done").asBoolean());

            HttpProbe.Reply broken = HttpProbe.get(http.address(), "/api/v1/broken");
            assertEquals(500, broken.status());
            assertEquals("INTERNAL", broken.json().get("code").asText());
        }
    }

    @Test
    void routeTableMatchesTemplatesInOrder() {
        RouteTable t = new RouteTable();
        RouteHandler h = RouteHandler.of(r -> JsonReply.ok(Map.of()));
        t.get("/api/v1/orders/open", h).get("/api/v1/orders/{orderId}", h).delete("/api/v1/orders/{orderId}", h);
        RouteTable.Found open = (RouteTable.Found) t.find(io.netty.handler.codec.http.HttpMethod.GET, "/api/v1/orders/open");
        assertEquals("/api/v1/orders/open", open.template());
        RouteTable.Found byId = (RouteTable.Found) t.find(io.netty.handler.codec.http.HttpMethod.DELETE, "/api/v1/orders/7");
        assertEquals(Map.of("orderId", "7"), byId.pathParams());
        assertTrue(t.find(io.netty.handler.codec.http.HttpMethod.POST, "/api/v1/orders/7") instanceof RouteTable.MethodNotAllowed);
        assertTrue(t.find(io.netty.handler.codec.http.HttpMethod.GET, "/api/v2/orders/7") instanceof RouteTable.NotFound);
        assertEquals(3, t.describe().size());
        assertThrows(IllegalArgumentException.class, () -> t.get("/api/v1/orders/{orderId}", h), "a route is taken once");
    }
}
