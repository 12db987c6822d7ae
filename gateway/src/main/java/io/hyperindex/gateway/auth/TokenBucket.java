package io.hyperindex.gateway.auth;

/**
 * A token bucket in fixed point (tokens x 10^9, refilled per elapsed nanosecond), so refills
 * are exact at any rate. Thread-safe.
 */
final class TokenBucket {
    private static final long SCALE = 1_000_000_000L;
    private final long capacity;   // scaled
    private final long perSecond;
    private long tokens;           // scaled
    private long lastNanos;

    TokenBucket(RateLimit limit, long nowNanos) {
        this.capacity = limit.burst() * SCALE;
        this.perSecond = limit.perSecond();
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            long fullAfter = (capacity - tokens) / perSecond + 1; // nanoseconds to fill up
            tokens = elapsed >= fullAfter ? capacity : Math.min(capacity, tokens + elapsed * perSecond);
            lastNanos = nowNanos;
        }
    }

    /** True if {@code n} tokens are there now. */
    synchronized boolean available(long n, long nowNanos) {
        refill(nowNanos);
        return tokens >= n * SCALE;
    }

    synchronized void take(long n) {
        tokens -= n * SCALE;
    }

    /** Nanoseconds until {@code n} tokens will be there (0 if they are). */
    synchronized long nanosUntil(long n, long nowNanos) {
        refill(nowNanos);
        long missing = n * SCALE - tokens;
        return missing <= 0 ? 0 : (missing + perSecond - 1) / perSecond;
    }
}
