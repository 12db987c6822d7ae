package io.hyperindex.gateway.venue.hyperliquid;

/**
 * Hyperliquid's request budgets as the adapter tracks them, so that it waits instead of being
 * refused: the IP budget (1,200 weight per minute, refilled continuously; an exchange action
 * weighs 1 + floor(n / 40), info requests 2 or 20) and the address budget (10,000 requests plus
 * one per USDC traded; a batch of n orders or cancels counts n; cancels may exceed it, as on
 * Hyperliquid, so that risk can always be taken off). Shared by the sender, control and stream threads (synchronized).
 */
public final class RateBudget {
    private final double ipCapacity;
    private final double ipPerNano;
    private double ipTokens;
    private long refilledAt;
    private final long addressBuffer;
    private long addressUsed;
    private long tradedUsdc;

    /** @param ipWeightPerMinute Hyperliquid's 1,200; @param addressBuffer its 10,000 */
    public RateBudget(int ipWeightPerMinute, long addressBuffer, long nowNanos) {
        this.ipCapacity = ipWeightPerMinute;
        this.ipPerNano = ipWeightPerMinute / 60e9;
        this.ipTokens = ipWeightPerMinute;
        this.refilledAt = nowNanos;
        this.addressBuffer = addressBuffer;
    }

    /** Weight of an exchange action carrying {@code n} orders or cancels. */
    public static int exchangeWeight(int n) {
        return 1 + n / 40;
    }

    /** Weight of an info request (orderStatus and l2Book-like reads 2, the rest 20). */
    public static int infoWeight(String type) {
        return switch (type) {
            case "l2Book", "allMids", "clearinghouseState", "orderStatus" -> 2;
            default -> 20;
        };
    }

    private synchronized void refill(long nowNanos) {
        ipTokens = Math.min(ipCapacity, ipTokens + (nowNanos - refilledAt) * ipPerNano);
        refilledAt = nowNanos;
    }

    /**
     * Takes {@code weight} of the IP budget and {@code addressRequests} of the address budget if both
     * allow it now; else takes nothing and returns the nanoseconds to wait (Long.MAX_VALUE: the address
     * budget is spent until more volume trades).
     */
    public synchronized long tryTake(int weight, int addressRequests, boolean cancel, long nowNanos) {
        refill(nowNanos);
        if (!cancel && addressRequests > 0 && addressUsed + addressRequests > addressBuffer + tradedUsdc) {
            return Long.MAX_VALUE;
        }
        if (ipTokens < weight) {
            return (long) Math.ceil((weight - ipTokens) / ipPerNano);
        }
        ipTokens -= weight;
        addressUsed += addressRequests;
        return 0;
    }

    /** Fills add to the address budget: one request per USDC traded. */
    public synchronized void traded(long usdc) {
        tradedUsdc += usdc;
    }

    public synchronized long addressUsed() {
        return addressUsed;
    }

    public synchronized double ipAvailable(long nowNanos) {
        refill(nowNanos);
        return ipTokens;
    }
}
