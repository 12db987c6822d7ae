package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.auth.Ed25519Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.hyperindex.gateway.api.fix.FixFixture.limit;
import static io.hyperindex.gateway.api.fix.FixFixture.s;
import static io.hyperindex.gateway.api.fix.RawFixConnection.SOH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 150, unit = TimeUnit.SECONDS)
class FixFuzzTest {
    private static final String GW = "HYPERINDEX";
    private static final String CHARLIE = "MM-CHARLIE";

    private static String order(String clOrdId) {
        return "11=" + clOrdId + SOH + "38=0.01" + SOH + "40=2" + SOH + "44=94000" + SOH + "54=1" + SOH
                + "55=BTC-USDC" + SOH + "59=1" + SOH + "60=" + RawFixConnection.now() + SOH;
    }

    @Test
    void malformedMessagesGetSessionRejectsAndTheSessionStaysUp(@TempDir Path dir) throws Exception {
        try (FixFixture gw = new FixFixture(dir);
             RawFixConnection raw = new RawFixConnection("127.0.0.3", gw.port())) {
            Ed25519Key key = gw.keys.get("mm-charlie");
            raw.send(RawFixConnection.logon(CHARLIE, GW, key));
            assertTrue(raw.awaitReceived("35=A|", 30_000), raw.received());

            // required Side(54) missing: Reject(3), RefSeqNum 2, SessionRejectReason 1
            String noSide = order("m1").replace("54=1" + SOH, "");
            raw.send(RawFixConnection.message("D", 2, CHARLIE, GW, RawFixConnection.now(), noSide));
            assertTrue(raw.awaitReceived("35=3|", 30_000), raw.received());
            assertTrue(raw.received().contains("45=2|"), raw.received());
            assertTrue(raw.received().contains("373=1|"), raw.received());

            // a bad checksum and a wrong body length are garbled: ignored, the sequence number is not used
            String good = RawFixConnection.message("D", 3, CHARLIE, GW, RawFixConnection.now(), order("m2"));
            raw.send(good.substring(0, good.length() - 4) + "999" + SOH);
            raw.send(good.replaceFirst("9=\\d+", "9=7"));

            // a price that is not a number: Reject(3) with SessionRejectReason 6 (incorrect data format)
            raw.send(RawFixConnection.message("D", 3, CHARLIE, GW, RawFixConnection.now(),
                    order("m3").replace("44=94000", "44=12abc")));
            assertTrue(raw.awaitReceived("45=3|", 30_000), raw.received());

            // still up: a TestRequest is answered and an order is acknowledged
            raw.send(RawFixConnection.message("1", 4, CHARLIE, GW, RawFixConnection.now(), "112=still-there" + SOH));
            assertTrue(raw.awaitReceived("35=0|", 30_000) && raw.awaitReceived("112=still-there|", 30_000), raw.received());
            raw.send(RawFixConnection.message("D", 5, CHARLIE, GW, RawFixConnection.now(), order("m5")));
            assertTrue(raw.awaitReceived("11=m5|", 30_000), raw.received());
            assertTrue(raw.received().contains("150=0|"), raw.received());
        }
    }

    @Test
    void tenThousandMutatedMessagesLeaveAWellBehavedSessionTrading(@TempDir Path dir) throws Exception {
        try (FixFixture gw = new FixFixture(dir)) {
            FixTestClient alpha = gw.trader("mm-alpha");
            Ed25519Key charlie = gw.keys.get("mm-charlie");
            SplittableRandom rnd = new SplittableRandom(20261201);
            int sent = 0;
            // unauthenticated garbage and broken Logons from one address (which the throttle soon refuses)
            sent += fuzz(gw.port(), "127.0.0.2", rnd, 3_000, null, charlie);
            // a logged-on session sending broken application messages, from another address
            sent += fuzz(gw.port(), "127.0.0.3", rnd, 7_500, RawFixConnection.logon(CHARLIE, GW, charlie), charlie);
            assertTrue(sent >= 10_000, "sent " + sent);
            long commands = gw.server.engine().lastSequence();
            System.out.println("fuzz: " + sent + " messages, " + commands + " engine commands resulted");
            assertTrue(commands > 100, "damaged messages that were still valid reached the engine: " + commands);

            assertTrue(alpha.session().isLoggedOn(), "the well-behaved session was never disturbed");
            FixTestClient bravo = gw.trader("mm-bravo");
            alpha.send(limit("after-fuzz", '2', "0.1", "95000"));
            alpha.await("8", m -> "0".equals(s(m, 150)));
            bravo.send(limit("taker", '1', "0.1", "95000"));
            Message fill = alpha.await("8", m -> "F".equals(s(m, 150)));
            assertEquals("2", s(fill, 39));
            assertTrue(gw.server.engine().isReady());
        }
    }

