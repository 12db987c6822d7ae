package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;

/**
 * What the FIX edge knows of one order, kept on its account's report lane from the engine's events:
 * enough to fill every ExecutionReport field (CumQty, LeavesQty, AvgPx, OrdStatus, ClOrdID
 * after replaces) and to answer an OrderStatusRequest.
 */
final class OrderView {
    final long orderId;
    final int account;
    final int instrument;
    final Side side;
    final OrderType type;
    final TimeInForce timeInForce;
    final int flags;
    /** Engine session id of the session that placed it (0: not placed by a session). */
    final long engineSession;
    /** The ClOrdID the order is known by now (the last accepted replace's, else the original). */
    String clOrdId;
    long price;
    long quantity;
    long leaves;
    long cum;
    /** Sum of price x quantity over the fills, in price units x quantity units, for AvgPx. */
    long pxQty;
    /** FIX OrdStatus(39). */
    char ordStatus = '0';
    /**
     * For an order routed to a remote venue whose cancel is pending there: the ClOrdID it had
     * before the cancel request renamed it, for the OrigClOrdID of the final Canceled report.
     */
    String pendingCancelOrigClOrdId;
    /** The session that asked for the pending cancel (its reports go there too). */
    quickfix.SessionID pendingCancelSession;

    OrderView(long orderId, int account, int instrument, String clOrdId, Side side, OrderType type,
              TimeInForce timeInForce, int flags, long engineSession, long price, long quantity) {
        this.orderId = orderId;
        this.account = account;
        this.instrument = instrument;
        this.clOrdId = clOrdId;
        this.side = side;
        this.type = type;
        this.timeInForce = timeInForce;
        this.flags = flags;
        this.engineSession = engineSession;
        this.price = price;
        this.quantity = quantity;
        this.leaves = quantity;
    }

    boolean isTerminal() {
        return ordStatus == '2' || ordStatus == '4' || ordStatus == 'C' || ordStatus == '8';
    }

    /** OrdStatus from the quantities while the order lives: New, or Partially filled, or Filled. */
    char workingStatus() {
        if (leaves == 0 && cum > 0) {
            return '2';
        }
        return cum > 0 ? '1' : '0';
    }
}
