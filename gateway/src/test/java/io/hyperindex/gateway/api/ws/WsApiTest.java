package io.hyperindex.gateway.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.domain.BookSnapshot;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.engine.TestMarkets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /ws/v1} over a real loopback socket with the JDK's WebSocket client: book snapshot and
 * contiguous deltas, trades, ticker, signed auth and its failures, and private channels that
 * only their own account sees.
 */
class WsApiTest {
    private static final Instrument BTC = TestMarkets.instruments().get(0);
    @TempDir
    static Path dir;
    static WsFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new WsFixture(dir, WsApi.Settings.defaults());
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static String subscribe(Object id, String channel, String symbol) {
        return "{\"op\":\"subscribe\",\"id\":" + WsFixture.JSON.valueToTree(id) + ",\"channel\":\"" + channel + "\""
                + (symbol == null ? "" : ",\"symbol\":\"" + symbol + "\"") + "}";
    }

    private static WsFixture.Client authenticated(Ed25519Key key) throws Exception {
        WsFixture.Client c = f.connect();
        c.send(WsFixture.auth(key, System.currentTimeMillis()));
        JsonNode ok = c.next();
        assertEquals("authenticated", ok.path("type").asText(), ok.toString());
        return c;
    }

    private static void subscribed(WsFixture.Client c, String channel, String symbol) throws Exception {
        c.send(subscribe(channel, channel, symbol));
        JsonNode ack = c.next();
        assertEquals("subscribed", ack.path("type").asText(), ack.toString());
        assertEquals(channel, ack.path("channel").asText());
    }

    private static void assertError(JsonNode m, String code) {
        assertEquals("error", m.path("type").asText(), m.toString());
        assertEquals(code, m.path("code").asText(), m.toString());
        assertTrue(m.path("reason").asInt() > 0 && !m.path("message").asText().isEmpty(), m.toString());
    }

    @Test
    void bookSubscriptionGetsASnapshotThenContiguousDeltasThatRebuildTheEngineBook() throws Exception {
        f.place(WsFixture.BRAVO, Side.BUY, 9_390_000, 20); // something on the book before the snapshot
        WsFixture.Client c = f.connect();
        c.send(subscribe(1, "book", "BTC-USDC"));
        JsonNode ack = c.next();
        assertEquals("subscribed", ack.path("type").asText());
        assertEquals(1, ack.path("id").asInt(), "the request id is echoed");
        assertEquals("BTC-USDC", ack.path("symbol").asText());
        TreeMap<String, String> bids = new TreeMap<>();
        TreeMap<String, String> asks = new TreeMap<>();
        JsonNode snap = snapshotInto(c, bids, asks);
        long seq = snap.path("seq").asLong();
        assertTrue(bids.containsKey("93900.00"), snap.toString());

        for (int k = 1; k <= 5; k++) {
            f.place(WsFixture.ALPHA, Side.BUY, 9_400_000 - k * 10L, 10 * k);
        }
        f.place(WsFixture.ALPHA, Side.BUY, 9_399_990, 5); // joins an existing level
        for (int k = 0; k < 6; k++) {
            JsonNode d = c.next();
            assertEquals("delta", d.path("type").asText(), d.toString());
            assertEquals(seq + 1, d.path("seq").asLong(), "deltas are contiguous: " + d);
            seq = d.path("seq").asLong();
            assertTrue(d.path("time").asLong() > 0);
            load(d.path("bids"), bids);
            load(d.path("asks"), asks);
        }
        assertEquals("0.0015", bids.get("93999.90"), "10 + 5 lots at 93999.90");
        assertEquals(f.bookSequence(), seq);
        BookSnapshot engine = f.engine.query(me -> me.l2Snapshot(0, Integer.MAX_VALUE)).join();
        assertEquals(levels(engine.bids()), bids, "snapshot + deltas = the engine's book");
        assertEquals(levels(engine.asks()), asks);

        // subscribing again is how a client recovers from a gap: a fresh snapshot at the current sequence
        c.send(subscribe(2, "book", "BTC-USDC"));
        assertEquals("subscribed", c.next().path("type").asText());
        JsonNode again = c.next();
        assertEquals("snapshot", again.path("type").asText());
        assertEquals(seq, again.path("seq").asLong());
        c.close();
    }

