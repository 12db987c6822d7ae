package io.hyperindex.gateway.venue;

import java.util.List;

/**
 * The outbound side of a remote venue that hosts some instruments' books (Hyperliquid). The
 * engine holds the orders of those instruments as remote working orders; a {@link VenueRouter}
 * hands each durable placement and cancel to the venue, which sends them asynchronously and
 * reports the venue's answers back as engine commands through its {@link VenueInbox}.
 * Implementations never block the caller: every method queues and returns.
 *
 * <p>The embedded book is deliberately not behind this interface: it matches synchronously
 * on the engine thread inside the command that placed the order (docs/engine.md explains why).
 */
public interface Venue extends AutoCloseable {

    /** A short name for logs and health ("hyperliquid"). */
    String name();

    /** True if this venue hosts the book of engine instrument {@code instrument}. */
    boolean routes(int instrument);

    /**
     * Connects and reconciles: {@code open} are the engine's open remote orders at start (after
     * recovery); the venue maps them to its own orders, reports what it missed, then sends new ones.
     */
    void start(List<RoutedOrder> open);

    /** Sends new orders (durable at the engine); batched and paced by the venue's limits. */
    void place(List<RoutedOrder> orders);

    /** Sends cancels of routed orders (their ends come back as VenueOrderDone). */
    void cancel(List<RoutedOrder> orders);

    /** The orders ended at the engine (filled or cancelled): the venue may forget them. */
    void ended(List<Long> orderIds);

    /** Connection, queue and budget state. */
    VenueHealth health();

    /** Stops sending and disconnects; the venue's own dead-man switch cancels what is left. */
    @Override
    void close();
}
