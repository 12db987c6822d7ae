package io.hyperindex.gateway.api.edge;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.engine.CommandResult;

/**
 * An order's state right after an accepted place, cancel or amend, read from the command's
 * events: what the acknowledgement of every API reports. Quantities in engine units.
 *
 * @param filled    place: filled by this command; cancel and amend: filled in total
 * @param remaining left open on the book (0 once the order ended)
 * @param reason    why the order ended (CANCELLED or EXPIRED), else null
 */
public record OrderOutcome(long orderId, String clientOrderId, int instrument, long sequence, OrderState state,
                           long filled, long remaining, ReasonCode reason) {

    /** The outcome of an accepted {@code placed} order (its fills as taker, or its immediate end). */
    public static OrderOutcome placed(CommandResult r, Command.PlaceOrder placed) {
        long orderId = 0;
        long filled = 0;
        ReasonCode ended = null;
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.OrderAccepted a) {
                orderId = a.orderId();
            } else if (e instanceof EngineEvent.TradeExecuted t && t.takerOrderId() == orderId) {
                filled += t.quantity();
            } else if (e instanceof EngineEvent.OrderCancelled x && x.orderId() == orderId) {
                ended = x.reason();
            }
        }
        long quantity = placed.quantity();
        OrderState state = ended != null ? (ended.isExpiry() ? OrderState.EXPIRED : OrderState.CANCELLED)
                : filled == quantity ? OrderState.FILLED : filled > 0 ? OrderState.PARTIALLY_FILLED : OrderState.NEW;
        return new OrderOutcome(orderId, placed.clientOrderId(), placed.instrument(), r.sequence(), state, filled,
                ended == null ? quantity - filled : 0, ended);
    }

    /** The outcome of an accepted cancel: cancelled, or for an order routed to a remote venue, pending its confirmation. */
    public static OrderOutcome cancelled(CommandResult r) {
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.OrderCancelled x) {
                return new OrderOutcome(x.orderId(), x.clientOrderId(), x.instrument(), r.sequence(), OrderState.CANCELLED,
                        x.filledQuantity(), 0, x.reason());
            }
            if (e instanceof EngineEvent.VenueCancelRequested v) {
                return new OrderOutcome(v.orderId(), v.clientOrderId(), v.instrument(), r.sequence(),
                        OrderState.PENDING_CANCEL, 0, 0, v.reason()); // quantities follow with the venue's confirmation
            }
        }
        throw new IllegalStateException("a cancel without OrderCancelled: " + r.events());
    }

    /** The outcome of an accepted amend (which may trade at once, or end the order). */
    public static OrderOutcome amended(CommandResult r, String clientOrderId) {
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.OrderAmended a) {
                long filled = 0;
                ReasonCode ended = null;
                for (EngineEvent f : r.events()) {
                    if (f instanceof EngineEvent.TradeExecuted t && t.takerOrderId() == a.orderId()) {
                        filled += t.quantity();
                    } else if (f instanceof EngineEvent.OrderCancelled x && x.orderId() == a.orderId()) {
                        ended = x.reason();
                    }
                }
                long remaining = ended != null ? 0 : Math.max(0, a.remaining() - filled);
                OrderState state = ended != null ? OrderState.CANCELLED : remaining == 0 ? OrderState.FILLED
                        : remaining < a.quantity() ? OrderState.PARTIALLY_FILLED : OrderState.NEW;
                return new OrderOutcome(a.orderId(), clientOrderId, a.instrument(), r.sequence(), state,
                        a.quantity() - a.remaining() + filled, remaining, ended);
            }
        }
        throw new IllegalStateException("an amend without OrderAmended: " + r.events());
    }

    /** Mass cancel: how many orders the command ended. */
    public static int cancelledCount(CommandResult r) {
        int n = 0;
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.OrderCancelled) {
                n++;
            }
        }
        return n;
    }

    /** Set cancel-after: the deadline it armed (epoch nanoseconds), 0 if it disarmed. */
    public static long cancelAfterDeadline(CommandResult r) {
        long deadline = 0;
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.CancelAfterSet s) {
                deadline = s.deadline();
            }
        }
        return deadline;
    }
}
