package io.hyperindex.gateway.api.hl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.sandbox.DemoAccount;
import io.hyperindex.gateway.ops.server.GatewayServer;
import io.hyperindex.gateway.venue.hyperliquid.ExchangeRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Hyperliquid-compatible API on a real sandbox gateway over loopback HTTP, with requests
 * signed exactly as Hyperliquid's SDKs sign them for a non-mainnet base URL (the demo accounts'
 * agent keys). HYPE is asset 2 (tick 0.001, lot 0.01, reference 30).
 */
class HlApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final AtomicLong NONCE = new AtomicLong(System.currentTimeMillis());
    @TempDir
    static Path dir;
    static GatewayServer server;
    static String base;
    static DemoAccount alpha;
    static DemoAccount bravo;
    static final String SUB_ACCOUNT = "0x00000000000000000000000000000000000c4a11";

    @BeforeAll
    static void start() throws Exception {
        GatewayConfig sandbox = SandboxDefaults.config().withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
        // mm-charlie trades as a sub-account of mm-alpha (vaultAddress) on /hl
        java.util.List<GatewayConfig.Account> accounts = new java.util.ArrayList<>(sandbox.accounts());
        GatewayConfig.Account c = accounts.get(2);
        accounts.set(2, new GatewayConfig.Account(c.id(), c.displayName(), c.fixSessions(), c.apiKeys(), c.hlAgentAddresses(),
                new GatewayConfig.HlSubAccount(SUB_ACCOUNT, accounts.get(0).id())));
        GatewayConfig config = sandbox.withAccounts(accounts);
        config = config.withMarketMaker(config.marketMaker().disabled()); // the fills below assume an empty book
        server = new GatewayServer(config, GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()));
        server.start();
        base = "http://127.0.0.1:" + server.httpAddress().getPort() + "/hl";
        alpha = server.demoCredentials().accounts().get(0);
        bravo = server.demoCredentials().accounts().get(1);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() == 200 || r.statusCode() == 422, r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode info(String body) throws Exception {
        return post("/info", body);
    }

    private static ECKeyPair key(DemoAccount a) {
        return ECKeyPair.create(Numeric.toBigInt(a.hlAgentPrivateKey()));
    }

    private static JsonNode exchange(DemoAccount a, String action) throws Exception {
        return exchange(key(a), action, NONCE.incrementAndGet(), true, null);
    }

    private static JsonNode exchangeForVault(DemoAccount a, String action, String vault) throws Exception {
        return post("/exchange", JSON.writeValueAsString(ExchangeRequest.sign(key(a), JSON.readTree(action),
                NONCE.incrementAndGet(), vault, null, true)));
    }

    private static JsonNode exchange(ECKeyPair key, String action, long nonce, boolean testnet, Long expiresAfter)
            throws Exception {
        return post("/exchange", JSON.writeValueAsString(ExchangeRequest.sign(key, JSON.readTree(action), nonce, null,
                expiresAfter, testnet)));
    }

    private static String order(int asset, boolean buy, String px, String sz, String tif, String cloid) {
        return "{\"type\":\"order\",\"orders\":[{\"a\":" + asset + ",\"b\":" + buy + ",\"p\":\"" + px + "\",\"s\":\"" + sz
                + "\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"" + tif + "\"}}" + (cloid == null ? "" : ",\"c\":\"" + cloid + "\"")
                + "}],\"grouping\":\"na\"}";
    }

    private static JsonNode firstStatus(JsonNode response) {
        assertEquals("ok", response.path("status").asText(), response.toString());
        return response.at("/response/data/statuses/0");
    }

    @Test
    void metaListsTheVenuesBooksAsHyperliquidCoins() throws Exception {
        JsonNode meta = info("{\"type\":\"meta\"}");
        assertEquals("BTC", meta.at("/universe/0/name").asText());
        assertEquals(4, meta.at("/universe/0/szDecimals").asInt(), "BTC lot 0.0001");
        assertEquals("HYPE", meta.at("/universe/2/name").asText());
        assertEquals(2, meta.at("/universe/2/szDecimals").asInt(), "HYPE lot 0.01");
        assertEquals("HIDX", meta.at("/universe/3/name").asText());
        assertTrue(info("{\"type\":\"spotMeta\"}").path("universe").isArray(), "the SDK reads spotMeta at start");
        JsonNode both = info("{\"type\":\"metaAndAssetCtxs\"}");
        assertEquals(4, both.get(1).size());
        assertEquals("30", both.at("/1/2/oraclePx").asText());
        assertEquals(422, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/info"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"nope\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void restingMakerThenATakerFillsItAndEveryReadShowsIt() throws Exception {
        JsonNode rest = firstStatus(exchange(alpha, order(2, true, "29.5", "10", "Alo", "0x000000000000000000000000000000a1")));
        long oid = rest.at("/resting/oid").asLong();
        assertTrue(oid > 0, rest.toString());

        JsonNode open = info("{\"type\":\"openOrders\",\"user\":\"" + alpha.hlAgentAddress() + "\"}");
        assertTrue(open.toString().contains("\"oid\":" + oid), open.toString());
        assertTrue(open.toString().contains("\"limitPx\":\"29.5\""), open.toString());
        JsonNode book = info("{\"type\":\"l2Book\",\"coin\":\"HYPE\"}");
        assertTrue(book.at("/levels/0").toString().contains("{\"px\":\"29.5\",\"sz\":\"10\",\"n\":1}"), book.toString());
        JsonNode status = info("{\"type\":\"orderStatus\",\"user\":\"" + alpha.hlAgentAddress()
                + "\",\"oid\":\"0x000000000000000000000000000000a1\"}");
        assertEquals("open", status.at("/order/status").asText(), status.toString());

        JsonNode fill = firstStatus(exchange(bravo, order(2, false, "29.5", "4", "Ioc", null)));
        assertEquals("4", fill.at("/filled/totalSz").asText(), fill.toString());
        assertEquals("29.5", fill.at("/filled/avgPx").asText(), fill.toString());

        JsonNode fills = info("{\"type\":\"userFills\",\"user\":\"" + alpha.hlAgentAddress() + "\"}");
        assertEquals("B", fills.at("/0/side").asText(), fills.toString());
        assertEquals("4", fills.at("/0/sz").asText());
        assertTrue(!fills.at("/0/crossed").asBoolean(), "alpha made liquidity");
        assertTrue(fills.at("/0/fee").asText().startsWith("-"), "a maker rebate is a negative fee: " + fills);
        JsonNode state = info("{\"type\":\"clearinghouseState\",\"user\":\"" + alpha.hlAgentAddress() + "\"}");
        assertTrue(state.at("/assetPositions").toString().contains("\"szi\":\"4\""), state.toString());
        assertTrue(state.at("/assetPositions").toString().contains("\"entryPx\":\"29.5\""), state.toString());

        // post-only against the bid left at 29.5: refused with the book it would have crossed
        JsonNode alo = firstStatus(exchange(bravo, order(2, false, "29.5", "1", "Alo", null)));
        assertTrue(alo.path("error").asText().startsWith("Post only order would have immediately matched, bbo was 29.5@"),
                alo.toString());

        // modify the remaining 6 to a new price, then cancel by oid; a second cancel finds nothing
        JsonNode modified = exchange(alpha, "{\"type\":\"modify\",\"oid\":" + oid + ",\"order\":{\"a\":2,\"b\":true,"
                + "\"p\":\"29.4\",\"s\":\"10\",\"r\":false,\"t\":{\"limit\":{\"tif\":\"Alo\"}}}}");
        assertEquals("ok", modified.path("status").asText(), modified.toString());
        assertTrue(info("{\"type\":\"openOrders\",\"user\":\"" + alpha.hlAgentAddress() + "\"}").toString()
                .contains("\"limitPx\":\"29.4\""));
        JsonNode cancel = exchange(alpha, "{\"type\":\"cancel\",\"cancels\":[{\"a\":2,\"o\":" + oid + "}]}");
        assertEquals("success", firstStatus(cancel).asText(), cancel.toString());
        JsonNode again = exchange(alpha, "{\"type\":\"cancel\",\"cancels\":[{\"a\":2,\"o\":" + oid + "}]}");
        assertEquals(HlErrors.NEVER_PLACED, firstStatus(again).path("error").asText());
    }

    @Test
    void cancelByCloidAndScheduleCancel() throws Exception {
        String cloid = "0x000000000000000000000000000000b2";
        firstStatus(exchange(alpha, order(2, false, "31", "1", "Gtc", cloid))).at("/resting/oid").asLong();
        JsonNode cancel = exchange(alpha, "{\"type\":\"cancelByCloid\",\"cancels\":[{\"asset\":2,\"cloid\":\"" + cloid + "\"}]}");
        assertEquals("success", firstStatus(cancel).asText(), cancel.toString());
        JsonNode ended = info("{\"type\":\"orderStatus\",\"user\":\"" + alpha.hlAgentAddress() + "\",\"oid\":\"" + cloid + "\"}");
        assertEquals("canceled", ended.at("/order/status").asText(), "a finished order keeps its status: " + ended);
        assertEquals("1", ended.at("/order/order/sz").asText(), ended.toString());

        long now = System.currentTimeMillis();
        JsonNode armed = exchange(alpha, "{\"type\":\"scheduleCancel\",\"time\":" + (now + 60_000) + "}");
        assertEquals("default", armed.at("/response/type").asText(), armed.toString());
        JsonNode tooSoon = exchange(alpha, "{\"type\":\"scheduleCancel\",\"time\":" + (now + 1_000) + "}");
        assertEquals("err", tooSoon.path("status").asText());
        assertEquals("default", exchange(alpha, "{\"type\":\"scheduleCancel\"}").at("/response/type").asText(), "disarm");
        assertEquals("default", exchange(alpha, "{\"type\":\"updateLeverage\",\"asset\":2,\"isCross\":true,\"leverage\":5}")
                .at("/response/type").asText());
    }

    @Test
    void badOrdersGetHyperliquidsPerOrderErrors() throws Exception {
        assertEquals("Price must be divisible by tick size.",
                firstStatus(exchange(alpha, order(2, true, "29.12345", "1", "Gtc", null))).path("error").asText(),
                "six significant figures");
        assertEquals("Order has invalid size.",
                firstStatus(exchange(alpha, order(2, true, "29.5", "0.001", "Gtc", null))).path("error").asText(),
                "three decimals on a two-decimal coin");
        assertEquals("Order must have minimum value of $10.",
                firstStatus(exchange(alpha, order(2, true, "29.5", "0.01", "Gtc", null))).path("error").asText());
        assertEquals(HlErrors.NO_MATCH, firstStatus(exchange(alpha, order(3, true, "1.2", "100", "Ioc", null)))
                .path("error").asText(), "nothing to take on HIDX");
        JsonNode trigger = exchange(alpha, "{\"type\":\"order\",\"orders\":[{\"a\":2,\"b\":true,\"p\":\"29\",\"s\":\"1\","
                + "\"r\":false,\"t\":{\"trigger\":{\"isMarket\":true,\"triggerPx\":\"29\",\"tpsl\":\"sl\"}}}],\"grouping\":\"na\"}");
        assertTrue(firstStatus(trigger).path("error").asText().startsWith("Trigger orders"), trigger.toString());
        assertTrue(firstStatus(exchange(alpha, order(9, true, "1", "1", "Gtc", null))).path("error").asText()
                .contains("not traded"));
    }

    @Test
    void theSignatureIsTheAuthentication() throws Exception {
        ECKeyPair stranger = ECKeyPair.create(Numeric.toBigInt("0x" + "11".repeat(32)));
        JsonNode unknown = exchange(stranger, order(2, true, "29", "1", "Gtc", null), NONCE.incrementAndGet(), true, null);
        assertEquals("err", unknown.path("status").asText());
        assertTrue(unknown.path("response").asText().matches("User or API Wallet 0x[0-9a-f]{40} does not exist\\."), unknown.toString());

        JsonNode mainnet = exchange(key(alpha), order(2, true, "29", "1", "Gtc", null), NONCE.incrementAndGet(), false, null);
        assertTrue(mainnet.path("response").asText().startsWith("User or API Wallet"),
                "a mainnet-signed action recovers to another address: " + mainnet);

        long n = NONCE.incrementAndGet();
        assertEquals("ok", exchange(key(alpha), "{\"type\":\"scheduleCancel\"}", n, true, null).path("status").asText());
        JsonNode replay = exchange(key(alpha), "{\"type\":\"scheduleCancel\"}", n, true, null);
        assertTrue(replay.path("response").asText().startsWith("Invalid nonce"), replay.toString());
        JsonNode stale = exchange(key(alpha), "{\"type\":\"scheduleCancel\"}", System.currentTimeMillis() - 3L * 86_400_000,
                true, null);
        assertTrue(stale.path("response").asText().startsWith("Invalid nonce"), stale.toString());
        JsonNode expired = exchange(key(alpha), "{\"type\":\"scheduleCancel\"}", NONCE.incrementAndGet(), true,
                System.currentTimeMillis() - 1_000);
        assertTrue(expired.path("response").asText().startsWith("Action expired"), expired.toString());

        assertEquals(422, HTTP.send(HttpRequest.newBuilder(URI.create(base + "/exchange"))
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void theWebSocketAnswersPingAcksSubscriptionsAndRefusesUnknownOnes() throws Exception {
        java.util.concurrent.LinkedBlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/ws"),
                new java.net.http.WebSocket.Listener() {
                    final StringBuilder part = new StringBuilder();

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data, boolean last) {
                        part.append(data);
                        if (last) {
                            received.add(part.toString());
                            part.setLength(0);
                        }
                        w.request(1);
                        return null;
                    }
                }).get(20, java.util.concurrent.TimeUnit.SECONDS);
        try {
            assertEquals("Websocket connection established.", received.poll(20, java.util.concurrent.TimeUnit.SECONDS));
            ws.sendText("{\"method\":\"ping\"}", true);
            assertEquals("{\"channel\":\"pong\"}", received.poll(20, java.util.concurrent.TimeUnit.SECONDS));
            ws.sendText("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"BTC\"}}", true);
            JsonNode ack = JSON.readTree(received.poll(20, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("subscriptionResponse", ack.path("channel").asText());
            JsonNode book = JSON.readTree(received.poll(20, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("l2Book", book.path("channel").asText());
            assertEquals("BTC", book.at("/data/coin").asText());
            ws.sendText("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"l2Book\",\"coin\":\"DOGE\"}}", true);
            JsonNode refused = JSON.readTree(received.poll(20, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("error", refused.path("channel").asText());
            ws.sendText("not json", true);
            assertEquals("error", JSON.readTree(received.poll(20, java.util.concurrent.TimeUnit.SECONDS)).path("channel").asText());
        } finally {
            ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").get(20, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    /** A WebSocket client that queues every text message. */
    private static final class WsClient implements AutoCloseable {
        final java.util.concurrent.LinkedBlockingQueue<JsonNode> received = new java.util.concurrent.LinkedBlockingQueue<>();
        final java.net.http.WebSocket ws;

        WsClient() throws Exception {
            ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(base.replace("http", "ws") + "/ws"),
                    new java.net.http.WebSocket.Listener() {
                        final StringBuilder part = new StringBuilder();

                        @Override
                        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data,
                                                                              boolean last) {
                            part.append(data);
                            if (last) {
                                String text = part.toString();
                                part.setLength(0);
                                try {
                                    received.add(text.startsWith("{") ? JSON.readTree(text) : JSON.getNodeFactory().textNode(text));
                                } catch (java.io.IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            }
                            w.request(1);
                            return null;
                        }
                    }).get(20, java.util.concurrent.TimeUnit.SECONDS);
        }

        void send(String text) {
            ws.sendText(text, true).join();
        }

        /** Messages received but not yet taken by {@link #next}. */
        final java.util.List<JsonNode> backlog = new java.util.ArrayList<>();

        /** The first message on {@code channel} that satisfies {@code test}, in arrival order; fails after 20 s. */
        JsonNode next(String channel, java.util.function.Predicate<JsonNode> test) throws InterruptedException {
            java.util.function.Predicate<JsonNode> wanted = m -> channel.equals(m.path("channel").asText()) && test.test(m);
            for (java.util.Iterator<JsonNode> it = backlog.iterator(); it.hasNext(); ) {
                JsonNode m = it.next();
                if (wanted.test(m)) {
                    it.remove();
                    return m;
                }
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                JsonNode m = received.poll(deadline - System.nanoTime(), java.util.concurrent.TimeUnit.NANOSECONDS);
                if (m == null) {
                    break;
                }
                if (wanted.test(m)) {
                    return m;
                }
                backlog.add(m);
            }
            throw new AssertionError("no " + channel + " message as expected; received:\n" + backlog);
        }

        @Override
        public void close() throws Exception {
            ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "done").get(20, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static String signedPost(long id, DemoAccount a, String action) throws Exception {
        String payload = JSON.writeValueAsString(ExchangeRequest.sign(key(a), JSON.readTree(action), NONCE.incrementAndGet(),
                null, null, true));
        return "{\"method\":\"post\",\"id\":" + id + ",\"request\":{\"type\":\"action\",\"payload\":" + payload + "}}";
    }

    @Test
    void theWebSocketServesPostsBboAllMidsOrderUpdatesAndUserEvents() throws Exception {
        String user = alpha.hlAgentAddress();
        try (WsClient c = new WsClient()) {
            c.send("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"bbo\",\"coin\":\"HIDX\"}}");
            c.next("bbo", m -> m.at("/data/coin").asText().equals("HIDX") && m.at("/data/bbo").size() == 2);
            c.send("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"allMids\"}}");
            assertTrue(c.next("allMids", m -> true).at("/data/mids").has("HIDX"));
            c.send("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"orderUpdates\",\"user\":\"" + user + "\"}}");
            c.send("{\"method\":\"subscribe\",\"subscription\":{\"type\":\"userEvents\",\"user\":\"" + user + "\"}}");
            c.next("subscriptionResponse", m -> m.at("/data/subscription/type").asText().equals("userEvents"));

            // an info post answers like /hl/info, wrapped with the request's id
            c.send("{\"method\":\"post\",\"id\":7,\"request\":{\"type\":\"info\",\"payload\":{\"type\":\"l2Book\","
                    + "\"coin\":\"HIDX\"}}}");
            JsonNode book = c.next("post", m -> m.at("/data/id").asLong() == 7);
            assertEquals("info", book.at("/data/response/type").asText(), book.toString());
            assertEquals("l2Book", book.at("/data/response/payload/type").asText(), book.toString());
            assertEquals("HIDX", book.at("/data/response/payload/data/coin").asText(), book.toString());

            // a signed action posted over the socket rests a bid; bbo, orderUpdates follow
            c.send(signedPost(8, alpha, order(3, true, "1.2", "50", "Alo", "0x000000000000000000000000000000c3")));
            JsonNode placed = c.next("post", m -> m.at("/data/id").asLong() == 8);
            assertEquals("action", placed.at("/data/response/type").asText(), placed.toString());
            assertEquals("ok", placed.at("/data/response/payload/status").asText(), placed.toString());
            long oid = placed.at("/data/response/payload/response/data/statuses/0/resting/oid").asLong();
            assertTrue(oid > 0, placed.toString());
            JsonNode open = c.next("orderUpdates", m -> m.at("/data/0/order/oid").asLong() == oid);
            assertEquals("open", open.at("/data/0/status").asText());
            assertEquals("0x000000000000000000000000000000c3", open.at("/data/0/order/cloid").asText());
            JsonNode bbo = c.next("bbo", m -> m.at("/data/bbo/0/px").asText().equals("1.2"));
            assertEquals("50", bbo.at("/data/bbo/0/sz").asText(), bbo.toString());

            // bravo sells it all: alpha sees the fill as a user event and the order as filled
            JsonNode fill = firstStatus(exchange(bravo, order(3, false, "1.2", "50", "Ioc", null)));
            assertEquals("50", fill.at("/filled/totalSz").asText(), fill.toString());
            JsonNode event = c.next("user", m -> m.at("/data/fills/0/oid").asLong() == oid);
            assertEquals("B", event.at("/data/fills/0/side").asText(), event.toString());
            assertEquals("50", event.at("/data/fills/0/sz").asText(), event.toString());
            JsonNode filled = c.next("orderUpdates", m -> m.at("/data/0/order/oid").asLong() == oid
                    && m.at("/data/0/status").asText().equals("filled"));
            assertEquals("50", filled.at("/data/0/order/origSz").asText(), filled.toString());
            JsonNode status = info("{\"type\":\"orderStatus\",\"user\":\"" + user + "\",\"oid\":" + oid + "}");
            assertEquals("filled", status.at("/order/status").asText(), status.toString());
            assertEquals("0x000000000000000000000000000000c3", status.at("/order/order/cloid").asText(), status.toString());

            // a dead-man cancel is not the user's: userEvents reports it as nonUserCancel
            JsonNode again = firstStatus(exchange(alpha, order(3, true, "1.1", "10", "Alo", null)));
            long second = again.at("/resting/oid").asLong();
            c.send(signedPost(9, alpha, "{\"type\":\"scheduleCancel\",\"time\":" + (System.currentTimeMillis() + 5_500) + "}"));
            assertEquals("default", c.next("post", m -> m.at("/data/id").asLong() == 9)
                    .at("/data/response/payload/response/type").asText());
            c.send("{\"method\":\"post\",\"id\":10,\"request\":{\"type\":\"nonsense\"}}");
            c.next("error", m -> m.path("data").asText().startsWith("Invalid post"));
            JsonNode nonUser = c.next("user", m -> m.at("/data/nonUserCancel/0/oid").asLong() == second);
            assertEquals("HIDX", nonUser.at("/data/nonUserCancel/0/coin").asText());
            JsonNode cancelled = c.next("orderUpdates", m -> m.at("/data/0/order/oid").asLong() == second
                    && !m.at("/data/0/status").asText().equals("open"));
            assertEquals("scheduledCancel", cancelled.at("/data/0/status").asText(), cancelled.toString());
            assertEquals("B", cancelled.at("/data/0/order/side").asText(), cancelled.toString());
        }
    }

    @Test
    void aMastersAgentTradesItsSubAccountThroughVaultAddress() throws Exception {
        JsonNode rest = firstStatus(exchangeForVault(alpha, order(1, true, "3300", "0.5", "Alo", null), SUB_ACCOUNT));
        long oid = rest.at("/resting/oid").asLong();
        assertTrue(oid > 0, rest.toString());
        assertTrue(info("{\"type\":\"openOrders\",\"user\":\"" + SUB_ACCOUNT + "\"}").toString().contains("\"oid\":" + oid),
                "the order is the sub-account's");
        assertTrue(!info("{\"type\":\"openOrders\",\"user\":\"" + alpha.hlAgentAddress() + "\"}").toString()
                .contains("\"oid\":" + oid), "not the master's");
        assertEquals("err", exchangeForVault(bravo, order(1, true, "3300", "0.5", "Alo", null), SUB_ACCOUNT)
                .path("status").asText(), "another firm's agent may not trade it");
        JsonNode unknown = exchangeForVault(alpha, order(1, true, "3300", "0.5", "Alo", null),
                "0x00000000000000000000000000000000000dead1");
        assertTrue(unknown.path("response").asText().startsWith("Vault not registered"), unknown.toString());
        JsonNode cancel = exchangeForVault(alpha, "{\"type\":\"cancel\",\"cancels\":[{\"a\":1,\"o\":" + oid + "}]}",
                SUB_ACCOUNT);
        assertEquals("success", firstStatus(cancel).asText(), cancel.toString());
    }
}
