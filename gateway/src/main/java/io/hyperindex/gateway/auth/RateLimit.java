package io.hyperindex.gateway.auth;

/**
 * A token-bucket rate: {@code perSecond} requests per second sustained, bursts up to
 * {@code burst}. "Unlimited" for a qualified market maker is a high ceiling, never none.
 */
public record RateLimit(long perSecond, long burst) {
    public RateLimit {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("a rate limit needs a positive rate and burst");
        }
        if (perSecond > 100_000_000 || burst > 100_000_000) {
            throw new IllegalArgumentException("rate limits above 100,000,000 are not ceilings");
        }
    }
}
