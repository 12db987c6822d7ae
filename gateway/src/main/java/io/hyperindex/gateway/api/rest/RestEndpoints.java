package io.hyperindex.gateway.api.rest;

import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.api.edge.RequestRejected;
import io.hyperindex.gateway.auth.AuthenticationFailure;
import io.hyperindex.gateway.auth.CanonicalRequest;
import io.hyperindex.gateway.auth.Caller;
import io.hyperindex.gateway.auth.RateLimiter;
import io.hyperindex.gateway.auth.RequestVerifier;
import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.ops.http.ApiRequest;
import io.hyperindex.gateway.ops.http.JsonReply;
import io.hyperindex.gateway.ops.http.RouteTable;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Adds /api/v1 routes and runs every request through the same checks before its handler, in
 * this order: the engine is ready (503), the body is at most the size limit (413), a route
 * that takes a body gets JSON (415) and one that does not gets none, the request is signed by
 * an active key with the route's scope within the receive window and not replayed (401/403),
 * and the caller is within its rate limit (429). A {@link RequestRejected} from the handler,
 * at once or later, answers with its reason's status.
 */
final class RestEndpoints {
    /** Headers carrying the key id, the epoch-millisecond timestamp and the hex signature (as in gRPC metadata). */
    static final String KEY_HEADER = "X-HI-KEY";
    static final String TIMESTAMP_HEADER = "X-HI-TS";
    static final String SIGNATURE_HEADER = "X-HI-SIG";

    /** Answers one authenticated call. Runs on a Netty event loop: it must not block. */
    @FunctionalInterface
    interface Handler {
        CompletionStage<JsonReply> handle(RestCall call);
    }

    private final RouteTable.Group group;
    private final Supplier<Engine> engine;
    private final Markets markets;
    private final RequestVerifier verifier;
    private final RateLimiter limiter;
    private final Executor executor;
    private final int maxBodyBytes;

    RestEndpoints(RouteTable.Group group, Supplier<Engine> engine, Markets markets, RequestVerifier verifier,
                  RateLimiter limiter, Executor executor, int maxBodyBytes) {
        this.group = group;
        this.engine = engine;
        this.markets = markets;
        this.verifier = verifier;
        this.limiter = limiter;
        this.executor = executor;
        this.maxBodyBytes = maxBodyBytes;
    }

    Markets markets() {
        return markets;
    }

    /** A route without a body (GET, DELETE) needing {@code scope}. */
    RestEndpoints route(HttpMethod method, String template, Scope scope, Handler handler) {
        group.add(method, template, request -> guarded(request, scope, false, handler));
        return this;
    }

    /** A route whose JSON body is read as {@code type} before {@code handler} sees it. */
    <B> RestEndpoints route(HttpMethod method, String template, Scope scope, Class<B> type, BodyHandler<B> handler) {
        com.fasterxml.jackson.databind.ObjectReader reader = RestJson.readerFor(type);
        group.add(method, template, request -> guarded(request, scope, true,
                call -> handler.handle(call, RestJson.read(reader, request.body()))));
        return this;
    }

    /** Answers one authenticated call with its decoded body. */
    @FunctionalInterface
    interface BodyHandler<B> {
        CompletionStage<JsonReply> handle(RestCall call, B body);
    }

    private CompletionStage<JsonReply> guarded(ApiRequest request, Scope scope, boolean takesBody, Handler handler) {
        CompletionStage<JsonReply> reply;
        try {
            reply = handler.handle(admit(request, scope, takesBody));
        } catch (RequestRejected e) {
            return CompletableFuture.completedFuture(RestErrors.of(e));
        }
        return reply.handle((r, error) -> {
            if (error == null) {
                return r;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof RequestRejected e) {
                return RestErrors.of(e);
            }
            throw error instanceof CompletionException c ? c : new CompletionException(error);
        });
    }

