package io.hyperindex.gateway.fees;

/**
 * Terms agreed with one account for a period: either a fixed tier (by name) or explicit
 * maker and taker rates (hundredths of a bp). They apply to fills with a timestamp in
 * [{@code fromNanos}, {@code untilNanos}) and take precedence over the volume tier.
 */
public record NegotiatedTerms(String account, long fromNanos, long untilNanos, String fixedTier, Long makerRate,
                              Long takerRate) {
    public NegotiatedTerms {
        if (untilNanos <= fromNanos) {
            throw new IllegalArgumentException("negotiated terms for " + account + ": expiry must be after start");
        }
        if ((fixedTier == null) == (makerRate == null || takerRate == null)) {
            throw new IllegalArgumentException("negotiated terms for " + account + ": give either a fixed tier or both rates");
        }
    }

    public boolean activeAt(long timestamp) {
        return timestamp >= fromNanos && timestamp < untilNanos;
    }
}
