package io.hyperindex.gateway.risk;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.Command.KillScope;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.EngineEvent.OrderCancelled;
import io.hyperindex.gateway.domain.EngineEvent.RiskAlert;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.RiskLimits;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.engine.TestMarkets;
import io.hyperindex.gateway.fees.FeePolicy;
import io.hyperindex.gateway.journal.FsyncPolicy;
import io.hyperindex.gateway.journal.JournalFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each pre-trade check at and either side of its boundary, and the protections that cancel
 * orders. Instrument 1 (index): tick 0.01, whole lots, one lot at 10.00 = $10; fees flat 0.
 */
class RiskControlsTest {
    static final int A = 0, B = 1, C = 2, IDX = 1;
    static final long USD = Money.ONE_USDC;
    static final long SECOND = 1_000_000_000L;
    final MatchingEngine engine = new MatchingEngine(TestMarkets.instruments(), TestMarkets.accounts(), FeePolicy.flat(0, 0));
    long clock = 1_790_000_000L * SECOND;

    List<EngineEvent> run(Command c) {
        List<EngineEvent> out = new ArrayList<>();
        engine.apply(clock, c, out);
        return out;
    }

    List<EngineEvent> limit(int account, Side side, long price, long qty, int flags, long session) {
        return run(new Command.PlaceOrder(account, IDX, null, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, flags, null, session));
    }

    List<EngineEvent> limit(int account, Side side, long price, long qty) {
        return limit(account, side, price, qty, 0, 0);
    }

    static ReasonCode rejection(List<EngineEvent> ev) {
        return ev.stream().filter(EngineEvent.OrderRejected.class::isInstance).map(e -> ((EngineEvent.OrderRejected) e).reason())
                .findFirst().orElse(null);
    }

    static <T> List<T> only(List<EngineEvent> ev, Class<T> t) {
        return ev.stream().filter(t::isInstance).map(t::cast).toList();
    }

    static RiskLimits limits(long openOrders, long perInstrument, long notional, long qty, long maxLong, long maxShort,
                             long gross, long net, long dailyLoss) {
        int n = TestMarkets.instruments().size();
        long[] q = new long[n], l = new long[n], s = new long[n];
        Arrays.fill(q, RiskLimits.UNLIMITED);
        Arrays.fill(l, RiskLimits.UNLIMITED);
        Arrays.fill(s, RiskLimits.UNLIMITED);
        q[IDX] = qty;
        l[IDX] = maxLong;
        s[IDX] = maxShort;
        return new RiskLimits(openOrders, perInstrument, notional, q, l, s, gross, net, dailyLoss);
    }

    static final long U = RiskLimits.UNLIMITED;

    void set(int account, RiskLimits l) {
        assertNull(rejection(run(new Command.SetRiskLimits(account, l, "test"))));
    }

    @Test
    void orderQuantityAndNotionalLimitsAtTheBoundary() {
        set(A, limits(U, U, 100 * USD, 10, U, U, U, U, U));
        assertNull(rejection(limit(A, Side.BUY, 1_000, 10)), "exactly the max quantity ($100)");
        assertEquals(ReasonCode.ORDER_QUANTITY_LIMIT, rejection(limit(A, Side.BUY, 1_000, 11)));
        assertEquals(ReasonCode.ORDER_NOTIONAL_LIMIT, rejection(limit(A, Side.BUY, 1_001, 10)), "$100.10 > $100");
    }

    @Test
    void openOrderLimitsPerAccountAndPerInstrument() {
        set(A, limits(3, 2, U, U, U, U, U, U, U));
        limit(A, Side.BUY, 990, 1);
        limit(A, Side.BUY, 991, 1);
        assertEquals(ReasonCode.OPEN_ORDERS_LIMIT, rejection(limit(A, Side.BUY, 992, 1)), "per instrument: 2");
        assertNull(rejection(run(new Command.PlaceOrder(A, 2, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 350_000, 10, 0, null))));
        assertEquals(ReasonCode.OPEN_ORDERS_LIMIT, rejection(run(new Command.PlaceOrder(A, 2, null, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, 350_000, 10, 0, null))), "per account: 3");
        run(new Command.MassCancel(A, IDX, null));
        assertNull(rejection(limit(A, Side.BUY, 992, 1)), "room again once orders are gone");
    }

