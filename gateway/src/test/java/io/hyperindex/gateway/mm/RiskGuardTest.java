package io.hyperindex.gateway.mm;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.engine.TestMarkets;
import io.hyperindex.gateway.journal.FsyncPolicy;
import io.hyperindex.gateway.mm.sim.SynchronousDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The market maker's own risk guard, on a simulated clock in a real engine. */
class RiskGuardTest {
    private static final List<Instrument> INSTRUMENTS = TestMarkets.instruments();
    private static final Instrument BTC = INSTRUMENTS.get(0);
    private static final int ALPHA = 0;
    private static final int BRAVO = 1;
    private static final int VENUE_MM = 3;
    private static final long SECOND = 1_000_000_000L;
    /** 2026-01-05 22:00 UTC: two hours before a day boundary. */
    private static final long START = 1_767_571_200_000_000_000L + 22 * 3_600 * SECOND;

    @TempDir
    Path dir;
    private final AtomicLong clock = new AtomicLong(START);
    private Engine engine;
    private SynchronousDriver mm;

    private void start(Map<String, String> knobs) throws Exception {
        engine = Engine.start(EngineConfig.defaults(dir, INSTRUMENTS, TestMarkets.accounts()).withFsync(FsyncPolicy.NONE)
                .withTimerMillis(0), clock::get);
        mm = new SynchronousDriver(engine, VENUE_MM, Map.of(BTC, MmParams.defaults().with(knobs)), clock::get);
        anchor(9_400_000, 9_600_000);
        mm.core().start(BTC.symbol());
        mm.settle();
        tickFor(1);
        assertEquals(10, ownOrders(), "quoting five levels a side");
    }

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /** Others' resting bid and ask (replacing earlier ones): their microprice is the fair price. */
    private void anchor(long bid, long ask) throws Exception {
        engine.submit(new Command.MassCancel(ALPHA, BTC.id(), null)).get(10, TimeUnit.SECONDS);
        engine.submit(new Command.PlaceOrder(ALPHA, BTC.id(), null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, bid, 1_000,
                0, null)).get(10, TimeUnit.SECONDS);
        engine.submit(new Command.PlaceOrder(ALPHA, BTC.id(), null, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, ask, 1_000,
                0, null)).get(10, TimeUnit.SECONDS);
        if (mm != null) {
            mm.settle();
        }
    }

    /** Advances the clock in 100 ms timer steps. */
    private void tickFor(double seconds) {
        for (long n = 0; n < Math.round(seconds * 10); n++) {
            clock.addAndGet(SECOND / 10);
            mm.tick();
        }
    }

    private long ownOrders() throws Exception {
        return engine.query(c -> {
            long[] n = {0};
            c.forEachLiveOrder(o -> n[0] += o.account() == VENUE_MM ? 1 : 0);
            return n[0];
        }).get(10, TimeUnit.SECONDS);
    }

    private boolean engineKillSwitchOn() throws Exception {
        return engine.query(c -> c.risk().isKilled(VENUE_MM)).get(10, TimeUnit.SECONDS);
    }

    private MmStatus status() {
        return mm.core().status().get(0);
    }

    @Test
    void aQuietMarketKeepsQuotingWhileTheDeadManSwitchIsRenewedEveryTwoAndAHalfSeconds() throws Exception {
        start(Map.of("warmupTrades", "0"));
        java.util.concurrent.atomic.AtomicInteger renewals = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Consumer<io.hyperindex.gateway.engine.CommandResult> count = r -> r.events().forEach(e -> {
            if (e instanceof io.hyperindex.gateway.domain.EngineEvent.CancelAfterSet c && c.account() == VENUE_MM
                    && c.deadline() > 0) {
                renewals.incrementAndGet();
            }
        });
        engine.subscribe(count);
        tickFor(30); // nothing trades: only the market maker's own renewals come back
        mm.settle();
        engine.unsubscribe(count);
        assertEquals(MmState.QUOTING, status().state(), "a quiet feed is not stale data: " + status().reason());
        assertEquals(10, ownOrders());
        // min(10 s / 3, 5 s / 2) = 2.5 s: 12 renewals in 30 s (one a second before)
        assertTrue(renewals.get() >= 11 && renewals.get() <= 13, renewals.get() + " renewals in 30 s");
        assertEquals(2_500_000_000L, MarketMakerCore.heartbeatInterval(10_000, 5 * SECOND));
        assertEquals(SECOND, MarketMakerCore.heartbeatInterval(10_000, 100_000_000L), "never more than once a second");
        assertEquals(5_000_000_000L / 3, MarketMakerCore.heartbeatInterval(5_000, 60 * SECOND));
    }

