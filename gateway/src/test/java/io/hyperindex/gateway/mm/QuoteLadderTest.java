package io.hyperindex.gateway.mm;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.engine.TestMarkets;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ladder: GLFT in bp, the fee, the floors, spacing, sizes and the inventory bound. */
class QuoteLadderTest {
    // BTC-like: price units of 0.01, tick 0.10 (10 units), lot 0.0001; fair 95,000.00
    private static final Instrument BTC = TestMarkets.instruments().get(0);
    private static final double FAIR = 9_500_000;

    private static QuoteLadder plan(MmParams p, double sigmaBps, double a, double k, long position) {
        QuoteLadder l = new QuoteLadder(BTC, p.levels());
        l.plan(p, FAIR, sigmaBps * FAIR / 1e4, a, k, position, 1, true, true, false, 0, 0);
        return l;
    }

    @Test
    void minimumSpreadFloorsATightModelQuote() {
        // A huge and k large: GLFT alone would quote ~0.3 bp; fee 1.5 bp; floor 8 bp total = 4 bp a side
        QuoteLadder l = plan(MmParams.defaults(), 0.01, 1e6, 3, 0);
        assertEquals(4.0, l.halfSpreadBps, 1e-12);
        // 95,000 x (1 - 4e-4) = 94,962.00 and 95,038.00, both on the 0.10 tick
        assertEquals(9_496_200, l.bidPrice[0]);
        assertEquals(9_503_800, l.askPrice[0]);
    }

    @Test
    void makerFeeIsAddedToTheModelHalfSpread() {
        MmParams noFloor = MmParams.defaults().with(Map.of("minSpreadBps", "0", "tauUpdateMs", "0"));
        QuoteLadder withFee = plan(noFloor, 1, 1, 0.5, 0);
        QuoteLadder noFee = plan(noFloor.with(Map.of("makerFeeBps", "0")), 1, 1, 0.5, 0);
        assertEquals(1.5, withFee.halfSpreadBps - noFee.halfSpreadBps, 1e-12);
        // gamma 0.3, k 0.5/bp, A 1/s, sigma 1 bp/sqrt(s), delta 1 lot
        double c1 = Math.log(1 + 0.3 / 0.5) / 0.3;
        double c2 = Math.sqrt(0.3 / (2 * 0.5) * Math.pow(1.6, 0.5 / 0.3 + 1));
        assertEquals(c1 + 0.5 * c2, noFee.halfSpreadBps, 1e-9);
    }

    @Test
    void latencyFloorIsSigmaTimesRootTwoTau() {
        // sigma 100 bp/sqrt(s), tau 50 ms: 100 x sqrt(0.1) = 31.62 bp beats the model (A huge) and the 4 bp floor
        QuoteLadder l = plan(MmParams.defaults().with(Map.of("makerFeeBps", "0", "maxSpreadBps", "100")), 100, 1e9, 50, 0);
        assertEquals(100 * Math.sqrt(2 * 0.05), l.halfSpreadBps, 1e-9);
    }

    @Test
    void theSpreadCapHoldsWhateverTheEstimatesSay() {
        // k tiny: GLFT's c1 = ln(1 + gamma/k)/gamma explodes; the 50 bp cap (the venue's 0.5% obligation) holds
        QuoteLadder l = plan(MmParams.defaults(), 1, 1, 1e-6, 0);
        assertEquals(25.0, l.halfSpreadBps, 1e-12);
        assertEquals(9_500_000 - 23_750, l.bidPrice[0]);
        assertEquals(9_500_000 + 23_750, l.askPrice[0]);
    }

    @Test
    void longInventoryMovesBothSidesDown() {
        MmParams p = MmParams.defaults().with(Map.of("minSpreadBps", "0"));
        QuoteLadder flat = plan(p, 2, 1, 0.5, 0);
        long lot0 = (long) flat.levelZeroSize;
        QuoteLadder lng = plan(p, 2, 1, 0.5, 2 * lot0);
        assertEquals(2.0, lng.inventoryLots, 0.01);
        assertTrue(lng.bidPrice[0] < flat.bidPrice[0] && lng.askPrice[0] < flat.askPrice[0]);
        // each side moves by skew x q = 2 x skew bp of fair, to the tick
        double shift = 2 * flat.skewBps * FAIR / 1e4;
        assertEquals(shift, flat.askPrice[0] - lng.askPrice[0], 2 * BTC.tick());
    }