    @Test
    void positionLimitCountsTheWorstCaseOfOpenOrders() {
        set(A, limits(U, U, U, U, 10, 5, U, U, U));
        limit(B, Side.SELL, 1_000, 4);
        limit(A, Side.BUY, 1_000, 4);                                   // long 4
        limit(A, Side.BUY, 990, 3);                                     // worst case 7
        assertNull(rejection(limit(A, Side.BUY, 980, 3)), "worst case exactly 10");
        assertEquals(ReasonCode.POSITION_LIMIT, rejection(limit(A, Side.BUY, 980, 1)));
        assertNull(rejection(limit(A, Side.SELL, 1_100, 9)), "selling 9 from long 4 is short 5 at worst");
        assertEquals(ReasonCode.POSITION_LIMIT, rejection(limit(A, Side.SELL, 1_100, 1)));
        assertNull(rejection(limit(A, Side.SELL, 1_100, 1, OrderFlags.REDUCE_ONLY, 0)), "reduce-only never adds risk");
    }

    @Test
    void amendsAreCheckedAgainstTheLimitsToo() {
        set(A, limits(U, U, U, U, 10, U, U, U, U));
        long id = ((EngineEvent.OrderAccepted) limit(A, Side.BUY, 990, 6).get(0)).orderId();
        assertNull(rejection(run(new Command.AmendOrder(A, id, null, 990, 10))), "6 -> 10: the order's own 6 is replaced");
        assertEquals(ReasonCode.POSITION_LIMIT, rejection(run(new Command.AmendOrder(A, id, null, 990, 11))));
    }

    @Test
    void grossAndNetExposureLimits() {
        set(A, limits(U, U, U, U, U, U, 200 * USD, 100 * USD, U));
        limit(B, Side.SELL, 1_000, 10);
        limit(A, Side.BUY, 1_000, 10);                                  // long $100 at a mark of 10.00
        assertEquals(ReasonCode.EXPOSURE_LIMIT, rejection(run(new Command.PlaceOrder(A, 2, null, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, 350_000, 10, 0, null))), "net $100 + $35 > $100");
        assertNull(rejection(run(new Command.PlaceOrder(A, 2, null, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 350_000, 10,
                0, null))), "a short on another instrument lowers net exposure");
    }

    @Test
    void anIdleAccountReachesItsLossLimitAtTheNextMarkSweepWhenTheMarketMoves() {
        set(A, limits(U, U, U, U, U, U, U, U, 50 * USD));
        limit(B, Side.SELL, 1_000, 100);
        limit(A, Side.BUY, 1_000, 100);                                 // A: long 100 @ 10.00, then idle
        limit(B, Side.SELL, 940, 100);
        List<EngineEvent> moved = limit(C, Side.BUY, 930, 100);          // mid 9.35: A is down $65
        assertTrue(only(moved, RiskAlert.class).isEmpty(), "within the sweep interval of the last evaluation");
        assertTrue(engine.nextTimedWork() <= clock + MatchingEngine.MARK_SWEEP_NANOS, "a sweep is due");
        clock += MatchingEngine.MARK_SWEEP_NANOS;
        List<EngineEvent> swept = run(new Command.Tick());
        assertEquals(List.of(100), only(swept, RiskAlert.class).stream().filter(r -> r.account() == A
                && r.limit().equals("daily_loss")).map(RiskAlert::level).toList());
        assertEquals(ReasonCode.DAILY_LOSS_LIMIT, rejection(limit(A, Side.BUY, 900, 1)));
    }

    @Test
    void anAmendThatAddsNoQuantityPassesTheExposureChecksOneThatAddsIsChecked() {
        set(A, limits(U, U, U, U, U, U, U, 150 * USD, U));
        limit(B, Side.SELL, 1_000, 10);
        limit(A, Side.BUY, 1_000, 10);                                  // long $100 at a mark of 10.00
        long id = ((EngineEvent.OrderAccepted) run(new Command.PlaceOrder(A, 2, null, Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, 350_000, 10, 0, null)).get(0)).orderId(); // net $100 + $35 <= $150
        set(A, limits(U, U, U, U, U, U, U, 100 * USD, U));            // now at the net limit
        assertNull(rejection(run(new Command.AmendOrder(A, id, null, 349_900, 10))),
                "a price move adds no exposure");
        assertEquals(ReasonCode.EXPOSURE_LIMIT, rejection(run(new Command.AmendOrder(A, id, null, 349_900, 20))),
                "10 -> 20 adds $35 to a net $100");
    }