    @Test
    void staleMarketDataKills() throws Exception {
        start(Map.of("warmupTrades", "0"));
        clock.addAndGet(6 * SECOND); // the feed has been silent for 6 s (> 5 s): not even the heartbeats came back
        mm.tick();
        assertEquals(MmState.KILLED, status().state());
        assertTrue(status().reason().startsWith("stale market data"), status().reason());
        assertEquals(0, ownOrders());
        assertTrue(engineKillSwitchOn());
        assertEquals(1, mm.alerts().size());
    }

    @Test
    void aDailyLossKillsUntilMidnightUtcAndThenQuotingResumes() throws Exception {
        start(Map.of("warmupTrades", "0", "dailyLossLimitUsd", "5"));
        long bid = engine.query(c -> c.l2Snapshot(BTC.id(), 10).bids().get(0).price()).get(10, TimeUnit.SECONDS);
        engine.submit(new Command.PlaceOrder(BRAVO, BTC.id(), null, Side.SELL, OrderType.LIMIT, TimeInForce.IOC, bid, 105,
                0, null)).get(10, TimeUnit.SECONDS);
        mm.settle();
        anchor(9_200_000, 9_300_000); // the fair falls ~2.6%: the 0.0105 BTC bought loses ~27 USDC
        tickFor(0.1);
        assertEquals(MmState.KILLED, status().state());
        assertTrue(status().reason().contains("daily loss"), status().reason());
        assertEquals(0, ownOrders());
        tickFor(60);
        assertEquals(MmState.KILLED, status().state(), "stays down for the rest of the day");
        clock.set(START + 2 * 3_600 * SECOND); // 00:00 UTC
        tickFor(1);
        assertEquals(MmState.QUOTING, status().state(), status().reason());
        assertFalse(engineKillSwitchOn(), "the market maker lifted its own kill switch");
        assertTrue(ownOrders() > 0);
    }

    @Test
    void aPriceMoveBeyondThreePercentInFiveMinutesCancelsAndPausesForTheCooldown() throws Exception {
        start(Map.of("warmupTrades", "0"));
        tickFor(2);
        anchor(9_800_000, 10_000_000); // fair 95,000 -> 99,000: +4.2%
        tickFor(1.5);
        assertEquals(MmState.PAUSED, status().state());
        assertTrue(status().reason().contains("price moved more than 3%"), status().reason());
        assertEquals(0, ownOrders());
        assertFalse(engineKillSwitchOn(), "a pause is not a kill");
        tickFor(800);
        assertEquals(MmState.PAUSED, status().state(), "the 900 s cooldown is still running");
        tickFor(110);
        assertEquals(MmState.QUOTING, status().state(), status().toString());
        // both sides again (the move swept some asks: the short position now limits the ask side)
        assertFalse(status().bids().isEmpty() || status().asks().isEmpty(), status().toString());
    }

    @Test
    void aOnePercentMoveWidensTheSpreadThreefold() throws Exception {
        start(Map.of("warmupTrades", "0"));
        double before = status().halfSpreadBps();
        tickFor(2);
        anchor(9_490_000, 9_810_000); // fair 95,000 -> 96,500: +1.6%
        tickFor(1.5);
        assertEquals(MmState.QUOTING, status().state());
        assertEquals(3 * before, status().halfSpreadBps(), 1e-9);
        assertTrue(status().spreadBps() >= 3 * 8 - 0.1, "spread " + status().spreadBps());
    }
}
