package io.hyperindex.gateway.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperindex.gateway.auth.AccountKey;
import io.hyperindex.gateway.auth.CanonicalRequest;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.auth.KeyRegistry;
import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.engine.TestMarkets;
import io.hyperindex.gateway.journal.FsyncPolicy;
import io.hyperindex.gateway.ops.http.GatewayHttpServer;
import io.hyperindex.gateway.ops.http.RouteTable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * An engine on a temporary directory with the test markets, {@code /ws/v1} on a loopback HTTP
 * port, and real JDK WebSocket clients. Keys: alpha (read + trade on mm-alpha) and bravo
 * (read + trade on mm-bravo). BTC-USDC is instrument 0 (tick 0.10, lot 0.0001, reference 95000).
 */
final class WsFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int ALPHA = 0;
    static final int BRAVO = 1;
    final Ed25519Key alpha = Ed25519Key.fromSeedHex("11".repeat(32));
    final Ed25519Key bravo = Ed25519Key.fromSeedHex("12".repeat(32));
    final KeyRegistry keys = new KeyRegistry();
    final Engine engine;
    final WsApi api;
    final GatewayHttpServer http;
    final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger clientOrderIds = new AtomicInteger();

    WsFixture(Path dir, WsApi.Settings settings) throws Exception {
        keys.register(AccountKey.of("mm-alpha", alpha.publicKeyHex(), EnumSet.of(Scope.READ, Scope.TRADE)));
        keys.register(AccountKey.of("mm-bravo", bravo.publicKeyHex(), EnumSet.of(Scope.READ, Scope.TRADE)));
        RouteTable routes = new RouteTable();
        api = WsApi.install(routes, TestMarkets.instruments(), TestMarkets.accounts(), keys, settings, WsApi.MessageObserver.NONE);
        http = GatewayHttpServer.start("127.0.0.1", 0, routes, GatewayHttpServer.defaultJson());
        engine = Engine.start(EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts())
                .withFsync(FsyncPolicy.NONE).withTimerMillis(0));
        api.attach(engine);
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + http.address().getPort() + WsApi.PATH);
    }

    /** Connects a client and waits for the welcome message. */
    Client connect() throws Exception {
        Client c = new Client();
        c.socket = client.newWebSocketBuilder().buildAsync(uri(), c).get(10, TimeUnit.SECONDS);
        assertEquals("welcome", c.next().path("type").asText());
        return c;
    }

    /** The auth message for {@code key} signed at {@code timestampMillis}. */
    static String auth(Ed25519Key key, long timestampMillis) {
        String sig = key.signHex(CanonicalRequest.webSocketAuth(timestampMillis, WsApi.PATH, key.keyId()));
        return "{\"op\":\"auth\",\"id\":\"a\",\"keyId\":\"" + key.keyId() + "\",\"timestamp\":" + timestampMillis
                + ",\"signature\":\"" + sig + "\"}";
    }

    /** Places a GTC limit order on BTC-USDC ({@code price} in 0.01 units, {@code qty} in 0.0001 units). */
    CommandResult place(int account, Side side, long price, long qty) {
        return place(account, side, price, qty, "c" + clientOrderIds.incrementAndGet());
    }

    CommandResult place(int account, Side side, long price, long qty, String clientOrderId) {
        return engine.submit(new Command.PlaceOrder(account, 0, clientOrderId, side, OrderType.LIMIT, TimeInForce.GTC,
                price, qty, 0, null)).join();
    }

    /** The engine's BTC-USDC book sequence now. */
    long bookSequence() {
        return engine.query(me -> me.l2Snapshot(0, 1).bookSequence()).join();
    }

    @Override
    public void close() {
        http.close();
        api.close();
        engine.close();
    }

    /** A JDK WebSocket client that queues every text message (as JSON) and records pings and the close. */
    static final class Client implements WebSocket.Listener {
        final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        final AtomicInteger pings = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        void send(String json) {
            socket.sendText(json, true).join();
        }

        /** The next message, waiting up to 10 s. */
        JsonNode next() throws InterruptedException {
            JsonNode n = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(n, "a message within 10 s");
            return n;
        }

        /** Skips messages until one matches, waiting up to 10 s in all. */
        JsonNode await(Predicate<JsonNode> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode n = left <= 0 ? null : messages.poll(left, TimeUnit.NANOSECONDS);
                assertNotNull(n, "the awaited message within 10 s");
                if (wanted.test(n)) {
                    return n;
                }
            }
        }

        JsonNode awaitType(String type) throws InterruptedException {
            return await(n -> n.path("type").asText().equals(type));
        }

        /** No message at all arrives within {@code millis} (to show something was not delivered). */
        JsonNode poll(long millis) throws InterruptedException {
            return messages.poll(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, java.nio.ByteBuffer message) {
            pings.incrementAndGet();
            return WebSocket.Listener.super.onPing(ws, message);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        int awaitClose() throws Exception {
            return closed.get(10, TimeUnit.SECONDS);
        }

        void close() {
            socket.abort();
        }
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
