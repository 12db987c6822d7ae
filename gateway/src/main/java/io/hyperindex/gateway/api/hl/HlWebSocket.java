package io.hyperindex.gateway.api.hl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.ops.http.ApiRequest;
import io.hyperindex.gateway.ops.http.JsonReply;
import io.hyperindex.gateway.ops.http.WebSocketEndpoint;
import io.hyperindex.gateway.ops.http.WsConnection;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code /hl/ws}: Hyperliquid's WebSocket on the venue. Subscriptions {@code l2Book{coin}}
 * (a snapshot on subscribe, then the book again after it changed, at most every
 * {@value #BOOK_INTERVAL_MILLIS} ms), {@code bbo{coin}} and {@code allMids} (the same cadence,
 * sent only when the value changed), {@code trades{coin}}, {@code userFills{user}} (the recent
 * fills first, {@code isSnapshot: true}), {@code orderUpdates{user}} and {@code userEvents{user}}
 * (channel {@code user}: fills, and cancels the account did not ask for). {@code post} runs an
 * info request or a signed action exactly as {@code /hl/info} and {@code /hl/exchange} do;
 * {@code ping} answers {@code pong}. Events come from the engine's durable results: nothing is
 * pushed that a crash could take back.
 */
final class HlWebSocket implements WebSocketEndpoint, Consumer<CommandResult> {
    static final long BOOK_INTERVAL_MILLIS = 50;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HlContext context;
    private final FillHistory fills;
    private final HlInfo info;
    private final Function<ApiRequest, CompletionStage<JsonReply>> exchange;
    /** The last bbo and allMids text sent, so that only changes are pushed. */
    private final Map<String, String> lastSent = new ConcurrentHashMap<>();
    /** The orders' side, price and size, to word their updates (it sees each result before this does). */
    private final FinishedOrders orders;
    private final Map<String, Set<WsConnection>> subscribers = new ConcurrentHashMap<>();
    private final Map<WsConnection, Set<String>> byConnection = new ConcurrentHashMap<>();
    /** Books that changed since their subscribers were last sent them. */
    private final Set<Integer> dirtyBooks = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService books = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hl-ws-books");
        t.setDaemon(true);
        return t;
    });

    HlWebSocket(HlContext context, FillHistory fills, FinishedOrders orders, HlInfo info,
                Function<ApiRequest, CompletionStage<JsonReply>> exchange) {
        this.orders = orders;
        this.context = context;
        this.fills = fills;
        this.info = info;
        this.exchange = exchange;
        books.scheduleWithFixedDelay(this::sendDirtyBooks, BOOK_INTERVAL_MILLIS, BOOK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpen(WsConnection connection) {
        byConnection.put(connection, new CopyOnWriteArraySet<>());
        connection.send("Websocket connection established.");
    }

    @Override
    public void onClose(WsConnection connection) {
        Set<String> keys = byConnection.remove(connection);
        if (keys != null) {
            for (String k : keys) {
                Set<WsConnection> s = subscribers.get(k);
                if (s != null) {
                    s.remove(connection);
                }
            }
        }
    }

    @Override
    public void onText(WsConnection connection, String text) {
        JsonNode msg = HlContext.objectBody(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (msg == null) {
            error(connection, "Invalid message: not a JSON object: "
                    + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
            return;
        }
        String method = msg.path("method").asText();
        switch (method) {
            case "ping" -> connection.send("{\"channel\":\"pong\"}");
            case "subscribe", "unsubscribe" -> subscription(connection, method, msg.path("subscription"));
            case "post" -> post(connection, msg);
            default -> error(connection, "Method '" + method + "' is not supported on this venue: use subscribe, "
                    + "unsubscribe, post or ping.");
        }
    }

    /**
     * {@code {"method":"post","id":n,"request":{"type":"info"|"action","payload":{...}}}}: the
     * payload goes to the same handler as an HTTP request to /hl/info or /hl/exchange; the
     * answer is {@code {"channel":"post","data":{"id":n,"response":{"type":..,"payload":..}}}},
     * an info answer's payload being {@code {"type": <info type>, "data": <the /info body>}}.
     */
    private void post(WsConnection connection, JsonNode msg) {
        JsonNode id = msg.get("id");
        JsonNode request = msg.path("request");
        String type = request.path("type").asText();
        JsonNode payload = request.get("payload");
        if (id == null || !id.canConvertToLong() || payload == null || !payload.isObject()
                || !(type.equals("info") || type.equals("action"))) {
            error(connection, "Invalid post: expected {\"method\":\"post\",\"id\":<integer>,\"request\":"
                    + "{\"type\":\"info\"|\"action\",\"payload\":{...}}}.");
            return;
        }
        String path = type.equals("info") ? "/hl/info" : "/hl/exchange";
        ApiRequest http = new ApiRequest(HttpMethod.POST, path, path, Map.of(),
                Map.of(), EmptyHttpHeaders.INSTANCE, payload.toString().getBytes(StandardCharsets.UTF_8),
                connection.remote());
        (type.equals("info") ? info.handle(http) : exchange.apply(http)).whenComplete((reply, failure) -> {
            ObjectNode response = NODES.objectNode();
            if (failure != null || reply == null) {
                response.put("type", "error").put("payload", "The request failed on the venue: retry.");
            } else if (reply.status() != 200) {
                response.put("type", "error").put("payload", text(reply.body()));
            } else if (type.equals("info")) {
                response.put("type", "info").putObject("payload").put("type", payload.path("type").asText())
                        .set("data", HlContext.toJson(reply.body()));
            } else {
                response.put("type", "action").set("payload", HlContext.toJson(reply.body()));
            }
            ObjectNode data = NODES.objectNode();
            data.set("id", id);
            data.set("response", response);
            connection.send(NODES.objectNode().put("channel", "post").set("data", data).toString());
        });
    }

    /** An error body as one line of text: Hyperliquid's {@code {status:"err", response:"..."}} gives its response. */
    private static String text(Object body) {
        JsonNode n = HlContext.toJson(body);
        return n.path("response").isTextual() ? n.get("response").asText() : n.toString();
    }

    private void subscription(WsConnection connection, String method, JsonNode sub) {
        String key = key(sub);
        if (key == null) {
            error(connection, "Subscription " + sub + " is not supported: l2Book{coin}, bbo{coin}, trades{coin}, allMids, "
                    + "userFills{user}, orderUpdates{user}, userEvents{user}.");
            return;
        }
        Set<String> mine = byConnection.get(connection);
        if (mine == null) {
            return;
        }
        ObjectNode ack = NODES.objectNode().put("channel", "subscriptionResponse");
        ack.putObject("data").put("method", method).set("subscription", sub);
        if (method.equals("unsubscribe")) {
            mine.remove(key);
            Set<WsConnection> s = subscribers.get(key);
            if (s != null) {
                s.remove(connection);
            }
            connection.send(ack.toString());
            return;
        }
        mine.add(key);
        subscribers.computeIfAbsent(key, k -> new CopyOnWriteArraySet<>()).add(connection);
        connection.send(ack.toString());
        String type = sub.path("type").asText();
        if (type.equals("l2Book")) {
            Instrument i = context.assets().byCoin(sub.path("coin").asText());
            sendBook(i, Set.of(connection));
        } else if (type.equals("bbo")) {
            sendBbo(context.assets().byCoin(sub.path("coin").asText()), connection);
        } else if (type.equals("allMids")) {
            sendAllMids(connection);
        } else if (type.equals("userFills")) {
            String user = sub.path("user").asText().toLowerCase();
            ObjectNode data = NODES.objectNode().put("isSnapshot", true).put("user", user);
            data.set("fills", fills.recent(context.userAccount(user), 0, Long.MAX_VALUE));
            connection.send(NODES.objectNode().put("channel", "userFills").set("data", data).toString());
        }
    }

    /** The subscription's routing key, or null if it is not one the venue serves. */
    private String key(JsonNode sub) {
        String type = sub.path("type").asText();
        switch (type) {
            case "l2Book", "trades", "bbo" -> {
                Instrument i = context.assets().byCoin(sub.path("coin").asText(null));
                return i == null ? null : type + ":" + i.id();
            }
            case "allMids" -> {
                return "allMids";
            }
            case "userFills", "orderUpdates", "userEvents" -> {
                Integer account = context.userAccount(sub.path("user").asText(""));
                return account == null ? null : type + ":" + account;
            }
            default -> {
                return null;
            }
        }
    }

    private static void error(WsConnection connection, String message) {
        connection.send(NODES.objectNode().put("channel", "error").put("data", message).toString());
    }

    // ------------------------------------------------------------------ engine results

    /** On the engine thread, after durability: routes each event to its subscribers without blocking. */
    @Override
    public void accept(CommandResult r) {
        if (subscribers.isEmpty()) {
            return;
        }
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.BookDelta d) {
                int i = d.instrument();
                if (has("l2Book:" + i) || has("bbo:" + i) || has("allMids")) {
                    dirtyBooks.add(i);
                }
            } else if (e instanceof EngineEvent.TradeExecuted t) {
                onTrade(t, r.timestamp());
            } else if (e instanceof EngineEvent.OrderAccepted a && has("orderUpdates:" + a.account())) {
                orderUpdate(a.account(), a.instrument(), a.orderId(), a.side(), a.price(), a.quantity(), a.quantity(),
                        a.clientOrderId(), "open", a.timestamp());
            } else if (e instanceof EngineEvent.OrderCancelled c) {
                onCancelled(c, r.timestamp());
            }
        }
    }

    private void onCancelled(EngineEvent.OrderCancelled c, long timestamp) {
        FinishedOrders.Entry a = orders.byOid(c.account(), c.orderId());
        if (has("orderUpdates:" + c.account())) {
            Side side = a == null ? null : a.side();
            // as on Hyperliquid, sz is what was left when the order ended: origSz - sz was filled
            orderUpdate(c.account(), c.instrument(), c.orderId(), side, a == null ? 0 : a.price(), c.cancelledQuantity(),
                    c.cancelledQuantity() + c.filledQuantity(), c.clientOrderId(), FinishedOrders.status(c.reason()), timestamp);
        }
        if (!userCancel(c.reason()) && has("userEvents:" + c.account())) {
            ObjectNode data = NODES.objectNode();
            data.putArray("nonUserCancel").addObject().put("coin", HlAssets.coin(context.assets().byAsset(c.instrument())))
                    .put("oid", c.orderId());
            publish("userEvents:" + c.account(), NODES.objectNode().put("channel", "user").set("data", data).toString());
        }
    }

    /** True when the account asked for the cancel or it is how its order's type ends (IOC, FOK, market). */
    private static boolean userCancel(ReasonCode reason) {
        return reason == ReasonCode.USER_CANCELLED || reason == ReasonCode.MASS_CANCELLED || reason.isExpiry();
    }

    private boolean has(String key) {
        Set<WsConnection> s = subscribers.get(key);
        return s != null && !s.isEmpty();
    }

    private void onTrade(EngineEvent.TradeExecuted t, long timestamp) {
        Instrument i = context.assets().byAsset(t.instrument());
        long ms = t.timestamp() / 1_000_000;
        if (has("trades:" + t.instrument())) {
            ArrayNode data = NODES.arrayNode();
            data.addObject().put("coin", HlAssets.coin(i)).put("side", t.takerSide() == Side.BUY ? "B" : "A")
                    .put("px", HlAssets.px(i, t.price())).put("sz", HlAssets.sz(i, t.quantity())).put("time", ms)
                    .put("hash", String.format("0x%064x", t.tradeId())).put("tid", t.tradeId());
            publish("trades:" + t.instrument(), NODES.objectNode().put("channel", "trades").set("data", data).toString());
        }
        for (int account : new int[]{t.takerAccount(), t.makerAccount()}) {
            if (has("userFills:" + account)) {
                ObjectNode data = NODES.objectNode().put("user", userOf(account));
                data.putArray("fills").add(fills.json(account, t));
                publish("userFills:" + account, NODES.objectNode().put("channel", "userFills").set("data", data).toString());
            }
            if (has("userEvents:" + account)) {
                ObjectNode data = NODES.objectNode();
                data.putArray("fills").add(fills.json(account, t));
                publish("userEvents:" + account, NODES.objectNode().put("channel", "user").set("data", data).toString());
            }
        }
        filled(t.makerOrderId(), t.makerAccount(), t.makerRemaining(), timestamp);
        filled(t.takerOrderId(), t.takerAccount(), t.takerRemaining(), timestamp);
    }

    /** An orderUpdates "filled" when the fill left nothing of the order. */
    private void filled(long orderId, int account, long remaining, long timestamp) {
        if (remaining != 0) {
            return;
        }
        FinishedOrders.Entry a = has("orderUpdates:" + account) ? orders.byOid(account, orderId) : null;
        if (a != null) {
            orderUpdate(account, a.instrument(), orderId, a.side(), a.price(), 0, a.origQty(), a.cloid(), "filled", timestamp);
        }
    }

    private void orderUpdate(int account, int instrument, long oid, Side side, long price, long remaining, long origQty,
                             String cloid, String status, long timestamp) {
        if (!has("orderUpdates:" + account)) {
            return;
        }
        Instrument i = context.assets().byAsset(instrument);
        ObjectNode order = NODES.objectNode().put("coin", HlAssets.coin(i)).put("oid", oid)
                .put("origSz", HlAssets.sz(i, origQty)).put("sz", HlAssets.sz(i, remaining))
                .put("timestamp", timestamp / 1_000_000);
        if (side != null) {
            order.put("side", side == Side.BUY ? "B" : "A").put("limitPx", HlAssets.px(i, price));
        }
        if (cloid != null && cloid.startsWith("0x")) {
            order.put("cloid", cloid);
        }
        ArrayNode data = NODES.arrayNode();
        ObjectNode u = data.addObject();
        u.set("order", order);
        u.put("status", status).put("statusTimestamp", timestamp / 1_000_000);
        publish("orderUpdates:" + account, NODES.objectNode().put("channel", "orderUpdates").set("data", data).toString());
    }

    private String userOf(int account) {
        for (Map.Entry<String, HlContext.SubAccount> e : context.subAccounts().entrySet()) {
            if (e.getValue().account() == account) {
                return e.getKey();
            }
        }
        for (Map.Entry<String, Integer> e : context.agents().entrySet()) {
            if (e.getValue() == account) {
                return e.getKey();
            }
        }
        return "";
    }

    private void publish(String key, String text) {
        Set<WsConnection> s = subscribers.get(key);
        if (s != null) {
            for (WsConnection c : s) {
                c.send(text);
            }
        }
    }

    // ------------------------------------------------------------------ books

    private void sendDirtyBooks() {
        boolean any = false;
        for (Integer instrument : dirtyBooks) {
            dirtyBooks.remove(instrument);
            any = true;
            Instrument i = context.assets().byAsset(instrument);
            Set<WsConnection> s = subscribers.get("l2Book:" + instrument);
            if (s != null && !s.isEmpty()) {
                sendBook(i, s);
            }
            if (has("bbo:" + instrument)) {
                sendBbo(i, null);
            }
        }
        if (any && has("allMids")) {
            sendAllMids(null);
        }
    }

    /**
     * {@code {"channel":"bbo","data":{"coin","time","bbo":[bid|null, ask|null]}}}, each level
     * {@code {px,sz,n}}; to every subscriber only when it differs from the last one sent,
     * or to a new subscriber always.
     */
    private void sendBbo(Instrument i, WsConnection newSubscriber) {
        Engine e = context.readyEngine();
        if (e == null || i == null) {
            return;
        }
        long now = context.clockMillis().getAsLong();
        e.query(core -> core.l2Snapshot(i.id(), 1)).thenAcceptAsync(snapshot -> {
            ArrayNode bbo = NODES.arrayNode();
            ArrayNode bids = HlInfo.levels(i, snapshot.bids());
            ArrayNode asks = HlInfo.levels(i, snapshot.asks());
            bbo.add(bids.isEmpty() ? NODES.nullNode() : bids.get(0));
            bbo.add(asks.isEmpty() ? NODES.nullNode() : asks.get(0));
            sendIfChanged("bbo:" + i.id(), bbo.toString(), newSubscriber, () -> {
                ObjectNode data = NODES.objectNode().put("coin", HlAssets.coin(i)).put("time", now);
                data.set("bbo", bbo);
                return NODES.objectNode().put("channel", "bbo").set("data", data).toString();
            });
        }, books);
    }

    /** {@code {"channel":"allMids","data":{"mids":{coin: px}}}}, only when a mid changed (always to a new subscriber). */
    private void sendAllMids(WsConnection newSubscriber) {
        Engine e = context.readyEngine();
        if (e == null) {
            return;
        }
        e.query(info::allMids).thenAcceptAsync(mids -> sendIfChanged("allMids", mids.toString(), newSubscriber, () -> {
            ObjectNode data = NODES.objectNode();
            data.set("mids", mids);
            return NODES.objectNode().put("channel", "allMids").set("data", data).toString();
        }), books);
    }

    /** A changed value goes to every subscriber of {@code key}; an unchanged one only to a new subscriber. */
    private void sendIfChanged(String key, String value, WsConnection newSubscriber,
                               java.util.function.Supplier<String> message) {
        if (!Objects.equals(lastSent.put(key, value), value)) {
            publish(key, message.get());
        } else if (newSubscriber != null) {
            newSubscriber.send(message.get());
        }
    }

    private void sendBook(Instrument i, Set<WsConnection> to) {
        Engine e = context.readyEngine();
        if (e == null || i == null) {
            return;
        }
        long now = context.clockMillis().getAsLong();
        e.query(core -> core.l2Snapshot(i.id(), HlInfo.BOOK_DEPTH)).thenAcceptAsync(snapshot -> {
            ObjectNode data = HlInfo.bookJson(HlAssets.coin(i), now, i, snapshot);
            String text = NODES.objectNode().put("channel", "l2Book").set("data", data).toString();
            for (WsConnection c : to) {
                c.send(text);
            }
        }, books);
    }

    void close() {
        books.shutdownNow();
    }
}
