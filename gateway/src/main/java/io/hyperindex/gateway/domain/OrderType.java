package io.hyperindex.gateway.domain;

/** Limit orders carry a price; market orders are IOC orders bounded by a protective price band. */
public enum OrderType {
    LIMIT,
    MARKET
}
