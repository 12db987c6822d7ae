package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import quickfix.Message;
import quickfix.field.ClOrdID;
import quickfix.field.ExecInst;
import quickfix.field.MassCancelRequestType;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.OrigClOrdID;
import quickfix.field.Price;
import quickfix.field.Symbol;
import quickfix.field.TransactTime;
import quickfix.fix44.NewOrderSingle;
import quickfix.fix44.OrderCancelReplaceRequest;
import quickfix.fix44.OrderCancelRequest;
import quickfix.fix44.OrderMassCancelRequest;
import quickfix.fix44.OrderStatusRequest;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import static io.hyperindex.gateway.api.fix.FixFixture.d;
import static io.hyperindex.gateway.api.fix.FixFixture.limit;
import static io.hyperindex.gateway.api.fix.FixFixture.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FixOrderEntryTest {
    private static final String ER = "8";
    private FixFixture gw;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        gw = new FixFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        if (Boolean.getBoolean("fix.debug")) {
            try (var files = java.nio.file.Files.walk(gw.dir.resolve("data/fix/log"))) {
                for (Path p : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                    System.err.println("== " + p + "\n" + java.nio.file.Files.readString(p));
                }
            }
        }
        gw.close();
    }

    private static boolean is(Message m, int tag, String value) {
        try {
            return m.isSetField(tag) && value.equals(m.getString(tag));
        } catch (quickfix.FieldNotFound e) {
            return false;
        }
    }

    private static Message execType(FixTestClient c, char execType, String clOrdId) throws Exception {
        return c.await(ER, m -> is(m, 150, String.valueOf(execType)) && is(m, 11, clOrdId));
    }

    private static OrderCancelRequest cancel(String clOrdId, String orig, char side) {
        OrderCancelRequest m = new OrderCancelRequest(new OrigClOrdID(orig), new ClOrdID(clOrdId),
                new quickfix.field.Side(side), new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
        m.set(new Symbol("BTC-USDC"));
        return m;
    }

    @Test
    void fullOrderLifecycleNewStatusReplaceCancel() throws Exception {
        FixTestClient alpha = gw.trader("mm-alpha");
        alpha.send(limit("a1", '1', "0.5", "94000"));
        Message created = execType(alpha, '0', "a1");
        assertEquals("0", s(created, 39));
        assertEquals(0, d(created, 151).compareTo(new BigDecimal("0.5")));
        assertEquals(0, d(created, 14).signum());
        String orderId = s(created, 37);

        OrderStatusRequest h = new OrderStatusRequest(new ClOrdID("a1"), new quickfix.field.Side('1'));
        h.set(new Symbol("BTC-USDC"));
        alpha.send(h);
        Message status = execType(alpha, 'I', "a1");
        assertEquals(orderId, s(status, 37));
        assertEquals("0", s(status, 39));

        OrderCancelReplaceRequest g = new OrderCancelReplaceRequest(new OrigClOrdID("a1"), new ClOrdID("a2"),
                new quickfix.field.Side('1'), new TransactTime(LocalDateTime.now(ZoneOffset.UTC)), new OrdType(OrdType.LIMIT));
        g.set(new Symbol("BTC-USDC"));
        g.setDecimal(OrderQty.FIELD, new BigDecimal("0.4"));
        g.setDecimal(Price.FIELD, new BigDecimal("94100"));
        alpha.send(g);
        Message replaced = execType(alpha, '5', "a2");
        assertEquals("a1", s(replaced, 41));
        assertEquals(orderId, s(replaced, 37));
        assertEquals(0, d(replaced, 44).compareTo(new BigDecimal("94100")));
        assertEquals(0, d(replaced, 38).compareTo(new BigDecimal("0.4")));

        alpha.send(cancel("a3", "a2", '1'));
        Message cancelled = execType(alpha, '4', "a3");
        assertEquals("4", s(cancelled, 39));
        assertEquals("a2", s(cancelled, 41));
        assertEquals(0, d(cancelled, 151).signum());
        assertTrue(s(cancelled, 58).startsWith("USER_CANCELLED (100)"), s(cancelled, 58));

        alpha.send(cancel("a4", "a3", '1'));
        Message refused = alpha.await("9");
        assertEquals("a4", s(refused, 11));
        assertEquals("1", s(refused, 434));
        assertEquals("1", s(refused, 102), "CxlRejReason unknown order");
        assertTrue(s(refused, 58).startsWith("UNKNOWN_ORDER (11)"), s(refused, 58));
    }

    @Test
    void partialFillsBetweenTwoPartnersCarryLiquidityAndFees() throws Exception {
        var accounts = gw.server.config().accounts().stream().map(a -> a.id()).toList();
        assertNotEquals(ExecutionReporter.laneOf(accounts.indexOf("mm-alpha"), FixAcceptor.REPORT_LANES),
                ExecutionReporter.laneOf(accounts.indexOf("mm-bravo"), FixAcceptor.REPORT_LANES),
                "the two accounts' reports are built on two report lanes, so the fill crosses lanes");
        FixTestClient alpha = gw.trader("mm-alpha");
        FixTestClient bravo = gw.trader("mm-bravo");
        alpha.send(limit("m1", '2', "1.0", "95000"));
        execType(alpha, '0', "m1");

        bravo.send(limit("t1", '1', "0.3", "95000"));
        execType(bravo, '0', "t1");
        Message takerFill = execType(bravo, 'F', "t1");
        assertEquals("2", s(takerFill, 39));
        assertEquals("2", s(takerFill, 851), "taker removed liquidity");
        assertEquals(0, d(takerFill, 31).compareTo(new BigDecimal("95000")));
        assertEquals(0, d(takerFill, 32).compareTo(new BigDecimal("0.3")));
        assertEquals(0, d(takerFill, FixTags.FILL_FEE).compareTo(new BigDecimal("8.55")), "3 bp of 28,500 USDC");
        assertEquals(0, d(takerFill, FixTags.FILL_FEE_RATE).compareTo(new BigDecimal("3")));

        Message makerFill = execType(alpha, 'F', "m1");
        assertEquals("1", s(makerFill, 39), "partially filled");
        assertEquals("1", s(makerFill, 851), "maker added liquidity");
        assertEquals(0, d(makerFill, 14).compareTo(new BigDecimal("0.3")));
        assertEquals(0, d(makerFill, 151).compareTo(new BigDecimal("0.7")));
        assertEquals(0, d(makerFill, FixTags.FILL_FEE).compareTo(new BigDecimal("-2.85")), "1 bp rebate");
        assertEquals("base", s(makerFill, FixTags.FEE_TIER));

        bravo.send(limit("t2", '1', "0.7", "95000"));
        Message last = execType(alpha, 'F', "m1");
        assertEquals("2", s(last, 39), "filled");
        assertEquals(0, d(last, 14).compareTo(new BigDecimal("1.0")));
        assertEquals(0, d(last, 151).signum());
        assertEquals(0, d(last, 6).compareTo(new BigDecimal("95000")), "AvgPx");
    }

    @Test
    void anotherSessionOfTheAccountCanCancelAnOrderAndBothHearOfIt() throws Exception {
        FixTestClient alpha = gw.trader("mm-alpha");
        FixTestClient alpha2 = gw.client("mm-alpha", "-L1").logOn();
        alpha.send(limit("x1", '1', "0.1", "94000"));
        execType(alpha, '0', "x1");
        alpha2.send(cancel("x2", "x1", '1'));
        Message toCanceller = execType(alpha2, '4', "x2");
        assertEquals("x1", s(toCanceller, 41));
        Message toOwner = execType(alpha, '4', "x2");
        assertEquals(s(toCanceller, 37), s(toOwner, 37));
    }

    @Test
    void massCancelBySymbolThenAll() throws Exception {
        FixTestClient alpha = gw.trader("mm-alpha");
        alpha.send(limit("b1", '1', "0.1", "94000"));
        alpha.send(limit("b2", '1', "0.1", "93900"));
        NewOrderSingle eth = limit("e1", '1', "1", "3400");
        eth.set(new Symbol("ETH-USDC"));
        alpha.send(eth);
        execType(alpha, '0', "e1");

        OrderMassCancelRequest q = new OrderMassCancelRequest(new ClOrdID("mc1"),
                new MassCancelRequestType(MassCancelRequestType.CANCEL_ORDERS_FOR_A_SECURITY),
                new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
        q.set(new Symbol("BTC-USDC"));
        alpha.send(q);
        Message report = alpha.await("r");
        assertEquals("1", s(report, 531));
        assertEquals("2", s(report, 533));
        execType(alpha, '4', "b1");
        execType(alpha, '4', "b2");

        OrderMassCancelRequest all = new OrderMassCancelRequest(new ClOrdID("mc2"),
                new MassCancelRequestType(MassCancelRequestType.CANCEL_ALL_ORDERS),
                new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
        alpha.send(all);
        Message report2 = alpha.await("r");
        assertEquals("7", s(report2, 531));
        assertEquals("1", s(report2, 533));
        Message ethCancelled = execType(alpha, '4', "e1");
        assertTrue(s(ethCancelled, 58).startsWith("MASS_CANCELLED (101)"), s(ethCancelled, 58));

        OrderMassCancelRequest unsupported = new OrderMassCancelRequest(new ClOrdID("mc3"),
                new MassCancelRequestType(MassCancelRequestType.CANCEL_ORDERS_FOR_A_PRODUCT),
                new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
        alpha.send(unsupported);
        Message refused = alpha.await("r");
        assertEquals("0", s(refused, 531));
        assertEquals("0", s(refused, 532), "mass cancel not supported");
    }

    @Test
    void rejectsCarryTheMappedReasonAndText() throws Exception {
        FixTestClient alpha = gw.trader("mm-alpha");
        FixTestClient bravo = gw.trader("mm-bravo");
        bravo.send(limit("s1", '2', "0.1", "95000"));
        execType(bravo, '0', "s1");

        NewOrderSingle postOnly = limit("p1", '1', "0.1", "95000");
        postOnly.setString(ExecInst.FIELD, "6");
        alpha.send(postOnly);
        Message r1 = execType(alpha, '8', "p1");
        assertEquals("8", s(r1, 39));
        assertEquals("11", s(r1, 103));
        assertTrue(s(r1, 58).startsWith("POST_ONLY_WOULD_CROSS (12)"), s(r1, 58));

        NewOrderSingle unknown = limit("u1", '1', "0.1", "1");
        unknown.set(new Symbol("DOGE-USDC"));
        alpha.send(unknown);
        Message r2 = execType(alpha, '8', "u1");
        assertEquals("1", s(r2, 103));
        assertTrue(s(r2, 58).startsWith("UNKNOWN_INSTRUMENT (1)"), s(r2, 58));

        alpha.send(limit("o1", '1', "0.1", "94000.05"));
        Message r3 = execType(alpha, '8', "o1");
        assertTrue(s(r3, 58).startsWith("PRICE_OFF_TICK (6)"), s(r3, 58));

        alpha.send(limit("q1", '1', "0.00001", "94000"));
        Message r4 = execType(alpha, '8', "q1");
        assertEquals("13", s(r4, 103));
        assertTrue(s(r4, 58).startsWith("QUANTITY_OFF_LOT (4)"), s(r4, 58));

        alpha.send(limit("x1", '1', "20", "94000"));
        Message r5 = execType(alpha, '8', "x1");
        assertEquals("3", s(r5, 103), "order exceeds limit");
        assertTrue(s(r5, 58).startsWith("ORDER_QUANTITY_LIMIT (21)"), s(r5, 58));

        alpha.send(limit("d1", '1', "0.1", "90000"));
        execType(alpha, '0', "d1");
        alpha.send(limit("d1", '1', "0.1", "90000"));
        Message r6 = execType(alpha, '8', "d1");
        assertEquals("6", s(r6, 103), "duplicate order");

        // the session stayed up through all of it
        alpha.send(limit("ok", '1', "0.1", "90000"));
        execType(alpha, '0', "ok");
    }

    @Test
    void dropCopyReceivesEveryReportOfItsAccountAndIsReadOnly() throws Exception {
        FixTestClient copy = gw.client("mm-alpha", "-DC", "9003", "D").logOn();
        FixTestClient alpha = gw.trader("mm-alpha");
        FixTestClient bravo = gw.trader("mm-bravo");
        alpha.send(limit("m1", '2', "0.2", "95000"));
        execType(copy, '0', "m1");
        bravo.send(limit("t1", '1', "0.2", "95000"));
        Message fill = execType(copy, 'F', "m1");
        assertEquals("1", s(fill, 851));
        assertEquals("2", s(fill, 39));
        assertFalse(copy.receivesWithin("8", 300) , "no reports of the other account");

        // an order placed through another protocol (engine session 0) reaches the drop copy too
        gw.server.engine().submit(new Command.PlaceOrder(0, 0, "api-1", Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                940_000, 1_000, 0, null)).get(30, TimeUnit.SECONDS);
        execType(copy, '0', "api-1");

        copy.send(limit("dc1", '1', "0.1", "94000"));
        Message refused = copy.await("j");
        assertEquals("6", s(refused, 380), "not authorized");
        assertEquals("D", s(refused, 372));
    }
}
