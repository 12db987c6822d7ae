package io.hyperindex.gateway.api.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hyperindex.gateway.api.edge.AdminCommands;
import io.hyperindex.gateway.api.edge.LimitsView;
import io.hyperindex.gateway.api.edge.RequestRejected;
import io.hyperindex.gateway.auth.KeyRegistry;
import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.InstrumentStatus;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.ops.http.JsonReply;
import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The Admin resources (ADMIN scope, the venue's operators): limits, kill switches, instrument status, accounts and keys. */
final class AdminRoutes {
    private final RestEndpoints api;
    private final KeyRegistry keys;

    AdminRoutes(RestEndpoints api, KeyRegistry keys) {
        this.api = api;
        this.keys = keys;
    }

    /** POST /admin/kill-switch. */
    record KillSwitch(Command.KillScope scope, String target, boolean on, boolean flatten) {
    }

    /** PUT /admin/instruments/{symbol}/status. */
    record InstrumentStatusChange(InstrumentStatus status) {
    }

    /** PUT /admin/accounts/{account}/fee-tier: {@code tier} null or empty clears; {@code untilMillis} 0 = until cleared. */
    record FeeTierOverride(String tier, long untilMillis) {
    }

    /** POST /admin/accounts/{account}/keys. */
    record AddKey(String publicKeyHex, List<String> scopes) {
    }

    /** GET /admin/accounts: a page in engine order; {@code nextOffset} is null at the end. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record AccountPage(List<AdminCommands.AccountInfo> accounts, Integer nextOffset) {
    }

    void install() {
        api.route(HttpMethod.PUT, "/admin/accounts/{account}/limits", Scope.ADMIN, LimitsView.class, (c, b) -> {
            QueryParams.only(c.request(), Set.of());
            int a = api.markets().accountId(c.request().pathParam("account"));
            return sequence(c, new Command.SetRiskLimits(a, b.toEngine(api.markets(), false), actor(c)));
        }).route(HttpMethod.PUT, "/admin/accounts/{account}/fee-tier", Scope.ADMIN, FeeTierOverride.class, (c, b) -> {
            QueryParams.only(c.request(), Set.of());
            int a = api.markets().accountId(c.request().pathParam("account"));
            if (b.untilMillis() < 0) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "untilMillis is epoch milliseconds, or 0 for no end");
            }
            String tier = b.tier() == null || b.tier().isEmpty() ? null : b.tier();
            return sequence(c, new Command.SetFeeTierOverride(a, tier, b.untilMillis(), actor(c)));
        }).route(HttpMethod.POST, "/admin/kill-switch", Scope.ADMIN, KillSwitch.class, (c, b) -> {
            QueryParams.only(c.request(), Set.of());
            return sequence(c, AdminCommands.killSwitch(api.markets(), b.scope(), b.target(), b.on(), b.flatten(), actor(c)));
        }).route(HttpMethod.PUT, "/admin/instruments/{symbol}/status", Scope.ADMIN, InstrumentStatusChange.class, (c, b) -> {
            QueryParams.only(c.request(), Set.of());
            int id = api.markets().instrument(c.request().pathParam("symbol")).id();
            if (b.status() == null) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "status must be TRADING or HALTED");
            }
            return sequence(c, new Command.SetInstrumentStatus(id, b.status()));
        }).route(HttpMethod.GET, "/admin/accounts", Scope.ADMIN, c -> {
            QueryParams.only(c.request(), Set.of("limit", "offset"));
            int limit = QueryParams.limit(c.query("limit"));
            int offset = (int) QueryParams.number("offset", c.query("offset"), 0, Integer.MAX_VALUE);
            List<AdminCommands.AccountInfo> all = AdminCommands.accounts(keys, api.markets());
            List<AdminCommands.AccountInfo> page = all.subList(Math.min(offset, all.size()), Math.min(all.size(),
                    (int) Math.min((long) offset + limit, Integer.MAX_VALUE)));
            Integer next = offset + page.size() < all.size() ? offset + page.size() : null;
            return CompletableFuture.completedFuture(JsonReply.ok(new AccountPage(page, next)));
        }).route(HttpMethod.POST, "/admin/accounts/{account}/keys", Scope.ADMIN, AddKey.class, (c, b) -> {
            QueryParams.only(c.request(), Set.of());
            return CompletableFuture.completedFuture(JsonReply.ok(AdminCommands.addKey(keys, api.markets(),
                    c.request().pathParam("account"), b.publicKeyHex(), b.scopes())));
        }).route(HttpMethod.DELETE, "/admin/accounts/{account}/keys/{keyId}", Scope.ADMIN, c -> {
            QueryParams.only(c.request(), Set.of());
            return CompletableFuture.completedFuture(JsonReply.ok(AdminCommands.revokeKey(keys,
                    c.request().pathParam("account"), c.request().pathParam("keyId"))));
        });
    }

    private static String actor(RestCall c) {
        return AdminCommands.actor(c.caller().keyId());
    }

    private java.util.concurrent.CompletionStage<JsonReply> sequence(RestCall c, Command command) {
        return api.submit(c, command, r -> JsonReply.ok(new AccountRoutes.Sequence(r.sequence())));
    }
}
