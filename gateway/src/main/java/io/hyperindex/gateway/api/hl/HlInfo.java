package io.hyperindex.gateway.api.hl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperindex.gateway.book.Order;
import io.hyperindex.gateway.domain.BookSnapshot;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.ops.http.ApiRequest;
import io.hyperindex.gateway.ops.http.JsonReply;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /hl/info}: Hyperliquid's read requests ({@code {"type": ...}}) answered from the
 * engine in Hyperliquid's response shapes. A {@code user} is an approved agent address; its
 * account's orders, positions and fees are what is shown. Reads run as engine queries, so they
 * see only durable state.
 */
final class HlInfo {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Hyperliquid's l2Book depth. */
    static final int BOOK_DEPTH = 20;
    /** Shown as meta's maxLeverage: the venue does not margin by leverage; updateLeverage is only recorded. */
    static final int MAX_LEVERAGE = 20;

    private final HlContext context;
    private final HlAssets assets;
    private final FillHistory fills;
    private final FinishedOrders finished;

    HlInfo(HlContext context, FillHistory fills, FinishedOrders finished) {
        this.context = context;
        this.assets = context.assets();
        this.fills = fills;
        this.finished = finished;
    }

    CompletionStage<JsonReply> handle(ApiRequest request) {
        JsonNode body = HlContext.objectBody(request.body());
        if (body == null) {
            return HlContext.malformed();
        }
        Engine e = context.readyEngine();
        if (e == null) {
            return HlContext.starting();
        }
        String type = body.path("type").asText();
        return switch (type) {
            case "meta" -> done(200, meta());
            case "spotMeta" -> done(200, spotMeta());
            case "metaAndAssetCtxs" -> e.query(this::assetContexts).thenApply(ctxs -> {
                ArrayNode both = NODES.arrayNode();
                both.add(meta());
                both.add(ctxs);
                return new JsonReply(200, both);
            });
            case "allMids" -> e.query(this::allMids).thenApply(HlInfo::ok);
            case "l2Book" -> l2Book(e, body.path("coin").asText(null));
            case "openOrders", "frontendOpenOrders" -> withUser(body, account ->
                    e.query(core -> openOrders(core, account, type.equals("frontendOpenOrders"))).thenApply(HlInfo::ok));
            case "orderStatus" -> withUser(body, account -> e.query(core -> orderStatus(core, account, body.path("oid")))
                    .thenApply(HlInfo::ok));
            case "clearinghouseState" -> withUser(body, account ->
                    e.query(core -> clearinghouseState(core, account)).thenApply(HlInfo::ok));
            case "userFills" -> withUser(body, account ->
                    CompletableFuture.completedFuture(ok(fills.recent(account, 0, Long.MAX_VALUE))));
            case "userFillsByTime" -> withUser(body, account -> CompletableFuture.completedFuture(ok(fills.recent(account,
                    body.path("startTime").asLong(0), body.hasNonNull("endTime") ? body.get("endTime").asLong() : Long.MAX_VALUE))));
            case "userFees" -> withUser(body, account -> e.query(core -> userFees(core, account)).thenApply(HlInfo::ok));
            case "userRateLimit" -> withUser(body, account -> CompletableFuture.completedFuture(ok(userRateLimit())));
            default -> done(422, HlExchange.err("Info type '" + type + "' is not supported on this venue."));
        };
    }

    private CompletionStage<JsonReply> withUser(JsonNode body, java.util.function.IntFunction<CompletionStage<JsonReply>> f) {
        String user = body.path("user").asText("").toLowerCase();
        Integer account = context.userAccount(user);
        if (account == null) {
            // Hyperliquid answers an unknown user with empty data, not an error
            return done(200, NODES.arrayNode());
        }
        return f.apply(account);
    }

    private ObjectNode meta() {
        ObjectNode meta = NODES.objectNode();
        ArrayNode universe = meta.putArray("universe");
        for (Instrument i : assets.all()) {
            universe.addObject().put("name", HlAssets.coin(i)).put("szDecimals", assets.szDecimals(i))
                    .put("maxLeverage", MAX_LEVERAGE).put("onlyIsolated", false);
        }
        return meta;
    }

    private static ObjectNode spotMeta() {
        ObjectNode spot = NODES.objectNode();
        spot.putArray("universe");
        spot.putArray("tokens");
        return spot;
    }

