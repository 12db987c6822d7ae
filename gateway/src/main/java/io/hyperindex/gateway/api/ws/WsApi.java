package io.hyperindex.gateway.api.ws;

import io.hyperindex.gateway.auth.KeyRegistry;
import io.hyperindex.gateway.auth.RateLimit;
import io.hyperindex.gateway.auth.RequestVerifier;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.ops.http.RouteTable;

import java.time.Duration;
import java.util.List;

/**
 * The gateway's own WebSocket API, {@code /ws/v1} on the HTTP port (docs/websocket.md):
 * public channels book (snapshot, then deltas with per-book sequence numbers), trades and
 * ticker; after a signed {@code auth} message the account's private channels orders, fills,
 * positions and alerts. Every connection has a subscription limit, an inbound message rate, and
 * a bounded outbound queue (a slow consumer is closed with 1008); the gateway has a connection limit.
 */
public final class WsApi implements AutoCloseable {
    /** The path served. */
    public static final String PATH = "/ws/v1";

    /**
     * Limits and tunables, with defaults that suit the sandbox.
     *
     * @param maxConnections      open connections the gateway serves at once; more are closed with 1013
     * @param maxSubscriptions    subscriptions one connection may hold
     * @param inbound             messages a connection may send (sustained rate and burst)
     * @param maxRefusedInARow    rate-limited messages in a row after which the connection is closed with 4029
     * @param maxPendingBytes     bytes waiting for one client before it is cut off as a slow consumer
     * @param heartbeatSeconds    seconds between server pings; three without any frame from the client close it (4000)
     * @param fanOutCapacity      engine results and subscription changes that may wait for the fan-out thread
     * @param receiveWindow       how far an auth message's timestamp may be from the gateway's clock
     */
    public record Settings(int maxConnections, int maxSubscriptions, RateLimit inbound, int maxRefusedInARow,
                           long maxPendingBytes, int heartbeatSeconds, int fanOutCapacity, Duration receiveWindow) {
        public static Settings defaults() {
            return new Settings(2_048, 64, new RateLimit(50, 100), 200, 4L << 20, 15, 1 << 16,
                    RequestVerifier.DEFAULT_WINDOW);
        }

        public Settings withMaxConnections(int n) {
            return new Settings(n, maxSubscriptions, inbound, maxRefusedInARow, maxPendingBytes, heartbeatSeconds,
                    fanOutCapacity, receiveWindow);
        }

        public Settings withMaxSubscriptions(int n) {
            return new Settings(maxConnections, n, inbound, maxRefusedInARow, maxPendingBytes, heartbeatSeconds,
                    fanOutCapacity, receiveWindow);
        }

        public Settings withInbound(RateLimit limit, int refusedInARow) {
            return new Settings(maxConnections, maxSubscriptions, limit, refusedInARow, maxPendingBytes, heartbeatSeconds,
                    fanOutCapacity, receiveWindow);
        }

        public Settings withMaxPendingBytes(long bytes) {
            return new Settings(maxConnections, maxSubscriptions, inbound, maxRefusedInARow, bytes, heartbeatSeconds,
                    fanOutCapacity, receiveWindow);
        }

        public Settings withHeartbeatSeconds(int seconds) {
            return new Settings(maxConnections, maxSubscriptions, inbound, maxRefusedInARow, maxPendingBytes, seconds,
                    fanOutCapacity, receiveWindow);
        }
    }

    /** What the API reports about the messages it handles (for metrics); called on event loops, must only count. */
    @FunctionalInterface
    public interface MessageObserver {
        /** A client message with operation {@code op} was handled: {@code outcome} is "ok" or the reason code's name. */
        void handled(String op, String outcome, long nanos);

        MessageObserver NONE = (op, outcome, nanos) -> {
        };
    }

    private final WsEndpoint endpoint;
    private final WsFanOut fanOut;

    private WsApi(WsEndpoint endpoint, WsFanOut fanOut) {
        this.endpoint = endpoint;
        this.fanOut = fanOut;
    }

    /**
     * Adds {@value #PATH} to {@code routes}. Until {@link #attach} is called with the running
     * engine, subscriptions and auth are answered ENGINE_UNAVAILABLE.
     *
     * @param accounts account ids in engine-id order
     */
    public static WsApi install(RouteTable routes, List<Instrument> instruments, List<String> accounts, KeyRegistry keys,
                                Settings settings, MessageObserver observer) {
        WsMessages messages = new WsMessages(instruments, accounts);
        WsEndpoint endpoint = new WsEndpoint(instruments, accounts, keys, settings, observer);
        WsFanOut fanOut = new WsFanOut(messages, instruments.size(), endpoint.sessions(), settings.fanOutCapacity());
        endpoint.fanOut(fanOut);
        routes.webSocket(PATH, endpoint);
        return new WsApi(endpoint, fanOut);
    }

    /** Starts serving from the running engine: follows its results and loads the books. */
    public void attach(Engine engine) {
        fanOut.attach(engine);
    }

    /** Connections open now (over the limit ones excluded). */
    public int connections() {
        return endpoint.connections();
    }

    /** Connections cut off as slow consumers since start. */
    public long slowConsumerDisconnects() {
        return fanOut.slowConsumers();
    }

    /** Engine results and subscription changes waiting for the fan-out thread. */
    public int fanOutBacklog() {
        return fanOut.backlog();
    }

    /** Stops the fan-out thread (connections close with the HTTP server). */
    @Override
    public void close() {
        fanOut.close();
    }
}