    @Test
    void conflatedBookDeltasCarryEachIntervalsChangesAndRebuildTheEngineBook() throws Exception {
        WsFixture.Client c = f.connect();
        c.send("{\"op\":\"subscribe\",\"id\":7,\"channel\":\"book\",\"symbol\":\"BTC-USDC\",\"interval\":\"100ms\"}");
        JsonNode ack = c.next();
        assertEquals("subscribed", ack.path("type").asText(), ack.toString());
        assertEquals("100ms", ack.path("interval").asText(), ack.toString());
        TreeMap<String, String> bids = new TreeMap<>();
        TreeMap<String, String> asks = new TreeMap<>();
        JsonNode snap = snapshotInto(c, bids, asks);
        long seq = snap.path("seq").asLong();

        int changes = 20;
        for (int k = 1; k <= changes; k++) {
            f.place(WsFixture.BRAVO, Side.BUY, 9_300_000 - k * 10L, k);
        }
        long target = f.bookSequence();
        int deltas = 0;
        while (seq < target) {
            JsonNode d = c.next();
            assertEquals("delta", d.path("type").asText(), d.toString());
            assertEquals("100ms", d.path("interval").asText(), d.toString());
            // contiguous: each delta starts at or before where the client's book is (a conflated
            // delta may begin before the snapshot it follows: its levels are absolute, so applying
            // it again is harmless)
            assertTrue(d.path("prevSeq").asLong() <= seq && d.path("seq").asLong() > seq, "gap: at " + seq + ", got " + d);
            seq = d.path("seq").asLong();
            load(d.path("bids"), bids);
            load(d.path("asks"), asks);
            deltas++;
        }
        assertEquals(target, seq);
        assertTrue(deltas < changes, deltas + " deltas for " + changes + " book changes: not conflated");
        BookSnapshot engine = f.engine.query(me -> me.l2Snapshot(0, Integer.MAX_VALUE)).join();
        assertEquals(levels(engine.bids()), bids, "snapshot + conflated deltas = the engine's book");
        assertEquals(levels(engine.asks()), asks);

        c.send("{\"op\":\"subscribe\",\"id\":8,\"channel\":\"book\",\"symbol\":\"BTC-USDC\",\"interval\":\"5ms\"}");
        assertError(c.next(), "INVALID_REQUEST");
        c.send("{\"op\":\"subscribe\",\"id\":9,\"channel\":\"trades\",\"symbol\":\"BTC-USDC\",\"interval\":\"100ms\"}");
        assertError(c.next(), "INVALID_REQUEST");
        c.close();
    }

    @Test
    void aConflatedStreamResubscribedToCarriesNoChangeGatheredBeforeItsSnapshot() throws Exception {
        String sub = "{\"op\":\"subscribe\",\"channel\":\"book\",\"symbol\":\"BTC-USDC\",\"interval\":\"1000ms\"}";
        WsFixture.Client c = f.connect();
        c.send(sub);
        assertEquals("subscribed", c.next().path("type").asText());
        assertEquals("snapshot", c.next().path("type").asText());
        f.place(WsFixture.BRAVO, Side.BUY, 9_200_000, 2); // gathered for the subscription
        c.send(sub.replace("subscribe", "unsubscribe"));
        while (!c.next().path("type").asText().equals("unsubscribed")) {
            continue; // the fan-out has dropped the subscription once it answers
        }
        f.place(WsFixture.BRAVO, Side.BUY, 9_200_000, 3); // nobody subscribed: not gathered
        c.send(sub);
        JsonNode snap;
        do { // a delta of the first subscription may still arrive before the new snapshot
            snap = c.next();
        } while (!snap.path("type").asText().equals("snapshot"));
        TreeMap<String, String> bids = new TreeMap<>();
        TreeMap<String, String> asks = new TreeMap<>();
        load(snap.path("bids"), bids);
        load(snap.path("asks"), asks);
        long seq = snap.path("seq").asLong();
        f.place(WsFixture.BRAVO, Side.BUY, 9_199_990, 2);
        long target = f.bookSequence();
        while (seq < target) {
            JsonNode d = c.next();
            if (!d.path("type").asText().equals("delta") || d.path("seq").asLong() <= seq) {
                continue;
            }
            assertTrue(d.path("prevSeq").asLong() <= seq, "gap: at " + seq + ", got " + d);
            seq = d.path("seq").asLong();
            load(d.path("bids"), bids);
            load(d.path("asks"), asks);
        }
        BookSnapshot engine = f.engine.query(me -> me.l2Snapshot(0, Integer.MAX_VALUE)).join();
        assertEquals(levels(engine.bids()), bids, "no stale level total reached the resubscribed stream");
        assertEquals(levels(engine.asks()), asks);
        c.close();
    }

