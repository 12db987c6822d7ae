package io.hyperindex.gateway.api.grpc;

import io.grpc.Status;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.proto.v1.AccountGrpc;
import io.hyperindex.gateway.proto.v1.AccountKillSwitchRequest;
import io.hyperindex.gateway.proto.v1.AdminGrpc;
import io.hyperindex.gateway.proto.v1.Alert;
import io.hyperindex.gateway.proto.v1.FeeTier;
import io.hyperindex.gateway.proto.v1.GetBalancesRequest;
import io.hyperindex.gateway.proto.v1.GetFeeTierRequest;
import io.hyperindex.gateway.proto.v1.GetLimitsRequest;
import io.hyperindex.gateway.proto.v1.GetPnlRequest;
import io.hyperindex.gateway.proto.v1.GetStatementRequest;
import io.hyperindex.gateway.proto.v1.InstrumentLimits;
import io.hyperindex.gateway.proto.v1.InstrumentStatus;
import io.hyperindex.gateway.proto.v1.ListInstrumentsRequest;
import io.hyperindex.gateway.proto.v1.MarketDataGrpc;
import io.hyperindex.gateway.proto.v1.OrderStatus;
import io.hyperindex.gateway.proto.v1.PlaceOrderRequest;
import io.hyperindex.gateway.proto.v1.Pnl;
import io.hyperindex.gateway.proto.v1.ResetMmpRequest;
import io.hyperindex.gateway.proto.v1.RiskLimits;
import io.hyperindex.gateway.proto.v1.SetCancelAfterRequest;
import io.hyperindex.gateway.proto.v1.SetInstrumentStatusRequest;
import io.hyperindex.gateway.proto.v1.SetLimitsRequest;
import io.hyperindex.gateway.proto.v1.SetMmpRequest;
import io.hyperindex.gateway.proto.v1.Side;
import io.hyperindex.gateway.proto.v1.Statement;
import io.hyperindex.gateway.proto.v1.StreamAlertsRequest;
import io.hyperindex.gateway.proto.v1.TradingGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import static io.hyperindex.gateway.api.grpc.GrpcFixture.assertRejected;
import static io.hyperindex.gateway.api.grpc.GrpcFixture.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Account and Admin services over a real loopback channel. */
class GrpcAccountTest {
    static final String HIDX = GrpcTradingTest.HIDX;
    @TempDir
    Path dir;
    GrpcFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new GrpcFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    io.hyperindex.gateway.proto.v1.OrderAck place(Ed25519Key key, PlaceOrderRequest r) {
        return signed(TradingGrpc.newBlockingStub(f.channel), key, TradingGrpc.getPlaceOrderMethod(), r).placeOrder(r);
    }

    AccountGrpc.AccountBlockingStub account(Ed25519Key key, io.grpc.MethodDescriptor<?, ?> m, com.google.protobuf.Message r) {
        return signed(AccountGrpc.newBlockingStub(f.channel), key, m, r);
    }

