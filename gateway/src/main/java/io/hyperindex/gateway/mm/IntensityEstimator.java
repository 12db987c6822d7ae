package io.hyperindex.gateway.mm;

import java.util.ArrayDeque;

/**
 * Order-arrival intensity lambda(delta) = A exp(-k delta), from the depth each trade reaches
 * relative to the mid before it: trades are counted per depth bucket over a rolling window;
 * a quote at depth delta_j would have been reached by every trade at least that deep, so
 * lambda(delta_j) is the count of trades in buckets j and beyond per second. A log-linear
 * least-squares fit of ln lambda against delta gives ln A (intercept) and -k (slope). Buckets
 * with fewer than {@link #MIN_COUNT} trades are left out of the fit: their logarithm is noise.
 * Fewer than {@link #MIN_POINTS} qualifying buckets, or a slope that is not negative, keep
 * the previous fit. Depth is in whatever unit the caller uses (the market maker: bp of the prior mid).
 */
public final class IntensityEstimator {
    /** Trades a bucket needs (cumulatively) to enter the fit. */
    public static final int MIN_COUNT = 5;
    /** Buckets a fit needs: a line through two points says nothing about its error. */
    public static final int MIN_POINTS = 3;

    private final double bucketWidth;
    private final long[] counts;
    private final long windowNanos;
    private final ArrayDeque<long[]> trades = new ArrayDeque<>();
    private long firstTrade = Long.MIN_VALUE;
    private long totalTrades;
    private double a = Double.NaN;
    private double k = Double.NaN;
    private int pointsInFit;

    public IntensityEstimator(double bucketWidth, int buckets, double windowSeconds) {
        this.bucketWidth = bucketWidth;
        this.counts = new long[buckets];
        this.windowNanos = (long) (windowSeconds * 1e9);
    }

    /** A trade that reached {@code depth} (not negative) at time {@code now}. */
    public void onTrade(long now, double depth) {
        int b = (int) Math.min(counts.length - 1, Math.max(0, Math.floor(depth / bucketWidth)));
        counts[b]++;
        trades.addLast(new long[]{now, b});
        if (firstTrade == Long.MIN_VALUE) {
            firstTrade = now;
        }
        totalTrades++;
    }

    /** Trades seen since the start (not only in the window): the warm-up count. */
    public long totalTrades() {
        return totalTrades;
    }

    /**
     * Drops trades older than the window and refits; keeps the previous fit if fewer than
     * {@link #MIN_POINTS} buckets qualify or the slope is not negative.
     *
     * @return true if the fit was updated
     */
    public boolean fit(long now) {
        while (!trades.isEmpty() && trades.peekFirst()[0] < now - windowNanos) {
            counts[(int) trades.pollFirst()[1]]--;
        }
        if (firstTrade == Long.MIN_VALUE) {
            return false;
        }
        double seconds = Math.max(1e-9, Math.min(windowNanos, now - firstTrade) / 1e9);
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        long cumulative = 0;
        for (int j = counts.length - 1; j >= 0; j--) {
            cumulative += counts[j];
            if (cumulative >= MIN_COUNT) {
                double x = j * bucketWidth;
                double y = Math.log(cumulative / seconds);
                sx += x;
                sy += y;
                sxx += x * x;
                sxy += x * y;
                n++;
            }
        }
        if (n < MIN_POINTS) {
            return false;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        if (!(slope < 0)) {
            return false;
        }
        k = -slope;
        a = Math.exp((sy - slope * sx) / n);
        pointsInFit = n;
        return true;
    }

    /** The fitted A (trades per second reaching depth 0), NaN before a fit. */
    public double a() {
        return a;
    }

    /** The fitted k (per unit of depth), NaN before a fit. */
    public double k() {
        return k;
    }

    /** Buckets used by the last fit. */
    public int pointsInFit() {
        return pointsInFit;
    }
}
