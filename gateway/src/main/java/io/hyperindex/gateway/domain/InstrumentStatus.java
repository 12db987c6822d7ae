package io.hyperindex.gateway.domain;

/** Whether an instrument accepts new orders. */
public enum InstrumentStatus {
    TRADING,
    /** New orders and amends are rejected with {@link ReasonCode#INSTRUMENT_HALTED}; cancels still work. */
    HALTED
}
