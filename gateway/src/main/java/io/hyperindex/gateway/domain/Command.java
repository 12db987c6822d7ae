package io.hyperindex.gateway.domain;

/**
 * A request that changes trading state. Commands are journaled with the sequence number and
 * timestamp the engine gives them, and replaying them in order rebuilds the same state.
 * Accounts and instruments are the engine's dense integer ids.
 */
public sealed interface Command permits Command.PlaceOrder, Command.CancelOrder, Command.AmendOrder,
        Command.MassCancel, Command.SetInstrumentStatus, Command.Tick, Command.SetRiskLimits, Command.KillSwitch,
        Command.SetCancelAfter, Command.SessionClosed, Command.SetMmp, Command.ResetMmp, Command.SetMarkPrice,
        Command.SetFeeTierOverride, Command.VenueOrderAcked, Command.VenueOrderRejected, Command.VenueFill,
        Command.VenueOrderDone {

    /** The account the command acts for, or -1 for operator commands. */
    int account();

    /**
     * A new order. {@code price} is ignored for market orders (their bound comes from the
     * instrument's market protection band). {@code selfTradePrevention} null means the default.
     */
    record PlaceOrder(int account, int instrument, String clientOrderId, Side side, OrderType type,
                      TimeInForce timeInForce, long price, long quantity, int flags,
                      SelfTradePrevention selfTradePrevention, long session) implements Command {

        /** An order not tied to a session (session 0: cancel-on-disconnect never applies to it). */
        public PlaceOrder(int account, int instrument, String clientOrderId, Side side, OrderType type,
                          TimeInForce timeInForce, long price, long quantity, int flags,
                          SelfTradePrevention selfTradePrevention) {
            this(account, instrument, clientOrderId, side, type, timeInForce, price, quantity, flags,
                    selfTradePrevention, 0);
        }
    }

    /** Cancels one live order, named by order id ({@code orderId > 0}) or by client order id. */
    record CancelOrder(int account, long orderId, String clientOrderId) implements Command {
    }

    /**
     * Changes price and/or total quantity of a live order named by order id ({@code orderId > 0})
     * or client order id. Same price and smaller quantity keeps time priority.
     */
    record AmendOrder(int account, long orderId, String clientOrderId, long newPrice, long newQuantity)
            implements Command {
    }

    /** Cancels every live order of the account, optionally only of one instrument (-1 = all) and side (null = both). */
    record MassCancel(int account, int instrument, Side side) implements Command {
    }

    /**
     * Moves the engine's clock without trading, so that time-driven work (the daily fee-tier
     * recomputation, monthly incentive grants) happens even when no orders arrive. The engine
     * runtime sends one when a day or month boundary passes.
     */
    record Tick() implements Command {
        @Override
        public int account() {
            return -1;
        }
    }

    /**
     * Admin command: replaces an account's risk limits. Journaled with who asked, so the change
     * is audited (RiskLimitsChanged carries old and new).
     */
    record SetRiskLimits(int account, io.hyperindex.gateway.domain.RiskLimits limits, String actor) implements Command {
    }

    /** What a kill switch covers. */
    enum KillScope { ACCOUNT, INSTRUMENT, GLOBAL }

    /**
     * Turns a kill switch on or off. On: cancels the orders in scope and refuses new ones
     * (an instrument kill halts it); with {@code flatten}, an account kill also closes its
     * positions with IOC orders inside the market protection band. {@code target} is the
     * account or instrument id (ignored for GLOBAL).
     */
    record KillSwitch(KillScope scope, int target, boolean on, boolean flatten, String actor) implements Command {
        @Override
        public int account() {
            return scope == KillScope.ACCOUNT ? target : -1;
        }
    }

    /**
     * Dead-man switch: cancel all of the account's orders if this is not renewed within
     * {@code timeoutMillis} (5,000..120,000); 0 disarms it.
     */
    record SetCancelAfter(int account, long timeoutMillis) implements Command {
    }

    /**
     * A protocol session ended. With cancel-on-disconnect chosen for it, cancels the orders that
     * session placed ({@code accountScope} false) or all of the account's orders (true).
     */
    record SessionClosed(int account, long session, boolean accountScope) implements Command {
    }

    /** Sets or replaces (by group name) one of the account's market-maker protection groups. */
    record SetMmp(int account, MmpConfig config) implements Command {
    }

    /** Unfreezes an MMP group after it tripped (needed when its frozen period is 0). */
    record ResetMmp(int account, String group) implements Command {
    }

    /** An external mark price for an instrument (used when the mark mode is EXTERNAL), in price units. */
    record SetMarkPrice(int instrument, long price) implements Command {
        @Override
        public int account() {
            return -1;
        }
    }

    /** Operator command: halts or resumes an instrument. */
    record SetInstrumentStatus(int instrument, InstrumentStatus status) implements Command {
        @Override
        public int account() {
            return -1;
        }
    }

    /**
     * An operator's fee-tier override for one account: its fills are priced at {@code tier}
     * (a tier of the fee policy) until {@code untilMillis} (epoch ms; 0 = until cleared),
     * whatever its volume; {@code tier} null clears the override. Journaled like every command.
     */
    record SetFeeTierOverride(int account, String tier, long untilMillis, String actor) implements Command {
    }

    // --- a remote venue's answers for orders routed to it (docs/engine.md, "Remote orders") ---

    /** The remote venue took a routed order and named it {@code venueOrderId} (Hyperliquid's {@code oid}). */
    record VenueOrderAcked(long orderId, long venueOrderId) implements Command {
        @Override
        public int account() {
            return -1;
        }
    }

    /** The remote venue refused a routed order; {@code error} is its own text (Hyperliquid's error string). */
    record VenueOrderRejected(long orderId, String error) implements Command {
        @Override
        public int account() {
            return -1;
        }
    }

    /**
     * A fill of a routed order at the remote venue. {@code venueTradeId} (Hyperliquid's {@code tid})
     * is unique per order: a second fill with the same id is refused with DUPLICATE_VENUE_FILL and
     * changes nothing, so fills may be submitted again after a reconnect. {@code maker} is the
     * venue's liquidity flag (Hyperliquid: {@code crossed} false); {@code venueTimeMillis} its time.
     */
    record VenueFill(long orderId, long venueTradeId, long price, long quantity, boolean maker, long venueTimeMillis)
            implements Command {
        @Override
        public int account() {
            return -1;
        }
    }

    /**
     * The remote venue says a routed order is no longer open (cancelled, expired or filled).
     * {@code venueFilledQuantity} is what the venue filled in total, or -1 if it does not say:
     * while fills up to that quantity are still to come, the order stays open for them.
     */
    record VenueOrderDone(long orderId, long venueFilledQuantity) implements Command {
        @Override
        public int account() {
            return -1;
        }
    }
}