    /** Reads the next message, which must be a book snapshot, into {@code bids} and {@code asks}. */
    private static JsonNode snapshotInto(WsFixture.Client c, Map<String, String> bids, Map<String, String> asks)
            throws InterruptedException {
        JsonNode snap = c.next();
        assertEquals("snapshot", snap.path("type").asText(), snap.toString());
        load(snap.path("bids"), bids);
        load(snap.path("asks"), asks);
        return snap;
    }

    /** Applies [price, quantity] pairs: quantity 0 removes the level. */
    private static void load(JsonNode levels, Map<String, String> side) {
        for (JsonNode l : levels) {
            if (l.get(1).asText().matches("0(\\.0+)?")) {
                side.remove(l.get(0).asText());
            } else {
                side.put(l.get(0).asText(), l.get(1).asText());
            }
        }
    }

    private static TreeMap<String, String> levels(List<BookSnapshot.Level> levels) {
        TreeMap<String, String> out = new TreeMap<>();
        for (BookSnapshot.Level l : levels) {
            out.put(BTC.price(l.price()).toPlainString(), BTC.qty(l.quantity()).toPlainString());
        }
        return out;
    }

    @Test
    void tradesAndTickerFollowATrade() throws Exception {
        WsFixture.Client c = f.connect();
        subscribed(c, "trades", "BTC-USDC");
        subscribed(c, "ticker", "BTC-USDC");
        JsonNode first = c.next();
        assertEquals("ticker", first.path("type").asText(), "the ticker's current state comes at once: " + first);
        f.place(WsFixture.ALPHA, Side.SELL, 9_600_000, 10);
        JsonNode ask = c.await(n -> n.path("type").asText().equals("ticker") && n.path("bestAsk").asText().equals("96000.00"));
        assertEquals("0.0010", ask.path("bestAskQuantity").asText());
        f.place(WsFixture.BRAVO, Side.BUY, 9_600_000, 10);
        JsonNode trade = c.awaitType("trade");
        assertEquals("BTC-USDC", trade.path("symbol").asText());
        assertEquals("96000.00", trade.path("price").asText());
        assertEquals("0.0010", trade.path("quantity").asText());
        assertEquals("BUY", trade.path("takerSide").asText());
        assertTrue(trade.path("tradeId").asLong() > 0);
        JsonNode ticker = c.await(n -> n.path("type").asText().equals("ticker") && n.path("last").asText().equals("96000.00"));
        assertTrue(Double.parseDouble(ticker.path("volume24h").asText()) >= 0.001, ticker.toString());
        assertTrue(Double.parseDouble(ticker.path("notional24h").asText()) >= 96.0, ticker.toString());
        assertFalse(ticker.path("bestAsk").asText().equals("96000.00"), "the ask was taken: " + ticker);
        c.close();
    }

