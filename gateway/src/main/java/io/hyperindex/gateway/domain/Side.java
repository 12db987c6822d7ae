package io.hyperindex.gateway.domain;

/** Side of an order: buyers pay cash and gain position, sellers the reverse. */
public enum Side {
    BUY(1),
    SELL(-1);

    private final int sign;

    Side(int sign) {
        this.sign = sign;
    }

    /** +1 for buy, -1 for sell: the sign a fill of this side adds to a position. */
    public int sign() {
        return sign;
    }

    /** The side an order of this side trades against. */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
