package io.hyperindex.gateway.ops.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers the requests of one route. Runs on a Netty event loop: it must not block; work that
 * waits (an engine command, a query) returns a stage that completes later, on any thread.
 */
@FunctionalInterface
public interface RouteHandler {

    CompletionStage<JsonReply> handle(ApiRequest request);

    /** A handler that answers at once. */
    static RouteHandler of(java.util.function.Function<ApiRequest, JsonReply> immediate) {
        return request -> CompletableFuture.completedFuture(immediate.apply(request));
    }
}