    private ArrayNode assetContexts(MatchingEngine core) {
        ArrayNode ctxs = NODES.arrayNode();
        for (Instrument i : assets.all()) {
            String mark = HlAssets.px(i, core.markPrice(i.id()));
            String ref = HlAssets.px(i, core.referencePrice(i.id()));
            long bid = core.book(i.id()).bestPrice(Side.BUY);
            long ask = core.book(i.id()).bestPrice(Side.SELL);
            ObjectNode c = ctxs.addObject();
            c.put("dayNtlVlm", "0.0").put("funding", "0.0");
            ArrayNode impact = c.putArray("impactPxs");
            impact.add(bid == 0 ? ref : HlAssets.px(i, bid));
            impact.add(ask == 0 ? ref : HlAssets.px(i, ask));
            c.put("markPx", mark);
            if (bid > 0 && ask > 0) {
                c.put("midPx", HlAssets.wire(i.price(bid).add(i.price(ask)).divide(BigDecimal.valueOf(2))));
            } else {
                c.putNull("midPx");
            }
            c.put("openInterest", "0.0").put("oraclePx", ref).put("premium", "0.0").put("prevDayPx", ref);
        }
        return ctxs;
    }

    /** {coin: mid}: the book's mid, or the mark when a side is empty. */
    ObjectNode allMids(MatchingEngine core) {
        ObjectNode mids = NODES.objectNode();
        for (Instrument i : assets.all()) {
            long bid = core.book(i.id()).bestPrice(Side.BUY);
            long ask = core.book(i.id()).bestPrice(Side.SELL);
            BigDecimal mid = bid > 0 && ask > 0 ? i.price(bid).add(i.price(ask)).divide(BigDecimal.valueOf(2))
                    : i.price(core.markPrice(i.id()));
            mids.put(HlAssets.coin(i), HlAssets.wire(mid));
        }
        return mids;
    }

    private CompletionStage<JsonReply> l2Book(Engine e, String coin) {
        Instrument i = assets.byCoin(coin);
        if (i == null) {
            return done(200, NODES.nullNode()); // Hyperliquid answers null for a coin it does not list
        }
        long now = context.clockMillis().getAsLong();
        return e.query(core -> core.l2Snapshot(i.id(), BOOK_DEPTH)).thenApply(s -> ok(bookJson(coin, now, i, s)));
    }

    /** An L2 snapshot in Hyperliquid's l2Book shape: {coin, time, levels: [bids, asks]}. */
    static ObjectNode bookJson(String coin, long timeMillis, Instrument i, BookSnapshot s) {
        ObjectNode book = NODES.objectNode().put("coin", coin).put("time", timeMillis);
        ArrayNode levels = book.putArray("levels");
        levels.add(levels(i, s.bids()));
        levels.add(levels(i, s.asks()));
        return book;
    }

    static ArrayNode levels(Instrument i, List<BookSnapshot.Level> side) {
        ArrayNode out = NODES.arrayNode();
        for (BookSnapshot.Level l : side) {
            out.addObject().put("px", HlAssets.px(i, l.price())).put("sz", HlAssets.sz(i, l.quantity())).put("n", l.orders());
        }
        return out;
    }

    private ArrayNode openOrders(MatchingEngine core, int account, boolean frontend) {
        List<Order> mine = new ArrayList<>();
        core.forEachLiveOrder(o -> {
            if (o.account() == account) {
                mine.add(o);
            }
        });
        mine.sort(java.util.Comparator.comparingLong(Order::id).reversed());
        ArrayNode out = NODES.arrayNode();
        for (Order o : mine) {
            out.add(orderJson(core.instrument(o.instrument()), o, frontend));
        }
        return out;
    }

    private static ObjectNode orderJson(Instrument i, Order o, boolean frontend) {
        ObjectNode j = NODES.objectNode().put("coin", HlAssets.coin(i)).put("limitPx", HlAssets.px(i, o.price()))
                .put("oid", o.id()).put("side", o.side() == Side.BUY ? "B" : "A").put("sz", HlAssets.sz(i, o.remaining()))
                .put("timestamp", o.timestamp() / 1_000_000);
        if (o.clientOrderId() != null && o.clientOrderId().startsWith("0x")) {
            j.put("cloid", o.clientOrderId());
        }
        if (frontend) {
            j.put("isPositionTpsl", false).put("isTrigger", false)
                    .put("orderType", "Limit").put("origSz", HlAssets.sz(i, o.quantity())).put("reduceOnly", o.isReduceOnly())
                    .put("tif", o.isPostOnly() ? "Alo" : o.timeInForce() == io.hyperindex.gateway.domain.TimeInForce.IOC ? "Ioc" : "Gtc")
                    .put("triggerCondition", "N/A").put("triggerPx", "0.0");
        }
        return j;
    }

