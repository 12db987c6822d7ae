package io.hyperindex.gateway.auth;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimiterTest {
    final AtomicLong now = new AtomicLong(1_000);

    RateLimiter limiter(RateLimit account, RateLimit key) {
        return new RateLimiter(a -> account, k -> key, now::get);
    }

    @Test
    void aBurstIsAllowedThenTheSustainedRate() {
        RateLimiter l = limiter(new RateLimit(10, 5), new RateLimit(1_000, 1_000));
        for (int i = 0; i < 5; i++) {
            assertTrue(l.tryAcquire("mm-alpha", "k1", 1).allowed(), "burst of 5");
        }
        RateLimiter.Decision no = l.tryAcquire("mm-alpha", "k1", 1);
        assertFalse(no.allowed());
        assertEquals(100_000_000L, no.retryAfterNanos(), "one token per 100 ms at 10/s");
        now.addAndGet(99_999_999L);
        assertFalse(l.tryAcquire("mm-alpha", "k1", 1).allowed(), "1 ns short");
        now.addAndGet(1);
        assertTrue(l.tryAcquire("mm-alpha", "k1", 1).allowed(), "exactly at the refill");
    }

    @Test
    void theKeyLimitAppliesPerKeyAndARefusalTakesNothing() {
        RateLimiter l = limiter(new RateLimit(1_000, 10), new RateLimit(1, 2));
        assertTrue(l.tryAcquire("mm-alpha", "k1", 2).allowed());
        assertFalse(l.tryAcquire("mm-alpha", "k1", 1).allowed(), "key k1 is empty");
        for (int i = 0; i < 8; i++) {
            // another key of the same account still has its own 2, and the account had 10
            RateLimiter.Decision d = l.tryAcquire("mm-alpha", "k" + (i + 2), 1);
            assertTrue(d.allowed(), "key k" + (i + 2));
        }
        assertFalse(l.tryAcquire("mm-alpha", "k99", 1).allowed(), "the account's 10 are used up");
        assertTrue(l.tryAcquire("mm-bravo", "k100", 2).allowed(), "other accounts are not affected");
    }

    @Test
    void aBatchCostsItsItemCountAndTheBucketNeverOverfills() {
        RateLimiter l = limiter(new RateLimit(40, 40), new RateLimit(40, 40));
        assertTrue(l.tryAcquire("a", null, 40).allowed());
        assertFalse(l.tryAcquire("a", null, 1).allowed());
        now.addAndGet(3_600_000_000_000L); // an hour idle refills only up to the burst
        assertTrue(l.tryAcquire("a", null, 40).allowed());
        assertFalse(l.tryAcquire("a", null, 1).allowed());
    }
}
