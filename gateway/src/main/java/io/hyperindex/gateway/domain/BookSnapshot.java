package io.hyperindex.gateway.domain;

import java.util.List;

/**
 * L2 view of one book to a given depth, consistent with {@code bookSequence}: applying every
 * later {@link EngineEvent.BookDelta} (sequence + 1, + 2, ...) keeps it current.
 *
 * @param bids best (highest) first
 * @param asks best (lowest) first
 */
public record BookSnapshot(int instrument, long bookSequence, List<Level> bids, List<Level> asks) {

    /** One aggregated price level. */
    public record Level(long price, long quantity, int orders) {
    }

    /** Best bid price, or 0 if there are no bids. */
    public long bestBid() {
        return bids.isEmpty() ? 0 : bids.get(0).price();
    }

    /** Best ask price, or 0 if there are no asks. */
    public long bestAsk() {
        return asks.isEmpty() ? 0 : asks.get(0).price();
    }
}