    private RestCall admit(ApiRequest request, Scope scope, boolean takesBody) {
        Engine e = engine.get();
        if (e == null || !e.isReady()) {
            throw new RequestRejected(ReasonCode.ENGINE_UNAVAILABLE, "the venue is starting: retry shortly");
        }
        byte[] body = request.body();
        if (body.length > maxBodyBytes) {
            throw new RequestRejected(ReasonCode.BODY_TOO_LARGE, "the body has " + body.length + " bytes; at most "
                    + maxBodyBytes + " are accepted");
        }
        if (takesBody) {
            checkJson(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        } else if (body.length > 0) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, request.method() + " " + request.path() + " takes no body");
        }
        Caller caller;
        try {
            caller = verifier.verify(request.headers().get(KEY_HEADER), request.headers().get(TIMESTAMP_HEADER),
                    request.headers().get(SIGNATURE_HEADER),
                    ts -> CanonicalRequest.rest(ts, request.method().name(), request.uri(), body), scope);
        } catch (AuthenticationFailure f) {
            throw new RequestRejected(f.reason(), f.getMessage());
        }
        RateLimiter.Decision d = limiter.tryAcquire(caller.account(), caller.keyId(), 1);
        if (!d.allowed()) {
            throw new RequestRejected(ReasonCode.RATE_LIMITED,
                    "rate limit reached: retry in " + Math.max(1, d.retryAfterNanos() / 1_000_000) + " ms");
        }
        return new RestCall(request, caller, e, markets);
    }

    /** application/json, optionally with charset=utf-8; anything else is 415. */
    private static void checkJson(String contentType) {
        if (contentType == null) {
            throw new RequestRejected(ReasonCode.UNSUPPORTED_MEDIA_TYPE, "send the body with Content-Type: application/json");
        }
        String[] parts = contentType.split(";");
        boolean json = parts[0].trim().equalsIgnoreCase("application/json");
        for (int i = 1; json && i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(java.util.Locale.ROOT);
            json = !p.startsWith("charset=") || p.equals("charset=utf-8") || p.equals("charset=\"utf-8\"");
        }
        if (!json) {
            throw new RequestRejected(ReasonCode.UNSUPPORTED_MEDIA_TYPE, "the body must be application/json (UTF-8), not "
                    + Markets.shortened(contentType));
        }
    }

    // ------------------------------------------------------------ engine access for the handlers

    /**
     * Submits a command; the stage completes off the engine thread with {@code answer} of an
     * accepted result, or fails with the engine's rejection.
     */
    <T> CompletionStage<T> submit(RestCall call, Command command, Function<CommandResult, T> answer) {
        CompletableFuture<CommandResult> f = new CompletableFuture<>();
        call.engine().submit(command, f::complete);
        return f.thenApplyAsync(r -> {
            ReasonCode rejected = r.rejection();
            if (rejected != null) {
                throw new RequestRejected(rejected, rejected.message());
            }
            return answer.apply(r);
        }, executor);
    }

    /** Submits a command; the stage completes off the engine thread with its result, accepted or rejected. */
    CompletionStage<CommandResult> submitRaw(RestCall call, Command command) {
        CompletableFuture<CommandResult> f = new CompletableFuture<>();
        call.engine().submit(command, f::complete);
        return f.thenApplyAsync(r -> r, executor);
    }

    /** Submits up to 40 commands as one engine batch; {@code answer} gets every result (accepted or not). */
    <T> CompletionStage<T> submitBatch(RestCall call, List<Command> commands, Function<List<CommandResult>, T> answer) {
        CompletableFuture<List<CommandResult>> f = new CompletableFuture<>();
        call.engine().submitBatch(commands, f::complete);
        return f.thenApplyAsync(answer, executor);
    }

    /** Runs a read-only query on the engine thread; {@code answer} runs off it. */
    <V, T> CompletionStage<T> query(RestCall call, Function<MatchingEngine, V> query, Function<V, T> answer) {
        return call.engine().query(query).handleAsync((v, err) -> {
            if (err != null) {
                throw new RequestRejected(ReasonCode.ENGINE_UNAVAILABLE, ReasonCode.ENGINE_UNAVAILABLE.message());
            }
            return answer.apply(v);
        }, executor);
    }

    Executor executor() {
        return executor;
    }
}
