package io.hyperindex.gateway.domain;

/** How the engine marks positions for unrealized P&amp;L and exposure. */
public enum MarkMode {
    /** Mid of the best bid and ask (on the tick); the last trade when a side is empty. */
    MID,
    /** The last trade price (the configured reference before the first trade). */
    LAST,
    /** Prices sent by an external feed with SetMarkPrice; the last trade until one arrives. */
    EXTERNAL
}
