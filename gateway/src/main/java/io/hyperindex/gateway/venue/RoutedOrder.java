package io.hyperindex.gateway.venue;

import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;

/**
 * An open order the engine holds for a remote venue, as a venue adapter needs it after a
 * (re)start: what to send, what the venue called it, and whether a cancel is outstanding.
 *
 * @param orderId         the gateway's order id (the venue's client order id is derived from it)
 * @param venueOrderId    the venue's id once it acknowledged the order, else 0
 * @param filled          quantity the engine has applied fills for
 * @param cancelRequested a cancel was routed and the venue has not confirmed the end yet
 * @param timestamp       when the gateway accepted it, epoch nanos
 */
public record RoutedOrder(long orderId, int account, int instrument, Side side, long price, long quantity, long filled,
                          TimeInForce timeInForce, boolean postOnly, boolean reduceOnly, long venueOrderId,
                          boolean cancelRequested, long timestamp) {
}
