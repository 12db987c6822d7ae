package io.hyperindex.gateway.api.fix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Group;
import quickfix.Message;
import quickfix.field.MDEntryType;
import quickfix.field.MDReqID;
import quickfix.field.MarketDepth;
import quickfix.field.NoMDEntries;
import quickfix.field.NoRelatedSym;
import quickfix.field.SecurityListRequestType;
import quickfix.field.SecurityReqID;
import quickfix.field.SubscriptionRequestType;
import quickfix.field.Symbol;
import quickfix.fix44.MarketDataRequest;
import quickfix.fix44.SecurityListRequest;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.hyperindex.gateway.api.fix.FixFixture.limit;
import static io.hyperindex.gateway.api.fix.FixFixture.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FixMarketDataTest {

    private static MarketDataRequest subscribe(String reqId, String symbol, char... types) {
        MarketDataRequest v = new MarketDataRequest(new MDReqID(reqId),
                new SubscriptionRequestType(SubscriptionRequestType.SNAPSHOT_UPDATES), new MarketDepth(0));
        for (char t : types) {
            MarketDataRequest.NoMDEntryTypes g = new MarketDataRequest.NoMDEntryTypes();
            g.set(new MDEntryType(t));
            v.addGroup(g);
        }
        MarketDataRequest.NoRelatedSym sym = new MarketDataRequest.NoRelatedSym();
        sym.set(new Symbol(symbol));
        v.addGroup(sym);
        return v;
    }

    /** Each entry of a W or X as "action type price size" (action "-" in a snapshot). */
    private static List<String> entries(Message m) throws Exception {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= m.getGroupCount(NoMDEntries.FIELD); i++) {
            Group g = m.getGroup(i, NoMDEntries.FIELD);
            out.add((g.isSetField(279) ? g.getString(279) : "-") + " " + g.getString(269) + " "
                    + new BigDecimal(g.getString(270)).stripTrailingZeros().toPlainString()
                    + (g.isSetField(271) ? " " + new BigDecimal(g.getString(271)).stripTrailingZeros().toPlainString() : ""));
        }
        return out;
    }

    @Test
    void snapshotThenIncrementalLevelsAndTrades(@TempDir Path dir) throws Exception {
        try (FixFixture gw = new FixFixture(dir)) {
            FixTestClient alpha = gw.trader("mm-alpha");
            FixTestClient bravo = gw.trader("mm-bravo");
            alpha.send(limit("a1", '1', "0.5", "94000"));
            alpha.send(limit("a2", '2', "0.3", "95000"));
            alpha.await("8", m -> "a2".equals(s(m, 11)));

            bravo.send(subscribe("md1", "BTC-USDC", '0', '1', '2'));
            Message snapshot = bravo.await("W");
            assertEquals("md1", s(snapshot, 262));
            assertEquals("BTC-USDC", s(snapshot, 55));
            assertEquals(List.of("- 0 94000 0.5", "- 1 95000 0.3"), entries(snapshot));

            alpha.send(limit("a3", '1', "0.2", "94500"));
            Message newLevel = bravo.await("X");
            assertEquals(List.of("0 0 94500 0.2"), entries(newLevel));

            bravo.send(limit("t1", '1', "0.1", "95000"));
            Message trade = bravo.await("X");
            assertEquals(List.of("0 2 95000 0.1", "1 1 95000 0.2"), entries(trade), "the trade, then the level it changed");

            alpha.send(limit("a4", '2', "0.2", "95000"));
            alpha.await("8", m -> "a4".equals(s(m, 11)));
            assertEquals(List.of("1 1 95000 0.4"), entries(bravo.await("X")));
            bravo.send(limit("t2", '1', "0.4", "95000"));
            Message gone = bravo.await("X");
            assertEquals(List.of("0 2 95000 0.2", "0 2 95000 0.2", "2 1 95000"), entries(gone),
                    "one trade per resting order, then the level they emptied");
        }
    }

    @Test
    void badRequestsGetMarketDataRequestRejectAndSecurityListDescribesInstruments(@TempDir Path dir) throws Exception {
        try (FixFixture gw = new FixFixture(dir)) {
            FixTestClient bravo = gw.trader("mm-bravo");
            bravo.send(subscribe("bad1", "DOGE-USDC", '0'));
            Message unknown = bravo.await("Y");
            assertEquals("bad1", s(unknown, 262));
            assertEquals("0", s(unknown, 281), "unknown symbol");

            bravo.send(subscribe("bad2", "BTC-USDC", '7'));
            assertEquals("8", s(bravo.await("Y"), 281), "unsupported MDEntryType");

            bravo.send(subscribe("ok", "BTC-USDC", '0'));
            bravo.await("W");
            bravo.send(subscribe("ok", "BTC-USDC", '0'));
            assertEquals("1", s(bravo.await("Y"), 281), "duplicate MDReqID");

            SecurityListRequest x = new SecurityListRequest(new SecurityReqID("sl1"),
                    new SecurityListRequestType(SecurityListRequestType.ALL_SECURITIES));
            bravo.send(x);
            Message list = bravo.await("y");
            assertEquals("0", s(list, 560));
            assertEquals(4, list.getGroupCount(NoRelatedSym.FIELD));
            Group btc = list.getGroup(1, NoRelatedSym.FIELD);
            assertEquals("BTC-USDC", btc.getString(55));
            assertEquals(0, new BigDecimal(btc.getString(FixTags.TICK_SIZE)).compareTo(new BigDecimal("0.1")));
            assertEquals(0, new BigDecimal(btc.getString(561)).compareTo(new BigDecimal("0.0001")));
            assertEquals(0, new BigDecimal(btc.getString(FixTags.MIN_NOTIONAL)).compareTo(new BigDecimal("10")));
            assertTrue(btc.isSetField(FixTags.MAX_ORDER_QTY));
        }
    }
}