    /**
     * Sends {@code count} mutated messages from {@code local}, reconnecting (and sending
     * {@code logon} first, if given) whenever the gateway closes the connection.
     */
    private static int fuzz(int port, String local, SplittableRandom rnd, int count, String logon, Ed25519Key key)
            throws Exception {
        int sent = 0;
        int seq = 2;
        int connections = 0;
        RawFixConnection c = null;
        try {
            while (sent < count) {
                if (c == null || c.isClosedByPeer()) {
                    if (c != null) {
                        c.close();
                    }
                    c = new RawFixConnection(local, port);
                    connections++;
                    seq = 2;
                    if (logon != null) {
                        c.send(RawFixConnection.logon(CHARLIE, GW, key));
                        if (!c.awaitReceived("35=A|", 10_000)) {
                            c.close();
                            c = null;
                            Thread.sleep(20); // the previous connection of this session is still closing
                            continue;
                        }
                    }
                }
                String m = logon == null && rnd.nextInt(3) == 0
                        ? mutate(RawFixConnection.logon(rnd.nextInt(4) == 0 ? "MM-X" + rnd.nextInt(100) : CHARLIE, GW, key), rnd)
                        : mutate(base(rnd, seq), rnd);
                try {
                    c.send(m);
                    sent++;
                    seq++;
                    if (logon != null) {
                        // SequenceReset-Reset ignores its own MsgSeqNum: it puts the gateway's expected sequence
                        // back in step after a damaged message, so the next one reaches validation too
                        c.send(RawFixConnection.message("4", seq, CHARLIE, GW, RawFixConnection.now(),
                                "123=N" + SOH + "36=" + (seq + 1) + SOH));
                        seq++;
                        if (sent % 25 == 0) {
                            boolean inStep = sync(c, seq, sent);
                            seq += 2 * SYNC_ATTEMPTS;
                            if (!inStep) {
                                c.close();
                                c = null;
                            }
                        }
                    }
                } catch (IOException e) {
                    c.close();
                    c = null;
                }
            }
        } finally {
            if (c != null) {
                c.close();
            }
        }
        System.out.printf("fuzz from %s: %d messages over %d connections%n", local, sent, connections);
        return sent;
    }

    private static final int SYNC_ATTEMPTS = 4;

    /**
     * Waits until the gateway has worked through what was sent (closing the socket would drop its
     * queue): a SequenceReset-Reset and a TestRequest, repeated in case damaged bytes swallowed
     * them, until the Heartbeat answers. Uses sequence numbers seq .. seq + 2 * SYNC_ATTEMPTS - 1.
     */
    private static boolean sync(RawFixConnection c, int seq, int sent) throws Exception {
        for (int i = 0; i < SYNC_ATTEMPTS; i++) {
            String id = "sync" + sent + "-" + i;
            c.send(RawFixConnection.message("4", seq, CHARLIE, GW, RawFixConnection.now(),
                    "123=N" + SOH + "36=" + (seq + 1) + SOH));
            c.send(RawFixConnection.message("1", seq + 1, CHARLIE, GW, RawFixConnection.now(), "112=" + id + SOH));
            seq += 2;
            if (c.awaitReceived("112=" + id + "|", 500)) {
                c.send(RawFixConnection.message("4", seq, CHARLIE, GW, RawFixConnection.now(),
                        "123=N" + SOH + "36=" + (seq + 2 * (SYNC_ATTEMPTS - i - 1)) + SOH));
                return true;
            }
            if (c.isClosedByPeer()) {
                return false;
            }
        }
        return false;
    }

