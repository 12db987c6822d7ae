package io.hyperindex.gateway.mm;

/**
 * Volatility of the mid in price units per sqrt(second), from mid changes sampled on a fixed
 * grid: an EWMA of squared changes, and the bipower variation (pi/2) mean(|r_i| |r_i-1|)
 * over a rolling window, which a jump inflates far less than the realized variance; the jump
 * ratio is the share of realized variance that bipower does not explain. No clock of its own:
 * the caller passes time in.
 */
public final class VolatilityEstimator {
    private final long sampleNanos;
    private final double halfLifeSeconds;
    private final double[] absReturns;
    private final double[] sqReturns;
    private int count;
    private int head;
    private double sumSq;
    private double sumBipower;
    private double ewmaVarRate = Double.NaN;
    private long nextSample = Long.MIN_VALUE;
    private double lastSampledMid = Double.NaN;
    private double mid = Double.NaN;
    private long samples;

    /**
     * @param sampleNanos     grid spacing of the samples
     * @param halfLifeSeconds half-life of the EWMA
     * @param windowSeconds   length of the bipower and realized-variance window
     */
    public VolatilityEstimator(long sampleNanos, double halfLifeSeconds, double windowSeconds) {
        this.sampleNanos = sampleNanos;
        this.halfLifeSeconds = halfLifeSeconds;
        int n = (int) Math.max(3, Math.min(1_000_000, Math.round(windowSeconds * 1e9 / sampleNanos)));
        this.absReturns = new double[n];
        this.sqReturns = new double[n];
    }

    /** The latest mid (price units); it is sampled at the next grid point. */
    public void onMid(double price) {
        mid = price;
    }

    /** Takes the samples due by {@code now} (epoch or any monotonic nanos). */
    public void advance(long now) {
        if (Double.isNaN(mid)) {
            return;
        }
        if (nextSample == Long.MIN_VALUE) {
            nextSample = now + sampleNanos;
            lastSampledMid = mid;
            return;
        }
        if (now < nextSample) {
            return;
        }
        long intervals = 1 + (now - nextSample) / sampleNanos;
        nextSample += intervals * sampleNanos;
        // a late sample spans several intervals: its change is scaled to one interval's worth
        double r = (mid - lastSampledMid) / Math.sqrt(intervals);
        lastSampledMid = mid;
        add(r, intervals);
    }

    private void add(double r, long intervals) {
        double dt = sampleNanos / 1e9;
        double alpha = Math.pow(0.5, intervals * dt / halfLifeSeconds);
        double rate = r * r / dt;
        ewmaVarRate = Double.isNaN(ewmaVarRate) ? rate : alpha * ewmaVarRate + (1 - alpha) * rate;
        int n = absReturns.length;
        double a = Math.abs(r);
        if (count == n) {
            int oldest = head;
            int second = (head + 1) % n;
            sumSq -= sqReturns[oldest];
            sumBipower -= absReturns[oldest] * absReturns[second];
        } else {
            count++;
        }
        int prev = (head + n - 1) % n;
        if (count > 1) {
            sumBipower += a * absReturns[prev];
        }
        absReturns[head] = a;
        sqReturns[head] = r * r;
        sumSq += r * r;
        head = (head + 1) % n;
        samples++;
    }

    /** Samples taken so far. */
    public long samples() {
        return samples;
    }

    /** EWMA volatility, price units per sqrt(s); NaN before the first change was sampled. */
    public double ewmaSigma() {
        return Math.sqrt(ewmaVarRate);
    }

    /** Bipower-variation volatility over the window, price units per sqrt(s); NaN with fewer than 2 samples. */
    public double bipowerSigma() {
        if (count < 2) {
            return Double.NaN;
        }
        double bv = Math.PI / 2 * Math.max(0, sumBipower) / (count - 1);
        return Math.sqrt(bv / (sampleNanos / 1e9));
    }

    /** Realized volatility over the window, price units per sqrt(s). */
    public double realizedSigma() {
        return count == 0 ? Double.NaN : Math.sqrt(Math.max(0, sumSq) / count / (sampleNanos / 1e9));
    }

    /** Share of the window's realized variance that bipower variation does not explain (0 = no jumps). */
    public double jumpRatio() {
        double rv = realizedSigma();
        double bv = bipowerSigma();
        if (!(rv > 0) || Double.isNaN(bv)) {
            return 0;
        }
        return Math.max(0, 1 - bv * bv / (rv * rv));
    }
}
