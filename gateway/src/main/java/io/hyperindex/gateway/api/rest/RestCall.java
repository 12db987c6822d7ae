package io.hyperindex.gateway.api.rest;

import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.auth.Caller;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.ops.http.ApiRequest;

/**
 * One authenticated, in-limit REST request: what a resource handler works with.
 *
 * @param request the HTTP request (body already size- and type-checked)
 * @param caller  who signed it
 * @param engine  the running engine
 */
record RestCall(ApiRequest request, Caller caller, Engine engine, Markets markets) {

    /** The engine id of the caller's account, or UNKNOWN_ACCOUNT (e.g. an operator key on a trading route). */
    int account() {
        return markets.accountId(caller.account());
    }

    /** A query parameter, or null. */
    String query(String name) {
        return request.queryParam(name);
    }
}
