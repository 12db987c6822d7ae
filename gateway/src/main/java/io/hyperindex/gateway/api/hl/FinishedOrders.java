package io.hyperindex.gateway.api.hl;

import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.engine.CommandResult;

import org.agrona.collections.Long2LongHashMap;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The open and the most recent finished orders (filled, cancelled, expired), so that {@code orderStatus}
 * answers for them as Hyperliquid does instead of {@code unknownOid}: what a bot, or the
 * gateway's own Hyperliquid venue adapter reconciling after a reconnect, asks about an order
 * that just ended. Fed from the engine's durable results and read by queries, both on the
 * engine thread: no locks. Bounded: open orders are tracked while they live (the engine bounds
 * them), finished ones up to {@value #KEPT}, oldest forgotten first. Starts empty at each start.
 *
 * <p>The finished orders live in a ring of primitive columns indexed by an open-addressing
 * {@code long -> int} map, not as one object (and map node) each: an order that lives its ten
 * seconds here would otherwise be copied from survivor space to survivor space by every young
 * collection of a busy gateway. Only Hyperliquid-format client order ids ({@code 0x} and 32 hex
 * digits) are kept, the only kind {@code orderStatus} can be asked for.
 */
final class FinishedOrders implements Consumer<CommandResult> {
    static final int KEPT = 50_000;

    /** An order as Hyperliquid's orderStatus shows it. */
    record Entry(long oid, int account, int instrument, String cloid, Side side, long price, long origQty,
                 long timestampNanos, long filled, String status, long statusNanos) {
    }

    private final Map<Long, Entry> open = new HashMap<>();
    private final Map<String, Long> byCloid = new HashMap<>();
    // the finished ring: slot = count % KEPT, oldest overwritten first
    private final Long2LongHashMap slotOf = new Long2LongHashMap(KEPT * 2, 0.65f, -1);
    private final long[] oids = new long[KEPT];
    private final int[] accounts = new int[KEPT];
    private final int[] instruments = new int[KEPT];
    private final boolean[] buys = new boolean[KEPT];
    private final long[] prices = new long[KEPT];
    private final long[] origQtys = new long[KEPT];
    private final long[] placedNanos = new long[KEPT];
    private final long[] filleds = new long[KEPT];
    private final String[] statuses = new String[KEPT];
    private final long[] statusNanos = new long[KEPT];
    private final String[] cloids = new String[KEPT];
    private long finishedCount;

    @Override
    public void accept(CommandResult r) {
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.OrderAccepted a) {
                open.put(a.orderId(), new Entry(a.orderId(), a.account(), a.instrument(), a.clientOrderId(), a.side(),
                        a.price(), a.quantity(), a.timestamp(), 0, "open", a.timestamp()));
            } else if (e instanceof EngineEvent.TradeExecuted t) {
                fill(t.makerOrderId(), t.quantity(), t.makerRemaining(), t.timestamp());
                fill(t.takerOrderId(), t.quantity(), t.takerRemaining(), t.timestamp());
            } else if (e instanceof EngineEvent.OrderCancelled c) {
                Entry o = open.remove(c.orderId());
                if (o != null) {
                    finish(new Entry(o.oid(), o.account(), o.instrument(), o.cloid(), o.side(), o.price(), o.origQty(),
                            o.timestampNanos(), c.filledQuantity(), status(c.reason()), r.timestamp()));
                }
            }
        }
    }

    private void fill(long orderId, long qty, long remaining, long timestamp) {
        Entry o = open.get(orderId);
        if (o == null) {
            return;
        }
        Entry after = new Entry(o.oid(), o.account(), o.instrument(), o.cloid(), o.side(), o.price(), o.origQty(),
                o.timestampNanos(), o.filled() + qty, remaining == 0 ? "filled" : "open", timestamp);
        if (remaining == 0) {
            open.remove(orderId);
            finish(after);
        } else {
            open.put(orderId, after);
        }
    }

    private void finish(Entry e) {
        int slot = (int) (finishedCount++ % KEPT);
        if (finishedCount > KEPT) { // forget the order this slot held
            slotOf.remove(oids[slot]);
            if (cloids[slot] != null) {
                byCloid.remove(key(accounts[slot], cloids[slot]));
            }
        }
        String cloid = e.cloid() != null && isHlCloid(e.cloid()) ? e.cloid() : null;
        oids[slot] = e.oid();
        accounts[slot] = e.account();
        instruments[slot] = e.instrument();
        buys[slot] = e.side() == Side.BUY;
        prices[slot] = e.price();
        origQtys[slot] = e.origQty();
        placedNanos[slot] = e.timestampNanos();
        filleds[slot] = e.filled();
        statuses[slot] = e.status();
        statusNanos[slot] = e.statusNanos();
        cloids[slot] = cloid;
        slotOf.put(e.oid(), slot);
        if (cloid != null) {
            byCloid.put(key(e.account(), cloid), e.oid());
        }
    }

    /** Hyperliquid's status word for an order that ended with {@code reason} unfilled. */
    static String status(ReasonCode reason) {
        return switch (reason) {
            case SELF_TRADE_PREVENTED -> "selfTradeCanceled";
            case REDUCE_ONLY_CANCELLED -> "reduceOnlyCanceled";
            case DEAD_MAN_SWITCH -> "scheduledCancel";
            default -> "canceled";
        };
    }

    /** The order {@code oid} of {@code account}, open or recently finished, or null. */
    Entry byOid(int account, long oid) {
        Entry e = open.get(oid);
        if (e == null) {
            e = finished(oid);
        }
        return e != null && e.account() == account ? e : null;
    }

    private Entry finished(long oid) {
        long slot = slotOf.get(oid);
        if (slot < 0) {
            return null;
        }
        int i = (int) slot;
        return new Entry(oids[i], accounts[i], instruments[i], cloids[i], buys[i] ? Side.BUY : Side.SELL, prices[i],
                origQtys[i], placedNanos[i], filleds[i], statuses[i], statusNanos[i]);
    }

    /** A Hyperliquid client order id: {@code 0x} and 32 hex digits. */
    static boolean isHlCloid(String cloid) {
        if (cloid.length() != 34 || !cloid.startsWith("0x")) {
            return false;
        }
        for (int i = 2; i < 34; i++) {
            if (Character.digit(cloid.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The finished order of {@code account} with client order id {@code cloid}, or null. */
    Entry byCloid(int account, String cloid) {
        Long oid = byCloid.get(key(account, cloid));
        return oid == null ? null : byOid(account, oid);
    }

    private static String key(int account, String cloid) {
        return account + ":" + cloid;
    }
}
