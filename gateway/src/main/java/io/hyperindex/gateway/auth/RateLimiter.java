package io.hyperindex.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Rate limits per account and per API key, checked by every protocol adapter before a request
 * reaches the engine (a refused request is never journaled). Each account and each key has a
 * token bucket at its tier's rate; a request must fit both, and takes from both only if it
 * does. Buckets live in Caffeine caches that forget idle keys, so a flood of distinct key ids
 * cannot grow memory without bound.
 */
public final class RateLimiter {
    private final Function<String, RateLimit> accountLimits;
    private final Function<String, RateLimit> keyLimits;
    private final LongSupplier nanoClock;
    private final Cache<String, TokenBucket> accounts;
    private final Cache<String, TokenBucket> keys;

    /**
     * @param accountLimits the limit for an account (by its tier)
     * @param keyLimits     the limit for a key id (by its account's tier)
     * @param nanoClock     monotonic time, e.g. System::nanoTime
     */
    public RateLimiter(Function<String, RateLimit> accountLimits, Function<String, RateLimit> keyLimits, LongSupplier nanoClock) {
        this.accountLimits = accountLimits;
        this.keyLimits = keyLimits;
        this.nanoClock = nanoClock;
        this.accounts = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
        this.keys = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    /** The verdict on one request: allowed, or how long to wait. */
    public record Decision(boolean allowed, long retryAfterNanos) {
        static final Decision ALLOWED = new Decision(true, 0);
    }

    /**
     * Takes {@code cost} tokens (a batch costs its item count) from the account's and the key's
     * buckets if both have them. {@code keyId} may be null for sessions without a key (FIX
     * sessions authenticate per session, which then counts as the key).
     */
    public Decision tryAcquire(String account, String keyId, int cost) {
        long now = nanoClock.getAsLong();
        TokenBucket a = accounts.get(account, k -> new TokenBucket(accountLimits.apply(k), now));
        TokenBucket k = keyId == null ? null : keys.get(keyId, id -> new TokenBucket(keyLimits.apply(id), now));
        // lock in a fixed order (account, then key) so concurrent requests cannot deadlock
        synchronized (a) {
            if (k == null) {
                if (!a.available(cost, now)) {
                    return new Decision(false, a.nanosUntil(cost, now));
                }
                a.take(cost);
                return Decision.ALLOWED;
            }
            synchronized (k) {
                boolean okA = a.available(cost, now);
                boolean okK = k.available(cost, now);
                if (!okA || !okK) {
                    return new Decision(false, Math.max(a.nanosUntil(cost, now), k.nanosUntil(cost, now)));
                }
                a.take(cost);
                k.take(cost);
                return Decision.ALLOWED;
            }
        }
    }

    /** Drops an account's and its keys' buckets (after a tier change), so the new rate applies at once. */
    public void forget(String account, Iterable<String> keyIds) {
        accounts.invalidate(account);
        for (String k : keyIds) {
            keys.invalidate(k);
        }
    }
}
