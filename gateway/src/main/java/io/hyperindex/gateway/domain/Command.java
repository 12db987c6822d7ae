package io.hyperindex.gateway.domain;

/**
 * A request that changes trading state. Commands are journaled with the sequence number and
 * timestamp the engine gives them, and replaying them in order rebuilds the same state.
 * Accounts and instruments are the engine's dense integer ids.
 */
public sealed interface Command permits Command.PlaceOrder, Command.CancelOrder, Command.AmendOrder,
        Command.MassCancel, Command.SetInstrumentStatus, Command.Tick {

    /** The account the command acts for, or -1 for operator commands. */
    int account();

    /**
     * A new order. {@code price} is ignored for market orders (their bound comes from the
     * instrument's market protection band). {@code selfTradePrevention} null means the default.
     */
    record PlaceOrder(int account, int instrument, String clientOrderId, Side side, OrderType type,
                      TimeInForce timeInForce, long price, long quantity, int flags,
                      SelfTradePrevention selfTradePrevention) implements Command {
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

    /** Operator command: halts or resumes an instrument. */
    record SetInstrumentStatus(int instrument, InstrumentStatus status) implements Command {
        @Override
        public int account() {
            return -1;
        }
    }
}
