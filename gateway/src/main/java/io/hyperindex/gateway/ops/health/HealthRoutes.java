package io.hyperindex.gateway.ops.health;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.RecoveryReport;
import io.hyperindex.gateway.ops.http.JsonReply;
import io.hyperindex.gateway.ops.http.RouteHandler;
import io.hyperindex.gateway.ops.http.RouteTable;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Liveness and readiness probes for load balancers and orchestrators:
 * {@code GET /health} answers 200 {@code {"status":"UP"}} while the process serves HTTP;
 * {@code GET /ready} answers 200 with the engine's position once journal recovery has
 * finished, and 503 {@code {"ready":false}} before that or after the engine stopped.
 */
public final class HealthRoutes {
    private HealthRoutes() {
    }

    /** Adds /health and /ready to {@code routes}. */
    public static void install(RouteTable routes, EngineReadiness readiness) {
        routes.get("/health", RouteHandler.of(req -> JsonReply.ok(Map.of("status", "UP"))));
        routes.get("/ready", RouteHandler.of(req -> ready(readiness)));
    }

    private static JsonReply ready(EngineReadiness readiness) {
        Engine engine = readiness.engine();
        if (engine == null || !readiness.isReady()) {
            return new JsonReply(HttpResponseStatus.SERVICE_UNAVAILABLE.code(), Map.of("ready", false));
        }
        RecoveryReport r = engine.recovery();
        Map<String, Object> recovery = new LinkedHashMap<>();
        recovery.put("snapshotSequence", r.snapshotSequence());
        recovery.put("replayedCommands", r.replayedCommands());
        recovery.put("recoveredSequence", r.lastSequence());
        recovery.put("tornTailBytes", r.tornTailBytes());
        recovery.put("stateHash", r.stateHash());
        recovery.put("millis", r.millis());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", true);
        body.put("lastSequence", readiness.lastSequence());
        body.put("instruments", engine.config().instruments().stream().map(Instrument::symbol).toList());
        body.put("accounts", engine.config().accounts().size());
        body.put("recovery", recovery);
        return JsonReply.ok(body);
    }
}
