package io.hyperindex.gateway.api.rest;

import io.hyperindex.gateway.api.edge.MarketViews;
import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.ops.http.JsonReply;
import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Set;

/** The MarketData resources: instruments and L2 books (streams are on the WebSocket API). */
final class MarketDataRoutes {
    private final RestEndpoints api;

    MarketDataRoutes(RestEndpoints api) {
        this.api = api;
    }

    record Instruments(List<MarketViews.Instrument> instruments) {
    }

    void install() {
        api.route(HttpMethod.GET, "/instruments", Scope.READ, c -> {
            QueryParams.only(c.request(), Set.of());
            return api.query(c, MarketViews::instruments, list -> JsonReply.ok(new Instruments(list)));
        }).route(HttpMethod.GET, "/instruments/{symbol}/book", Scope.READ, c -> {
            QueryParams.only(c.request(), Set.of("depth"));
            Instrument ins = api.markets().instrument(c.request().pathParam("symbol"));
            int depth = MarketViews.depth(QueryParams.number("depth", c.query("depth"), 0, Integer.MAX_VALUE));
            return api.query(c, me -> me.l2Snapshot(ins.id(), depth), s -> JsonReply.ok(MarketViews.book(ins, s)));
        });
    }
}
