package io.hyperindex.gateway.risk;

/** Supplies the mark price of an instrument (price units; 0 = none) for P&amp;L and exposure. */
@FunctionalInterface
public interface MarkSource {
    long markPrice(int instrument);

    /**
     * A number that changes whenever any mark price changes, so that sums over marks can be
     * reused while it stays the same; -1 (the default) means unknown: never reuse.
     */
    default long version() {
        return -1;
    }
}
