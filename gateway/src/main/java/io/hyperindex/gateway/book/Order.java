package io.hyperindex.gateway.book;

import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.SelfTradePrevention;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;

/**
 * A live order as the book and the engine hold it. Mutable and reused from a pool by the
 * engine, so nothing outside the engine thread may keep a reference to one.
 */
public final class Order {
    long id;
    int account;
    int instrument;
    Side side;
    long price;
    /** Ordered quantity (changes with amends): filled + remaining (+ cancelled once done). */
    long quantity;
    long remaining;
    long filled;
    int flags;
    TimeInForce timeInForce;
    SelfTradePrevention selfTradePrevention;
    String clientOrderId;
    long timestamp;
    long session;

    Level level;
    Order prev;
    Order next;

    /** Sets every field of a fresh order; returns this. */
    public Order init(long id, int account, int instrument, String clientOrderId, Side side, long price, long quantity,
                      int flags, TimeInForce timeInForce, SelfTradePrevention selfTradePrevention, long timestamp) {
        this.id = id;
        this.account = account;
        this.instrument = instrument;
        this.clientOrderId = clientOrderId;
        this.side = side;
        this.price = price;
        this.quantity = quantity;
        this.remaining = quantity;
        this.filled = 0;
        this.flags = flags;
        this.timeInForce = timeInForce;
        this.selfTradePrevention = selfTradePrevention;
        this.timestamp = timestamp;
        this.session = 0;
        this.level = null;
        this.prev = null;
        this.next = null;
        return this;
    }

    /** Tags the order with the protocol session that placed it (0 = none), for cancel-on-disconnect. */
    public Order withSession(long session) {
        this.session = session;
        return this;
    }

    /** Restores the fill state of an order read from a snapshot. */
    public Order restoreFills(long quantity, long remaining, long filled) {
        this.quantity = quantity;
        this.remaining = remaining;
        this.filled = filled;
        return this;
    }

    public long id() { return id; }
    public int account() { return account; }
    public int instrument() { return instrument; }
    public Side side() { return side; }
    public long price() { return price; }
    public long quantity() { return quantity; }
    public long remaining() { return remaining; }
    public long filled() { return filled; }
    public int flags() { return flags; }
    public TimeInForce timeInForce() { return timeInForce; }
    public SelfTradePrevention selfTradePrevention() { return selfTradePrevention; }
    public String clientOrderId() { return clientOrderId; }
    public long timestamp() { return timestamp; }
    public long session() { return session; }

    public boolean isPostOnly() { return OrderFlags.has(flags, OrderFlags.POST_ONLY); }
    public boolean isReduceOnly() { return OrderFlags.has(flags, OrderFlags.REDUCE_ONLY); }

    /** True while the order rests on a book. */
    public boolean isResting() { return level != null; }

    /** Next order at the same price level in time priority, or null. */
    public Order nextInLevel() { return next; }

    @Override
    public String toString() {
        return "Order{" + id + " acct=" + account + " " + side + " " + remaining + "/" + quantity + "@" + price + '}';
    }
}
