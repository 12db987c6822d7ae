package io.hyperindex.gateway.ops.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as a route handler sees it: already routed, with the path parameters
 * its template captured. Everything is copied out of Netty's buffers, so a handler may keep
 * it past the event-loop callback (for example while the engine answers).
 *
 * @param method      request method
 * @param path        decoded path without the query string
 * @param uri         the request target exactly as sent (path and query, not decoded): what signatures cover
 * @param pathParams  values of the route template's {@code {name}} segments
 * @param queryParams decoded query parameters
 * @param headers     request headers
 * @param body        request body (empty if none)
 * @param remote      the client's address
 */
public record ApiRequest(HttpMethod method, String path, String uri, Map<String, String> pathParams,
                         Map<String, List<String>> queryParams, HttpHeaders headers, byte[] body, SocketAddress remote) {

    /** A path parameter captured by the route template; never null for a parameter the template names. */
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = queryParams.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