    private static final List<String> TYPES = List.of("D", "D", "D", "F", "G", "H", "q", "V", "x", "1", "2", "4", "0", "R");

    private static String base(SplittableRandom rnd, int seq) {
        String type = TYPES.get(rnd.nextInt(TYPES.size()));
        String t = RawFixConnection.now();
        String body = switch (type) {
            case "D" -> order("f" + seq);
            case "F" -> "41=f" + (seq - 1) + SOH + "11=c" + seq + SOH + "54=1" + SOH + "55=BTC-USDC" + SOH + "60=" + t + SOH;
            case "G" -> "41=f" + (seq - 1) + SOH + "11=g" + seq + SOH + "38=0.02" + SOH + "40=2" + SOH + "44=94100" + SOH
                    + "54=1" + SOH + "55=BTC-USDC" + SOH + "60=" + t + SOH;
            case "H" -> "11=f1" + SOH + "54=1" + SOH + "55=BTC-USDC" + SOH;
            case "q" -> "11=q" + seq + SOH + "530=7" + SOH + "60=" + t + SOH;
            case "V" -> "262=md" + seq + SOH + "263=1" + SOH + "264=0" + SOH + "267=2" + SOH + "269=0" + SOH + "269=1" + SOH
                    + "146=1" + SOH + "55=BTC-USDC" + SOH;
            case "x" -> "320=s" + seq + SOH + "559=4" + SOH;
            case "1" -> "112=t" + seq + SOH;
            case "2" -> "7=1" + SOH + "16=0" + SOH;
            case "4" -> "123=Y" + SOH + "36=" + (seq + 1) + SOH;
            case "R" -> "131=r" + seq + SOH + "146=1" + SOH + "55=BTC-USDC" + SOH;
            default -> "";
        };
        return RawFixConnection.message(type, seq, CHARLIE, GW, t, body);
    }

    private static final String GARBAGE = "=|\u0001\u0000\u00ff9-.Ee+ 0123456789abcXYZ";

    /** One to three random damages; half the time the frame is repaired so the damage reaches validation. */
    static String mutate(String m, SplittableRandom rnd) {
        StringBuilder b = new StringBuilder(m);
        int damages = 1 + rnd.nextInt(3);
        for (int i = 0; i < damages && b.length() > 2; i++) {
            int at = rnd.nextInt(b.length());
            switch (rnd.nextInt(8)) {
                case 0 -> b.setCharAt(at, GARBAGE.charAt(rnd.nextInt(GARBAGE.length())));
                case 1 -> b.delete(at, Math.min(b.length(), at + 1 + rnd.nextInt(12)));
                case 2 -> b.insert(at, GARBAGE.charAt(rnd.nextInt(GARBAGE.length())));
                case 3 -> b.insert(at, SOH + "" + (1 + rnd.nextInt(10_000)) + "=" + rnd.nextLong() + SOH);
                case 4 -> b.setLength(at);
                case 5 -> {
                    int eq = b.indexOf("=", at);
                    int end = eq < 0 ? -1 : b.indexOf(String.valueOf(SOH), eq);
                    if (end > eq) {
                        String[] values = {"", "-1", "0", "1e309", "99999999999999999999999", "NaN", "\u00e9\u00e8", " "};
                        b.replace(eq + 1, end, values[rnd.nextInt(values.length)]);
                    }
                }
                case 6 -> {
                    int j = rnd.nextInt(b.length());
                    b.insert(j, b.substring(Math.min(at, j), Math.max(at, j)));
                }
                default -> {
                    for (int k = 0; k < 1 + rnd.nextInt(40); k++) {
                        b.insert(at, (char) rnd.nextInt(256));
                    }
                }
            }
        }
        String s = b.toString();
        if (rnd.nextBoolean()) {
            int body = s.indexOf(SOH + "35=");
            int sum = s.lastIndexOf(SOH + "10=");
            if (body > 0 && sum > body) {
                s = RawFixConnection.frame(s.substring(body + 1, sum + 1));
            }
        }
        return s;
    }
}
