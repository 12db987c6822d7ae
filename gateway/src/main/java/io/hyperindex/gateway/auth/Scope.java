package io.hyperindex.gateway.auth;

/** What an API key may do: read its account's state, trade for it, or operate the venue. */
public enum Scope {
    /** Queries and streams of the key's own account and public market data. */
    READ,
    /** Placing, amending and cancelling orders, protections (MMP, dead-man switch, own kill switch). */
    TRADE,
    /** Operator actions on any account or instrument: limits, kill switches, keys. */
    ADMIN
}