    @Test
    void authAcceptsAFreshSignatureAndRefusesBadOnesWithTheirReasonCodes() throws Exception {
        WsFixture.Client c = f.connect();
        c.send(subscribe("o", "orders", null));
        assertError(c.next(), "UNAUTHENTICATED");

        long now = System.currentTimeMillis();
        String sigOfOtherTime = f.alpha.signHex(io.hyperindex.gateway.auth.CanonicalRequest.webSocketAuth(now - 1, WsApi.PATH,
                f.alpha.keyId()));
        c.send("{\"op\":\"auth\",\"id\":\"a\",\"keyId\":\"" + f.alpha.keyId() + "\",\"timestamp\":" + now
                + ",\"signature\":\"" + sigOfOtherTime + "\"}");
        JsonNode bad = c.next();
        assertError(bad, "INVALID_SIGNATURE");
        assertEquals(44, bad.path("reason").asInt());
        assertEquals("a", bad.path("id").asText());

        c.send(WsFixture.auth(f.alpha, now - 60_000));
        assertError(c.next(), "TIMESTAMP_OUTSIDE_WINDOW");
        c.send(WsFixture.auth(Ed25519Key.generate(new SecureRandom()), now));
        assertError(c.next(), "UNKNOWN_KEY");
        c.send("{\"op\":\"auth\",\"keyId\":\"" + f.alpha.keyId() + "\"}");
        assertError(c.next(), "UNAUTHENTICATED");

        String good = WsFixture.auth(f.alpha, now);
        c.send(good);
        JsonNode ok = c.next();
        assertEquals("authenticated", ok.path("type").asText(), ok.toString());
        assertEquals("mm-alpha", ok.path("account").asText());
        WsFixture.Client replayer = f.connect();
        replayer.send(good);
        assertError(replayer.next(), "REPLAYED_REQUEST");
        replayer.send(subscribe("f", "fills", null));
        assertError(replayer.next(), "UNAUTHENTICATED");

        c.send(WsFixture.auth(f.alpha, System.currentTimeMillis() + 1));
        assertError(c.next(), "INVALID_REQUEST");
        subscribed(c, "orders", null);
        c.close();
        replayer.close();
    }

    @Test
    void privateOrdersAndFillsReachOnlyTheirOwnAccount() throws Exception {
        WsFixture.Client a = authenticated(f.alpha);
        subscribed(a, "orders", null);
        subscribed(a, "fills", null);
        WsFixture.Client b = authenticated(f.bravo);
        subscribed(b, "orders", null);
        subscribed(b, "fills", null);

        f.place(WsFixture.ALPHA, Side.SELL, 9_550_000, 10, "alpha-secret-1");
        JsonNode accepted = a.await(n -> n.path("event").asText().equals("accepted"));
        assertEquals("alpha-secret-1", accepted.path("clientOrderId").asText());
        assertEquals("SELL", accepted.path("side").asText());
        assertEquals("95500.00", accepted.path("price").asText());
        long alphaOrder = accepted.path("orderId").asLong();

        f.place(WsFixture.BRAVO, Side.BUY, 9_550_000, 10, "bravo-1");
        // the orders channel's view of the trade comes first, then the fill
        JsonNode filled = a.await(n -> n.path("channel").asText().equals("orders") && n.path("orderId").asLong() == alphaOrder
                && n.path("event").asText().equals("filled"));
        assertEquals("95500.00", filled.path("price").asText());
        JsonNode makerFill = a.awaitType("fill");
        assertEquals(alphaOrder, makerFill.path("orderId").asLong());
        assertEquals("maker", makerFill.path("role").asText());
        assertEquals("SELL", makerFill.path("side").asText());
        assertEquals("0.0010", makerFill.path("quantity").asText());
        assertEquals("0", makerFill.path("remaining").asText().replaceAll("\\.0+$", ""));

        List<JsonNode> seenByBravo = new ArrayList<>();
        JsonNode takerFill = b.await(n -> {
            seenByBravo.add(n);
            return n.path("type").asText().equals("fill");
        });
        assertEquals("taker", takerFill.path("role").asText());
        assertEquals("BUY", takerFill.path("side").asText());
        for (JsonNode n = b.poll(300); n != null; n = b.poll(300)) {
            seenByBravo.add(n);
        }
        assertTrue(seenByBravo.stream().anyMatch(n -> n.path("clientOrderId").asText().equals("bravo-1")), seenByBravo.toString());
        for (JsonNode n : seenByBravo) {
            assertFalse(n.path("orderId").asLong() == alphaOrder, "bravo never sees alpha's order: " + n);
            assertFalse(n.toString().contains("alpha-secret-1"), n.toString());
        }
        // and a rejected order of alpha's is news for alpha alone
        f.engine.submit(new Command.PlaceOrder(WsFixture.ALPHA, 0, "alpha-bad", Side.BUY,
                io.hyperindex.gateway.domain.OrderType.LIMIT, io.hyperindex.gateway.domain.TimeInForce.GTC, 9_500_001, 10, 0,
                null)).join();
        JsonNode rejected = a.await(n -> n.path("event").asText().equals("rejected"));
        assertEquals("PRICE_OFF_TICK", rejected.path("code").asText());
        assertNull(b.poll(300), "nothing of alpha's reaches bravo");
        a.close();
        b.close();
    }

