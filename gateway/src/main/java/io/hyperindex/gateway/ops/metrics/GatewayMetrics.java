package io.hyperindex.gateway.ops.metrics;

import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import io.hyperindex.gateway.api.fix.FixAcceptor;
import io.hyperindex.gateway.api.grpc.GrpcGateway;
import io.hyperindex.gateway.api.ws.WsApi;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.ops.http.HttpObserver;
import io.hyperindex.gateway.ops.http.JsonReply;
import io.hyperindex.gateway.ops.http.RawBody;
import io.hyperindex.gateway.ops.http.RouteHandler;
import io.hyperindex.gateway.ops.http.RouteTable;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * The gateway's metrics in one Prometheus registry, served as text at {@code GET /metrics}
 * (docs/metrics.md lists every series). Protocol adapters report through small observers
 * (HTTP routes, WebSocket messages, FIX requests, a gRPC interceptor) that only count; the
 * engine's and the journal's numbers are read at scrape time from the counters they keep, so
 * the engine thread does no metrics work beyond one atomic increment per rejection.
 */
public final class GatewayMetrics implements HttpObserver {
    /** The Content-Type of Prometheus' text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, AtomicInteger> sessions = new ConcurrentHashMap<>();
    private final GrpcMetrics grpc = new GrpcMetrics(this);

    public GatewayMetrics() {
        for (String protocol : new String[]{"ws", "hl_ws", "fix", "grpc"}) {
            sessions(protocol); // every protocol's series exists from the start, at 0
        }
        Gauge.builder("gateway.sessions", grpc.connections, AtomicInteger::get).tag("protocol", "grpc")
                .description("connected client sessions").register(registry);
    }

    /** The registry, for components that keep meters of their own (alerts). */
    public MeterRegistry registry() {
        return registry;
    }

    /** The metrics in Prometheus' text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** Adds {@code GET /metrics}. */
    public void install(RouteTable routes) {
        routes.get("/metrics", RouteHandler.of(req -> JsonReply.ok(new RawBody(CONTENT_TYPE,
                scrape().getBytes(StandardCharsets.UTF_8)))));
    }

