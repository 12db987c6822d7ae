package io.hyperindex.bench.mm;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.mm.Microprice;
import io.hyperindex.gateway.mm.MmParams;
import io.hyperindex.gateway.mm.QuoteLadder;
import io.hyperindex.gateway.mm.VolatilityEstimator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The market maker's work per market update: a new best bid/ask and sizes become the
 * microprice, the volatility estimator takes the new mid (and a grid sample every tenth
 * update), and the 5-level GLFT ladder is planned in engine units (fee, floors, spacing,
 * sizes, inventory bound). What {@code SymbolMaker.requote} computes before it compares the
 * plan with its live orders. Target: at most 5 us.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class QuoteBenchmark {
    /** BTC-like: price units of 0.1, lot 0.0001, 10 USDC minimum notional. */
    static final Instrument BTC = new Instrument(0, "BTC-USDC", 1, 4, 1, 1, 10 * 100_000_000L, 1_000_000, 1_000, 200, 950_000);

    private final MmParams params = MmParams.defaults();
    private final QuoteLadder ladder = new QuoteLadder(BTC, 5);
    private final VolatilityEstimator vol = new VolatilityEstimator(1_000_000_000L, 60, 300);
    private final long[] bids = new long[1024];
    private final long[] asks = new long[1024];
    private final long[] sizes = new long[1024];
    private final long[] positions = new long[1024];
    private int i;
    private long now;

    @Setup
    public void market() {
        SplittableRandom rnd = new SplittableRandom(42);
        long mid = 950_000;
        for (int n = 0; n < bids.length; n++) {
            mid += rnd.nextInt(-3, 4);
            bids[n] = mid - 1 - rnd.nextInt(3);
            asks[n] = mid + 1 + rnd.nextInt(3);
            sizes[n] = 1 + rnd.nextInt(500);
            positions[n] = rnd.nextInt(-600, 600);
        }
    }

    @Benchmark
    public long quotePerMarketUpdate() {
        int n = i++ & 1023;
        double fair = Microprice.of(bids[n], sizes[n], asks[n], sizes[(n + 7) & 1023]);
        vol.onMid(fair);
        now += 100_000_000L;
        vol.advance(now);
        double sigma = vol.ewmaSigma();
        if (!(sigma > 0)) {
            sigma = params.priorSigmaBps() * fair / 1e4;
        }
        ladder.plan(params, fair, sigma, 1.2, 0.45, positions[n], 1, true, true, false, 0, 0);
        return ladder.bidPrice[0] + ladder.askPrice[ladder.askLevels - 1] + ladder.bidLevels;
    }
}
