package io.hyperindex.gateway.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hyperindex.gateway.api.edge.LiveOrder;
import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.api.edge.OrderOutcome;
import io.hyperindex.gateway.api.edge.OrderState;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.SelfTradePrevention;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.CommandResult;

import java.util.ArrayList;
import java.util.List;

/** The JSON bodies of the order resources: requests as Jackson reads them, answers as it writes them. */
final class OrderJson {
    private OrderJson() {
    }

    /** POST /orders. Decimals are strings; {@code type} defaults to LIMIT, {@code timeInForce} to GTC (IOC for MARKET). */
    record PlaceOrder(String symbol, String clientOrderId, Side side, OrderType type, TimeInForce timeInForce, String price,
                      String quantity, boolean postOnly, boolean reduceOnly, boolean mmp,
                      SelfTradePrevention selfTradePrevention) {
    }

    /** POST /orders/batch. */
    record PlaceOrders(List<PlaceOrder> orders) {
    }

    /** One order named by id (if positive) or client order id. */
    record OrderRef(long orderId, String clientOrderId) {
    }

    /** POST /orders/cancel. */
    record CancelOrders(List<OrderRef> orders) {
    }

    /** PATCH /orders/{orderId}: a new price and/or a new total quantity. */
    record Amend(String newPrice, String newQuantity) {
    }

    /** PUT /cancel-after. */
    record CancelAfter(long timeoutMillis) {
    }

    /** A fill of the order as taker within the command that placed or amended it; fee in USDC (negative = rebate). */
    record Fill(long tradeId, String price, String quantity, String fee, String feeTier) {
    }

    /**
     * The acknowledgement of a place, cancel or amend. {@code duplicate} is true when a retried
     * POST /orders answered with the order its client order id already names.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Ack(long orderId, String clientOrderId, String symbol, OrderState status, String filled, String remaining,
               RestErrors.ErrorBody reason, Long sequence, List<Fill> fills, Boolean duplicate) {
    }

    /** A live order. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Order(long orderId, String clientOrderId, String symbol, Side side, String price, String quantity,
                 String remaining, String filled, TimeInForce timeInForce, boolean postOnly, boolean reduceOnly,
                 boolean mmp, OrderState status, long timestampNanos) {
    }

    /** One item of a batch answer: exactly one of ack and error. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(Ack ack, RestErrors.ErrorBody error) {
    }

    record Items(List<Item> results) {
    }

    /** GET /orders: a page, oldest order first; {@code nextAfter} is the cursor of the next page, null at the end. */
    record OrderPage(List<Order> orders, Long nextAfter) {
    }

    record MassCancelled(int cancelled, long sequence) {
    }

    record CancelAfterSet(long deadlineNanos) {
    }

    static Ack ack(Markets markets, OrderOutcome o, CommandResult r) {
        Instrument ins = markets.instrument(o.instrument());
        List<Fill> fills = r == null ? null : takerFills(ins, o.orderId(), r);
        return new Ack(o.orderId(), o.clientOrderId(), ins.symbol(), o.state(), Markets.qty(ins, o.filled()),
                Markets.qty(ins, o.remaining()), o.reason() == null ? null : RestErrors.body(o.reason(), null),
                o.sequence(), fills, null);
    }

    /** The live order as a retried placement's answer (its own sequence is not kept). */
    static Ack duplicateAck(Markets markets, LiveOrder o) {
        Instrument ins = markets.instrument(o.instrument());
        return new Ack(o.orderId(), o.clientOrderId(), ins.symbol(), o.state(), Markets.qty(ins, o.filled()),
                Markets.qty(ins, o.remaining()), null, null, null, Boolean.TRUE);
    }

    static Ack asDuplicate(Ack a) {
        return new Ack(a.orderId(), a.clientOrderId(), a.symbol(), a.status(), a.filled(), a.remaining(), a.reason(),
                a.sequence(), a.fills(), Boolean.TRUE);
    }

    private static List<Fill> takerFills(Instrument ins, long orderId, CommandResult r) {
        List<Fill> out = null;
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.TradeExecuted t && t.takerOrderId() == orderId) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(new Fill(t.tradeId(), Markets.price(ins, t.price()), Markets.qty(ins, t.quantity()),
                        Markets.cash(t.takerFee()), t.takerTier()));
            }
        }
        return out == null ? List.of() : out;
    }

    static Order order(Markets markets, LiveOrder o) {
        Instrument ins = markets.instrument(o.instrument());
        return new Order(o.orderId(), o.clientOrderId(), ins.symbol(), o.side(), Markets.price(ins, o.price()),
                Markets.qty(ins, o.quantity()), Markets.qty(ins, o.remaining()), Markets.qty(ins, o.filled()),
                o.timeInForce(), o.postOnly(), o.reduceOnly(), o.mmp(), o.state(), o.timestampNanos());
    }
}
