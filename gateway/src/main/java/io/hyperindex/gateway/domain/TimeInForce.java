package io.hyperindex.gateway.domain;

/** How long an order may rest on the book. */
public enum TimeInForce {
    /** Good till cancelled: the unfilled part rests. */
    GTC,
    /** Immediate or cancel: fill what crosses now, expire the rest. */
    IOC,
    /** Fill or kill: fill the whole quantity now or nothing at all. */
    FOK
}
