package io.hyperindex.gateway.ops.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.hyperindex.gateway.auth.CanonicalRequest;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.http.GatewayHttpServer;
import io.hyperindex.gateway.ops.http.JsonReply;
import io.hyperindex.gateway.ops.http.RouteHandler;
import io.hyperindex.gateway.ops.http.RouteTable;
import io.hyperindex.gateway.ops.sandbox.DemoAccount;
import io.hyperindex.gateway.ops.server.GatewayServer;
import io.hyperindex.gateway.proto.v1.PlaceOrderRequest;
import io.hyperindex.gateway.proto.v1.Side;
import io.hyperindex.gateway.proto.v1.TradingGrpc;
import io.hyperindex.gateway.venue.hyperliquid.ExchangeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /metrics} of a real sandbox gateway, scraped over HTTP after real traffic: a signed gRPC
 * order and a rejected one, a Hyperliquid order over HTTP, a WebSocket subscription. The named
 * series are there with plausible values.
 */
class MetricsEndpointTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void metricsAfterGrpcHlAndWebSocketTraffic(@TempDir Path dir) throws Exception {
        GatewayConfig config = SandboxDefaults.config().withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
        try (GatewayServer server = new GatewayServer(config, GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()))) {
            server.start();
            String base = "http://127.0.0.1:" + server.httpAddress().getPort();
            DemoAccount demo = server.demoCredentials().accounts().get(0);

            // gRPC: one order accepted, one rejected by the engine
            Instrument btc = config.instruments().get(0);
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcAddress().getPort()).usePlaintext().build();
            try {
                Ed25519Key key = Ed25519Key.fromSeedHex(demo.ed25519SeedHex());
                String qty = btc.qty(btc.lot() * 1000).toPlainString();
                placeOrder(channel, key, PlaceOrderRequest.newBuilder().setSymbol(btc.symbol()).setSide(Side.BUY)
                        .setPrice(btc.price(btc.referencePrice() - 10 * btc.tick()).toPlainString()).setQuantity(qty)
                        .setClientOrderId("m-1").build());
                // twice the reference price: outside the band, which the engine checks
                String outsideBand = btc.price(btc.referencePrice() * 2).toPlainString();
                assertThrows(io.grpc.StatusRuntimeException.class, () -> placeOrder(channel, key, PlaceOrderRequest.newBuilder()
                        .setSymbol(btc.symbol()).setSide(Side.BUY).setPrice(outsideBand).setQuantity(qty).setClientOrderId("m-2")
                        .build()));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }

            // Hyperliquid: a resting HYPE order through POST /hl/exchange
            ECKeyPair agent = ECKeyPair.create(Numeric.toBigInt(demo.hlAgentPrivateKey()));
            String action = "{\"type\":\"order\",\"orders\":[{\"a\":2,\"b\":true,\"p\":\"29.5\",\"s\":\"10\",\"r\":false,"
                    + "\"t\":{\"limit\":{\"tif\":\"Alo\"}}}],\"grouping\":\"na\"}";
            String body = JSON.writeValueAsString(ExchangeRequest.sign(agent, JSON.readTree(action), System.currentTimeMillis(),
                    null, null, true));
            HttpResponse<String> hl = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/hl/exchange"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(hl.body().contains("resting"), hl.body());

            // WebSocket: one connection with one subscription, kept open during the scrape
            java.util.concurrent.LinkedBlockingQueue<String> wsMessages = new java.util.concurrent.LinkedBlockingQueue<>();
            WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.httpAddress().getPort()
                    + "/ws/v1"), new WebSocket.Listener() {
                @Override
                public java.util.concurrent.CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                    wsMessages.add(data.toString());
                    w.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
            ws.sendText("{\"op\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"" + btc.symbol() + "\"}", true).join();
            for (String m = wsMessages.poll(10, TimeUnit.SECONDS); m != null && !m.contains("\"snapshot\"");
                 m = wsMessages.poll(10, TimeUnit.SECONDS)) {
                // welcome, subscribed, then the snapshot
            }

            HttpResponse<String> scrape = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            String text = scrape.body();
            assertTrue(value(text, "gateway_requests_seconds_count", Map.of("protocol", "grpc",
                    "route", "hyperindex.gateway.v1.Trading/PlaceOrder", "outcome", "ok")) >= 1, text);
            assertTrue(value(text, "gateway_requests_seconds_count", Map.of("protocol", "grpc",
                    "route", "hyperindex.gateway.v1.Trading/PlaceOrder", "outcome", "PRICE_OUTSIDE_BAND")) >= 1);
            assertTrue(text.contains("gateway_requests_seconds_bucket{outcome=\"ok\",protocol=\"grpc\"") && text.contains(",le=\"0.001048576\"}"),
                    "latency histograms");
            assertTrue(value(text, "gateway_requests_seconds_count", Map.of("protocol", "hl", "route", "POST /hl/exchange",
                    "outcome", "200")) >= 1);
            assertTrue(value(text, "gateway_requests_seconds_sum", Map.of("protocol", "hl", "route", "POST /hl/exchange",
                    "outcome", "200")) > 0);
            assertTrue(value(text, "gateway_requests_seconds_count", Map.of("protocol", "ws", "route", "subscribe",
                    "outcome", "ok")) >= 1);
            assertEquals(1, value(text, "gateway_sessions", Map.of("protocol", "ws")));
            assertTrue(value(text, "gateway_sessions", Map.of("protocol", "grpc")) >= 0);
            assertEquals(0, value(text, "gateway_sessions", Map.of("protocol", "fix")));
            assertTrue(value(text, "gateway_rejections_total", Map.of("reason", "PRICE_OUTSIDE_BAND")) >= 1);
            assertEquals(0, value(text, "gateway_rejections_total", Map.of("reason", "ENGINE_UNAVAILABLE")));
            double capacity = value(text, "gateway_engine_ring_capacity", Map.of());
            double depth = value(text, "gateway_engine_queue_depth", Map.of());
            assertTrue(capacity >= 1024 && depth >= 0 && depth < capacity, capacity + " " + depth);
            assertTrue(value(text, "gateway_engine_last_sequence", Map.of()) >= 6, "4 limits + 3 orders journaled");
            double commits = value(text, "gateway_journal_commits_total", Map.of());
            assertTrue(commits >= 3, "group commits: " + commits);
            assertEquals(commits, value(text, "gateway_journal_write_seconds_count", Map.of()));
            assertTrue(value(text, "gateway_journal_write_seconds_sum", Map.of()) > 0);
            assertTrue(text.contains("gateway_journal_fsync_seconds_count"), "fsync time");
            assertTrue(text.contains("gateway_ws_slow_consumer_disconnects_total 0.0"), "no slow consumer");
            ws.abort();
        }
    }

    private static void placeOrder(ManagedChannel channel, Ed25519Key key, PlaceOrderRequest r) {
        long ts = System.currentTimeMillis();
        Metadata md = new Metadata();
        md.put(Metadata.Key.of("x-hi-key", Metadata.ASCII_STRING_MARSHALLER), key.keyId());
        md.put(Metadata.Key.of("x-hi-ts", Metadata.ASCII_STRING_MARSHALLER), Long.toString(ts));
        md.put(Metadata.Key.of("x-hi-sig", Metadata.ASCII_STRING_MARSHALLER),
                key.signHex(CanonicalRequest.grpc(ts, TradingGrpc.getPlaceOrderMethod().getFullMethodName(), r.toByteArray())));
        TradingGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md))
                .withDeadlineAfter(10, TimeUnit.SECONDS).placeOrder(r);
    }

    @Test
    void restRoutesAreCountedByTheirTemplateWithoutTheirHandlersKnowingIt() throws Exception {
        GatewayMetrics metrics = new GatewayMetrics();
        RouteTable routes = new RouteTable();
        metrics.install(routes);
        routes.group("/api/v1").get("/orders/{orderId}", RouteHandler.of(req -> JsonReply.ok(Map.of("id", req.pathParam("orderId")))));
        try (GatewayHttpServer http = GatewayHttpServer.start("127.0.0.1", 0, routes, GatewayHttpServer.defaultJson(), metrics)) {
            String base = "http://127.0.0.1:" + http.address().getPort();
            for (String id : new String[]{"1", "2", "3"}) {
                assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/orders/" + id)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
            }
            assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/nothing/" + 4)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            String text = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(3, value(text, "gateway_requests_seconds_count", Map.of("protocol", "rest",
                    "route", "GET /api/v1/orders/{orderId}", "outcome", "200")), text);
            assertEquals(1, value(text, "gateway_requests_seconds_count", Map.of("protocol", "http",
                    "route", "GET unmatched", "outcome", "404")), "unknown paths share one series");
            assertTrue(!text.contains("/api/v1/orders/1"), "no raw paths as labels");
        }
    }

    /** The value of the series {@code name} whose labels include {@code labels}; fails if there is none. */
    static double value(String text, String name, Map<String, String> labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{(.*)\\})? (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        while (m.find()) {
            String got = m.group(2) == null ? "" : m.group(2);
            boolean all = labels.entrySet().stream().allMatch(e -> got.contains(e.getKey() + "=\"" + e.getValue() + "\""));
            if (all) {
                return Double.parseDouble(m.group(3));
            }
        }
        throw new AssertionError("no series " + name + labels + " in:\n" + text);
    }
}