    @Test
    void dailyLossLimitMakesTheAccountReduceOnlyUntilMidnightUtc() {
        set(A, limits(U, U, U, U, U, U, U, U, 50 * USD));
        limit(B, Side.SELL, 1_000, 100);
        limit(A, Side.BUY, 1_000, 100);                                 // long 100 @ 10.00
        limit(C, Side.BUY, 960, 100);                                   // bids at 9.60
        List<EngineEvent> ev = limit(A, Side.SELL, 940, 100, 0, 0);      // A sells into 9.60: -$40
        assertEquals(List.of(80), only(ev, RiskAlert.class).stream().filter(r -> r.limit().equals("daily_loss")).map(RiskAlert::level).toList());
        limit(B, Side.SELL, 1_000, 100);
        limit(A, Side.BUY, 1_000, 100);
        limit(C, Side.BUY, 990, 100);
        ev = limit(A, Side.SELL, 990, 100);                              // another -$10: $50 lost
        assertEquals(100, only(ev, RiskAlert.class).stream().filter(r -> r.limit().equals("daily_loss")).findFirst().orElseThrow().level());
        assertEquals(ReasonCode.DAILY_LOSS_LIMIT, rejection(limit(A, Side.BUY, 900, 1)));
        clock = (Math.floorDiv(clock, 86_400 * SECOND) + 1) * 86_400 * SECOND;   // 00:00 UTC
        assertNull(rejection(limit(A, Side.BUY, 900, 1)), "a new day");
    }

    @Test
    void accountKillSwitchCancelsRejectsAndCanFlatten() {
        limit(B, Side.SELL, 1_000, 5);
        limit(A, Side.BUY, 1_000, 5);                                   // A long 5
        limit(A, Side.BUY, 950, 2);
        limit(C, Side.BUY, 990, 10);                                    // liquidity to flatten into
        List<EngineEvent> ev = run(new Command.KillSwitch(KillScope.ACCOUNT, A, true, true, "mm-alpha"));
        assertEquals(ReasonCode.KILL_SWITCH, only(ev, OrderCancelled.class).get(0).reason());
        assertEquals(0, engine.account(A).position(IDX), "flattened at 9.90 within the 2% band");
        assertEquals(ReasonCode.KILL_SWITCH_ACTIVE, rejection(limit(A, Side.BUY, 950, 1)));
        run(new Command.KillSwitch(KillScope.ACCOUNT, A, false, false, "ops"));
        assertNull(rejection(limit(A, Side.BUY, 950, 1)));
    }

    @Test
    void instrumentAndGlobalKillSwitches() {
        limit(A, Side.BUY, 950, 2);
        List<EngineEvent> ev = run(new Command.KillSwitch(KillScope.INSTRUMENT, IDX, true, false, "ops"));
        assertEquals(1, only(ev, OrderCancelled.class).size());
        assertEquals(ReasonCode.INSTRUMENT_HALTED, rejection(limit(B, Side.BUY, 950, 1)));
        run(new Command.KillSwitch(KillScope.INSTRUMENT, IDX, false, false, "ops"));
        limit(A, Side.BUY, 950, 2);
        ev = run(new Command.KillSwitch(KillScope.GLOBAL, -1, true, false, "ops"));
        assertEquals(1, only(ev, OrderCancelled.class).size());
        assertEquals(ReasonCode.TRADING_HALTED, rejection(limit(B, Side.BUY, 950, 1)));
        run(new Command.KillSwitch(KillScope.GLOBAL, -1, false, false, "ops"));
        assertNull(rejection(limit(B, Side.BUY, 950, 1)));
    }

    @Test
    void deadManSwitchFiresAfterTheTimeoutAndNotWhenRenewed() {
        limit(A, Side.BUY, 950, 2);
        assertEquals(ReasonCode.INVALID_ORDER, rejection(run(new Command.SetCancelAfter(A, 4_999))), "at least 5 s");
        assertEquals(ReasonCode.INVALID_ORDER, rejection(run(new Command.SetCancelAfter(A, 120_001))), "at most 120 s");
        run(new Command.SetCancelAfter(A, 10_000));
        clock += 9 * SECOND;
        run(new Command.SetCancelAfter(A, 10_000));                      // renewed at 9 s
        clock += 9 * SECOND;
        assertTrue(only(run(new Command.Tick()), OrderCancelled.class).isEmpty(), "18 s after arming, 9 s after renewal");
        assertEquals(clock + 1 * SECOND, engine.nextTimedWork(), "the runtime will tick at the deadline");
        clock += SECOND;
        List<EngineEvent> ev = run(new Command.Tick());
        assertEquals(ReasonCode.DEAD_MAN_SWITCH, only(ev, OrderCancelled.class).get(0).reason());
        assertEquals("dead_man_switch", only(ev, RiskAlert.class).get(0).limit());
        limit(A, Side.BUY, 950, 2);
        clock += 60 * SECOND;
        assertTrue(only(run(new Command.Tick()), OrderCancelled.class).isEmpty(), "fired once, then disarmed");
    }

