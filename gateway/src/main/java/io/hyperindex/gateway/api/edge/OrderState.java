package io.hyperindex.gateway.api.edge;

/** Where an order stands after a command, as every API reports it. */
public enum OrderState {
    /** Resting, nothing filled. */
    NEW,
    /** Resting with part of it filled. */
    PARTIALLY_FILLED,
    /** Entirely filled: no longer on the book. */
    FILLED,
    /** Ended by a cancel (the account's, a mass cancel, a protection) with quantity left. */
    CANCELLED,
    /** Ended by its time in force (IOC remainder, FOK, a market order without liquidity). */
    EXPIRED,
    /**
     * A cancel of an order routed to a remote venue (Hyperliquid) was accepted and sent; the
     * order stays open, and may still fill, until the venue confirms the cancel (then an
     * order event on the streams ends it as CANCELLED).
     */
    PENDING_CANCEL
}
