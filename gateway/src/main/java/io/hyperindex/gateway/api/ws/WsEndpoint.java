package io.hyperindex.gateway.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperindex.gateway.auth.AuthenticationFailure;
import io.hyperindex.gateway.auth.CanonicalRequest;
import io.hyperindex.gateway.auth.Caller;
import io.hyperindex.gateway.auth.KeyRegistry;
import io.hyperindex.gateway.auth.RateLimiter;
import io.hyperindex.gateway.auth.RequestVerifier;
import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.ops.http.WebSocketEndpoint;
import io.hyperindex.gateway.ops.http.WsConnection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of {@code /ws/v1}, on each connection's event loop: the connection limit,
 * the inbound rate limit, parsing, {@code ping}, {@code auth} (checked by the shared
 * {@link RequestVerifier}) and the subscription limit. Subscriptions themselves are handed to
 * the {@link WsFanOut} thread, which acknowledges them.
 */
final class WsEndpoint implements WebSocketEndpoint {
    /** Close code for a connection beyond the gateway's connection limit (try again later). */
    static final int CONNECTION_LIMIT_CLOSE = 1013;
    /** Close code for a client that kept sending while rate-limited. */
    static final int RATE_LIMIT_CLOSE = 4029;
    /** A connection authenticated with a key that was then revoked: it is closed with this code. */
    static final int KEY_REVOKED_CLOSE = 4003;
    private static final String CHANNELS = "book, trades, ticker (with a symbol) or orders, fills, positions, alerts (after auth)";

    private final Map<String, Instrument> bySymbol = new HashMap<>();
    private final List<String> accounts;
    private final WsApi.Settings settings;
    private final WsApi.MessageObserver observer;
    private final RequestVerifier verifier;
    private final RateLimiter limiter;
    private final Set<WsSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final io.hyperindex.gateway.ops.http.WsText welcome;
    private volatile WsFanOut fanOut;

    WsEndpoint(List<Instrument> instruments, List<String> accounts, KeyRegistry keys, WsApi.Settings settings,
               WsApi.MessageObserver observer) {
        for (Instrument i : instruments) {
            bySymbol.put(i.symbol(), i);
        }
        this.accounts = List.copyOf(accounts);
        this.settings = settings;
        this.observer = observer;
        this.verifier = new RequestVerifier(keys, settings.receiveWindow(), System::currentTimeMillis, 1_000_000);
        // a revoked key authenticates nothing from now on, including the connections it opened
        keys.onRevocation(k -> {
            for (WsSession s : sessions) {
                if (k.keyId().equals(s.keyId)) {
                    s.connection.close(KEY_REVOKED_CLOSE, "key revoked");
                }
            }
        });
        this.limiter = new RateLimiter(connection -> settings.inbound(), key -> settings.inbound(), System::nanoTime);
        ObjectNode w = WsMessages.message("welcome").put("version", "v1");
        w.putObject("limits").put("subscriptions", settings.maxSubscriptions())
                .put("messagesPerSecond", settings.inbound().perSecond()).put("burst", settings.inbound().burst())
                .put("maxPendingBytes", settings.maxPendingBytes()).put("heartbeatSeconds", settings.heartbeatSeconds());
        this.welcome = WsMessages.encode(w);
    }

    void fanOut(WsFanOut f) {
        this.fanOut = f;
    }

    Set<WsSession> sessions() {
        return sessions;
    }

    int connections() {
        return open.get();
    }

    @Override
    public long maxPendingBytes() {
        return settings.maxPendingBytes();
    }

    @Override
    public int heartbeatSeconds() {
        return settings.heartbeatSeconds();
    }

    @Override
    public void onOpen(WsConnection connection) {
        WsSession s = new WsSession(ids.incrementAndGet(), connection);
        connection.attach(s);
        if (open.incrementAndGet() > settings.maxConnections()) {
            open.decrementAndGet();
            s.refused = true;
            connection.send(WsMessages.error(null, ReasonCode.CONNECTION_LIMIT, "the gateway serves at most "
                    + settings.maxConnections() + " WebSocket connections: retry later"));
            connection.close(CONNECTION_LIMIT_CLOSE, "connection limit");
            observer.handled("connect", ReasonCode.CONNECTION_LIMIT.name(), 0);
            return;
        }
        sessions.add(s);
        connection.send(welcome);
    }

