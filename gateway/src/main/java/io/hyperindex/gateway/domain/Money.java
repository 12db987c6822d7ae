package io.hyperindex.gateway.domain;

/**
 * Cash is a {@code long} count of 10^-8 USDC ("cash units"), the scale every account,
 * fee and P&amp;L figure uses. An instrument's price and quantity scales must add up to at
 * most 8 decimals so that price x quantity converts to cash exactly.
 */
public final class Money {
    /** Decimals of one cash unit. */
    public static final int CASH_DECIMALS = 8;
    /** Cash units in one USDC. */
    public static final long ONE_USDC = 100_000_000L;
    /** Fee rates are in hundredths of a basis point: 100 = 1 bp = 0.01%. */
    public static final long RATE_UNITS_PER_ONE = 1_000_000L;

    private Money() {
    }

    /**
     * The fee for {@code notional} at {@code rate} (hundredths of a bp). The venue's rounding
     * rule lives here and nowhere else: a charge (positive) rounds up to the next cash unit,
     * a rebate (negative) rounds toward zero, so the venue never pays out a fraction it did
     * not earn.
     */
    public static long fee(long notional, long rate) {
        if (rate == 0 || notional == 0) {
            return 0;
        }
        long product = Math.multiplyExact(notional, rate);
        if (product > 0) {
            return Math.floorDiv(product + RATE_UNITS_PER_ONE - 1, RATE_UNITS_PER_ONE);
        }
        return -((-product) / RATE_UNITS_PER_ONE);
    }

    /** Formats cash units as a plain decimal USDC string, e.g. {@code 150000000 -> "1.5"}. */
    public static String format(long cash) {
        return java.math.BigDecimal.valueOf(cash, CASH_DECIMALS).stripTrailingZeros().toPlainString();
    }
}
