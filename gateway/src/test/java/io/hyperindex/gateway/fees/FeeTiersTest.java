package io.hyperindex.gateway.fees;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.EngineEvent.FeeTierChanged;
import io.hyperindex.gateway.domain.EngineEvent.TradeExecuted;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.engine.TestMarkets;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tiers, windows, boundaries and negotiated terms, driven through the engine with real
 * timestamps. On the test index instrument one lot at 10.00 is $10, so 100,000 lots is $1M.
 */
class FeeTiersTest {
    static final int MAKER = 0, TAKER = 1, OTHER = 2;
    static final long MILLION_LOTS_USD = 100_000; // lots at 10.00 per $1M

    MatchingEngine engine = new MatchingEngine(TestMarkets.instruments(), TestMarkets.accounts(), FeePolicy.venueDefault());

    static long at(String instant) {
        Instant i = Instant.parse(instant);
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    List<EngineEvent> run(long ts, Command c) {
        List<EngineEvent> out = new ArrayList<>();
        engine.apply(ts, c, out);
        return out;
    }

    /** MAKER rests a sell, TAKER lifts it: one trade of {@code lots} at 10.00; returns the trade. */
    TradeExecuted trade(long ts, long lots) {
        run(ts, new Command.PlaceOrder(MAKER, 1, null, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 1_000, lots, 0, null));
        List<EngineEvent> ev = run(ts, new Command.PlaceOrder(TAKER, 1, null, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 1_000, lots, 0, null));
        return ev.stream().filter(TradeExecuted.class::isInstance).map(TradeExecuted.class::cast).findFirst().orElseThrow();
    }

    List<FeeTierChanged> tick(long ts) {
        return run(ts, new Command.Tick()).stream().filter(FeeTierChanged.class::isInstance).map(FeeTierChanged.class::cast).toList();
    }

    @Test
    void exactlyOneMillionOfVolumeReachesTier1AtTheNextDailyBoundary() {
        TradeExecuted t = trade(at("2026-11-02T10:00:00Z"), MILLION_LOTS_USD);
        assertEquals(1_000_000L * Money.ONE_USDC, t.notional());
        assertEquals("base", t.makerTier());
        assertEquals(-100, t.makerFeeRate());
        assertEquals(300, t.takerFeeRate());
        List<FeeTierChanged> changes = tick(at("2026-11-03T00:00:00Z"));
        assertEquals(List.of(
                new FeeTierChanged(MAKER, "base", "tier1", 1_000_000L * Money.ONE_USDC, at("2026-11-03T00:00:00Z")),
                new FeeTierChanged(TAKER, "base", "tier1", 1_000_000L * Money.ONE_USDC, at("2026-11-03T00:00:00Z"))), changes);
        TradeExecuted next = trade(at("2026-11-03T00:00:01Z"), 10);
        assertEquals("tier1", next.makerTier());
        assertEquals(-200, next.makerFeeRate());
        assertEquals(-2_000_000L, next.makerFee(), "2 bp of $100 = 0.02 USDC rebate");
    }

    @Test
    void tenDollarsShortOfOneMillionStaysInBase() {
        trade(at("2026-11-02T10:00:00Z"), MILLION_LOTS_USD - 1);
        assertTrue(tick(at("2026-11-03T00:00:00Z")).isEmpty());
        assertEquals("base", engine.fees().tierName(MAKER));
        var status = engine.fees().tierStatus(MAKER, 1, at("2026-11-03T01:00:00Z"));
        assertEquals("tier1", status.nextTier());
        assertEquals(10L * Money.ONE_USDC, status.volumeToNextTier(), "$10 still needed");
        assertEquals((MILLION_LOTS_USD - 1) * 10 * Money.ONE_USDC, status.makerVolume30d());
        assertEquals(0, status.takerVolume30d(), "maker and taker volume are kept apart");
    }

    @Test
    void aTierChangeTakesEffectAtTheBoundaryNotBefore() {
        trade(at("2026-11-02T10:00:00Z"), MILLION_LOTS_USD);
        assertEquals("base", trade(at("2026-11-02T23:59:59Z"), 10).makerTier(), "same day: still the old tier");
        assertEquals("tier1", trade(at("2026-11-03T00:00:00.000000001Z"), 10).makerTier(),
                "the first command after midnight runs the recomputation before it trades");
    }

    @Test
    void theRecomputationTimeIsConfigurable() {
        FeePolicy at8 = new FeePolicy(TierTable.venueDefault(), Map.of(), List.of(), 8 * 3_600_000_000_000L, 30,
                IncentivePlan.venueDefault(), Set.of());
        engine = new MatchingEngine(TestMarkets.instruments(), TestMarkets.accounts(), at8);
        trade(at("2026-11-02T09:00:00Z"), MILLION_LOTS_USD);
        assertTrue(tick(at("2026-11-03T07:59:59Z")).isEmpty(), "no change at midnight");
        assertEquals(2, tick(at("2026-11-03T08:00:00Z")).size());
    }

    @Test
    void volumeOlderThanThirtyDaysDropsOutOfTheWindow() {
        trade(at("2026-11-01T12:00:00Z"), MILLION_LOTS_USD);
        assertEquals(2, tick(at("2026-11-02T00:00:00Z")).size());
        // the window closing at 2026-12-01 00:00 covers Nov 1..Nov 30: still tier1
        assertTrue(tick(at("2026-12-01T00:00:00Z")).isEmpty());
        assertEquals("tier1", engine.fees().tierName(MAKER));
        // the window closing at 2026-12-02 00:00 covers Nov 2..Dec 1: the Nov 1 volume is gone
        List<FeeTierChanged> down = tick(at("2026-12-02T00:00:00Z"));
        assertEquals(2, down.size());
        assertEquals("base", down.get(0).toTier());
        assertEquals(0, down.get(0).volume30d());
    }

    @Test
    void negotiatedFixedTierAppliesOnlyBetweenItsStartAndExpiry() {
        FeePolicy p = new FeePolicy(TierTable.venueDefault(), Map.of(),
                List.of(new NegotiatedTerms("mm-alpha", at("2026-11-05T00:00:00Z"), at("2026-11-10T00:00:00Z"), "tier3", null, null)),
                0, 30, IncentivePlan.venueDefault(), Set.of());
        engine = new MatchingEngine(TestMarkets.instruments(), TestMarkets.accounts(), p);
        assertEquals(-100, trade(at("2026-11-04T23:59:59Z"), 10).makerFeeRate());
        TradeExecuted during = trade(at("2026-11-05T00:00:00Z"), 10);
        assertEquals(-500, during.makerFeeRate());
        assertEquals("tier3", during.makerTier());
        assertEquals(300, during.takerFeeRate(), "the taker has no terms");
        assertEquals(-100, trade(at("2026-11-10T00:00:00Z"), 10).makerFeeRate(), "expired");
    }

    @Test
    void negotiatedRatesOverrideTheTierTable() {
        FeePolicy p = new FeePolicy(TierTable.venueDefault(), Map.of(),
                List.of(new NegotiatedTerms("mm-bravo", 0, Long.MAX_VALUE, null, -50L, 150L)),
                0, 30, IncentivePlan.venueDefault(), Set.of());
        engine = new MatchingEngine(TestMarkets.instruments(), TestMarkets.accounts(), p);
        TradeExecuted t = trade(at("2026-11-04T12:00:00Z"), 10);
        assertEquals(150, t.takerFeeRate());
        assertEquals("negotiated", t.takerTier());
        var s = engine.fees().tierStatus(TAKER, 1, at("2026-11-04T12:00:00Z"));
        assertEquals("negotiated", s.ratesSource());
        assertEquals(-50, s.makerRate());
    }

    @Test
    void anInstrumentCanHaveItsOwnRatesPerTier() {
        long m = 1_000_000L * Money.ONE_USDC;
        TierTable hidx = new TierTable(List.of(new FeeTier("base", 0, -150, 250), new FeeTier("tier1", m, -250, 250),
                new FeeTier("tier2", 5 * m, -350, 250), new FeeTier("tier3", 10 * m, -550, 250)));
        FeePolicy p = new FeePolicy(TierTable.venueDefault(), Map.of("HIDX-USDC", hidx), List.of(), 0, 30,
                IncentivePlan.venueDefault(), Set.of());
        engine = new MatchingEngine(TestMarkets.instruments(), TestMarkets.accounts(), p);
        TradeExecuted t = trade(at("2026-11-04T12:00:00Z"), 10);
        assertEquals(-150, t.makerFeeRate());
        assertEquals(250, t.takerFeeRate());
    }

    @Test
    void chargesRoundUpAndRebatesRoundTowardZero() {
        assertEquals(1, Money.fee(1, 300), "a charge of 0.0003 units is still one unit");
        assertEquals(0, Money.fee(1, -100), "a rebate of 0.0001 units pays nothing");
        assertEquals(4, Money.fee(10_001, 300), "10,001 x 3 bp = 3.0003 units, charged as 4");
        assertEquals(-1, Money.fee(19_999, -100), "19,999 x -1 bp = -1.9999 units, paid as -1");
        assertEquals(3, Money.fee(10_000, 300), "exact amounts are not rounded");
    }

    @Test
    void theLedgerBalancesToZeroAndSplitsCashFeesAndRebates() {
        trade(at("2026-11-02T10:00:00Z"), 1_000); // $10,000
        Ledger l = engine.fees().ledger();
        assertEquals(0, l.total(LedgerAccount.Asset.USDC));
        assertEquals(10_000L * Money.ONE_USDC, l.balance(MAKER, LedgerAccount.TRADE_CASH));
        assertEquals(Money.ONE_USDC, l.balance(MAKER, LedgerAccount.REBATES_RECEIVED), "1 bp of $10,000 = $1");
        assertEquals(-3 * Money.ONE_USDC, l.balance(TAKER, LedgerAccount.FEES_PAID));
        assertEquals(3 * Money.ONE_USDC, l.balance(-1, LedgerAccount.VENUE_FEE_INCOME));
        assertEquals(-Money.ONE_USDC, l.balance(-1, LedgerAccount.VENUE_REBATE_EXPENSE));
        assertEquals(0, l.balance(OTHER, LedgerAccount.TRADE_CASH));
    }
}
