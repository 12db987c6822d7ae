package io.hyperindex.gateway.api.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hyperindex.gateway.api.edge.LiveOrder;
import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.api.edge.OrderOutcome;
import io.hyperindex.gateway.api.edge.OrderRequests;
import io.hyperindex.gateway.api.edge.RequestRejected;
import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.ops.http.JsonReply;
import io.netty.handler.codec.http.HttpMethod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The Trading resources: orders (place, batch, get, list, amend, cancel, batch cancel, mass
 * cancel) and the dead-man switch. A POST /orders retried with the same client order id and the
 * same order answers with the order already placed, never a second one (docs/rest.md).
 */
final class TradingRoutes {
    private static final String CLIENT_ID = "clientOrderId";
    private final RestEndpoints api;
    private final Markets markets;
    /** Recent placements with a client order id, by account and id: what makes a retried POST idempotent. */
    private final Cache<String, Recent> recent;

    private record Recent(Command.PlaceOrder command, OrderJson.Ack ack) {
    }

    TradingRoutes(RestEndpoints api, Duration idempotencyWindow) {
        this.api = api;
        this.markets = api.markets();
        this.recent = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(idempotencyWindow).build();
    }

    void install() {
        api.route(HttpMethod.POST, "/orders", Scope.TRADE, OrderJson.PlaceOrder.class, this::place)
                .route(HttpMethod.POST, "/orders/batch", Scope.TRADE, OrderJson.PlaceOrders.class, this::placeBatch)
                .route(HttpMethod.POST, "/orders/cancel", Scope.TRADE, OrderJson.CancelOrders.class, this::cancelBatch)
                .route(HttpMethod.GET, "/orders", Scope.READ, this::list)
                .route(HttpMethod.DELETE, "/orders", Scope.TRADE, this::massCancel)
                .route(HttpMethod.GET, "/orders/{orderId}", Scope.READ, c -> get(c, byId(c)))
                .route(HttpMethod.DELETE, "/orders/{orderId}", Scope.TRADE, c -> cancel(c, byId(c)))
                .route(HttpMethod.PATCH, "/orders/{orderId}", Scope.TRADE, OrderJson.Amend.class, (c, b) -> amend(c, byId(c), b))
                .route(HttpMethod.GET, "/orders/by-client-id/{clientOrderId}", Scope.READ, c -> get(c, byClientId(c)))
                .route(HttpMethod.DELETE, "/orders/by-client-id/{clientOrderId}", Scope.TRADE, c -> cancel(c, byClientId(c)))
                .route(HttpMethod.PATCH, "/orders/by-client-id/{clientOrderId}", Scope.TRADE, OrderJson.Amend.class,
                        (c, b) -> amend(c, byClientId(c), b))
                .route(HttpMethod.PUT, "/cancel-after", Scope.TRADE, OrderJson.CancelAfter.class, this::cancelAfter);
    }

    private static Command.CancelOrder byId(RestCall c) {
        QueryParams.only(c.request(), Set.of());
        return OrderRequests.target(c.account(), QueryParams.orderId(c.request().pathParam("orderId")), null, "orderId",
                CLIENT_ID);
    }

    private static Command.CancelOrder byClientId(RestCall c) {
        QueryParams.only(c.request(), Set.of());
        return OrderRequests.target(c.account(), 0, c.request().pathParam("clientOrderId"), "orderId", CLIENT_ID);
    }

