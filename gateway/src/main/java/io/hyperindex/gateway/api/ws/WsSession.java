package io.hyperindex.gateway.api.ws;

import io.hyperindex.gateway.ops.http.WsConnection;

import java.util.HashSet;
import java.util.Set;

/**
 * One client connection of {@code /ws/v1}: its account once authenticated and the topics it
 * asked for. {@link #topics} and {@link #refusedInARow} are touched only on the connection's
 * event loop; the account is written there and read by the fan-out thread.
 */
final class WsSession {
    final long id;
    final WsConnection connection;
    /** The authenticated account's engine id, or -1 before a successful auth. */
    volatile int account = -1;
    /** The key the connection authenticated with, or null before a successful auth. */
    volatile String keyId;
    /** True if the connection was over the connection limit (it is being closed and was never counted). */
    boolean refused;
    /** True once the fan-out found it cut off as a slow consumer (counted once). */
    boolean cutOff;
    final Set<Topic> topics = new HashSet<>();
    int refusedInARow;

    WsSession(long id, WsConnection connection) {
        this.id = id;
        this.connection = connection;
    }

    boolean authenticated() {
        return account >= 0;
    }
}
