package io.hyperindex.gateway.api.hl;

import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.engine.CommandResult;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The open and the most recent finished orders (filled, cancelled, expired), so that {@code orderStatus}
 * answers for them as Hyperliquid does instead of {@code unknownOid}: what a bot, or the
 * gateway's own Hyperliquid venue adapter reconciling after a reconnect, asks about an order
 * that just ended. Fed from the engine's durable results and read by queries, both on the
 * engine thread: no locks. Bounded: open orders are tracked while they live (the engine bounds
 * them), finished ones up to {@value #KEPT}, oldest forgotten first. Starts empty at each start.
 */
final class FinishedOrders implements Consumer<CommandResult> {
    static final int KEPT = 50_000;

    /** An order as Hyperliquid's orderStatus shows it. */
    record Entry(long oid, int account, int instrument, String cloid, Side side, long price, long origQty,
                 long timestampNanos, long filled, String status, long statusNanos) {
    }

    private final Map<Long, Entry> open = new HashMap<>();
    private final LinkedHashMap<Long, Entry> finished = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
            boolean drop = size() > KEPT;
            if (drop && eldest.getValue().cloid() != null) {
                byCloid.remove(key(eldest.getValue().account(), eldest.getValue().cloid()));
            }
            return drop;
        }
    };
    private final Map<String, Long> byCloid = new HashMap<>();

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
        finished.put(e.oid(), e);
        if (e.cloid() != null) {
            byCloid.put(key(e.account(), e.cloid()), e.oid());
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
            e = finished.get(oid);
        }
        return e != null && e.account() == account ? e : null;
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
