package io.hyperindex.gateway.risk;

/** Supplies the mark price of an instrument (price units; 0 = none) for P&amp;L and exposure. */
@FunctionalInterface
public interface MarkSource {
    long markPrice(int instrument);
}