    @Override
    public void onClose(WsConnection connection) {
        WsSession s = (WsSession) connection.attachment();
        if (s == null || s.refused) {
            return;
        }
        sessions.remove(s);
        open.decrementAndGet();
        List<Topic> topics = new ArrayList<>(s.topics);
        WsFanOut f = fanOut;
        if (f != null && !topics.isEmpty()) {
            // if the queue is full the fan-out drops the session anyway at its next send (it is closed)
            f.submit(() -> f.closed(s, topics));
        }
    }

    @Override
    public void onText(WsConnection connection, String text) {
        long started = System.nanoTime();
        WsSession s = (WsSession) connection.attachment();
        if (s == null || s.refused) {
            return;
        }
        if (!limiter.tryAcquire("ws-" + s.id, null, 1).allowed()) {
            s.refusedInARow++;
            if (s.refusedInARow == 1) {
                connection.send(WsMessages.error(null, ReasonCode.RATE_LIMITED, "at most " + settings.inbound().perSecond()
                        + " messages per second (burst " + settings.inbound().burst() + "): this message and the next ones "
                        + "until the rate falls are dropped"));
            } else if (s.refusedInARow > settings.maxRefusedInARow()) {
                connection.close(RATE_LIMIT_CLOSE, "rate limit");
            }
            observer.handled("any", ReasonCode.RATE_LIMITED.name(), System.nanoTime() - started);
            return;
        }
        s.refusedInARow = 0;
        JsonNode msg = parse(text);
        String op = msg == null ? "invalid" : msg.path("op").asText("");
        JsonNode id = msg == null ? null : msg.get("id");
        ReasonCode failed;
        try {
            failed = switch (op) {
                case "ping" -> {
                    connection.send(WsMessages.encode(WsMessages.reply("pong", id).put("time", System.currentTimeMillis())));
                    yield null;
                }
                case "auth" -> auth(s, msg, id);
                case "subscribe" -> subscription(s, msg, id, true);
                case "unsubscribe" -> subscription(s, msg, id, false);
                case "invalid" -> reject(s, null, ReasonCode.INVALID_REQUEST, "a message is one JSON object with an \"op\"");
                default -> reject(s, id, ReasonCode.INVALID_REQUEST, "op must be subscribe, unsubscribe, auth or ping, not \""
                        + printable(op) + "\"");
            };
        } catch (Refused r) {
            failed = r.code;
        }
        observer.handled(op.matches("ping|auth|subscribe|unsubscribe") ? op : "invalid",
                failed == null ? "ok" : failed.name(), System.nanoTime() - started);
    }

    /** Verifies an auth message; on success the connection acts for the key's account (read scope suffices). */
    private ReasonCode auth(WsSession s, JsonNode msg, JsonNode id) {
        ready(s, id);
        if (s.authenticated()) {
            return reject(s, id, ReasonCode.INVALID_REQUEST, "this connection is already authenticated as "
                    + accounts.get(s.account) + "; open another connection for another account");
        }
        String keyId = scalar(msg, "keyId");
        Caller caller;
        try {
            caller = verifier.verify(keyId, scalar(msg, "timestamp"), scalar(msg, "signature"),
                    ts -> CanonicalRequest.webSocketAuth(ts, WsApi.PATH, keyId), Scope.READ);
        } catch (AuthenticationFailure f) {
            return reject(s, id, f.reason(), f.getMessage());
        }
        int account = accounts.indexOf(caller.account());
        if (account < 0) {
            return reject(s, id, ReasonCode.UNKNOWN_ACCOUNT, "the key's account is not served by this gateway");
        }
        s.keyId = caller.keyId();
        s.account = account;
        s.connection.send(WsMessages.encode(WsMessages.reply("authenticated", id).put("account", caller.account())
                .put("keyId", caller.keyId())));
        return null;
    }

