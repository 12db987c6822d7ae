package io.hyperindex.gateway.domain;

import java.math.BigDecimal;

/**
 * A tradable, linear, USDC-settled instrument. Inside the engine prices and quantities are
 * {@code long} counts of the smallest price and quantity units ({@code 10^-priceDecimals}
 * and {@code 10^-qtyDecimals}); tick and lot sizes are expressed in those units.
 *
 * @param id              dense index used by the engine (0..n-1)
 * @param symbol          e.g. "BTC-USDC"
 * @param priceDecimals   decimals of one price unit
 * @param qtyDecimals     decimals of one quantity unit
 * @param tick            tick size in price units
 * @param lot             lot size in quantity units
 * @param minNotional     minimum price x quantity, in cash units
 * @param maxOrderQty     largest quantity of one order, in quantity units
 * @param priceBandBps    limit prices must lie within this many bp of the reference price
 * @param marketProtectionBps a market order trades no further than this many bp from the best opposite price
 * @param referencePrice  reference price in price units until the first trade sets one
 */
public record Instrument(int id, String symbol, int priceDecimals, int qtyDecimals, long tick, long lot,
                         long minNotional, long maxOrderQty, int priceBandBps, int marketProtectionBps,
                         long referencePrice) {

    /** Largest price accepted anywhere, so that band arithmetic (price x 10,000) never overflows. */
    public static final long MAX_PRICE_UNITS = 1L << 40;

    public Instrument {
        if (priceDecimals < 0 || qtyDecimals < 0 || priceDecimals + qtyDecimals > Money.CASH_DECIMALS) {
            throw new IllegalArgumentException(symbol + ": priceDecimals + qtyDecimals must be within 0.." + Money.CASH_DECIMALS);
        }
        if (tick <= 0 || lot <= 0 || maxOrderQty <= 0 || referencePrice <= 0 || priceBandBps <= 0 || marketProtectionBps <= 0) {
            throw new IllegalArgumentException(symbol + ": tick, lot, maxOrderQty, referencePrice and bands must be positive");
        }
        if (referencePrice % tick != 0) {
            throw new IllegalArgumentException(symbol + ": referencePrice must be on the tick");
        }
        if (referencePrice > Long.MAX_VALUE / 4 / maxOrderQty / cashScale(priceDecimals, qtyDecimals)) {
            throw new IllegalArgumentException(symbol + ": maxOrderQty x referencePrice too large for exact notional arithmetic");
        }
    }

    private static final long[] POWERS_OF_TEN = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
            100_000_000L};

    private static long cashScale(int priceDecimals, int qtyDecimals) {
        return POWERS_OF_TEN[Money.CASH_DECIMALS - priceDecimals - qtyDecimals];
    }

    /** Cash units per (price unit x quantity unit). */
    public long cashPerUnit() {
        return cashScale(priceDecimals, qtyDecimals);
    }

    /**
     * Largest price an order may carry: the notional of the largest order at this price still
     * fits a long, so {@link #notional} is exact for every accepted order.
     */
    public long maxPrice() {
        return Math.min(MAX_PRICE_UNITS, Long.MAX_VALUE / maxOrderQty / cashPerUnit());
    }

    /** Notional of {@code qty} at {@code price}, in cash units; exact. */
    public long notional(long price, long qty) {
        return price * qty * cashPerUnit();
    }

    /** Converts a decimal price to price units; throws ArithmeticException if it has more decimals. */
    public long priceUnits(BigDecimal price) {
        return price.movePointRight(priceDecimals).longValueExact();
    }

    /** Converts a decimal quantity to quantity units; throws ArithmeticException if it has more decimals. */
    public long qtyUnits(BigDecimal qty) {
        return qty.movePointRight(qtyDecimals).longValueExact();
    }

    /** Price units as a decimal. */
    public BigDecimal price(long units) {
        return BigDecimal.valueOf(units, priceDecimals);
    }

    /** Quantity units as a decimal. */
    public BigDecimal qty(long units) {
        return BigDecimal.valueOf(units, qtyDecimals);
    }
}
