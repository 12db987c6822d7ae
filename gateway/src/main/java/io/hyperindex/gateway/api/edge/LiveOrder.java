package io.hyperindex.gateway.api.edge;

import io.hyperindex.gateway.book.Order;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;

/**
 * An immutable copy of a live order, taken on the engine thread (book orders are pooled and
 * mutable) so that an adapter can answer with it on any thread. Quantities in engine units.
 */
public record LiveOrder(long orderId, String clientOrderId, int instrument, Side side, long price, long quantity,
                        long remaining, long filled, TimeInForce timeInForce, int flags, long timestampNanos) {

    /** Copies {@code o}; call on the engine thread. */
    public static LiveOrder of(Order o) {
        return new LiveOrder(o.id(), o.clientOrderId(), o.instrument(), o.side(), o.price(), o.quantity(), o.remaining(),
                o.filled(), o.timeInForce(), o.flags(), o.timestamp());
    }

    /** NEW or PARTIALLY_FILLED: a live order is never anything else. */
    public OrderState state() {
        return filled > 0 ? OrderState.PARTIALLY_FILLED : OrderState.NEW;
    }

    public boolean postOnly() {
        return OrderFlags.has(flags, OrderFlags.POST_ONLY);
    }

    public boolean reduceOnly() {
        return OrderFlags.has(flags, OrderFlags.REDUCE_ONLY);
    }

    public boolean mmp() {
        return OrderFlags.has(flags, OrderFlags.MMP);
    }
}
