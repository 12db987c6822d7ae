package io.hyperindex.gateway.ops.http;

import io.netty.handler.codec.http.HttpMethod;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP routes the gateway serves: method + path template to handler. A template is a
 * path whose segments are literals or {@code {name}} placeholders matching one non-empty
 * segment, e.g. {@code /api/v1/orders/{orderId}}. Routes are tried in the order they were
 * added. Protocol adapters add their routes before the server starts, usually through a
 * {@link #group(String) group} such as {@code /api/v1}.
 */
public final class RouteTable {
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, WebSocketEndpoint> webSockets = new java.util.concurrent.ConcurrentHashMap<>();

    private record Route(HttpMethod method, String template, String[] segments, RouteHandler handler) {
    }

    /** The outcome of looking a request up. */
    public sealed interface Match permits Found, NotFound, MethodNotAllowed {
    }

    /** A route matched; {@code pathParams} holds its placeholders' values. */
    public record Found(RouteHandler handler, String template, Map<String, String> pathParams) implements Match {
    }

    /** No route has this path. */
    public record NotFound() implements Match {
    }

    /** Routes have this path, but not for this method; {@code allowed} lists their methods. */
    public record MethodNotAllowed(Set<HttpMethod> allowed) implements Match {
    }

    /** Adds a route; the same method and template twice is a programming error. */
    public synchronized RouteTable add(HttpMethod method, String template, RouteHandler handler) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a route template starts with '/': " + template);
        }
        for (Route r : routes) {
            if (r.method.equals(method) && r.template.equals(template)) {
                throw new IllegalArgumentException("route " + method + " " + template + " is already taken");
            }
        }
        routes.add(new Route(method, template, split(template), handler));
        return this;
    }

    public RouteTable get(String template, RouteHandler handler) {
        return add(HttpMethod.GET, template, handler);
    }

    public RouteTable post(String template, RouteHandler handler) {
        return add(HttpMethod.POST, template, handler);
    }

    public RouteTable put(String template, RouteHandler handler) {
        return add(HttpMethod.PUT, template, handler);
    }

    public RouteTable delete(String template, RouteHandler handler) {
        return add(HttpMethod.DELETE, template, handler);
    }

    /** Serves WebSocket upgrades of {@code path} (exact path, GET with Upgrade: websocket) with {@code endpoint}. */
    public synchronized RouteTable webSocket(String path, WebSocketEndpoint endpoint) {
        if (webSockets.putIfAbsent(path, endpoint) != null) {
            throw new IllegalArgumentException("WebSocket path " + path + " is already taken");
        }
        return this;
    }

    /** The WebSocket endpoint of {@code path}, or null. */
    public WebSocketEndpoint webSocketAt(String path) {
        return webSockets.get(path);
    }

    /** Routes added through the group get {@code prefix} (e.g. "/api/v1") in front of their template. */
    public Group group(String prefix) {
        if (!prefix.startsWith("/") || prefix.endsWith("/")) {
            throw new IllegalArgumentException("a group prefix starts with '/' and does not end with one: " + prefix);
        }
        return new Group(prefix);
    }

    /** A view of the table that prefixes every template it adds. */
    public final class Group {
        private final String prefix;

        private Group(String prefix) {
            this.prefix = prefix;
        }

        public Group add(HttpMethod method, String template, RouteHandler handler) {
            RouteTable.this.add(method, prefix + template, handler);
            return this;
        }

        public Group get(String template, RouteHandler handler) {
            return add(HttpMethod.GET, template, handler);
        }

        public Group post(String template, RouteHandler handler) {
            return add(HttpMethod.POST, template, handler);
        }

        public Group put(String template, RouteHandler handler) {
            return add(HttpMethod.PUT, template, handler);
        }

        public Group delete(String template, RouteHandler handler) {
            return add(HttpMethod.DELETE, template, handler);
        }
    }

    /** Looks up the route for a decoded request path. */
    public synchronized Match find(HttpMethod method, String path) {
        String[] segments = split(path);
        Set<HttpMethod> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Map<String, String> params = matches(r.segments, segments);
            if (params == null) {
                continue;
            }
            if (r.method.equals(method)) {
                return new Found(r.handler, r.template, params);
            }
            allowed.add(r.method);
        }
        return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(Collections.unmodifiableSet(allowed));
    }

    /** "METHOD template" of every route, in order: for start-up logs and docs. */
    public synchronized List<String> describe() {
        return routes.stream().map(r -> r.method + " " + r.template).toList();
    }

    private static Map<String, String> matches(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = Map.of();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.length() > 2 && t.charAt(0) == '{' && t.charAt(t.length() - 1) == '}') {
                if (path[i].isEmpty()) {
                    return null;
                }
                if (params.isEmpty()) {
                    params = new LinkedHashMap<>();
                }
                params.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    /** "/a/b" -> ["a", "b"]; "/" -> []; a trailing slash is a (empty) segment of its own. */
    private static String[] split(String path) {
        if (path.isEmpty() || path.equals("/")) {
            return new String[0];
        }
        return path.substring(path.startsWith("/") ? 1 : 0).split("/", -1);
    }
}
