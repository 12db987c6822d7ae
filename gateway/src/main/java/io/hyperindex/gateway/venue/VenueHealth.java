package io.hyperindex.gateway.venue;

/**
 * What a remote venue adapter reports about itself.
 *
 * @param connected      the venue's event stream (WebSocket) is up and subscribed
 * @param reconnects     how many times the stream was re-established after a drop
 * @param reconciliations completed reconciliations (after the first connect and every reconnect)
 * @param queuedOrders   placements and cancels waiting to be sent (rate budget or not yet batched)
 * @param openOrders     routed orders the adapter tracks
 * @param throttledSends sends that had to wait for the rate budget
 * @param lastError      the last failure seen (never contains a key), or null
 */
public record VenueHealth(boolean connected, long reconnects, long reconciliations, int queuedOrders, int openOrders,
                          long throttledSends, String lastError) {
}
