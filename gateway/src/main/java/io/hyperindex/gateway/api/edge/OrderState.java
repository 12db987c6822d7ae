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
    EXPIRED
}
