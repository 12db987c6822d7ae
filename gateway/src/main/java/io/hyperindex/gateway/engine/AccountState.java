package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.book.Order;

import java.util.HashMap;

/** Trading state of one account, owned by the engine thread. */
public final class AccountState {
    final int id;
    final String name;
    /** Signed position per instrument, in quantity units. */
    final long[] positions;
    int openOrders;
    final HashMap<String, Order> liveByClientId = new HashMap<>();

    AccountState(int id, String name, int instruments) {
        this.id = id;
        this.name = name;
        this.positions = new long[instruments];
    }

    public int id() { return id; }
    public String name() { return name; }
    public long position(int instrument) { return positions[instrument]; }
    public int openOrders() { return openOrders; }
}
