package io.hyperindex.gateway.mm;

/** What the market maker is doing on one symbol. */
public enum MmState {
    /** Not started, or stopped by an operator. */
    STOPPED,
    /** Waiting for the book snapshot, or for {@code warmupTrades} trades. */
    WARMING_UP,
    /** Two-sided (or one-sided at the inventory bound) quotes are on the book. */
    QUOTING,
    /** Quoting only the side that reduces the position (hedge-only, or a trailing stop fired). */
    REDUCE_ONLY,
    /** A circuit breaker cancelled everything and the cooldown runs. */
    PAUSED,
    /** Stopped for the day by the daily loss limit; resumes at 00:00 UTC. */
    STOPPED_FOR_THE_DAY,
    /** The kill switch fired: everything cancelled, the account's engine kill switch on, until an operator starts it. */
    KILLED
}
