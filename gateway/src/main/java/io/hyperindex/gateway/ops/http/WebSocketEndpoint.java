package io.hyperindex.gateway.ops.http;

/**
 * One WebSocket path served on the HTTP port (e.g. {@code /hl/ws}). Callbacks run on the
 * connection's Netty event loop and must not block.
 */
public interface WebSocketEndpoint {

    /** A client connected (the upgrade succeeded). */
    void onOpen(WsConnection connection);

    /** A text frame arrived. */
    void onText(WsConnection connection, String text);

    /** The connection is closed (by either side); no more sends reach the client. */
    void onClose(WsConnection connection);

    /**
     * Bytes that may wait for one client before it is cut off as a slow consumer (close code
     * {@link WsConnection#SLOW_CONSUMER_CLOSE}).
     */
    default long maxPendingBytes() {
        return WsConnection.MAX_PENDING_BYTES;
    }

    /**
     * Seconds between the server's ping frames; a client from which no frame at all (a pong
     * counts) arrived for three of these is closed with {@link WsConnection#HEARTBEAT_CLOSE}.
     * 0 (the default) sends no pings and closes nobody for silence.
     */
    default int heartbeatSeconds() {
        return 0;
    }

    /**
     * The shortest time between two flushes of one connection, in microseconds: a message for a
     * connection flushed longer ago goes out at once; one that follows closely waits for the end
     * of the interval and leaves in one socket write with everything queued meanwhile. 0 flushes
     * every drain. Default: {@code -Dhyperindex.ws.flushIntervalMicros}, else 0.
     */
    default long flushIntervalMicros() {
        return WsConnection.DEFAULT_FLUSH_INTERVAL_MICROS;
    }
}