    private static Command.PlaceOrder decode(Markets markets, int account, OrderJson.PlaceOrder b) {
        if (b == null) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "an order must be a JSON object");
        }
        return OrderRequests.placeOrder(markets, account, b.symbol(), b.clientOrderId(), b.side(), b.type(),
                b.timeInForce(), b.price(), b.quantity(), b.postOnly(), b.reduceOnly(), b.mmp(), b.selfTradePrevention(),
                CLIENT_ID);
    }

    private static String key(Command.PlaceOrder c) {
        return c.account() + "\u0000" + c.clientOrderId();
    }

    private CompletionStage<JsonReply> place(RestCall call, OrderJson.PlaceOrder body) {
        QueryParams.only(call.request(), Set.of());
        Command.PlaceOrder c = decode(markets, call.account(), body);
        if (c.clientOrderId() != null) {
            Recent prior = recent.getIfPresent(key(c));
            if (prior != null && prior.command().equals(c)) {
                return CompletableFuture.completedFuture(JsonReply.ok(OrderJson.asDuplicate(prior.ack())));
            }
        }
        return api.submitRaw(call, c).thenCompose(r -> {
            ReasonCode rejected = r.rejection();
            if (rejected == ReasonCode.DUPLICATE_CLIENT_ORDER_ID) {
                return liveDuplicate(call, c);
            }
            if (rejected != null) {
                throw new RequestRejected(rejected, rejected.message());
            }
            return CompletableFuture.completedFuture(JsonReply.ok(accepted(c, r)));
        });
    }

    private OrderJson.Ack accepted(Command.PlaceOrder c, CommandResult r) {
        OrderJson.Ack ack = OrderJson.ack(markets, OrderOutcome.placed(r, c), r);
        if (c.clientOrderId() != null) {
            recent.put(key(c), new Recent(c, ack));
        }
        return ack;
    }

    /** The engine refused a live client order id: the same order again is a retry, a different one a conflict. */
    private CompletionStage<JsonReply> liveDuplicate(RestCall call, Command.PlaceOrder c) {
        return api.query(call, me -> {
            io.hyperindex.gateway.book.Order o = me.liveOrderByClientId(c.account(), c.clientOrderId());
            return o == null ? null : LiveOrder.of(o);
        }, live -> {
            if (live == null || live.instrument() != c.instrument() || live.side() != c.side() || live.price() != c.price()
                    || live.quantity() != c.quantity() || live.timeInForce() != c.timeInForce() || live.flags() != c.flags()) {
                throw new RequestRejected(ReasonCode.DUPLICATE_CLIENT_ORDER_ID, "a live order of this account already uses "
                        + "clientOrderId " + c.clientOrderId() + " with other parameters");
            }
            return JsonReply.ok(OrderJson.duplicateAck(markets, live));
        });
    }

    private CompletionStage<JsonReply> placeBatch(RestCall call, OrderJson.PlaceOrders body) {
        QueryParams.only(call.request(), Set.of());
        List<OrderJson.PlaceOrder> orders = body.orders() == null ? List.of() : body.orders();
        OrderRequests.checkBatch(orders.size());
        int account = call.account();
        // items that fail decoding, or repeat a recent placement, are answered in place; the others go as one batch
        OrderJson.Item[] results = new OrderJson.Item[orders.size()];
        List<Command> commands = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < orders.size(); i++) {
            try {
                Command.PlaceOrder c = decode(markets, account, orders.get(i));
                Recent prior = c.clientOrderId() == null ? null : recent.getIfPresent(key(c));
                if (prior != null && prior.command().equals(c)) {
                    results[i] = new OrderJson.Item(OrderJson.asDuplicate(prior.ack()), null);
                    continue;
                }
                commands.add(c);
                slots.add(i);
            } catch (RequestRejected e) {
                results[i] = new OrderJson.Item(null, RestErrors.body(e.reason(), "orders[" + i + "]: " + e.getMessage()));
            }
        }
        if (commands.isEmpty()) {
            return CompletableFuture.completedFuture(JsonReply.ok(new OrderJson.Items(List.of(results))));
        }
        return api.submitBatch(call, commands, rs -> {
            for (int k = 0; k < rs.size(); k++) {
                CommandResult r = rs.get(k);
                ReasonCode rejected = r.rejection();
                results[slots.get(k)] = rejected != null ? new OrderJson.Item(null, RestErrors.body(rejected, null))
                        : new OrderJson.Item(accepted((Command.PlaceOrder) commands.get(k), r), null);
            }
            return JsonReply.ok(new OrderJson.Items(List.of(results)));
        });
    }

    private CompletionStage<JsonReply> cancelBatch(RestCall call, OrderJson.CancelOrders body) {
        QueryParams.only(call.request(), Set.of());
        List<OrderJson.OrderRef> refs = body.orders() == null ? List.of() : body.orders();
        OrderRequests.checkBatch(refs.size());
        int account = call.account();
        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            OrderJson.OrderRef ref = refs.get(i);
            if (ref == null) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "orders[" + i + "] must be an object");
            }
            commands.add(OrderRequests.target(account, ref.orderId(), ref.clientOrderId(), "orders[" + i + "].orderId",
                    "orders[" + i + "].clientOrderId"));
        }
        return api.submitBatch(call, commands, rs -> {
            List<OrderJson.Item> items = new ArrayList<>(rs.size());
            for (CommandResult r : rs) {
                ReasonCode rejected = r.rejection();
                items.add(rejected != null ? new OrderJson.Item(null, RestErrors.body(rejected, null))
                        : new OrderJson.Item(OrderJson.ack(markets, OrderOutcome.cancelled(r), null), null));
            }
            return JsonReply.ok(new OrderJson.Items(items));
        });
    }

    private CompletionStage<JsonReply> get(RestCall call, Command.CancelOrder target) {
        return api.query(call, me -> OrderRequests.liveCopyOf(me, target.account(), target), live -> {
            if (live == null) {
                throw new RequestRejected(ReasonCode.UNKNOWN_ORDER, ReasonCode.UNKNOWN_ORDER.message());
            }
            return JsonReply.ok(OrderJson.order(markets, live));
        });
    }

    private CompletionStage<JsonReply> cancel(RestCall call, Command.CancelOrder target) {
        return api.submit(call, target, r -> JsonReply.ok(OrderJson.ack(markets, OrderOutcome.cancelled(r), null)));
    }

    private CompletionStage<JsonReply> amend(RestCall call, Command.CancelOrder target, OrderJson.Amend body) {
        OrderRequests.checkAmendChanges(body.newPrice(), body.newQuantity(), "newPrice", "newQuantity");
        // the fields left unchanged come from the live order
        return api.query(call, me -> OrderRequests.liveCopyOf(me, target.account(), target), live -> live)
                .thenCompose(live -> {
                    if (live == null) {
                        throw new RequestRejected(ReasonCode.UNKNOWN_ORDER, ReasonCode.UNKNOWN_ORDER.message());
                    }
                    Command.AmendOrder c = OrderRequests.amend(markets, target.account(), live, body.newPrice(),
                            body.newQuantity(), "newPrice", "newQuantity");
                    return api.submit(call, c, r -> JsonReply.ok(OrderJson.ack(markets,
                            OrderOutcome.amended(r, live.clientOrderId()), r)));
                });
    }

    private CompletionStage<JsonReply> list(RestCall call) {
        QueryParams.only(call.request(), Set.of("symbol", "limit", "after"));
        int account = call.account();
        String symbol = call.query("symbol");
        int instrument = symbol == null ? -1 : markets.instrument(symbol).id();
        int limit = QueryParams.limit(call.query("limit"));
        long after = QueryParams.number("after", call.query("after"), 0, Long.MAX_VALUE - 1);
        return api.query(call, me -> {
            List<LiveOrder> out = new ArrayList<>();
            OrderRequests.forEachOpenOrder(me, account, instrument, o -> {
                if (o.id() > after) {
                    out.add(LiveOrder.of(o));
                }
            });
            return out;
        }, orders -> {
            orders.sort(Comparator.comparingLong(LiveOrder::orderId));
            List<OrderJson.Order> page = new ArrayList<>(Math.min(limit, orders.size()));
            for (int i = 0; i < orders.size() && i < limit; i++) {
                page.add(OrderJson.order(markets, orders.get(i)));
            }
            Long next = orders.size() > limit ? orders.get(limit - 1).orderId() : null;
            return JsonReply.ok(new OrderJson.OrderPage(page, next));
        });
    }

    private CompletionStage<JsonReply> massCancel(RestCall call) {
        QueryParams.only(call.request(), Set.of("symbol", "side"));
        String symbol = call.query("symbol");
        String side = call.query("side");
        Side s;
        if (side == null) {
            s = null;
        } else if (side.equals("BUY") || side.equals("SELL")) {
            s = Side.valueOf(side);
        } else {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "side must be BUY or SELL (absent = both)");
        }
        Command.MassCancel c = new Command.MassCancel(call.account(), symbol == null ? -1 : markets.instrument(symbol).id(), s);
        return api.submit(call, c, r -> JsonReply.ok(new OrderJson.MassCancelled(OrderOutcome.cancelledCount(r), r.sequence())));
    }

    private CompletionStage<JsonReply> cancelAfter(RestCall call, OrderJson.CancelAfter body) {
        QueryParams.only(call.request(), Set.of());
        Command.SetCancelAfter c = OrderRequests.cancelAfter(call.account(), body.timeoutMillis(), "timeoutMillis");
        return api.submit(call, c, r -> JsonReply.ok(new OrderJson.CancelAfterSet(OrderOutcome.cancelAfterDeadline(r))));
    }
}
