package io.hyperindex.gateway.venue;

import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.OrderFlags;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns the engine's durable events into a venue's work: an accepted order of a routed
 * instrument is placed, a routed cancel is sent, an ended order is forgotten. One call per
 * command result, on the engine thread, after the journal commit; it only queues.
 */
public final class VenueRouter implements Consumer<List<EngineEvent>> {
    private final Venue venue;

    public VenueRouter(Venue venue) {
        this.venue = venue;
    }

    @Override
    public void accept(List<EngineEvent> events) {
        List<RoutedOrder> place = null;
        List<RoutedOrder> cancel = null;
        List<Long> ended = null;
        for (int i = 0; i < events.size(); i++) {
            EngineEvent e = events.get(i);
            if (e instanceof EngineEvent.OrderAccepted a && venue.routes(a.instrument())) {
                (place == null ? place = new ArrayList<>() : place).add(new RoutedOrder(a.orderId(), a.account(),
                        a.instrument(), a.side(), a.price(), a.quantity(), 0, a.timeInForce(),
                        OrderFlags.has(a.flags(), OrderFlags.POST_ONLY), OrderFlags.has(a.flags(), OrderFlags.REDUCE_ONLY),
                        0, false, a.timestamp()));
            } else if (e instanceof EngineEvent.VenueCancelRequested c && venue.routes(c.instrument())) {
                (cancel == null ? cancel = new ArrayList<>() : cancel).add(new RoutedOrder(c.orderId(), c.account(),
                        c.instrument(), null, 0, 0, 0, null, false, false, 0, true, c.timestamp()));
            } else if (e instanceof EngineEvent.OrderCancelled c && venue.routes(c.instrument())) {
                (ended == null ? ended = new ArrayList<>() : ended).add(c.orderId());
            } else if (e instanceof EngineEvent.TradeExecuted t && venue.routes(t.instrument())) {
                long id = t.makerAccount() >= 0 && t.makerRemaining() == 0 ? t.makerOrderId()
                        : t.takerAccount() >= 0 && t.takerRemaining() == 0 ? t.takerOrderId() : 0;
                if (id != 0) {
                    (ended == null ? ended = new ArrayList<>() : ended).add(id);
                }
            }
        }
        if (place != null) {
            venue.place(place);
        }
        if (cancel != null) {
            venue.cancel(cancel);
        }
        if (ended != null) {
            venue.ended(ended);
        }
    }
}
