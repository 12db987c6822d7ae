package io.hyperindex.gateway.venue.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.sandbox.DemoAccount;
import io.hyperindex.gateway.ops.server.GatewayServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.utils.Numeric;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real gateways in one JVM on loopback. B runs the embedded books and the
 * Hyperliquid-compatible API; A routes HYPE-USDC to B's {@code /hl} through a TCP proxy the test
 * can cut, signing as B's demo account mm-alpha's agent wallet (A's API wallet). A partner at A
 * (A's own mm-alpha, over A's Hyperliquid dialect) sells 4 HYPE; it rests on B's book; B's
 * mm-bravo lifts it 1 HYPE at a time; the fills, fees and position appear at A, exactly once each,
 * across a dropped connection and a crash-style restart of A.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HyperliquidRoutingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final AtomicLong NONCE = new AtomicLong(System.currentTimeMillis());
    private static final int HYPE = 2;
    /** HYPE quantity units (lot 0.01): 1 HYPE = 100. */
    private static final long ONE = 100;

    @TempDir
    static Path dir;
    static GatewayServer b;
    static GatewayServer a;
    static LoopbackProxy proxy;
    static GatewayConfig aConfig;
    static String aBase;
    static String bBase;
    static DemoAccount aPartner;
    static DemoAccount bWallet;
    static DemoAccount bTaker;
    static long aOrderId;
    static final AtomicInteger deadManRenewals = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        b = new GatewayServer(sandbox().withServer(new GatewayConfig.Server(dir.resolve("b"), "127.0.0.1", 0, 0, 0)),
                GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()));
        b.start();
        bBase = "http://127.0.0.1:" + b.httpAddress().getPort() + "/hl";
        bWallet = b.demoCredentials().accounts().get(0);
        bTaker = b.demoCredentials().accounts().get(1);
        b.engine().subscribe(r -> {
            for (EngineEvent e : r.events()) {
                if (e instanceof EngineEvent.CancelAfterSet s && s.account() == 0 && s.deadline() > 0) {
                    deadManRenewals.incrementAndGet();
                }
            }
        });
        proxy = new LoopbackProxy(b.httpAddress().getPort());
        Path keyFile = Files.createFile(dir.resolve("api-wallet.key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, bWallet.hlAgentPrivateKey());
        aConfig = sandbox().withServer(new GatewayConfig.Server(dir.resolve("a"), "127.0.0.1", 0, 0, 0))
                .withVenues(new GatewayConfig.Venues(new GatewayConfig.Hyperliquid(
                        URI.create("http://127.0.0.1:" + proxy.port() + "/hl"), keyFile, true, null, Map.of(),
                        30_000, 2_000, 1200, 10_000), Map.of(HYPE, "HYPE")));
        startA();
    }

    /** The sandbox without its market maker: the tests count their own fills on an otherwise empty book. */
    private static GatewayConfig sandbox() {
        GatewayConfig c = SandboxDefaults.config();
        return c.withMarketMaker(c.marketMaker().disabled());
    }

    static void startA() throws Exception {
        a = new GatewayServer(aConfig, GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()));
        a.start();
        aBase = "http://127.0.0.1:" + a.httpAddress().getPort() + "/hl";
        aPartner = a.demoCredentials().accounts().get(0);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Test
    @Order(1)
    void aPartnersOrderRestsOnBsBookAndFillsThereWithFeeAndPositionAtA() throws Exception {
        JsonNode placed = status(exchange(aBase, aPartner, order(false, "30.5", "4", "Gtc")));
        aOrderId = placed.at("/resting/oid").asLong();
        assertTrue(aOrderId > 0, "accepted by A and routed: " + placed);

        String cloid = Cloids.of(Cloids.DEFAULT_PREFIX, aOrderId);
        await("the order rests on B's book under its cloid", () -> info(bBase, "openOrders", bWallet).toString()
                .contains(cloid));
        JsonNode bookB = post(bBase, "/info", "{\"type\":\"l2Book\",\"coin\":\"HYPE\"}");
        assertEquals("30.5", bookB.at("/levels/1/0/px").asText(), bookB.toString());
        assertEquals("4", bookB.at("/levels/1/0/sz").asText(), bookB.toString());
        await("A's engine holds B's oid", () -> venueOid(aOrderId) > 0);

        JsonNode taken = status(exchange(bBase, bTaker, order(true, "30.5", "1", "Ioc")));
        assertEquals("1", taken.at("/filled/totalSz").asText(), taken.toString());

        await("A applies the fill", () -> position() == -ONE);
        JsonNode fills = info(aBase, "userFills", aPartner);
        assertEquals(1, fills.size(), fills.toString());
        assertEquals("A", fills.at("/0/side").asText());
        assertEquals("1", fills.at("/0/sz").asText());
        assertEquals("30.5", fills.at("/0/px").asText());
        assertTrue(!fills.at("/0/crossed").asBoolean(), "the partner made liquidity at the venue");
        // A's fee schedule, not Hyperliquid's: the base maker tier's 1 bp rebate on 30.5 USDC
        assertEquals("-0.00305", fills.at("/0/fee").asText(), fills.toString());
        JsonNode state = info(aBase, "clearinghouseState", aPartner);
        assertTrue(state.at("/assetPositions").toString().contains("\"szi\":\"-1\""), state.toString());
        JsonNode open = info(aBase, "openOrders", aPartner);
        assertTrue(open.toString().contains("\"sz\":\"3\""), "3 HYPE still open at A: " + open);
        await("the dead-man switch is renewed at B while A is healthy", () -> deadManRenewals.get() >= 2);
    }

    @Test
    @Order(2)
    void fillsDuringADroppedConnectionArriveExactlyOnceAfterReconnect() throws Exception {
        long reconnectsBefore = a.venue().health().reconnects();
        proxy.cut();
        await("A notices the drop", () -> !a.venue().health().connected());
        for (int i = 0; i < 2; i++) {
            JsonNode taken = status(exchange(bBase, bTaker, order(true, "30.5", "1", "Ioc")));
            assertEquals("1", taken.at("/filled/totalSz").asText(), taken.toString());
        }
        Thread.sleep(300);
        assertEquals(-ONE, position(), "nothing reaches A while the link is cut");
        proxy.restore();
        await("A reconnects and reconciles the missed fills", () -> position() == -3 * ONE);
        await("reconnected", () -> a.venue().health().connected() && a.venue().health().reconnects() > reconnectsBefore);
        Thread.sleep(1_000); // the subscription snapshot and the reconciliation both re-sent fills: none may count twice
        assertEquals(-3 * ONE, position());
        assertEquals(3, info(aBase, "userFills", aPartner).size());
        assertEquals(3 * ONE, a.engine().query(core -> core.liveOrder(aOrderId).filled()).join());
    }

    @Test
    @Order(3)
    void aRestartedWithoutACleanShutdownRecoversItsRemoteOrderAndReconciles() throws Exception {
        a.halt();
        JsonNode taken = status(exchange(bBase, bTaker, order(true, "30.5", "1", "Ioc")));
        assertEquals("1", taken.at("/filled/totalSz").asText(), taken.toString());
        startA();
        await("the restarted A reconciles the fill it missed", () -> position() == -4 * ONE);
        await("the order is filled and done at A", () -> a.engine().query(core -> core.liveOrder(aOrderId) == null).join());
        assertEquals(0, a.engine().query(core -> core.routedOrders().size()).join());
        assertEquals(-4 * ONE, position());
        // 4 fills at 30.5, each with the partner's 1 bp maker rebate, and the trade cash: 122 USDC in
        assertEquals(12_200_000_000L + 4 * 305_000L, a.engine().query(core -> core.cash(0)).join());
    }

    @Test
    @Order(4)
    void anOrderEnteredOverRestAtAIsRoutedAndItsCancelIsPendingUntilBConfirms() throws Exception {
        JsonNode placed = rest("POST", "/api/v1/orders", "{\"symbol\":\"HYPE-USDC\",\"clientOrderId\":\"rest-routed-1\","
                + "\"side\":\"SELL\",\"price\":\"31.5\",\"quantity\":\"2\"}", 200);
        long orderId = placed.path("orderId").asLong();
        assertEquals("NEW", placed.path("status").asText(), placed.toString());
        await("the REST order rests on B's book", () -> info(bBase, "openOrders", bWallet).toString().contains("\"31.5\""));

        JsonNode cancel = rest("DELETE", "/api/v1/orders/" + orderId, null, 200);
        assertEquals("PENDING_CANCEL", cancel.path("status").asText(), "open until B confirms: " + cancel);
        await("B confirms the cancel and A ends the order", () -> a.engine().query(core -> core.liveOrder(orderId) == null).join());
        assertTrue(!info(bBase, "openOrders", bWallet).toString().contains("\"31.5\""), "gone from B's book");
        rest("GET", "/api/v1/orders/" + orderId, null, 404);
    }

    /** A signed REST call to A as its first demo partner; asserts the status and returns the body. */
    private static JsonNode rest(String method, String path, String body, int expectedStatus) throws Exception {
        io.hyperindex.gateway.auth.Ed25519Key key = io.hyperindex.gateway.auth.Ed25519Key.fromSeedHex(aPartner.ed25519SeedHex());
        byte[] bytes = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        long ts = System.currentTimeMillis();
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.httpAddress().getPort() + path))
                .timeout(Duration.ofSeconds(20)).header("X-HI-KEY", key.keyId()).header("X-HI-TS", Long.toString(ts))
                .header("X-HI-SIG", key.signHex(io.hyperindex.gateway.auth.CanonicalRequest.rest(ts, method, path, bytes)));
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        HttpResponse<String> res = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, res.statusCode(), res.body());
        return JSON.readTree(res.body());
    }

    // ------------------------------------------------------------------ helpers

    private static long position() {
        return a.engine().query(core -> core.positions().position(0, HYPE)).join();
    }

    private static long venueOid(long orderId) {
        return a.engine().query(core -> core.routedOrders().stream().filter(o -> o.orderId() == orderId)
                .mapToLong(io.hyperindex.gateway.venue.RoutedOrder::venueOrderId).findFirst().orElse(0)).join();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; A's venue: "
                        + (a.venue() == null ? null : a.venue().health()));
            }
            Thread.sleep(50);
        }
    }

    private static JsonNode post(String base, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode info(String base, String type, DemoAccount user) {
        try {
            return post(base, "/info", "{\"type\":\"" + type + "\",\"user\":\"" + user.hlAgentAddress() + "\"}");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode exchange(String base, DemoAccount signer, String action) throws Exception {
        ECKeyPair key = ECKeyPair.create(Numeric.toBigInt(signer.hlAgentPrivateKey()));
        return post(base, "/exchange", JSON.writeValueAsString(ExchangeRequest.sign(key, JSON.readTree(action),
                NONCE.incrementAndGet(), null, null, true)));
    }

    private static String order(boolean buy, String px, String sz, String tif) {
        return "{\"type\":\"order\",\"orders\":[{\"a\":" + HYPE + ",\"b\":" + buy + ",\"p\":\"" + px + "\",\"s\":\"" + sz
                + "\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"" + tif + "\"}}}],\"grouping\":\"na\"}";
    }

    private static JsonNode status(JsonNode response) {
        assertEquals("ok", response.path("status").asText(), response.toString());
        return response.at("/response/data/statuses/0");
    }
}
