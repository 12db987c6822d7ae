package io.hyperindex.gateway.ops.http;

/**
 * What the HTTP server reports about its traffic (for metrics). Called on Netty event loops:
 * implementations only count. Route templates, not raw paths, keep the label set bounded.
 */
public interface HttpObserver {
    /** Route template reported for requests that matched no route (404, 405, malformed). */
    String UNMATCHED = "unmatched";

    /** An HTTP request was answered: its method, its route template, the status and the time from decode to reply. */
    void request(String method, String routeTemplate, int status, long nanos);

    /** A WebSocket connection to {@code path} opened. */
    void webSocketOpened(String path);

    /** A WebSocket connection to {@code path} closed. */
    void webSocketClosed(String path);

    /** Observes nothing. */
    HttpObserver NONE = new HttpObserver() {
        @Override
        public void request(String method, String routeTemplate, int status, long nanos) {
        }

        @Override
        public void webSocketOpened(String path) {
        }

        @Override
        public void webSocketClosed(String path) {
        }
    };
}
