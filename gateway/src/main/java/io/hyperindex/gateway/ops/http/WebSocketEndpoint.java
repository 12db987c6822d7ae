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
}
