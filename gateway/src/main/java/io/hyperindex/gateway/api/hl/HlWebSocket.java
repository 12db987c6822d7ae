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
import io.hyperindex.gateway.ops.http.WebSocketEndpoint;
import io.hyperindex.gateway.ops.http.WsConnection;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code /hl/ws}: Hyperliquid's WebSocket on the venue. Subscriptions {@code l2Book{coin}}
 * (a snapshot on subscribe, then the book again after it changed, at most every
 * {@value #BOOK_INTERVAL_MILLIS} ms), {@code trades{coin}}, {@code userFills{user}} (the recent
 * fills first, {@code isSnapshot: true}) and {@code orderUpdates{user}}; {@code ping} answers
 * {@code pong}. Events come from the engine's durable results: nothing is pushed that a crash
 * could take back.
 */
final class HlWebSocket implements WebSocketEndpoint, Consumer<CommandResult> {
    static final long BOOK_INTERVAL_MILLIS = 50;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final HlContext context;
    private final FillHistory fills;
    private final Map<String, Set<WsConnection>> subscribers = new ConcurrentHashMap<>();
    private final Map<WsConnection, Set<String>> byConnection = new ConcurrentHashMap<>();
    /** Books that changed since their subscribers were last sent them. */
    private final Set<Integer> dirtyBooks = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService books = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hl-ws-books");
        t.setDaemon(true);
        return t;
    });

    HlWebSocket(HlContext context, FillHistory fills) {
        this.context = context;
        this.fills = fills;
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
            default -> error(connection, "Method '" + method + "' is not supported on this venue: use subscribe, "
                    + "unsubscribe or ping (post requests go to /hl/info and /hl/exchange).");
        }
    }

    private void subscription(WsConnection connection, String method, JsonNode sub) {
        String key = key(sub);
        if (key == null) {
            error(connection, "Subscription " + sub + " is not supported: l2Book{coin}, trades{coin}, userFills{user}, "
                    + "orderUpdates{user}.");
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
        } else if (type.equals("userFills")) {
            String user = sub.path("user").asText().toLowerCase();
            ObjectNode data = NODES.objectNode().put("isSnapshot", true).put("user", user);
            data.set("fills", fills.recent(context.agents().get(user), 0, Long.MAX_VALUE));
            connection.send(NODES.objectNode().put("channel", "userFills").set("data", data).toString());
        }
    }

    /** The subscription's routing key, or null if it is not one the venue serves. */
    private String key(JsonNode sub) {
        String type = sub.path("type").asText();
        switch (type) {
            case "l2Book", "trades" -> {
                Instrument i = context.assets().byCoin(sub.path("coin").asText(null));
                return i == null ? null : type + ":" + i.id();
            }
            case "userFills", "orderUpdates" -> {
                Integer account = context.agents().get(sub.path("user").asText("").toLowerCase());
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
                if (has("l2Book:" + d.instrument())) {
                    dirtyBooks.add(d.instrument());
                }
            } else if (e instanceof EngineEvent.TradeExecuted t) {
                onTrade(t);
            } else if (e instanceof EngineEvent.OrderAccepted a) {
                orderUpdate(a.account(), a.instrument(), a.orderId(), a.side(), a.price(), a.quantity(), a.quantity(),
                        a.clientOrderId(), "open", a.timestamp());
            } else if (e instanceof EngineEvent.OrderCancelled c && has("orderUpdates:" + c.account())) {
                orderUpdate(c.account(), c.instrument(), c.orderId(), null, 0, 0, c.cancelledQuantity() + c.filledQuantity(),
                        c.clientOrderId(), "canceled", r.timestamp());
            }
        }
    }

    private boolean has(String key) {
        Set<WsConnection> s = subscribers.get(key);
        return s != null && !s.isEmpty();
    }

    private void onTrade(EngineEvent.TradeExecuted t) {
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
        }
    }

    private void orderUpdate(int account, int instrument, long oid, Side side, long price, long remaining, long origQty,
                             String cloid, String status, long timestamp) {
        if (!has("orderUpdates:" + account)) {
            return;
        }
        Instrument i = context.assets().byAsset(instrument);
        ObjectNode order = NODES.objectNode().put("coin", HlAssets.coin(i)).put("oid", oid)
                .put("origSz", HlAssets.sz(i, origQty)).put("timestamp", timestamp / 1_000_000);
        if (side != null) {
            order.put("side", side == Side.BUY ? "B" : "A").put("limitPx", HlAssets.px(i, price)).put("sz", HlAssets.sz(i, remaining));
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
        for (Integer instrument : dirtyBooks) {
            dirtyBooks.remove(instrument);
            Set<WsConnection> s = subscribers.get("l2Book:" + instrument);
            if (s != null && !s.isEmpty()) {
                sendBook(context.assets().byAsset(instrument), s);
            }
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
