package io.hyperindex.gateway.api.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.server.GatewayServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.Session;
import quickfix.SessionID;
import quickfix.field.ClOrdID;
import quickfix.field.Symbol;
import quickfix.fix44.OrderStatusRequest;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.hyperindex.gateway.api.fix.FixFixture.limit;
import static io.hyperindex.gateway.api.fix.FixFixture.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 150, unit = TimeUnit.SECONDS)
class FixSessionTest {

    private static boolean is(Message m, int tag, String value) {
        try {
            return m.isSetField(tag) && value.equals(m.getString(tag));
        } catch (quickfix.FieldNotFound e) {
            return false;
        }
    }

    private static long liveOrders(FixFixture gw, int account) throws Exception {
        return gw.server.engine().query(c -> {
            long[] n = {0};
            c.forEachLiveOrder(o -> n[0] += o.account() == account ? 1 : 0);
            return n[0];
        }).get(30, TimeUnit.SECONDS);
    }

    private static void awaitLiveOrders(FixFixture gw, int account, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (liveOrders(gw, account) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("account " + account + " has " + liveOrders(gw, account) + " live orders, not " + expected);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void signedLogonSucceedsAndBadSignatureGetsLogoutWithReason(@TempDir Path dir) throws Exception {
        try (FixFixture gw = new FixFixture(dir)) {
            FixTestClient good = gw.trader("mm-alpha");
            assertTrue(good.session().isLoggedOn());

            FixTestClient bad = gw.client("mm-bravo", "");
            bad.corruptSignature = true;
            bad.start();
            String text = bad.awaitLogout();
            assertTrue(text.contains("signature does not verify"), text);
            assertFalse(bad.session().isLoggedOn());
        }
    }

    @Test
    void unknownCompIdAndForeignKeyGetLogoutWithReason(@TempDir Path dir) throws Exception {
        try (FixFixture gw = new FixFixture(dir)) {
            Ed25519Key alphaKey = gw.keys.get("mm-alpha");
            try (FixTestClient stranger = new FixTestClient(gw.port(), "MM-NOBODY", "HYPERINDEX", alphaKey,
                    alphaKey.keyId(), dir.resolve("stranger"))) {
                stranger.start();
                String text = stranger.awaitLogout();
                assertTrue(text.startsWith("unknown CompID pair"), text);
            }
            // bravo's session signed with alpha's (valid) key: the key is not one of bravo's
            try (FixTestClient wrongKey = new FixTestClient(gw.port(), "MM-BRAVO", "HYPERINDEX", alphaKey,
                    alphaKey.keyId(), dir.resolve("wrong-key"))) {
                wrongKey.start();
                String text = wrongKey.awaitLogout();
                assertTrue(text.contains("is not a key of account mm-bravo"), text);
            }
        }
    }

    @Test
    void aReadOnlyKeyLogsOnAsDropCopyButNotAsATradingSession(@TempDir Path dir) throws Exception {
        try (FixFixture gw = new FixFixture(dir)) {
            gw.keyScopes.put("mm-alpha", java.util.Set.of(io.hyperindex.gateway.auth.Scope.READ));
            gw.restart();
            FixTestClient trading = gw.client("mm-alpha", "");
            trading.start();
            String text = trading.awaitLogout();
            assertTrue(text.contains("lacks the trade scope"), text);
            assertFalse(trading.session().isLoggedOn());
            FixTestClient copy = gw.client("mm-alpha", "-DC", "9003", "D").logOn();
            assertTrue(copy.session().isLoggedOn());
        }
    }

    @Test
    void repeatedFailedLogonsFromOneAddressAreThrottled(@TempDir Path dir) throws Exception {
        try (FixFixture gw = new FixFixture(dir)) {
            FixTestClient bad = gw.client("mm-charlie", "");
            bad.corruptSignature = true;
            bad.start(); // the initiator reconnects every second and fails again
            String last = "";
            for (int i = 0; i < 6; i++) {
                last = bad.awaitLogout();
            }
            assertTrue(last.startsWith("too many failed Logons from this address"), last);
            bad.close();
            // even a correctly signed Logon from the same address now waits out the minute
            FixTestClient good = gw.client("mm-charlie", "");
            good.start();
            assertTrue(good.awaitLogout().startsWith("too many failed Logons"));
        }
    }

    @Test
    void sandboxDemoAccountsLogOnOutOfTheBox(@TempDir Path dir) throws Exception {
        GatewayConfig config = SandboxDefaults.config().withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
        StringWriter console = new StringWriter();
        try (GatewayServer server = new GatewayServer(config, GatewayServer.Mode.SANDBOX, new PrintWriter(console))) {
            server.start();
            assertTrue(console.toString().contains("FIX   127.0.0.1:" + server.fixAddress().getPort()), console.toString());
            JsonNode alpha = new ObjectMapper().readTree(dir.resolve("demo-accounts.json").toFile()).get("accounts").get(0);
            Ed25519Key key = Ed25519Key.fromSeedHex(alpha.get("ed25519SeedHex").asText());
            try (FixTestClient c = new FixTestClient(server.fixAddress().getPort(), alpha.get("fixSenderCompId").asText(),
                    alpha.get("fixTargetCompId").asText(), key, alpha.get("keyId").asText(), dir.resolve("client"))) {
                c.logOn();
                c.send(limit("demo-1", '1', "0.01", "94000"));
                Message ack = c.await("8");
                assertEquals("0", s(ack, 150));
            }
        }
    }

    @Test
    void cancelOnDisconnectFiresOnSocketLossButNotOnLogout(@TempDir Path dir) throws Exception {
        try (FixFixture gw = new FixFixture(dir)) {
            FixTestClient copy = gw.client("mm-alpha", "-DC", "9003", "D").logOn();
            FixTestClient alpha = gw.client("mm-alpha", "", "9001", "Y").logOn();
            alpha.send(limit("c1", '1', "0.1", "94000"));
            alpha.await("8");
            awaitLiveOrders(gw, 0, 1);
            alpha.dropConnection();
            Message cancelled = copy.await("8", m -> is(m, 150, "4") && is(m, 11, "c1"));
            assertTrue(s(cancelled, 58).startsWith("CANCEL_ON_DISCONNECT (108)"), s(cancelled, 58));
            awaitLiveOrders(gw, 0, 0);
            alpha.close();

            // 9001=Y: a Logout is a deliberate goodbye, the orders stay
            FixTestClient bravo = gw.client("mm-bravo", "", "9001", "Y").logOn();
            bravo.send(limit("c2", '1', "0.1", "94000"));
            bravo.await("8");
            bravo.stopWithLogout();
            Thread.sleep(300);
            assertEquals(1, liveOrders(gw, 1));

            // 9001=L: cancels on Logout too, and with 9002=A all of the account's orders
            FixTestClient bravo2 = gw.client("mm-bravo", "-DC", "9001", "L", "9002", "A").logOn();
            bravo2.stopWithLogout();
            awaitLiveOrders(gw, 1, 0);
        }
    }

    @Test
    void sequenceNumbersAndMissedReportsSurviveAGatewayRestart(@TempDir Path dir) throws Exception {
        try (FixFixture gw = new FixFixture(dir)) {
            FixTestClient alpha = gw.trader("mm-alpha");
            alpha.send(limit("r1", '2', "0.5", "95000"));
            String orderId = s(alpha.await("8"), 37);
            int clientNextOut = alpha.session().getStore().getNextSenderMsgSeqNum();
            alpha.stopWithLogout();
            Thread.sleep(200);

            gw.restart();
            SessionID acceptorSide = new SessionID("FIX.4.4", "HYPERINDEX", "MM-ALPHA");
            // while alpha is away, bravo fills its resting order: the report waits in alpha's store
            FixTestClient bravo = gw.trader("mm-bravo");
            bravo.send(limit("t1", '1', "0.2", "95000"));
            bravo.await("8", m -> is(m, 150, "F"));

            FixTestClient back = gw.client("mm-alpha", "");
            back.logOn();
            Session gatewaySide = Session.lookupSession(acceptorSide);
            assertTrue(gatewaySide.getStore().getNextTargetMsgSeqNum() >= clientNextOut,
                    "the gateway kept the partner's sequence numbers across the restart");
            // the fill sent while alpha was away arrives by resend
            Message fill = back.await("8", m -> is(m, 150, "F"));
            assertEquals(orderId, s(fill, 37));
            assertEquals("Y", fill.getHeader().getString(43), "resent: PossDupFlag");
            assertEquals("1", s(fill, 39));
            assertEquals("1", s(fill, 851));

            // the order placed before the restart is still known to the FIX edge
            OrderStatusRequest h = new OrderStatusRequest(new ClOrdID("r1"), new quickfix.field.Side('2'));
            h.set(new Symbol("BTC-USDC"));
            back.send(h);
            Message status = back.await("8", m -> is(m, 150, "I"));
            assertEquals(orderId, s(status, 37));
            assertEquals("1", s(status, 39));
        }
    }
}
