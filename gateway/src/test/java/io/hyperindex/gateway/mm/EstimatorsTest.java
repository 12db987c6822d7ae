package io.hyperindex.gateway.mm;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The estimators recover known parameters from synthetic data, within the stated tolerances. */
class EstimatorsTest {
    private static final long SECOND = 1_000_000_000L;

    /** A Brownian mid with sigma price units per sqrt(s), observed every 100 ms, sampled each second. */
    private static VolatilityEstimator brownian(double sigma, long seconds, double jumpSize, int jumpEvery, long seed) {
        VolatilityEstimator v = new VolatilityEstimator(SECOND, 600, seconds);
        SplittableRandom rnd = new SplittableRandom(seed);
        double mid = 1000;
        for (long t = 0; t <= seconds * 10; t++) {
            mid += sigma * Math.sqrt(0.1) * gaussian(rnd);
            if (jumpEvery > 0 && t % (jumpEvery * 10L) == 5) {
                mid += rnd.nextBoolean() ? jumpSize : -jumpSize;
            }
            v.onMid(mid);
            v.advance(t * SECOND / 10);
        }
        return v;
    }

    static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    @Test
    void ewmaAndBipowerRecoverSigmaWithinEightPercent() {
        VolatilityEstimator v = brownian(2.0, 5_000, 0, 0, 7);
        // 5,000 one-second samples: bipower's standard error is about 1.5%, the EWMA (600 s
        // half-life, ~870 effective samples) about 3.5%; 8% is more than twice either
        assertEquals(2.0, v.bipowerSigma(), 0.16);
        assertEquals(2.0, v.ewmaSigma(), 0.16);
        assertEquals(2.0, v.realizedSigma(), 0.16);
        assertTrue(v.jumpRatio() < 0.1, "no jumps, ratio " + v.jumpRatio());
    }

    @Test
    void jumpsInflateRealizedVarianceButNotBipower() {
        // a jump of 20 every 50 s adds 400/50 = 8 per second to the variance rate (4 from diffusion)
        VolatilityEstimator v = brownian(2.0, 5_000, 20, 50, 11);
        assertEquals(Math.sqrt(12), v.realizedSigma(), 0.4);
        // bipower only picks up the jump x neighbour cross terms: (pi/2) 2 x 20 x E|r| / 50 ~ 2 per s,
        // so about sqrt(4 + 2) = 2.45 against the realized 3.46
        assertEquals(Math.sqrt(6), v.bipowerSigma(), 0.25);
        assertTrue(v.jumpRatio() > 0.4, "jump ratio " + v.jumpRatio());
    }

    @Test
    void lateSamplesAreScaledToOneInterval() {
        VolatilityEstimator v = new VolatilityEstimator(SECOND, 60, 300);
        v.onMid(100);
        v.advance(0);
        v.onMid(104); // 4 over 4 s: scaled to 2 per one-second interval, variance rate 4
        v.advance(4 * SECOND);
        assertEquals(2.0, v.ewmaSigma(), 1e-9);
    }

    /** Poisson trades at rate A whose depth is exponential with rate k: lambda(delta) = A exp(-k delta). */
    private static IntensityEstimator synthetic(double a, double k, long seconds, long seed) {
        IntensityEstimator est = new IntensityEstimator(0.5, 40, seconds);
        SplittableRandom rnd = new SplittableRandom(seed);
        double t = 0;
        while (true) {
            t += -Math.log(1 - rnd.nextDouble()) / a;
            if (t >= seconds) {
                break;
            }
            est.onTrade((long) (t * 1e9), -Math.log(1 - rnd.nextDouble()) / k);
        }
        return est;
    }

    @Test
    void intensityFitRecoversAAndKWithinTenPercent() {
        IntensityEstimator est = synthetic(2.0, 0.4, 3_600, 3);
        assertTrue(est.fit(3_600L * SECOND));
        // 7,200 trades: the buckets the fit uses hold >= 5 trades each
        assertEquals(2.0, est.a(), 0.2);
        assertEquals(0.4, est.k(), 0.04);
        assertTrue(est.pointsInFit() >= 10);
    }

    @Test
    void theWindowForgetsOldTrades() {
        IntensityEstimator est = new IntensityEstimator(1, 10, 60);
        for (int i = 0; i < 100; i++) {
            est.onTrade(i * SECOND / 10, i % 5);
        }
        assertTrue(est.fit(10 * SECOND));
        assertFalse(est.fit(200 * SECOND), "every trade left the 60 s window");
        assertEquals(100, est.totalTrades(), "the warm-up count keeps them");
    }

    @Test
    void micropriceLeansTowardsTheThinSide() {
        assertEquals(100.5, Microprice.of(100, 5, 101, 5), 1e-12);
        // heavy bid (I = 0.9): close to the ask
        assertEquals(100 * 0.1 + 101 * 0.9, Microprice.of(100, 9, 101, 1), 1e-12);
        assertEquals(100.5, Microprice.of(100, 0, 101, 0), 1e-12);
    }
}
