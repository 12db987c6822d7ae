package io.hyperindex.gateway.domain;

/** What the book does when an order would trade against a resting order of the same account. */
public enum SelfTradePrevention {
    /** Cancel the incoming order's remainder; the resting order stays (default). */
    CANCEL_TAKER,
    /** Cancel the resting order and keep matching the incoming one. */
    CANCEL_MAKER,
    /** Cancel both the resting order and the incoming remainder. */
    CANCEL_BOTH
}