    @Test
    void positionsAndAlertsOfTheAccount() throws Exception {
        WsFixture.Client a = authenticated(f.alpha);
        subscribed(a, "positions", null);
        JsonNode snapshot = a.next();
        assertEquals("positionsSnapshot", snapshot.path("type").asText(), snapshot.toString());
        subscribed(a, "alerts", null);
        WsFixture.Client b = authenticated(f.bravo);
        subscribed(b, "alerts", null);

        f.place(WsFixture.BRAVO, Side.SELL, 9_450_000, 30);
        f.place(WsFixture.ALPHA, Side.BUY, 9_450_000, 30);
        JsonNode position = a.awaitType("position");
        JsonNode btc = position.path("positions").get(0);
        assertEquals("BTC-USDC", btc.path("symbol").asText());
        assertTrue(btc.has("quantity") && btc.has("averageEntry") && btc.has("realizedPnl"), btc.toString());

        f.engine.submit(new Command.KillSwitch(Command.KillScope.ACCOUNT, WsFixture.ALPHA, true, false, "test")).join();
        JsonNode alert = a.await(n -> n.path("kind").asText().equals("killSwitch"));
        assertEquals("ACCOUNT", alert.path("scope").asText());
        assertTrue(alert.path("on").asBoolean());
        f.engine.submit(new Command.KillSwitch(Command.KillScope.ACCOUNT, WsFixture.ALPHA, false, false, "test")).join();
        a.await(n -> n.path("kind").asText().equals("killSwitch") && !n.path("on").asBoolean());
        assertNull(b.poll(300), "another account's kill switch is not bravo's alert");
        a.close();
        b.close();
    }

    @Test
    void badMessagesGetSpecificErrors() throws Exception {
        WsFixture.Client c = f.connect();
        c.send("not json");
        assertError(c.next(), "INVALID_REQUEST");
        c.send("{\"op\":\"dance\",\"id\":9}");
        JsonNode unknownOp = c.next();
        assertError(unknownOp, "INVALID_REQUEST");
        assertEquals(9, unknownOp.path("id").asInt());
        c.send(subscribe(3, "book", "NOPE-USDC"));
        assertError(c.next(), "UNKNOWN_INSTRUMENT");
        c.send(subscribe(4, "candles", "BTC-USDC"));
        assertError(c.next(), "INVALID_REQUEST");
        c.send("{\"op\":\"unsubscribe\",\"channel\":\"trades\",\"symbol\":\"BTC-USDC\"}");
        assertError(c.next(), "NOT_SUBSCRIBED");
        c.send("{\"op\":\"ping\",\"id\":\"p1\"}");
        JsonNode pong = c.next();
        assertEquals("pong", pong.path("type").asText());
        assertEquals("p1", pong.path("id").asText());
        c.close();
    }

    @Test
    void revokingAKeyClosesTheConnectionsItAuthenticatedAndNoOther() throws Exception {
        Ed25519Key spare = Ed25519Key.fromSeedHex("6b".repeat(32));
        f.keys.register(io.hyperindex.gateway.auth.AccountKey.of("mm-alpha", spare.publicKeyHex(),
                java.util.EnumSet.of(io.hyperindex.gateway.auth.Scope.READ)));
        WsFixture.Client bySpare = authenticated(spare);
        subscribed(bySpare, "orders", null);
        WsFixture.Client byAlpha = authenticated(f.alpha);
        try {
            assertTrue(f.keys.revoke("mm-alpha", spare.keyId()));
            assertEquals(4003, bySpare.awaitClose(), "the revoked key's connection is closed");
            byAlpha.send("{\"op\":\"ping\",\"id\":1}");
            assertEquals("pong", byAlpha.awaitType("pong").path("type").asText(), "the account's other key still works");
            WsFixture.Client again = f.connect();
            again.send(WsFixture.auth(spare, System.currentTimeMillis()));
            assertEquals("KEY_REVOKED", again.awaitType("error").path("code").asText());
            again.close();
        } finally {
            byAlpha.close();
        }
    }
}
