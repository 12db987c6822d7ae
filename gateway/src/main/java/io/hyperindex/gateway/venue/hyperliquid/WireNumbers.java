package io.hyperindex.gateway.venue.hyperliquid;

import java.math.BigDecimal;

/**
 * Hyperliquid's rules for prices and sizes on the wire, with Hyperliquid's own error strings:
 * a price has at most 5 significant figures and at most {@code 6 − szDecimals} decimals for
 * perps ({@code 8 − szDecimals} for spot), except that an integer price is always allowed; a
 * size has at most {@code szDecimals} decimals. Numbers are plain decimal strings; what the
 * gateway sends carries no trailing zeros.
 */
public final class WireNumbers {
    /** Hyperliquid's answer to a price off its precision rules. */
    public static final String PRICE_ERROR = "Price must be divisible by tick size.";
    /** Hyperliquid's answer to a size with too many decimals, zero or negative. */
    public static final String SIZE_ERROR = "Order has invalid size.";

    private static final int MAX_SIGNIFICANT_FIGURES = 5;
    private static final int PERP_MAX_DECIMALS = 6;
    private static final int SPOT_MAX_DECIMALS = 8;

    private WireNumbers() {
    }

    /** A strict plain decimal ("123", "0.05", "2000.0"), or null if {@code s} is anything else. */
    public static BigDecimal parse(String s) {
        if (s == null || !s.matches("[0-9]+(\\.[0-9]+)?") || s.length() > 40) {
            return null;
        }
        return new BigDecimal(s);
    }

    /** Null if {@code px} is a valid price for an asset with {@code szDecimals}, else Hyperliquid's error. */
    public static String checkPrice(String px, int szDecimals, boolean spot) {
        BigDecimal p = parse(px);
        if (p == null || p.signum() <= 0) {
            return PRICE_ERROR;
        }
        BigDecimal stripped = p.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return null; // integer prices are always allowed
        }
        int maxDecimals = (spot ? SPOT_MAX_DECIMALS : PERP_MAX_DECIMALS) - szDecimals;
        return stripped.precision() <= MAX_SIGNIFICANT_FIGURES && stripped.scale() <= maxDecimals ? null : PRICE_ERROR;
    }

    /** Null if {@code sz} is a valid size for an asset with {@code szDecimals}, else Hyperliquid's error. */
    public static String checkSize(String sz, int szDecimals) {
        BigDecimal s = parse(sz);
        if (s == null || s.signum() <= 0) {
            return SIZE_ERROR;
        }
        return Math.max(0, s.stripTrailingZeros().scale()) <= szDecimals ? null : SIZE_ERROR;
    }

    /** The wire form of a non-negative decimal: plain digits, no exponent, no trailing zeros ("0.1", "95000"). */
    public static String toWire(BigDecimal v) {
        if (v.signum() < 0) {
            throw new IllegalArgumentException("prices and sizes are not negative: " + v);
        }
        return v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    }
}
