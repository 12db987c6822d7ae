package io.hyperindex.gateway.api.ws;

/**
 * One subscription: a channel and its target, the instrument for public channels or the
 * account for private ones.
 */
record Topic(Channel channel, int target) {

    /**
     * The channels of {@code /ws/v1}, by their wire names. The book also comes conflated: the
     * changes of each 100 ms or 1,000 ms in one delta ({@code "interval"} in the subscription).
     */
    enum Channel {
        BOOK("book", false, 0), TRADES("trades", false, 0), TICKER("ticker", false, 0),
        ORDERS("orders", true, 0), FILLS("fills", true, 0), POSITIONS("positions", true, 0), ALERTS("alerts", true, 0),
        BOOK_100MS("book", false, 100), BOOK_1000MS("book", false, 1000);

        final String wire;
        final boolean isPrivate;
        /** 0 for every change as it happens; else the conflation interval of a book channel. */
        final int intervalMillis;

        Channel(String wire, boolean isPrivate, int intervalMillis) {
            this.wire = wire;
            this.isPrivate = isPrivate;
            this.intervalMillis = intervalMillis;
        }

        boolean isBook() {
            return wire.equals("book");
        }

        /** The wire form of the interval: {@code raw}, {@code 100ms} or {@code 1000ms}. */
        String interval() {
            return intervalMillis == 0 ? "raw" : intervalMillis + "ms";
        }

        /** The book channel of an interval's wire form, or null. */
        static Channel book(String interval) {
            for (Channel c : values()) {
                if (c.isBook() && c.interval().equals(interval)) {
                    return c;
                }
            }
            return null;
        }

        /** The channel of a wire name (the raw book for {@code book}), or null. */
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
