package io.hyperindex.gateway.book;

import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;

/** Receives everything an {@link OrderBook} does, synchronously, on the engine thread. */
public interface MatchListener {

    /**
     * A trade of {@code qty} at the resting order's {@code price}. Both orders' remaining and
     * filled quantities are already updated; a maker with nothing remaining has left the book.
     */
    void onTrade(Order maker, Order taker, long price, long qty);

    /**
     * An order ended unfilled for {@code reason}: {@code cancelledQty} is what was open. The
     * order is no longer on the book. Called for makers removed by self-trade prevention or
     * reduce-only, and for takers whose remainder expires or is cancelled.
     */
    void onCancelled(Order order, long cancelledQty, ReasonCode reason);

    /** The open quantity at {@code price} on {@code side} is now {@code total} (0 = the level is gone); for L2 deltas. */
    void onLevelChanged(int instrument, Side side, long price, long total);

    /**
     * The most a reduce-only order may fill now without opening or increasing its account's
     * position: the absolute position if the order's side reduces it, else 0.
     */
    long reduceOnlyLimit(Order order);
}
