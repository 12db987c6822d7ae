package io.hyperindex.gateway.api.hl;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.TreeSet;

/**
 * Hyperliquid's nonce rules, per signer: the 100 highest nonces used are kept; a new nonce must
 * not be one of them, must exceed the smallest of them once there are 100, and must lie within
 * (now − 2 days, now + 1 day). Signers idle for three days are forgotten (their nonces would
 * be outside the window anyway).
 */
final class NonceWindow {
    static final int KEPT = 100;
    static final long PAST_MILLIS = 2L * 86_400_000;
    static final long FUTURE_MILLIS = 86_400_000;

    private final Cache<String, TreeSet<Long>> used = Caffeine.newBuilder()
            .expireAfterAccess(java.time.Duration.ofDays(3)).maximumSize(1_000_000).build();

    /** Null if {@code nonce} is accepted (and now used), else why not. */
    String use(String signer, long nonce, long nowMillis) {
        if (nonce <= nowMillis - PAST_MILLIS || nonce >= nowMillis + FUTURE_MILLIS) {
            return "Invalid nonce: " + nonce + " is outside (now - 2 days, now + 1 day).";
        }
        TreeSet<Long> set = used.get(signer, s -> new TreeSet<>());
        synchronized (set) {
            if (set.contains(nonce)) {
                return "Invalid nonce: " + nonce + " was already used.";
            }
            if (set.size() >= KEPT && nonce < set.first()) {
                return "Invalid nonce: " + nonce + " is below the lowest of the last " + KEPT + " nonces used.";
            }
            set.add(nonce);
            if (set.size() > KEPT) {
                set.pollFirst();
            }
            return null;
        }
    }
}
