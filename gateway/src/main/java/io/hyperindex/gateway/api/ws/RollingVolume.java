package io.hyperindex.gateway.api.ws;

/**
 * Traded quantity and notional of one instrument over the last 24 hours, in one-minute
 * buckets, counted from the trades the gateway saw since it started (a restart starts from
 * zero). Not thread-safe: the fan-out thread owns it.
 */
final class RollingVolume {
    private static final long MINUTE_NANOS = 60_000_000_000L;
    private static final int BUCKETS = 24 * 60;
    private final long[] minute = new long[BUCKETS];
    private final long[] quantity = new long[BUCKETS];
    private final long[] notional = new long[BUCKETS];
    private long totalQuantity;
    private long totalNotional;

    RollingVolume() {
        java.util.Arrays.fill(minute, Long.MIN_VALUE);
    }

    /** Adds a trade at {@code timeNanos} (epoch). */
    void add(long timeNanos, long qty, long cash) {
        long m = timeNanos / MINUTE_NANOS;
        int i = (int) Math.floorMod(m, (long) BUCKETS);
        if (minute[i] != m) {
            expire(i);
            minute[i] = m;
        }
        quantity[i] += qty;
        notional[i] += cash;
        totalQuantity += qty;
        totalNotional += cash;
    }

    /** Drops the buckets older than 24 hours before {@code nowNanos}. */
    void advance(long nowNanos) {
        long oldest = nowNanos / MINUTE_NANOS - BUCKETS + 1;
        for (int i = 0; i < BUCKETS; i++) {
            if (minute[i] != Long.MIN_VALUE && minute[i] < oldest) {
                expire(i);
            }
        }
    }

    private void expire(int i) {
        totalQuantity -= quantity[i];
        totalNotional -= notional[i];
        quantity[i] = 0;
        notional[i] = 0;
        minute[i] = Long.MIN_VALUE;
    }

    long quantity() {
        return totalQuantity;
    }

    long notional() {
        return totalNotional;
    }
}