    @Test
    void levelsAreSpacedGeometricallyFromMinToMaxDepth() {
        QuoteLadder l = plan(MmParams.defaults(), 1, 1, 0.5, 0);
        assertEquals(5, l.bidLevels);
        assertEquals(5, l.askLevels);
        // extra depths 5, 5*10^(1/3), 5*10^(2/3), 50 bp beyond level 0
        double[] extra = {0, 5, 5 * Math.cbrt(10), 5 * Math.cbrt(100), 50};
        for (int i = 1; i < 5; i++) {
            assertEquals(extra[i] * FAIR / 1e4, l.askPrice[i] - l.askPrice[0], BTC.tick());
            assertEquals(extra[i] * FAIR / 1e4, l.bidPrice[0] - l.bidPrice[i], BTC.tick());
        }
        QuoteLadder lin = plan(MmParams.defaults().with(Map.of("spacing", "linear")), 1, 1, 0.5, 0);
        assertEquals(20 * FAIR / 1e4, lin.askPrice[2] - lin.askPrice[0], BTC.tick()); // 5 + 45/3
    }

    @Test
    void sizesSplitTheNotionalPerSide() {
        QuoteLadder eq = plan(MmParams.defaults(), 1, 1, 0.5, 0);
        // 5,000 USDC / 5 levels = 1,000 USDC = 0.010526 BTC -> 105 lots of 0.0001
        for (int i = 0; i < 5; i++) {
            assertEquals(105, eq.bidSize[i]);
        }
        QuoteLadder back = plan(MmParams.defaults().with(Map.of("sizeAllocation", "back")), 1, 1, 0.5, 0);
        assertTrue(back.askSize[4] > back.askSize[0]);
        assertEquals(5 * back.askSize[0], back.askSize[4], 5);
    }

    @Test
    void atTheInventoryBoundTheSideThatWouldGrowThePositionStops() {
        MmParams p = MmParams.defaults().with(Map.of("maxLongUsd", "2500"));
        long maxLong = (long) Math.floor(2500 / (FAIR * BTC.cashPerUnit() / 1e8)); // 263 lots
        QuoteLadder some = plan(p, 1, 1, 0.5, 0);
        long total = 0;
        for (int i = 0; i < some.bidLevels; i++) {
            total += some.bidSize[i];
        }
        assertEquals(maxLong, total, "105 + 105 + the 53 lots that fit");
        assertEquals(3, some.bidLevels);
        QuoteLadder atBound = plan(p, 1, 1, 0.5, maxLong);
        assertEquals(0, atBound.bidLevels);
        assertEquals(5, atBound.askLevels, "the reducing side keeps quoting");
    }

    @Test
    void hedgeOnlyQuotesOnlyTheReducingSideUpToThePosition() {
        QuoteLadder l = plan(MmParams.defaults().with(Map.of("hedgeOnly", "true")), 1, 1, 0.5, -150);
        assertEquals(0, l.askLevels);
        assertEquals(2, l.bidLevels); // 105 + 45
        assertEquals(45, l.bidSize[1]);
    }

    @Test
    void paramsRejectUnknownKnobsAndBadValuesWithoutChangingAnything() {
        MmParams d = MmParams.defaults();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> d.with(Map.of("gama", "1", "levels", "2.5", "spacing", "wide")));
        assertTrue(e.getMessage().contains("unknown market-maker parameter 'gama'"), e.getMessage());
        assertTrue(e.getMessage().contains("levels must be a whole number"), e.getMessage());
        assertTrue(e.getMessage().contains("spacing must be one of geometric, linear"), e.getMessage());
        assertEquals(0.3, d.gamma());
        assertEquals(Map.of("gamma", "0.5"), d.with(Map.of("gamma", "0.5")).diff(d));
    }
}