    /**
     * An order's status: open from the engine; filled, canceled and so on for the recently
     * finished orders {@link FinishedOrders} keeps; otherwise unknownOid.
     */
    private ObjectNode orderStatus(MatchingEngine core, int account, JsonNode oid) {
        Order found = null;
        FinishedOrders.Entry done = null;
        if (oid.canConvertToLong()) {
            Order o = core.liveOrder(oid.asLong());
            found = o != null && o.account() == account ? o : null;
            done = found == null ? finished.byOid(account, oid.asLong()) : null;
        } else if (oid.isTextual()) {
            found = core.liveOrderByClientId(account, oid.asText().toLowerCase());
            done = found == null ? finished.byCloid(account, oid.asText().toLowerCase()) : null;
        }
        ObjectNode s = NODES.objectNode().put("status", "order");
        ObjectNode order = s.putObject("order");
        if (found != null) {
            order.set("order", orderJson(core.instrument(found.instrument()), found, true));
            order.put("status", "open").put("statusTimestamp", found.timestamp() / 1_000_000);
            return s;
        }
        if (done == null) {
            return NODES.objectNode().put("status", "unknownOid");
        }
        Instrument i = core.instrument(done.instrument());
        ObjectNode j = order.putObject("order").put("coin", HlAssets.coin(i)).put("limitPx", HlAssets.px(i, done.price()))
                .put("oid", done.oid()).put("side", done.side() == Side.BUY ? "B" : "A").put("sz", HlAssets.sz(i, done.status().equals("filled") ? 0 : done.origQty() - done.filled()))
                .put("timestamp", done.timestampNanos() / 1_000_000).put("origSz", HlAssets.sz(i, done.origQty()));
        if (done.cloid() != null && done.cloid().startsWith("0x")) {
            j.put("cloid", done.cloid());
        }
        order.put("status", done.status()).put("statusTimestamp", done.statusNanos() / 1_000_000);
        return s;
    }

    private ObjectNode clearinghouseState(MatchingEngine core, int account) {
        ObjectNode st = NODES.objectNode();
        ArrayNode positions = st.putArray("assetPositions");
        BigDecimal totalNtl = BigDecimal.ZERO;
        BigDecimal unrealizedTotal = BigDecimal.ZERO;
        for (Instrument i : assets.all()) {
            long pos = core.positions().position(account, i.id());
            if (pos == 0) {
                continue;
            }
            long mark = core.markPrice(i.id());
            BigDecimal value = cash(i.notional(mark, Math.abs(pos)));
            BigDecimal upnl = cash(core.positions().unrealized(account, i.id(), mark));
            totalNtl = totalNtl.add(value);
            unrealizedTotal = unrealizedTotal.add(upnl);
            ObjectNode p = positions.addObject().put("type", "oneWay").putObject("position");
            p.put("coin", HlAssets.coin(i)).put("szi", (pos < 0 ? "-" : "") + HlAssets.sz(i, Math.abs(pos)))
                    .put("entryPx", HlAssets.wire(core.positions().averageEntry(account, i.id()).abs()))
                    .put("positionValue", HlAssets.wire(value)).put("unrealizedPnl", upnl.stripTrailingZeros().toPlainString())
                    .put("returnOnEquity", "0.0").put("marginUsed", "0.0").put("maxLeverage", MAX_LEVERAGE)
                    .putNull("liquidationPx");
            p.putObject("leverage").put("type", "cross").put("value", 1);
            p.putObject("cumFunding").put("allTime", "0.0").put("sinceOpen", "0.0").put("sinceChange", "0.0");
        }
        BigDecimal accountValue = cash(core.cash(account)).add(unrealizedTotal);
        for (String key : new String[]{"marginSummary", "crossMarginSummary"}) {
            st.putObject(key).put("accountValue", plain(accountValue)).put("totalNtlPos", plain(totalNtl))
                    .put("totalRawUsd", plain(cash(core.cash(account)))).put("totalMarginUsed", "0.0");
        }
        st.put("crossMaintenanceMarginUsed", "0.0").put("withdrawable", plain(accountValue.max(BigDecimal.ZERO)))
                .put("time", context.clockMillis().getAsLong());
        return st;
    }

    private ObjectNode userFees(MatchingEngine core, int account) {
        var t = core.fees().tierStatus(account, 0, core.clock());
        ObjectNode f = NODES.objectNode();
        f.putArray("dailyUserVlm");
        f.put("userCrossRate", rate(t.takerRate())).put("userAddRate", rate(t.makerRate()))
                .put("activeReferralDiscount", "0.0").put("feeTier", t.tier());
        return f;
    }

    private static ObjectNode userRateLimit() {
        return NODES.objectNode().put("cumVlm", "0.0").put("nRequestsUsed", 0).put("nRequestsCap", 10_000);
    }

    /** A fee rate in hundredths of a bp as Hyperliquid's fraction ("0.0003" = 3 bp). */
    private static String rate(long hundredthsOfBp) {
        return BigDecimal.valueOf(hundredthsOfBp, 6).stripTrailingZeros().toPlainString();
    }

    private static BigDecimal cash(long units) {
        return BigDecimal.valueOf(units, Money.CASH_DECIMALS);
    }

    private static String plain(BigDecimal v) {
        return v.signum() == 0 ? "0.0" : v.stripTrailingZeros().toPlainString();
    }

    private static JsonReply ok(Object body) {
        return new JsonReply(200, body);
    }

    private static CompletionStage<JsonReply> done(int status, Object body) {
        return HlContext.reply(status, body);
    }
}