    @Test
    void cancelOnDisconnectBySessionOrAccount() {
        limit(A, Side.BUY, 950, 1, 0, 7);
        limit(A, Side.BUY, 951, 1, 0, 8);
        limit(A, Side.BUY, 952, 1, 0, 0);
        List<EngineEvent> ev = run(new Command.SessionClosed(A, 7, false));
        assertEquals(1, only(ev, OrderCancelled.class).size());
        assertEquals(ReasonCode.CANCEL_ON_DISCONNECT, only(ev, OrderCancelled.class).get(0).reason());
        assertEquals(2, only(run(new Command.SessionClosed(A, 8, true)), OrderCancelled.class).size());
    }

    @Test
    void alertsFireOnceAtEightyAndAtOneHundredPercentAndRearm() {
        set(A, limits(5, U, U, U, U, U, U, U, U));
        List<Integer> levels = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            only(limit(A, Side.BUY, 940 + i, 1), RiskAlert.class).forEach(a -> levels.add(a.level()));
        }
        assertEquals(List.of(80, 100), levels, "4 of 5 is 80%, 5 of 5 is 100%");
        run(new Command.MassCancel(A, -1, null));
        limit(A, Side.BUY, 940, 1);
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            only(limit(A, Side.BUY, 941 + i, 1), RiskAlert.class).forEach(a -> again.add(a.level()));
        }
        assertEquals(List.of(80), again, "re-armed after falling below");
    }

    @Test
    void limitChangesAreAuditedAndSurviveRestartThroughTheJournal(@TempDir Path dir) throws Exception {
        EngineConfig cfg = EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts()).withFsync(FsyncPolicy.NONE);
        RiskLimits tight = limits(U, U, U, 3, U, U, U, U, U);
        try (Engine e = Engine.start(cfg)) {
            var r = e.submit(new Command.SetRiskLimits(A, tight, "alice@venue")).get(10, TimeUnit.SECONDS);
            var audit = (EngineEvent.RiskLimitsChanged) r.events().get(0);
            assertEquals("alice@venue", audit.actor());
            assertEquals(RiskLimits.unlimited(3), audit.before());
            assertEquals(tight, audit.after());
        }
        for (Path p : JournalFiles.snapshots(dir)) {
            Files.delete(p); // force a replay from the journal
        }
        try (Engine e = Engine.start(cfg)) {
            assertEquals(tight, e.query(m -> m.risk().limits(A)).get());
            var r = e.submit(new Command.PlaceOrder(A, IDX, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 950, 4, 0, null))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(ReasonCode.ORDER_QUANTITY_LIMIT, r.rejection());
        }
        // limits in the configuration win at start, and the change is journaled as actor "config"
        RiskLimits configured = limits(U, U, U, 7, U, U, U, U, U);
        try (Engine e = Engine.start(cfg.withRiskLimits(Map.of("mm-alpha", configured)))) {
            assertEquals(configured, e.query(m -> m.risk().limits(A)).get());
        }
    }

    @Test
    void marketMakerProtectionTripsCancelsMmpOrdersFreezesAndResets() {
        // window 1 s, $100 of MMP fills or $60 of net delta, frozen 5 s
        run(new Command.SetMmp(A, new io.hyperindex.gateway.domain.MmpConfig("idx", new int[]{IDX}, 1_000, 100 * USD, 60 * USD, 5_000)));
        limit(A, Side.SELL, 1_010, 5, OrderFlags.MMP, 0);
        limit(A, Side.SELL, 1_020, 5, OrderFlags.MMP, 0);
        long plain = ((EngineEvent.OrderAccepted) limit(A, Side.SELL, 1_030, 5).get(0)).orderId();
        limit(A, Side.BUY, 980, 5, OrderFlags.MMP, 0);
        List<EngineEvent> first = limit(B, Side.BUY, 1_010, 5);          // $50.50 of A's MMP asks: under both limits
        assertTrue(only(first, EngineEvent.MmpTriggered.class).isEmpty());
        List<EngineEvent> second = limit(B, Side.BUY, 1_020, 2);         // another $20.40: delta $70.90 >= $60
        EngineEvent.MmpTriggered t = only(second, EngineEvent.MmpTriggered.class).get(0);
        assertEquals("idx", t.group());
        assertEquals(clock + 5 * SECOND, t.frozenUntil());
        List<OrderCancelled> cancelled = only(second, OrderCancelled.class);
        assertEquals(2, cancelled.size(), "the rest of the 10.20 ask and the 9.80 bid: every MMP order, not the plain one");
        assertTrue(cancelled.stream().allMatch(c -> c.reason() == ReasonCode.MMP_TRIGGERED));
        assertTrue(engine.liveOrder(plain) != null);
        assertEquals(ReasonCode.MMP_FROZEN, rejection(limit(A, Side.BUY, 980, 1, OrderFlags.MMP, 0)));
        assertNull(rejection(limit(A, Side.BUY, 980, 1)), "orders without the MMP flag are not frozen");
        clock += 5 * SECOND;
        assertNull(rejection(limit(A, Side.BUY, 979, 1, OrderFlags.MMP, 0)), "the freeze ended");

        // frozen 0 = until a manual reset
        run(new Command.SetMmp(A, new io.hyperindex.gateway.domain.MmpConfig("idx", new int[]{IDX}, 1_000, 10 * USD, 10 * USD, 0)));
        limit(A, Side.SELL, 1_010, 2, OrderFlags.MMP, 0);
        assertEquals(Long.MAX_VALUE, only(limit(C, Side.BUY, 1_010, 1), EngineEvent.MmpTriggered.class).get(0).frozenUntil());
        clock += 3_600 * SECOND;
        assertEquals(ReasonCode.MMP_FROZEN, rejection(limit(A, Side.BUY, 970, 1, OrderFlags.MMP, 0)));
        run(new Command.ResetMmp(A, "idx"));
        assertNull(rejection(limit(A, Side.BUY, 970, 1, OrderFlags.MMP, 0)));
    }

    @Test
    void mmpWindowForgetsFillsOlderThanItsLength() {
        run(new Command.SetMmp(A, new io.hyperindex.gateway.domain.MmpConfig("idx", new int[]{IDX}, 1_000, 15 * USD, 1_000 * USD, 5_000)));
        limit(A, Side.SELL, 1_000, 3, OrderFlags.MMP, 0);
        assertTrue(only(limit(B, Side.BUY, 1_000, 1), EngineEvent.MmpTriggered.class).isEmpty());   // $10
        clock += SECOND;                                                                           // the $10 leaves the window
        assertTrue(only(limit(B, Side.BUY, 1_000, 1), EngineEvent.MmpTriggered.class).isEmpty());   // $10 again, not $20
    }

    @Test
    void circuitBreakerHaltsCancelsAndResumesAfterItsCooldown() {
        MatchingEngine cb = new MatchingEngine(TestMarkets.instruments(), TestMarkets.accounts(), FeePolicy.flat(0, 0),
                io.hyperindex.gateway.domain.CircuitBreakerRule.venueDefaults());
        List<EngineEvent> out = new ArrayList<>();
        java.util.function.Function<Command, List<EngineEvent>> at = c -> {
            out.clear();
            cb.apply(clock, c, out);
            return List.copyOf(out);
        };
        at.apply(new Command.PlaceOrder(A, IDX, null, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 1_000, 1, 0, null));
        at.apply(new Command.PlaceOrder(B, IDX, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_000, 1, 0, null));
        clock += 10 * SECOND;
        // +1.5% within a minute: the alert rule only
        at.apply(new Command.PlaceOrder(A, IDX, null, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 1_015, 1, 0, null));
        List<EngineEvent> ev = at.apply(new Command.PlaceOrder(B, IDX, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_015, 1, 0, null));
        var alert = only(ev, EngineEvent.CircuitBreakerTripped.class).get(0);
        assertEquals(io.hyperindex.gateway.domain.CircuitBreakerRule.Action.ALERT, alert.action());
        assertEquals(150, alert.moveBps());
        clock += 10 * SECOND;
        // +3.5% from the low within five minutes: halt
        at.apply(new Command.PlaceOrder(C, IDX, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 990, 5, 0, null));
        at.apply(new Command.PlaceOrder(A, IDX, null, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 1_035, 3, 0, null));
        ev = at.apply(new Command.PlaceOrder(B, IDX, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_035, 5, 0, null));
        var halt = only(ev, EngineEvent.CircuitBreakerTripped.class).get(0);
        assertEquals(io.hyperindex.gateway.domain.CircuitBreakerRule.Action.HALT, halt.action());
        assertEquals(clock + 900 * SECOND, halt.until());
        List<OrderCancelled> cancelled = only(ev, OrderCancelled.class);
        assertEquals(2, cancelled.size(), "C's resting bid and the taker's own remainder");
        assertTrue(cancelled.stream().allMatch(c -> c.reason() == ReasonCode.CIRCUIT_BREAKER_CANCELLED));
        assertEquals(0, cb.liveOrderCount());
        assertEquals(ReasonCode.CIRCUIT_BREAKER, rejection(at.apply(
                new Command.PlaceOrder(C, IDX, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_000, 1, 0, null))));
        assertEquals(clock + 900 * SECOND, cb.nextTimedWork());
        clock += 900 * SECOND;
        assertNull(rejection(at.apply(new Command.PlaceOrder(C, IDX, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_000, 1, 0, null))));
    }

    @Test
    void markPriceFollowsTheConfiguredMode() {
        for (io.hyperindex.gateway.domain.MarkMode mode : io.hyperindex.gateway.domain.MarkMode.values()) {
            MatchingEngine m = new MatchingEngine(TestMarkets.instruments(), TestMarkets.accounts(), FeePolicy.flat(0, 0),
                    List.of(), mode);
            List<EngineEvent> out = new ArrayList<>();
            m.apply(clock, new Command.PlaceOrder(A, IDX, null, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 1_010, 1, 0, null), out);
            m.apply(clock, new Command.PlaceOrder(B, IDX, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_010, 1, 0, null), out);
            m.apply(clock, new Command.PlaceOrder(A, IDX, null, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 1_020, 1, 0, null), out);
            m.apply(clock, new Command.PlaceOrder(B, IDX, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_001, 1, 0, null), out);
            // MID: (10.01 + 10.20) / 2 = 10.105, down to the tick = 10.10; LAST: 10.10; EXTERNAL without a feed: 10.10
            assertEquals(1_010, m.markPrice(IDX), mode.name());
            m.apply(clock, new Command.SetMarkPrice(IDX, 1_234), out);
            assertEquals(mode == io.hyperindex.gateway.domain.MarkMode.EXTERNAL ? 1_234 : 1_010, m.markPrice(IDX), mode.name());
            m.apply(clock, new Command.PlaceOrder(B, IDX, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_015, 1, 0, null), out);
            if (mode == io.hyperindex.gateway.domain.MarkMode.MID) {
                assertEquals(1_017, m.markPrice(IDX), "(10.15 + 10.20) / 2 = 10.175, down to the tick");
            }
            long unrealized = switch (mode) {
                case MID -> 7 * USD / 100;        // long 1 from 10.10, marked 10.17
                case LAST -> 0;                   // marked at the last trade, 10.10
                case EXTERNAL -> 224 * USD / 100; // marked at the feed's 12.34
            };
            assertEquals(unrealized, m.positions().unrealized(B, IDX, m.markPrice(IDX)), mode.name());
        }
    }

    @Test
    void theRuntimeTimerFiresTheDeadManSwitchWithNoOtherTraffic(@TempDir Path dir) throws Exception {
        EngineConfig cfg = EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts()).withFsync(FsyncPolicy.NONE);
        try (Engine e = Engine.start(cfg)) {
            java.util.concurrent.CompletableFuture<OrderCancelled> fired = new java.util.concurrent.CompletableFuture<>();
            e.subscribe(r -> r.events().stream().filter(OrderCancelled.class::isInstance).map(OrderCancelled.class::cast)
                    .filter(c -> c.reason() == ReasonCode.DEAD_MAN_SWITCH).findFirst().ifPresent(fired::complete));
            e.submit(new Command.PlaceOrder(A, IDX, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 950, 1, 0, null)).get(5, TimeUnit.SECONDS);
            long armed = System.nanoTime();
            e.submit(new Command.SetCancelAfter(A, 5_000)).get(5, TimeUnit.SECONDS);
            OrderCancelled c = fired.get(15, TimeUnit.SECONDS);
            long waited = (System.nanoTime() - armed) / 1_000_000;
            assertTrue(waited >= 4_900 && waited < 8_000, "fired " + waited + " ms after arming a 5 s timer");
            assertEquals(0, e.query(MatchingEngine::liveOrderCount).get(5, TimeUnit.SECONDS));
            assertEquals(1, c.orderId());
        }
    }
}
