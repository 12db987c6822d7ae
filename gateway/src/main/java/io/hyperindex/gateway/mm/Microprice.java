package io.hyperindex.gateway.mm;

/**
 * The microprice: the mid weighted by the book's imbalance, {@code (bid*askQty + ask*bidQty)
 * / (bidQty + askQty)}. A heavy bid (I = bidQty/(bidQty+askQty) near 1) pulls it to the ask,
 * where the next trade more likely happens.
 */
public final class Microprice {
    private Microprice() {
    }

    /** Microprice from the best (or top-levels) prices and sizes; the plain mid when both sizes are 0. */
    public static double of(double bid, double bidQty, double ask, double askQty) {
        double total = bidQty + askQty;
        if (!(total > 0)) {
            return (bid + ask) / 2;
        }
        double imbalance = bidQty / total;
        return ask * imbalance + bid * (1 - imbalance);
    }
}