    /** Records one answered request: a latency histogram per protocol, route and outcome. */
    void request(String protocol, String route, String outcome, long nanos) {
        requestTimers.computeIfAbsent(new RequestKey(protocol, route, outcome), k -> Timer.builder("gateway.requests")
                .description("requests answered, by protocol, route and outcome")
                .tags("protocol", k.protocol(), "route", k.route(), "outcome", k.outcome())
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The request timers by their tags, looked up without building a meter id (tags, sorting,
     * the registry's filters) for every request. Routes, methods and outcomes are fixed sets, so
     * the map stays small.
     */
    private record RequestKey(String protocol, String route, String outcome) {
    }

    private final Map<RequestKey, Timer> requestTimers = new ConcurrentHashMap<>();

    private AtomicInteger sessions(String protocol) {
        return sessions.computeIfAbsent(protocol, p -> {
            AtomicInteger n = new AtomicInteger();
            if (!p.equals("fix") && !p.equals("grpc")) {
                Gauge.builder("gateway.sessions", n, AtomicInteger::get).tag("protocol", p)
                        .description("connected client sessions").register(registry);
            }
            return n;
        });
    }

    // ------------------------------------------------------------------ HTTP (REST, HL, probes) and WebSockets

    @Override
    public void request(String method, String routeTemplate, int status, long nanos) {
        String protocol = routeTemplate.startsWith("/api/") ? "rest" : routeTemplate.startsWith("/hl/") ? "hl" : "http";
        request(protocol, method + " " + routeTemplate, Integer.toString(status), nanos);
    }

    @Override
    public void webSocketOpened(String path) {
        sessions(webSocketProtocol(path)).incrementAndGet();
    }

    @Override
    public void webSocketClosed(String path) {
        sessions(webSocketProtocol(path)).decrementAndGet();
    }

    private static String webSocketProtocol(String path) {
        return path.equals(WsApi.PATH) ? "ws" : path.startsWith("/hl/") ? "hl_ws" : "other_ws";
    }

    /** What {@code /ws/v1} reports per client message. */
    public WsApi.MessageObserver webSocketMessages() {
        return (op, outcome, nanos) -> request("ws", op, outcome, nanos);
    }

    /** The WebSocket API's own numbers: slow consumers cut off, the fan-out backlog. */
    public void bind(WsApi ws) {
        FunctionCounter.builder("gateway.ws.slow.consumer.disconnects", ws, WsApi::slowConsumerDisconnects)
                .description("WebSocket clients closed with 1008 because their outbound queue passed its bound")
                .register(registry);
        gauge("gateway.ws.fanout.backlog", ws, WsApi::fanOutBacklog, "engine results and subscription changes waiting for the fan-out thread");
    }

    // ------------------------------------------------------------------ FIX, gRPC

    /** What the FIX acceptor reports per answered request. */
    public FixAcceptor.Observer fixRequests() {
        return (msgType, outcome, nanos) -> request("fix", "35=" + msgType, outcome, nanos);
    }

    public void bind(FixAcceptor fix) {
        Gauge.builder("gateway.sessions", fix, FixAcceptor::loggedOnSessions).tag("protocol", "fix")
                .description("connected client sessions").register(registry);
    }

    /** The outermost gRPC interceptor: times every call. */
    public ServerInterceptor grpcInterceptor() {
        return grpc;
    }

    /** Counts gRPC client connections. */
    public ServerTransportFilter grpcConnections() {
        return grpc.transportFilter();
    }

    public void bind(GrpcGateway g) {
        gauge("gateway.grpc.open.streams", g, GrpcGateway::openStreams, "gRPC server streams open");
    }

    // ------------------------------------------------------------------ engine and journal

    /** Reads the engine's ring, journal and rejection counts at scrape time; subscribes the rejection counter. */
    public void bind(Engine engine) {
        gauge("gateway.engine.ring.capacity", engine, Engine::ringCapacity, "slots of the engine's inbound ring");
        gauge("gateway.engine.queue.depth", engine, e -> e.ringCapacity() - e.ringRemainingCapacity(),
                "commands and queries waiting in the ring for the engine thread");
        gauge("gateway.engine.last.sequence", engine, Engine::lastSequence, "last command sequence committed to the journal");
        FunctionCounter.builder("gateway.journal.commits", engine, Engine::journalCommits)
                .description("journal group commits (one write, and one fsync if the policy says so, per batch)")
                .register(registry);
        FunctionTimer.builder("gateway.journal.write", engine, Engine::journalCommits, Engine::journalWriteNanos,
                TimeUnit.NANOSECONDS).description("time the group commits spent writing to the journal file").register(registry);
        FunctionTimer.builder("gateway.journal.fsync", engine, Engine::journalFsyncs, Engine::journalFsyncNanos,
                TimeUnit.NANOSECONDS).description("time the group commits spent in fsync").register(registry);
        RejectionCounter rejections = new RejectionCounter();
        engine.subscribe(rejections);
        for (ReasonCode c : ReasonCode.values()) {
            if (c.number() >= 100) {
                continue; // why orders ended, not rejections
            }
            ToDoubleFunction<RejectionCounter> count = c == ReasonCode.ENGINE_UNAVAILABLE
                    ? r -> r.count(c) + engine.commandsRefusedAtEdge() : r -> r.count(c);
            FunctionCounter.builder("gateway.rejections", rejections, count).tag("reason", c.name())
                    .description("commands the engine rejected, by reason code").register(registry);
        }
    }

    private <T> void gauge(String name, T target, ToDoubleFunction<T> value, String description) {
        Gauge.builder(name, target, value).description(description).register(registry);
    }
}
