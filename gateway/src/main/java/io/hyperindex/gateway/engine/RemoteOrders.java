package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.book.Order;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.venue.RoutedOrder;
import org.agrona.collections.LongHashSet;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The working orders of instruments whose book is on a remote venue. They never enter an
 * embedded book: they stay open (counted by risk like any live order) until the venue reports
 * that they ended, and their fills come from the venue. Kept in order-id order, so iteration
 * and snapshots do not depend on history. Engine thread only.
 */
final class RemoteOrders {

    /** One remote order's venue-side state. */
    static final class Entry {
        final Order order;
        /** The venue's id once acknowledged, else 0. */
        long venueOrderId;
        /** Why a cancel was routed (null = none outstanding): the reason the order ends with. */
        ReasonCode cancelReason;
        /** The venue said the order ended having filled this much (-1 = still open there): fills still to come. */
        long endedAtFilled = -1;
        /** Venue trade ids applied to this order: a fill seen twice is refused. */
        final LongHashSet tradeIds = new LongHashSet();

        Entry(Order order) {
            this.order = order;
        }
    }

    private final TreeMap<Long, Entry> byId = new TreeMap<>();

    Entry add(Order o) {
        Entry e = new Entry(o);
        byId.put(o.id(), e);
        return e;
    }

    Entry get(long orderId) {
        return byId.get(orderId);
    }

    boolean contains(long orderId) {
        return byId.containsKey(orderId);
    }

    void remove(long orderId) {
        byId.remove(orderId);
    }

    int size() {
        return byId.size();
    }

    /** Visits the remote orders in increasing order-id order. */
    void forEach(Consumer<Order> visitor) {
        for (Entry e : byId.values()) {
            visitor.accept(e.order);
        }
    }

    /** The adapter's view of every remote order, in order-id order. */
    List<RoutedOrder> views() {
        List<RoutedOrder> out = new ArrayList<>(byId.size());
        for (Entry e : byId.values()) {
            Order o = e.order;
            out.add(new RoutedOrder(o.id(), o.account(), o.instrument(), o.side(), o.price(), o.quantity(), o.filled(),
                    o.timeInForce(), o.isPostOnly(), o.isReduceOnly(), e.venueOrderId, e.cancelReason != null,
                    o.timestamp()));
        }
        return out;
    }

    /** Canonical form: order fields, venue id, outstanding cancel, end marker, sorted trade ids. */
    void write(DataOutput out) throws IOException {
        out.writeInt(byId.size());
        for (Entry e : byId.values()) {
            MatchingEngine.writeOrder(out, e.order);
            out.writeLong(e.venueOrderId);
            out.writeShort(e.cancelReason == null ? 0 : e.cancelReason.number());
            out.writeLong(e.endedAtFilled);
            long[] ids = new long[e.tradeIds.size()];
            int k = 0;
            for (LongHashSet.LongIterator it = e.tradeIds.iterator(); it.hasNext(); ) {
                ids[k++] = it.nextValue();
            }
            java.util.Arrays.sort(ids);
            out.writeInt(ids.length);
            for (long id : ids) {
                out.writeLong(id);
            }
        }
    }

    /** Reads what {@link #write} wrote; {@code restored} receives each order to index (live orders, client ids, risk). */
    void read(DataInput in, Consumer<Order> restored) throws IOException {
        int n = in.readInt();
        for (int k = 0; k < n; k++) {
            Order o = MatchingEngine.readOrder(in);
            Entry e = add(o);
            e.venueOrderId = in.readLong();
            int reason = in.readShort();
            e.cancelReason = reason == 0 ? null : ReasonCode.ofNumber(reason);
            e.endedAtFilled = in.readLong();
            int ids = in.readInt();
            for (int i = 0; i < ids; i++) {
                e.tradeIds.add(in.readLong());
            }
            restored.accept(o);
        }
    }
}
