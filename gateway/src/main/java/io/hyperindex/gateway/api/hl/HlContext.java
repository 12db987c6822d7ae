package io.hyperindex.gateway.api.hl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.ops.http.JsonReply;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the /hl handlers share: the engine (looked up per request: it starts after HTTP), the
 * venue's instruments as Hyperliquid assets, the approved agent addresses (lower case → engine
 * account id) and the wall clock in milliseconds; and the request checks every handler makes.
 */
public record HlContext(Supplier<Engine> engine, HlAssets assets, Map<String, Integer> agents,
                        Map<String, SubAccount> subAccounts, LongSupplier clockMillis) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A sub-account: its engine account id, and the engine account id of the master whose agents trade it. */
    public record SubAccount(int account, int master) {
    }

    public HlContext {
        agents = Map.copyOf(agents);
        subAccounts = Map.copyOf(subAccounts);
    }

    /** The account a {@code user} address of an info request or subscription names (an agent or a sub-account), or null. */
    Integer userAccount(String user) {
        String u = user == null ? "" : user.toLowerCase();
        Integer a = agents.get(u);
        if (a != null) {
            return a;
        }
        SubAccount s = subAccounts.get(u);
        return s == null ? null : s.account();
    }

    /** The body as a JSON object, or null if it is not one. */
    static JsonNode objectBody(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** A reply body (Jackson node, map, record) as a JSON tree. */
    static JsonNode toJson(Object body) {
        return body instanceof JsonNode n ? n : JSON.valueToTree(body);
    }

    /** Hyperliquid's answer to a body it cannot read. */
    static CompletionStage<JsonReply> malformed() {
        return reply(422, HlExchange.err("Failed to deserialize the JSON body."));
    }

    /** The running engine, or null while it recovers (answer {@link #starting()} then). */
    Engine readyEngine() {
        Engine e = engine.get();
        return e != null && e.isReady() ? e : null;
    }

    static CompletionStage<JsonReply> starting() {
        return reply(503, HlExchange.err("The venue is starting: retry shortly."));
    }

    static CompletionStage<JsonReply> reply(int status, Object body) {
        return CompletableFuture.completedFuture(new JsonReply(status, body));
    }
}
