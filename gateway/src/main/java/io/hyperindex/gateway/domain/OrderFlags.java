package io.hyperindex.gateway.domain;

/** Bit flags an order carries; combined with {@code |}. */
public final class OrderFlags {
    /** Rejected instead of taking liquidity (Hyperliquid ALO, Binance LIMIT_MAKER). */
    public static final int POST_ONLY = 1;
    /** Never fills more than the position it reduces; the rest is cancelled. */
    public static final int REDUCE_ONLY = 2;
    /** Counted by market-maker protection and cancelled when it trips. */
    public static final int MMP = 4;

    private OrderFlags() {
    }

    /** True when {@code flags} has every bit of {@code flag}. */
    public static boolean has(int flags, int flag) {
        return (flags & flag) == flag;
    }
}
