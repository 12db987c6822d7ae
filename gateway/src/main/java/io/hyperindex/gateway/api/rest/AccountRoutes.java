package io.hyperindex.gateway.api.rest;

import io.hyperindex.gateway.api.edge.AccountViews;
import io.hyperindex.gateway.api.edge.LimitsView;
import io.hyperindex.gateway.api.edge.RequestRejected;
import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.MmpConfig;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.ops.http.JsonReply;
import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/** The Account resources: the caller's own balances, positions, P&amp;L, fees, limits, statement and protections. */
final class AccountRoutes {
    private final RestEndpoints api;

    AccountRoutes(RestEndpoints api) {
        this.api = api;
    }

    record Balances(String account, String usdc) {
    }

    record Positions(List<AccountViews.Position> positions) {
    }

    /** PUT /account/mmp: one protection group (replaces a group of the same name). */
    record SetMmp(String group, List<String> symbols, long windowMillis, String quantityLimit, String deltaLimit,
                  long frozenMillis) {
    }

    record ResetMmp(String group) {
    }

    /** POST /account/kill-switch: partners turn their own switch on; operators turn it off. */
    record KillSwitch(boolean on, boolean flatten) {
    }

    /** The journal sequence of an accepted account command. */
    record Sequence(long sequence) {
    }

    void install() {
        api.route(HttpMethod.GET, "/account/balances", Scope.READ, c -> {
            QueryParams.only(c.request(), Set.of());
            int a = c.account();
            return api.query(c, me -> me.cash(a), cash -> JsonReply.ok(new Balances(c.caller().account(),
                    io.hyperindex.gateway.api.edge.Markets.cash(cash))));
        }).route(HttpMethod.GET, "/account/positions", Scope.READ, c -> {
            QueryParams.only(c.request(), Set.of());
            int a = c.account();
            return api.query(c, me -> AccountViews.positions(me, a), p -> JsonReply.ok(new Positions(p)));
        }).route(HttpMethod.GET, "/account/pnl", Scope.READ, c -> {
            QueryParams.only(c.request(), Set.of());
            int a = c.account();
            return api.query(c, me -> AccountViews.pnl(me, a), JsonReply::ok);
        }).route(HttpMethod.GET, "/account/fee-tier", Scope.READ, c -> {
            QueryParams.only(c.request(), Set.of("symbol"));
            int a = c.account();
            String symbol = c.query("symbol");
            Instrument ins = api.markets().instrument(symbol == null ? "" : symbol);
            return api.query(c, me -> me.fees().tierStatus(a, ins.id(), me.clock()), t -> JsonReply.ok(AccountViews.feeTier(t)));
        }).route(HttpMethod.GET, "/account/limits", Scope.READ, c -> {
            QueryParams.only(c.request(), Set.of());
            int a = c.account();
            return api.query(c, me -> me.risk().limits(a), l -> JsonReply.ok(LimitsView.of(api.markets(), l)));
        }).route(HttpMethod.GET, "/account/statement", Scope.READ, this::statement)
                .route(HttpMethod.PUT, "/account/mmp", Scope.TRADE, SetMmp.class, (c, b) -> {
                    QueryParams.only(c.request(), Set.of());
                    MmpConfig config = AccountViews.mmp(api.markets(), b.group(), b.symbols(), b.windowMillis(),
                            b.quantityLimit(), b.deltaLimit(), b.frozenMillis(), "quantityLimit", "deltaLimit");
                    return ack(c, new Command.SetMmp(c.account(), config));
                }).route(HttpMethod.POST, "/account/mmp/reset", Scope.TRADE, ResetMmp.class, (c, b) -> {
                    QueryParams.only(c.request(), Set.of());
                    if (b.group() == null || b.group().isBlank()) {
                        throw new RequestRejected(ReasonCode.INVALID_REQUEST, "group is required");
                    }
                    return ack(c, new Command.ResetMmp(c.account(), b.group()));
                }).route(HttpMethod.POST, "/account/kill-switch", Scope.TRADE, KillSwitch.class, (c, b) -> {
                    QueryParams.only(c.request(), Set.of());
                    if (!b.on()) {
                        throw new RequestRejected(ReasonCode.NOT_PERMITTED, "only the venue's operators turn an account kill switch off");
                    }
                    return ack(c, new Command.KillSwitch(Command.KillScope.ACCOUNT, c.account(), true, b.flatten(),
                            c.caller().keyId()));
                });
    }

    private CompletionStage<JsonReply> ack(RestCall c, Command command) {
        return api.submit(c, command, r -> JsonReply.ok(new Sequence(r.sequence())));
    }

    private CompletionStage<JsonReply> statement(RestCall c) {
        QueryParams.only(c.request(), Set.of("from", "to"));
        c.account();
        AccountViews.Period period = AccountViews.period(c.query("from"), c.query("to"));
        return c.engine().statement(c.caller().account(), period.from(), period.to()).handleAsync((s, err) -> {
            if (err != null) {
                throw new RequestRejected(ReasonCode.ENGINE_UNAVAILABLE, "the journal could not be read for the statement");
            }
            return JsonReply.ok(AccountViews.statement(s));
        }, api.executor());
    }
}
