package io.hyperindex.gateway.fees;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.engine.TestMarkets;
import org.junit.jupiter.api.Test;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static io.hyperindex.gateway.fees.FeeTiersTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

class IncentivesTest {
    static final long TOKEN = IncentivePlan.TOKEN_UNITS;

    @Test
    void aThousandTokensPerMillionAreGrantedWhenTheMonthClosesAndVestAfterTheCliff() {
        MatchingEngine engine = new MatchingEngine(TestMarkets.instruments(), TestMarkets.accounts(), FeePolicy.venueDefault());
        List<EngineEvent> out = new ArrayList<>();
        // $2.5M in November: mm-alpha makes, venue-mm takes (the venue's own account earns nothing)
        engine.apply(at("2026-11-10T00:00:00Z"), new Command.PlaceOrder(0, 1, null, Side.SELL, OrderType.LIMIT,
                TimeInForce.GTC, 1_000, 250_000, 0, null), out);
        engine.apply(at("2026-11-10T00:00:01Z"), new Command.PlaceOrder(3, 1, null, Side.BUY, OrderType.LIMIT,
                TimeInForce.IOC, 1_000, 250_000, 0, null), out);
        var mid = engine.fees().incentives(0, at("2026-11-20T00:00:00Z"));
        assertEquals(2_500 * TOKEN, mid.pendingThisMonth(), "accruing during the month");
        assertEquals(0, mid.vested());
        out.clear();
        engine.apply(at("2026-12-01T00:00:00Z"), new Command.Tick(), out);
        List<EngineEvent.IncentiveGranted> grants = out.stream().filter(EngineEvent.IncentiveGranted.class::isInstance)
                .map(EngineEvent.IncentiveGranted.class::cast).toList();
        assertEquals(1, grants.size(), "only the eligible partner: venue-mm earns no tokens");
        assertEquals(new EngineEvent.IncentiveGranted(0, "2026-11", 2_500_000L * Money.ONE_USDC, 2_500 * TOKEN,
                at("2026-12-01T00:00:00Z")), grants.get(0));
        Ledger l = engine.fees().ledger();
        assertEquals(2_500 * TOKEN, l.balance(0, LedgerAccount.INCENTIVE_TOKENS));
        assertEquals(0, l.total(LedgerAccount.Asset.TOKEN));

        FeeEngine f = engine.fees();
        assertEquals(0, f.incentives(0, at("2027-05-31T23:59:59Z")).vested(), "nothing before the 6-month cliff");
        assertEquals(0, f.incentives(0, at("2027-06-01T00:00:00Z")).vested(), "vesting starts at the cliff");
        long third = f.incentives(0, at("2027-12-01T00:00:00Z")).vested();
        // 6 of 18 months of linear vesting have passed: a third, give or take month lengths
        assertEquals(2_500 * TOKEN / 3, third, 2_500 * TOKEN / 100);
        var done = f.incentives(0, at("2028-12-01T00:00:00Z"));
        assertEquals(2_500 * TOKEN, done.vested());
        assertEquals(0, done.unvested());
        assertEquals(2_500 * TOKEN, done.accrued());
    }

    @Test
    void tokenArithmeticIsExactAndRoundsDown() {
        IncentivePlan p = IncentivePlan.venueDefault();
        assertEquals(1_000 * TOKEN, p.tokensFor(1_000_000L * Money.ONE_USDC));
        assertEquals(1, p.tokensFor(1_000), "$0.00001 earns 10^-8 token");
        assertEquals(0, p.tokensFor(999));
        assertEquals(Long.MAX_VALUE / 1_000, p.tokensFor(Long.MAX_VALUE), "no overflow at the extreme");
        assertEquals(IncentivePlan.grantTime(YearMonth.of(2026, 11)), at("2026-12-01T00:00:00Z"));
    }
}
