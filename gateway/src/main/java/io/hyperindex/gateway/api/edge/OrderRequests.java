package io.hyperindex.gateway.api.edge;

import io.hyperindex.gateway.book.Order;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.SelfTradePrevention;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.MatchingEngine;

import java.util.function.Consumer;

/**
 * The checks an order request passes at the API edge, and the engine commands it becomes.
 * Every adapter decodes its own wire form into these arguments; the rules are here once.
 * Field names in messages are the caller's (each protocol spells its fields its own way).
 */
public final class OrderRequests {
    /** Longest client order id accepted (printable ASCII, no spaces). */
    public static final int MAX_CLIENT_ORDER_ID = 64;
    /** Shortest and longest armed dead-man timeout, milliseconds (0 disarms). */
    public static final long MIN_CANCEL_AFTER_MILLIS = 5_000;
    public static final long MAX_CANCEL_AFTER_MILLIS = 120_000;

    private OrderRequests() {
    }

    /**
     * A new order. {@code timeInForce} null = the default (GTC for limit, IOC for market);
     * {@code price} null or empty for market orders; {@code clientOrderId} null or empty = none.
     */
    public static Command.PlaceOrder placeOrder(Markets markets, int account, String symbol, String clientOrderId,
                                                Side side, OrderType type, TimeInForce timeInForce, String price,
                                                String quantity, boolean postOnly, boolean reduceOnly, boolean mmp,
                                                SelfTradePrevention stp, String clientOrderIdField) {
        Instrument ins = markets.instrument(symbol == null ? "" : symbol);
        if (side == null) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "side must be BUY or SELL");
        }
        OrderType t = type == null ? OrderType.LIMIT : type;
        TimeInForce tif = timeInForce != null ? timeInForce : t == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC;
        long priceUnits = 0;
        if (t == OrderType.LIMIT) {
            priceUnits = Markets.priceUnits(ins, "price", price);
        } else if (price != null && !price.isEmpty()) {
            throw new RequestRejected(ReasonCode.INVALID_ORDER, "a market order carries no price");
        }
        long qty = Markets.qtyUnits(ins, "quantity", quantity);
        String cloid = clientOrderId(clientOrderId, clientOrderIdField);
        int flags = (postOnly ? OrderFlags.POST_ONLY : 0) | (reduceOnly ? OrderFlags.REDUCE_ONLY : 0)
                | (mmp ? OrderFlags.MMP : 0);
        return new Command.PlaceOrder(account, ins.id(), cloid, side, t, tif, priceUnits, qty, flags, stp);
    }

    /** A client order id as the engine keeps it (null = none), or INVALID_REQUEST. */
    public static String clientOrderId(String value, String field) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > MAX_CLIENT_ORDER_ID || !value.matches("[\\x21-\\x7e]*")) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST,
                    field + " must be at most " + MAX_CLIENT_ORDER_ID + " printable ASCII characters");
        }
        return value;
    }

    /**
     * A cancel of the order named by {@code orderId} (if positive) or else {@code clientOrderId};
     * the same command names the target of a read or an amend.
     */
    public static Command.CancelOrder target(int account, long orderId, String clientOrderId, String orderIdField,
                                             String clientOrderIdField) {
        boolean noClientId = clientOrderId == null || clientOrderId.isEmpty();
        if (orderId <= 0 && noClientId) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "give " + orderIdField + " or " + clientOrderIdField);
        }
        if (!noClientId && clientOrderId.length() > MAX_CLIENT_ORDER_ID) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, clientOrderIdField + " is longer than " + MAX_CLIENT_ORDER_ID);
        }
        return new Command.CancelOrder(account, Math.max(0, orderId), noClientId ? null : clientOrderId);
    }

    /**
     * The account's live order named by {@code target}, or null: another account's order is
     * null too, exactly as an unknown one. Call on the engine thread.
     */
    public static Order liveOf(MatchingEngine me, int account, Command.CancelOrder target) {
        if (target.orderId() > 0) {
            Order o = me.liveOrder(target.orderId());
            return o != null && o.account() == account ? o : null;
        }
        return me.liveOrderByClientId(account, target.clientOrderId());
    }

    /** {@link #liveOf} copied, or null. Call on the engine thread. */
    public static LiveOrder liveCopyOf(MatchingEngine me, int account, Command.CancelOrder target) {
        Order o = liveOf(me, account, target);
        return o == null ? null : LiveOrder.of(o);
    }

    /**
     * The amend of {@code live}: a null or empty new price or quantity keeps the order's own, and
     * at least one must be given. The engine checks it again against the order as it is then.
     */
    public static Command.AmendOrder amend(Markets markets, int account, LiveOrder live, String newPrice,
                                           String newQuantity, String priceField, String quantityField) {
        Instrument ins = markets.instrument(live.instrument());
        boolean keepPrice = newPrice == null || newPrice.isEmpty();
        boolean keepQty = newQuantity == null || newQuantity.isEmpty();
        long price = keepPrice ? live.price() : Markets.priceUnits(ins, priceField, newPrice);
        long qty = keepQty ? live.quantity() : Markets.qtyUnits(ins, quantityField, newQuantity);
        return new Command.AmendOrder(account, live.orderId(), null, price, qty);
    }

    /** Refuses an amend that changes nothing before any engine work. */
    public static void checkAmendChanges(String newPrice, String newQuantity, String priceField, String quantityField) {
        if ((newPrice == null || newPrice.isEmpty()) && (newQuantity == null || newQuantity.isEmpty())) {
            throw new RequestRejected(ReasonCode.INVALID_AMEND, "give " + priceField + " and/or " + quantityField);
        }
    }

    /** A batch of {@code n} items: 1..{@value MatchingEngine#MAX_BATCH}, else INVALID_REQUEST or BATCH_TOO_LARGE. */
    public static void checkBatch(int n) {
        if (n == 0) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "a batch needs at least one item");
        }
        if (n > MatchingEngine.MAX_BATCH) {
            throw new RequestRejected(ReasonCode.BATCH_TOO_LARGE, "a batch holds at most " + MatchingEngine.MAX_BATCH
                    + " items, this one has " + n);
        }
    }

    /** The dead-man switch command: 0 disarms, otherwise 5,000..120,000 ms. */
    public static Command.SetCancelAfter cancelAfter(int account, long millis, String field) {
        if (millis != 0 && (millis < MIN_CANCEL_AFTER_MILLIS || millis > MAX_CANCEL_AFTER_MILLIS)) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, field + " must be 0 (disarm) or "
                    + MIN_CANCEL_AFTER_MILLIS + ".." + MAX_CANCEL_AFTER_MILLIS);
        }
        return new Command.SetCancelAfter(account, millis);
    }

    /**
     * Visits the account's live orders, of one instrument ({@code instrument >= 0}) or all, book
     * by book, bids then asks in priority order. Only books where the account has orders are
     * walked (the engine keeps no per-account order list). Call on the engine thread.
     */
    public static void forEachOpenOrder(MatchingEngine me, int account, int instrument, Consumer<Order> visitor) {
        for (int i = 0; i < me.instrumentCount(); i++) {
            if ((instrument < 0 || i == instrument) && me.risk().openOrders(account, i) > 0) {
                for (Side side : Side.values()) {
                    me.book(i).forEachOrder(side, o -> {
                        if (o.account() == account) {
                            visitor.accept(o);
                        }
                    });
                }
            }
        }
    }
}