    void awaitStreams(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (f.gateway.openStreams() != n && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(n, f.gateway.openStreams());
    }

    @Test
    void operatorLimitsAreReportedEnforcedAndAlertedOnTheAlertStream() throws Exception {
        RiskLimits limits = RiskLimits.newBuilder().setMaxOpenOrders(5).setMaxOrderNotional("1000")
                .addInstruments(InstrumentLimits.newBuilder().setSymbol(HIDX).setMaxOrderQuantity("10")).build();
        SetLimitsRequest set = SetLimitsRequest.newBuilder().setAccount(GrpcFixture.ALPHA).setLimits(limits).build();
        signed(AdminGrpc.newBlockingStub(f.channel), f.operator, AdminGrpc.getSetLimitsMethod(), set).setLimits(set);

        GetLimitsRequest gl = GetLimitsRequest.getDefaultInstance();
        RiskLimits got = account(f.alphaReader, AccountGrpc.getGetLimitsMethod(), gl).getLimits(gl);
        assertEquals(5, got.getMaxOpenOrders());
        assertEquals(0, got.getMaxOpenOrdersPerInstrument(), "0 = unlimited");
        assertEquals("1000", got.getMaxOrderNotional());
        assertEquals("", got.getMaxGrossExposure(), "empty = unlimited");
        assertEquals(1, got.getInstrumentsCount());
        assertEquals("10", got.getInstruments(0).getMaxOrderQuantity());
        assertEquals("", got.getInstruments(0).getMaxLong());

        StreamAlertsRequest sa = StreamAlertsRequest.getDefaultInstance();
        Iterator<Alert> alerts = account(f.alphaReader, AccountGrpc.getStreamAlertsMethod(), sa).streamAlerts(sa);
        awaitStreams(1);
        assertRejected(Status.Code.FAILED_PRECONDITION, "ORDER_QUANTITY_LIMIT",
                () -> place(f.alpha, GrpcTradingTest.limit(Side.BUY, "9.00", "11", "")));
        for (int i = 0; i < 5; i++) {
            place(f.alpha, GrpcTradingTest.limit(Side.BUY, "9.0" + i, "1", ""));
        }
        assertRejected(Status.Code.FAILED_PRECONDITION, "OPEN_ORDERS_LIMIT",
                () -> place(f.alpha, GrpcTradingTest.limit(Side.BUY, "9.10", "1", "")));
        Alert at80 = alerts.next();
        assertEquals("open_orders", at80.getLimit().getLimit());
        assertEquals(80, at80.getLimit().getLevel());
        Alert at100 = alerts.next();
        assertEquals(100, at100.getLimit().getLevel());
        assertEquals(5, at100.getLimit().getUsed());
    }

    @Test
    void balancesPnlFeeTierAndStatementAfterATrade() throws Exception {
        place(f.bravo, GrpcTradingTest.limit(Side.SELL, "10.00", "10", ""));
        place(f.alpha, GrpcTradingTest.limit(Side.BUY, "10.00", "10", ""));
        place(f.bravo, GrpcTradingTest.limit(Side.BUY, "10.50", "1", "")); // moves the mid: alpha's long is marked up

        GetBalancesRequest gb = GetBalancesRequest.getDefaultInstance();
        String cash = account(f.alpha, AccountGrpc.getGetBalancesMethod(), gb).getBalances(gb).getUsdc();
        assertTrue(new java.math.BigDecimal(cash).compareTo(new java.math.BigDecimal("-100")) <= 0,
                "alpha paid 100 USDC (and a fee) for 10 at 10.00: " + cash);

        GetPnlRequest gp = GetPnlRequest.getDefaultInstance();
        Pnl pnl = account(f.alpha, AccountGrpc.getGetPnlMethod(), gp).getPnl(gp);
        assertTrue(new java.math.BigDecimal(pnl.getGrossExposure()).signum() > 0, pnl.toString());
        assertEquals(pnl.getGrossExposure(), pnl.getNetExposure(), "a single long position");

        GetFeeTierRequest gf = GetFeeTierRequest.newBuilder().setSymbol(HIDX).build();
        FeeTier tier = account(f.alpha, AccountGrpc.getGetFeeTierMethod(), gf).getFeeTier(gf);
        assertFalse(tier.getTier().isEmpty());
        assertEquals("100", tier.getTakerVolume30D(), "alpha took 100 USDC of volume");
        assertEquals("tier", tier.getRatesSource());

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        GetStatementRequest gs = GetStatementRequest.newBuilder().setFrom(today).setTo(today).build();
        Statement s = account(f.alpha, AccountGrpc.getGetStatementMethod(), gs).getStatement(gs);
        assertEquals(1, s.getTrades());
        assertEquals("100", s.getTakerVolume());
        GetStatementRequest bad = GetStatementRequest.newBuilder().setFrom("2026-13-01").setTo(today).build();
        assertRejected(Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST",
                () -> account(f.alpha, AccountGrpc.getGetStatementMethod(), bad).getStatement(bad));
    }

    @Test
    void anOperatorsFeeTierOverridePricesFillsSurvivesARestartAndClears() throws Exception {
        io.hyperindex.gateway.proto.v1.SetFeeTierOverrideRequest set = io.hyperindex.gateway.proto.v1.SetFeeTierOverrideRequest
                .newBuilder().setAccount(GrpcFixture.BRAVO).setTier("tier3").build();
        signed(AdminGrpc.newBlockingStub(f.channel), f.operator, AdminGrpc.getSetFeeTierOverrideMethod(), set)
                .setFeeTierOverride(set);
        GetFeeTierRequest gf = GetFeeTierRequest.newBuilder().setSymbol(HIDX).build();
        FeeTier tier = account(f.bravo, AccountGrpc.getGetFeeTierMethod(), gf).getFeeTier(gf);
        assertEquals("override", tier.getRatesSource());
        assertEquals("-5", tier.getMakerRateBps(), "tier3's maker rebate, with no volume at all");
        assertEquals("base", tier.getTier(), "the volume tier is still tracked underneath");

        place(f.bravo, GrpcTradingTest.limit(Side.SELL, "10.00", "10", ""));
        place(f.alpha, GrpcTradingTest.limit(Side.BUY, "10.00", "10", ""));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        GetStatementRequest gs = GetStatementRequest.newBuilder().setFrom(today).setTo(today).build();
        Statement s = account(f.bravo, AccountGrpc.getGetStatementMethod(), gs).getStatement(gs);
        assertEquals(0, new java.math.BigDecimal("0.05").compareTo(new java.math.BigDecimal(s.getRebates())),
                "a 5 bp rebate on 100 USDC made: " + s);

        io.hyperindex.gateway.proto.v1.SetFeeTierOverrideRequest unknown = set.toBuilder().setTier("platinum").build();
        assertRejected(Status.Code.NOT_FOUND, "UNKNOWN_FEE_TIER", () -> signed(AdminGrpc.newBlockingStub(f.channel),
                f.operator, AdminGrpc.getSetFeeTierOverrideMethod(), unknown).setFeeTierOverride(unknown));
        assertRejected(Status.Code.PERMISSION_DENIED, "NOT_PERMITTED", () -> signed(AdminGrpc.newBlockingStub(f.channel),
                f.bravo, AdminGrpc.getSetFeeTierOverrideMethod(), set).setFeeTierOverride(set));

        // the override is a journaled command: a restarted engine still applies it
        f.close();
        f = new GrpcFixture(dir);
        assertEquals("override", account(f.bravo, AccountGrpc.getGetFeeTierMethod(), gf).getFeeTier(gf).getRatesSource());
        io.hyperindex.gateway.proto.v1.SetFeeTierOverrideRequest clear = set.toBuilder().setTier("").build();
        signed(AdminGrpc.newBlockingStub(f.channel), f.operator, AdminGrpc.getSetFeeTierOverrideMethod(), clear)
                .setFeeTierOverride(clear);
        FeeTier after = account(f.bravo, AccountGrpc.getGetFeeTierMethod(), gf).getFeeTier(gf);
        assertEquals("tier", after.getRatesSource());
        assertEquals("-1", after.getMakerRateBps());
    }

    @Test
    void marketMakerProtectionTripsFreezesAndResets() throws Exception {
        SetMmpRequest mmp = SetMmpRequest.newBuilder().setGroup("hidx").addSymbols(HIDX).setWindowMillis(60_000)
                .setQuantityLimit("15").setDeltaLimit("15").setFrozenMillis(0).build();
        assertTrue(account(f.alpha, AccountGrpc.getSetMmpMethod(), mmp).setMmp(mmp).getSequence() > 0);
        place(f.alpha, GrpcTradingTest.limit(Side.SELL, "10.00", "2", "q1").toBuilder().setMmp(true).build());
        place(f.alpha, GrpcTradingTest.limit(Side.SELL, "10.20", "2", "q2").toBuilder().setMmp(true).build());
        place(f.bravo, GrpcTradingTest.limit(Side.BUY, "10.00", "2", "")); // 20 USDC traded: trips at 15
        assertRejected(Status.Code.FAILED_PRECONDITION, "MMP_FROZEN",
                () -> place(f.alpha, GrpcTradingTest.limit(Side.SELL, "10.30", "1", "").toBuilder().setMmp(true).build()));
        assertEquals(0, f.engine.query(me -> me.liveOrderCount()).get(5, TimeUnit.SECONDS), "q2 was cancelled by MMP");

        ResetMmpRequest reset = ResetMmpRequest.newBuilder().setGroup("hidx").build();
        account(f.alpha, AccountGrpc.getResetMmpMethod(), reset).resetMmp(reset);
        assertEquals(OrderStatus.NEW, place(f.alpha, GrpcTradingTest.limit(Side.SELL, "10.30", "1", "")
                .toBuilder().setMmp(true).build()).getStatus());

        SetMmpRequest noSymbols = mmp.toBuilder().clearSymbols().build();
        assertRejected(Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST",
                () -> account(f.alpha, AccountGrpc.getSetMmpMethod(), noSymbols).setMmp(noSymbols));
    }

    @Test
    void aPartnerTurnsItsOwnKillSwitchOnButOnlyAnOperatorTurnsItOff() throws Exception {
        place(f.alpha, GrpcTradingTest.limit(Side.BUY, "9.50", "1", ""));
        AccountKillSwitchRequest on = AccountKillSwitchRequest.newBuilder().setOn(true).build();
        account(f.alpha, AccountGrpc.getKillSwitchMethod(), on).killSwitch(on);
        assertEquals(0, f.engine.query(me -> me.liveOrderCount()).get(5, TimeUnit.SECONDS));
        assertRejected(Status.Code.FAILED_PRECONDITION, "KILL_SWITCH_ACTIVE",
                () -> place(f.alpha, GrpcTradingTest.limit(Side.BUY, "9.50", "1", "")));
        AccountKillSwitchRequest off = AccountKillSwitchRequest.newBuilder().setOn(false).build();
        assertRejected(Status.Code.PERMISSION_DENIED, "NOT_PERMITTED",
                () -> account(f.alpha, AccountGrpc.getKillSwitchMethod(), off).killSwitch(off));
        assertRejected(Status.Code.PERMISSION_DENIED, "NOT_PERMITTED",
                () -> account(f.alphaReader, AccountGrpc.getKillSwitchMethod(), on).killSwitch(on));
    }

    @Test
    void theDeadManSwitchIsArmedWithinItsBounds() {
        SetCancelAfterRequest arm = SetCancelAfterRequest.newBuilder().setTimeoutMillis(30_000).build();
        assertTrue(signed(TradingGrpc.newBlockingStub(f.channel), f.alpha, TradingGrpc.getSetCancelAfterMethod(), arm)
                .setCancelAfter(arm).getDeadlineNanos() > 0);
        SetCancelAfterRequest tooShort = SetCancelAfterRequest.newBuilder().setTimeoutMillis(100).build();
        assertRejected(Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST", () -> signed(TradingGrpc.newBlockingStub(f.channel),
                f.alpha, TradingGrpc.getSetCancelAfterMethod(), tooShort).setCancelAfter(tooShort));
        SetCancelAfterRequest disarm = SetCancelAfterRequest.getDefaultInstance();
        assertEquals(0, signed(TradingGrpc.newBlockingStub(f.channel), f.alpha, TradingGrpc.getSetCancelAfterMethod(), disarm)
                .setCancelAfter(disarm).getDeadlineNanos());
    }

    @Test
    void anOperatorHaltsAnInstrument() {
        SetInstrumentStatusRequest halt = SetInstrumentStatusRequest.newBuilder().setSymbol(HIDX)
                .setStatus(InstrumentStatus.HALTED).build();
        signed(AdminGrpc.newBlockingStub(f.channel), f.operator, AdminGrpc.getSetInstrumentStatusMethod(), halt)
                .setInstrumentStatus(halt);
        assertRejected(Status.Code.FAILED_PRECONDITION, "INSTRUMENT_HALTED",
                () -> place(f.alpha, GrpcTradingTest.limit(Side.BUY, "9.50", "1", "")));
        ListInstrumentsRequest li = ListInstrumentsRequest.getDefaultInstance();
        assertEquals(InstrumentStatus.HALTED, signed(MarketDataGrpc.newBlockingStub(f.channel), f.alpha,
                MarketDataGrpc.getListInstrumentsMethod(), li).listInstruments(li).getInstruments(1).getStatus());
    }
}
