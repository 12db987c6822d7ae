package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.book.Order;

import java.util.HashMap;

/** Trading state of one account, owned by the engine thread. */
public final class AccountState {
    final int id;
    final String name;
    private final io.hyperindex.gateway.risk.PositionBook positions;
    final HashMap<String, Order> liveByClientId = new HashMap<>();

    AccountState(int id, String name, io.hyperindex.gateway.risk.PositionBook positions) {
        this.id = id;
        this.name = name;
        this.positions = positions;
    }

    public int id() { return id; }
    public String name() { return name; }
    /** Signed position in quantity units. */
    public long position(int instrument) { return positions.position(id, instrument); }
}
