package io.hyperindex.gateway.domain;

import java.util.List;

/**
 * What the engine reports for a command: order lifecycle, trades and market data. All
 * prices and quantities are in the instrument's units, money in cash units ({@link Money}).
 */
public sealed interface EngineEvent permits EngineEvent.OrderAccepted, EngineEvent.OrderRejected,
        EngineEvent.TradeExecuted, EngineEvent.OrderCancelled, EngineEvent.OrderAmended,
        EngineEvent.InstrumentStatusChanged, EngineEvent.BookDelta, EngineEvent.FeeTierChanged,
        EngineEvent.IncentiveGranted, EngineEvent.RiskAlert, EngineEvent.RiskLimitsChanged, EngineEvent.KillSwitchChanged,
        EngineEvent.CancelAfterSet, EngineEvent.MmpTriggered, EngineEvent.MmpChanged, EngineEvent.CircuitBreakerTripped,
        EngineEvent.VenueOrderAcked, EngineEvent.VenueCancelRequested, EngineEvent.VenueOrderRejected {

    /** True for events that are derived data (market data), not journaled because replay rebuilds them. */
    default boolean isMarketData() {
        return false;
    }

    /** An order passed validation and entered the book (matching follows). */
    record OrderAccepted(long orderId, int account, int instrument, String clientOrderId, Side side, OrderType type,
                         TimeInForce timeInForce, long price, long quantity, int flags,
                         SelfTradePrevention selfTradePrevention, long timestamp) implements EngineEvent {
    }

    /**
     * A command was refused; nothing changed. {@code orderId} is the target order of a cancel or
     * amend if one was named (else 0); {@code commandType} names the command kind.
     */
    record OrderRejected(int account, int instrument, String clientOrderId, long orderId, String commandType,
                         ReasonCode reason) implements EngineEvent {
    }

    /**
     * A trade at the resting order's price. Fees are in cash units: positive is paid by the
     * account, negative is a rebate paid to it; rates are in hundredths of a bp; the tier names
     * say which fee tier (or "negotiated") each side was charged at. A fill of an order routed to a
     * remote venue has an external other side: order id {@link #EXTERNAL_ORDER}, account
     * {@link #EXTERNAL_ACCOUNT}, fee 0, tier {@link #EXTERNAL_TIER}.
     */
    record TradeExecuted(long tradeId, int instrument, long price, long quantity, Side takerSide,
                         long makerOrderId, int makerAccount, long makerRemaining, long makerFee, long makerFeeRate,
                         String makerTier,
                         long takerOrderId, int takerAccount, long takerRemaining, long takerFee, long takerFeeRate,
                         String takerTier, long notional, long timestamp) implements EngineEvent {
        /** The other side of a remote venue's fill: not an order of this gateway. */
        public static final long EXTERNAL_ORDER = 0;
        public static final int EXTERNAL_ACCOUNT = -1;
        public static final String EXTERNAL_TIER = "external";
    }

    /** An order ended with {@code cancelledQuantity} unfilled; the reason tells cancelled from expired. */
    record OrderCancelled(long orderId, int account, int instrument, String clientOrderId, long cancelledQuantity,
                          long filledQuantity, ReasonCode reason) implements EngineEvent {
    }

    /** A resting order's price or quantity changed; {@code keptPriority} says whether it kept its place. */
    record OrderAmended(long orderId, int account, int instrument, long price, long quantity, long remaining,
                        boolean keptPriority) implements EngineEvent {
    }

    /** An instrument was halted or resumed. */
    record InstrumentStatusChanged(int instrument, InstrumentStatus status) implements EngineEvent {
    }

    /**
     * An account's fee tier changed at the daily recomputation; {@code volume30d} is the
     * window's notional volume (cash units) it was computed from.
     */
    record FeeTierChanged(int account, String fromTier, String toTier, long volume30d, long timestamp)
            implements EngineEvent {
    }

    /** A calendar month closed and the account was granted {@code tokens} (10^-8 token units) for its volume. */
    record IncentiveGranted(int account, String month, long volume, long tokens, long timestamp) implements EngineEvent {
    }

    /**
     * A limit's use crossed 80% or reached 100%, or a protection fired ({@code limit} names it:
     * "open_orders", "position:BTC-USDC", "gross_exposure", "net_exposure", "daily_loss",
     * "dead_man_switch", "kill_switch", ...). {@code instrument} is -1 when not specific.
     */
    record RiskAlert(int account, String limit, int level, long used, long max, long timestamp) implements EngineEvent {
    }

    /** Audit record of a limits change: who, when, old and new. */
    record RiskLimitsChanged(int account, io.hyperindex.gateway.domain.RiskLimits before,
                             io.hyperindex.gateway.domain.RiskLimits after, String actor, long timestamp) implements EngineEvent {
    }

    /** A kill switch was turned on or off. */
    record KillSwitchChanged(Command.KillScope scope, int target, boolean on, String actor, long timestamp)
            implements EngineEvent {
    }

    /** The dead-man switch was armed ({@code deadline} epoch nanos) or disarmed (0). */
    record CancelAfterSet(int account, long deadline, long timestamp) implements EngineEvent {
    }

    /** Market-maker protection tripped: the group's MMP orders were cancelled; frozen until {@code frozenUntil} (Long.MAX_VALUE = reset). */
    record MmpTriggered(int account, String group, long frozenUntil, long timestamp) implements EngineEvent {
    }

    /** An MMP group was configured ({@code config} set) or reset ({@code config} null). */
    record MmpChanged(int account, String group, MmpConfig config, long timestamp) implements EngineEvent {
    }

    /** A circuit breaker tripped on an instrument: the price moved {@code moveBps} within the rule's window. */
    record CircuitBreakerTripped(int instrument, int rule, long moveBps, CircuitBreakerRule.Action action, long until,
                                 long timestamp) implements EngineEvent {
    }

    /** A routed order was taken by its remote venue, which calls it {@code venueOrderId}. */
    record VenueOrderAcked(long orderId, int account, int instrument, long venueOrderId, long timestamp)
            implements EngineEvent {
    }

    /**
     * A cancel of a routed order was sent on to its remote venue (the user's, or a kill switch,
     * dead-man switch, cancel-on-disconnect, MMP, ... named by {@code reason}); the order stays
     * open until the venue confirms, and then ends with an OrderCancelled carrying that reason.
     */
    record VenueCancelRequested(long orderId, int account, int instrument, String clientOrderId, ReasonCode reason,
                                long timestamp) implements EngineEvent {
    }

    /** The remote venue refused a routed order with {@code error}; an OrderCancelled (VENUE_REJECTED) follows. */
    record VenueOrderRejected(long orderId, int account, int instrument, String clientOrderId, String error,
                              long timestamp) implements EngineEvent {
    }

    /** One changed L2 level: its new total open quantity (0 = level removed). */
    record LevelUpdate(Side side, long price, long quantity) {
    }

    /** The L2 levels a command changed on one book; {@code bookSequence} grows by one per delta. */
    record BookDelta(int instrument, long bookSequence, List<LevelUpdate> levels) implements EngineEvent {
        @Override
        public boolean isMarketData() {
            return true;
        }
    }
}