    private ReasonCode subscription(WsSession s, JsonNode msg, JsonNode id, boolean subscribe) {
        ready(s, id);
        Topic.Channel channel = Topic.Channel.of(msg.path("channel").asText(""));
        if (channel == null) {
            return reject(s, id, ReasonCode.INVALID_REQUEST, "channel must be " + CHANNELS);
        }
        if (msg.has("interval")) {
            Topic.Channel book = channel.isBook() ? Topic.Channel.book(msg.path("interval").asText("")) : null;
            if (book == null) {
                return reject(s, id, ReasonCode.INVALID_REQUEST, channel.isBook()
                        ? "interval must be raw, 100ms or 1000ms" : "only the book channel takes an interval");
            }
            channel = book;
        }
        Topic topic;
        String symbol = null;
        if (channel.isPrivate) {
            if (!s.authenticated()) {
                return reject(s, id, ReasonCode.UNAUTHENTICATED, "channel " + channel.wire
                        + " is private: send an auth message first (docs/websocket.md)");
            }
            if (msg.has("symbol")) {
                return reject(s, id, ReasonCode.INVALID_REQUEST, "channel " + channel.wire
                        + " carries every instrument of the account: send no symbol");
            }
            topic = new Topic(channel, s.account);
        } else {
            String sym = scalar(msg, "symbol");
            Instrument ins = sym == null ? null : bySymbol.get(sym);
            if (ins == null) {
                return reject(s, id, ReasonCode.UNKNOWN_INSTRUMENT, sym == null ? "channel " + channel.wire + " needs a symbol"
                        : "no instrument " + printable(sym));
            }
            topic = new Topic(channel, ins.id());
            symbol = ins.symbol();
        }
        WsFanOut f = fanOut;
        String sym = symbol;
        if (subscribe) {
            if (!s.topics.contains(topic) && s.topics.size() >= settings.maxSubscriptions()) {
                return reject(s, id, ReasonCode.SUBSCRIPTION_LIMIT, "at most " + settings.maxSubscriptions()
                        + " subscriptions per connection: unsubscribe first");
            }
            boolean added = s.topics.add(topic);
            if (!f.submit(() -> f.subscribe(s, topic, id, sym))) {
                if (added) {
                    s.topics.remove(topic);
                }
                return reject(s, id, ReasonCode.ENGINE_UNAVAILABLE, "the gateway is overloaded: retry shortly");
            }
        } else {
            if (!s.topics.remove(topic)) {
                return reject(s, id, ReasonCode.NOT_SUBSCRIBED, "not subscribed to " + channel.wire
                        + (symbol == null ? "" : " " + symbol));
            }
            if (!f.submit(() -> f.unsubscribe(s, topic, id, sym))) {
                s.topics.add(topic);
                return reject(s, id, ReasonCode.ENGINE_UNAVAILABLE, "the gateway is overloaded: retry shortly");
            }
        }
        return null;
    }

    /** Refuses everything but ping until the engine runs. */
    private void ready(WsSession s, JsonNode id) {
        WsFanOut f = fanOut;
        if (f == null || !f.attached()) {
            throw new Refused(reject(s, id, ReasonCode.ENGINE_UNAVAILABLE, "the gateway is starting: retry shortly"));
        }
    }

    private static ReasonCode reject(WsSession s, JsonNode id, ReasonCode code, String message) {
        s.connection.send(WsMessages.error(id, code, message));
        return code;
    }

    /** A check failed and its error was sent. */
    private static final class Refused extends RuntimeException {
        final ReasonCode code;

        Refused(ReasonCode code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode n = WsMessages.JSON.readTree(text);
            return n != null && n.isObject() ? n : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** A string or number field as text, or null if absent or of another type. */
    private static String scalar(JsonNode msg, String field) {
        JsonNode v = msg.get(field);
        return v != null && (v.isTextual() || v.isIntegralNumber()) ? v.asText() : null;
    }

    /** Echoes at most 40 printable characters of client input. */
    private static String printable(String s) {
        String p = s.replaceAll("[^\\x20-\\x7e]", "?");
        return p.length() <= 40 ? p : p.substring(0, 40) + "...";
    }
}
