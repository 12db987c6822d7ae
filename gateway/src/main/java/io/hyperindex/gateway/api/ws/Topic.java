package io.hyperindex.gateway.api.ws;

/**
 * One subscription: a channel and its target, the instrument for public channels or the
 * account for private ones.
 */
record Topic(Channel channel, int target) {

    /** The channels of {@code /ws/v1}, by their wire names. */
    enum Channel {
        BOOK("book", false), TRADES("trades", false), TICKER("ticker", false),
        ORDERS("orders", true), FILLS("fills", true), POSITIONS("positions", true), ALERTS("alerts", true);

        final String wire;
        final boolean isPrivate;

        Channel(String wire, boolean isPrivate) {
            this.wire = wire;
            this.isPrivate = isPrivate;
        }

        static Channel of(String wire) {
            for (Channel c : values()) {
                if (c.wire.equals(wire)) {
                    return c;
                }
            }
            return null;
        }
    }
}
