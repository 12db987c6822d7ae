package io.hyperindex.gateway.api.hl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.ops.http.ApiRequest;
import io.hyperindex.gateway.ops.http.JsonReply;
import io.hyperindex.gateway.venue.hyperliquid.ExchangeRequest;
import io.hyperindex.gateway.venue.hyperliquid.WireNumbers;

import java.math.BigDecimal;
import java.math.MathContext;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /hl/exchange}: Hyperliquid's signed actions on the venue's books. The signature
 * is the authentication: the signer's address must be an agent wallet approved for an
 * account; the nonce follows Hyperliquid's rules; an {@code expiresAfter} in the past refuses
 * the action. Orders, cancels and modifies become engine commands (the same risk checks, fees
 * and reason codes as every protocol) and their outcomes come back in Hyperliquid's shapes.
 */
final class HlExchange {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Hyperliquid's own bound on scheduleCancel is 5 s ahead; the engine's dead-man switch allows up to 120 s. */
    static final long MIN_SCHEDULE_MILLIS = 5_000;
    static final long MAX_SCHEDULE_MILLIS = 120_000;

    private final HlContext context;
    private final HlAssets assets;
    private final boolean testnetSignatures;
    private final NonceWindow nonces = new NonceWindow();
    /** updateLeverage is accepted and recorded (the venue margins nothing by leverage): account:asset -> leverage. */
    private final Map<String, JsonNode> leverage = new ConcurrentHashMap<>();

    /**
     * @param testnetSignatures verify phantom agents with source "b" (what Hyperliquid's SDKs sign for
     *                          any base URL other than Hyperliquid's mainnet) instead of "a"
     */
    HlExchange(HlContext context, boolean testnetSignatures) {
        this.context = context;
        this.assets = context.assets();
        this.testnetSignatures = testnetSignatures;
    }

    CompletionStage<JsonReply> handle(ApiRequest request) {
        JsonNode body = HlContext.objectBody(request.body());
        if (body == null) {
            return HlContext.malformed();
        }
        String signer;
        try {
            signer = ExchangeRequest.signer(body, testnetSignatures);
        } catch (IllegalArgumentException | SignatureException e) {
            return done(200, err("Invalid signature: " + e.getMessage()));
        }
        Integer account = context.agents().get(signer);
        if (account == null) {
            return done(200, err("User or API Wallet " + signer + " does not exist."));
        }
        if (body.hasNonNull("vaultAddress")) {
            String vault = body.get("vaultAddress").asText().toLowerCase();
            HlContext.SubAccount sub = context.subAccounts().get(vault);
            if (sub == null) {
                return done(200, err("Vault not registered: " + vault));
            }
            if (sub.master() != account) {
                return done(200, err("User or API Wallet " + signer + " is not authorized to trade for " + vault + "."));
            }
            account = sub.account(); // the agent of the master acts for its sub-account
        }
        long now = context.clockMillis().getAsLong();
        if (body.hasNonNull("expiresAfter") && body.get("expiresAfter").asLong() < now) {
            return done(200, err("Action expired: expiresAfter " + body.get("expiresAfter").asLong() + " is in the past."));
        }
        String nonceError = nonces.use(signer, body.get("nonce").asLong(), now);
        if (nonceError != null) {
            return done(200, err(nonceError));
        }
        Engine e = context.readyEngine();
        if (e == null) {
            return HlContext.starting();
        }
        JsonNode action = body.get("action");
        String type = action.path("type").asText();
        return switch (type) {
            case "order" -> orders(e, account, action);
            case "cancel" -> cancels(e, account, action.path("cancels"), false);
            case "cancelByCloid" -> cancels(e, account, action.path("cancels"), true);
            case "modify" -> modify(e, account, action);
            case "batchModify" -> batchModify(e, account, action.path("modifies"));
            case "scheduleCancel" -> scheduleCancel(e, account, action, now);
            case "updateLeverage" -> {
                leverage.put(account + ":" + action.path("asset").asText(), action);
                yield done(200, okDefault());
            }
            default -> done(200, err("Action type '" + type + "' is not supported on this venue."));
        };
    }

    // ------------------------------------------------------------------ orders

    /** An order wire decoded: the command to send, or the per-order error to answer at once. */
    private record Decoded(Command command, Instrument instrument, String error) {
    }

    private CompletionStage<JsonReply> orders(Engine e, int account, JsonNode action) {
        JsonNode wires = action.path("orders");
        if (!wires.isArray() || wires.isEmpty()) {
            return done(200, err("An order action needs a non-empty \"orders\" array."));
        }
        if (wires.size() > MatchingEngine.MAX_BATCH) {
            return done(200, err("At most " + MatchingEngine.MAX_BATCH + " orders per action on this venue."));
        }
        String grouping = action.path("grouping").asText("na");
        List<Decoded> decoded = new ArrayList<>();
        for (JsonNode w : wires) {
            decoded.add(grouping.equals("na") ? decodeOrder(account, w)
                    : new Decoded(null, null, "Grouping '" + grouping + "' (TP/SL) is not supported on this venue."));
        }
        return submitDecoded(e, decoded).thenCompose(outcomes -> withBbos(e, outcomes)
                .thenApply(bbos -> done200(orderResponse(outcomes, bbos))));
    }

    /**
     * Best bid and ask ("bid@ask") of the books on which a post-only order was refused, for
     * Hyperliquid's error text; read after the refusal, so it is the book as it is now.
     */
    private CompletionStage<Map<Integer, String>> withBbos(Engine e, List<Object> outcomes) {
        java.util.Set<Integer> books = new java.util.TreeSet<>();
        for (Object o : outcomes) {
            if (o instanceof CommandResult r) {
                for (EngineEvent ev : r.events()) {
                    if (ev instanceof EngineEvent.OrderRejected x
                            && x.reason() == io.hyperindex.gateway.domain.ReasonCode.POST_ONLY_WOULD_CROSS) {
                        books.add(x.instrument());
                    }
                }
            }
        }
        if (books.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return e.query(core -> {
            Map<Integer, String> out = new java.util.HashMap<>();
            for (int i : books) {
                Instrument ins = core.instrument(i);
                long bid = core.book(i).bestPrice(Side.BUY);
                long ask = core.book(i).bestPrice(Side.SELL);
                out.put(i, (bid == 0 ? "" : HlAssets.px(ins, bid)) + "@" + (ask == 0 ? "" : HlAssets.px(ins, ask)));
            }
            return out;
        }).thenApplyAsync(m -> m);
    }

    private Decoded decodeOrder(int account, JsonNode w) {
        Instrument ins = assets.byAsset(w.path("a").asLong(-1));
        if (ins == null) {
            return new Decoded(null, null, "Asset " + w.path("a") + " is not traded on this venue.");
        }
        JsonNode limit = w.path("t").path("limit");
        if (!limit.isObject()) {
            return new Decoded(null, ins, w.path("t").has("trigger")
                    ? "Trigger orders (TP/SL) are not supported on this venue: send limit orders."
                    : "Order type must be {\"limit\":{\"tif\":...}}.");
        }
        String px = w.path("p").asText(null);
        String sz = w.path("s").asText(null);
        String bad = WireNumbers.checkPrice(px, assets.szDecimals(ins), false);
        if (bad == null) {
            bad = WireNumbers.checkSize(sz, assets.szDecimals(ins));
        }
        if (bad != null) {
            return new Decoded(null, ins, bad);
        }
        long price;
        long qty;
        try {
            price = ins.priceUnits(new BigDecimal(px));
        } catch (ArithmeticException ex) {
            return new Decoded(null, ins, WireNumbers.PRICE_ERROR);
        }
        try {
            qty = ins.qtyUnits(new BigDecimal(sz));
        } catch (ArithmeticException ex) {
            return new Decoded(null, ins, WireNumbers.SIZE_ERROR);
        }
        String tif = limit.path("tif").asText();
        TimeInForce timeInForce;
        int flags = w.path("r").asBoolean(false) ? OrderFlags.REDUCE_ONLY : 0;
        switch (tif) {
            case "Gtc" -> timeInForce = TimeInForce.GTC;
            case "Ioc" -> timeInForce = TimeInForce.IOC;
            case "Alo" -> {
                timeInForce = TimeInForce.GTC;
                flags |= OrderFlags.POST_ONLY;
            }
            default -> {
                return new Decoded(null, ins, "Time in force '" + tif + "' is not supported: use Alo, Ioc or Gtc.");
            }
        }
        String cloid = w.hasNonNull("c") ? w.get("c").asText() : null;
        if (cloid != null && !cloid.matches("0x[0-9a-fA-F]{32}")) {
            return new Decoded(null, ins, "Cloid must be 0x followed by 32 hex digits.");
        }
        Side side = w.path("b").asBoolean() ? Side.BUY : Side.SELL;
        return new Decoded(new Command.PlaceOrder(account, ins.id(), cloid == null ? null : cloid.toLowerCase(),
                side, OrderType.LIMIT, timeInForce, price, qty, flags, null), ins, null);
    }

    /** Submits the decodable commands as one engine batch; answers each position with its result or its error. */
    private CompletionStage<List<Object>> submitDecoded(Engine e, List<Decoded> decoded) {
        List<Command> commands = new ArrayList<>();
        for (Decoded d : decoded) {
            if (d.command() != null) {
                commands.add(d.command());
            }
        }
        CompletableFuture<List<CommandResult>> results = new CompletableFuture<>();
        if (commands.isEmpty()) {
            results.complete(List.of());
        } else {
            e.submitBatch(commands, results::complete);
        }
        // map off the engine thread: replies arrive on it
        return results.thenApplyAsync(rs -> {
            List<Object> out = new ArrayList<>();
            int k = 0;
            for (Decoded d : decoded) {
                out.add(d.command() == null ? d.error() : rs.get(k++));
            }
            return out;
        });
    }

    private JsonNode orderResponse(List<Object> outcomes, Map<Integer, String> bbos) {
        ArrayNode statuses = NODES.arrayNode();
        for (Object o : outcomes) {
            statuses.add(o instanceof String error ? errorStatus(error) : orderStatus((CommandResult) o, bbos));
        }
        return okData("order", statuses);
    }

    /** resting / filled / error for one placement, from the events it produced. */
    private JsonNode orderStatus(CommandResult r, Map<Integer, String> bbos) {
        Command.PlaceOrder p = (Command.PlaceOrder) r.command();
        Instrument ins = assets.byAsset(p.instrument());
        long orderId = 0;
        long filled = 0;
        BigDecimal value = BigDecimal.ZERO;
        EngineEvent.OrderCancelled ended = null;
        for (EngineEvent ev : r.events()) {
            if (ev instanceof EngineEvent.OrderRejected x) {
                return errorStatus(HlErrors.of(x.reason(), ins, bbos.getOrDefault(p.instrument(), "")));
            } else if (ev instanceof EngineEvent.OrderAccepted a) {
                orderId = a.orderId();
            } else if (ev instanceof EngineEvent.TradeExecuted t && (t.takerOrderId() == orderId || t.makerOrderId() == orderId)) {
                filled += t.quantity();
                value = value.add(BigDecimal.valueOf(t.price()).multiply(BigDecimal.valueOf(t.quantity())));
            } else if (ev instanceof EngineEvent.OrderCancelled c && c.orderId() == orderId) {
                ended = c;
            }
        }
        if (filled > 0 && (ended != null || filled == p.quantity())) {
            ObjectNode f = NODES.objectNode();
            f.put("totalSz", HlAssets.sz(ins, filled));
            f.put("avgPx", HlAssets.wire(ins.price(1).multiply(value.divide(BigDecimal.valueOf(filled), MathContext.DECIMAL64))));
            f.put("oid", orderId);
            return NODES.objectNode().set("filled", f);
        }
        if (ended != null) {
            return errorStatus(HlErrors.of(ended.reason(), ins, ""));
        }
        return NODES.objectNode().set("resting", NODES.objectNode().put("oid", orderId));
    }

    // ------------------------------------------------------------------ cancels and modifies

    private CompletionStage<JsonReply> cancels(Engine e, int account, JsonNode cancels, boolean byCloid) {
        if (!cancels.isArray() || cancels.isEmpty() || cancels.size() > MatchingEngine.MAX_BATCH) {
            return done(200, err("A cancel action needs 1 to " + MatchingEngine.MAX_BATCH + " \"cancels\"."));
        }
        List<Decoded> decoded = new ArrayList<>();
        for (JsonNode c : cancels) {
            if (byCloid) {
                String cloid = c.path("cloid").asText("");
                decoded.add(cloid.matches("0x[0-9a-fA-F]{32}")
                        ? new Decoded(new Command.CancelOrder(account, 0, cloid.toLowerCase()), null, null)
                        : new Decoded(null, null, HlErrors.NEVER_PLACED));
            } else {
                long oid = c.path("o").asLong(0);
                decoded.add(oid > 0 ? new Decoded(new Command.CancelOrder(account, oid, null), null, null)
                        : new Decoded(null, null, HlErrors.NEVER_PLACED));
            }
        }
        return submitDecoded(e, decoded).thenApply(outcomes -> {
            ArrayNode statuses = NODES.arrayNode();
            for (Object o : outcomes) {
                if (o instanceof String error) {
                    statuses.add(errorStatus(error));
                } else {
                    CommandResult r = (CommandResult) o;
                    boolean refused = r.events().stream().anyMatch(EngineEvent.OrderRejected.class::isInstance);
                    statuses.add(refused ? errorStatus(HlErrors.NEVER_PLACED) : NODES.textNode("success"));
                }
            }
            return done200(okData("cancel", statuses));
        });
    }

    private CompletionStage<JsonReply> modify(Engine e, int account, JsonNode action) {
        return submitDecoded(e, List.of(decodeModify(account, action))).thenCompose(outcomes -> withBbos(e, outcomes)
                .thenApply(bbos -> {
                    JsonNode status = modifyStatus(outcomes.get(0), bbos);
                    return done200(status.has("error") ? err(status.get("error").asText()) : okDefault());
                }));
    }

    private CompletionStage<JsonReply> batchModify(Engine e, int account, JsonNode modifies) {
        if (!modifies.isArray() || modifies.isEmpty() || modifies.size() > MatchingEngine.MAX_BATCH) {
            return done(200, err("A batchModify action needs 1 to " + MatchingEngine.MAX_BATCH + " \"modifies\"."));
        }
        List<Decoded> decoded = new ArrayList<>();
        for (JsonNode m : modifies) {
            decoded.add(decodeModify(account, m));
        }
        return submitDecoded(e, decoded).thenCompose(outcomes -> withBbos(e, outcomes).thenApply(bbos -> {
            ArrayNode statuses = NODES.arrayNode();
            for (Object o : outcomes) {
                statuses.add(modifyStatus(o, bbos));
            }
            return done200(okData("order", statuses));
        }));
    }

    /** A modify changes price and size of a live order named by oid or cloid; side and asset must stay. */
    private Decoded decodeModify(int account, JsonNode m) {
        Decoded order = decodeOrder(account, m.path("order"));
        if (order.command() == null) {
            return order;
        }
        Command.PlaceOrder p = (Command.PlaceOrder) order.command();
        JsonNode oid = m.path("oid");
        long orderId = oid.canConvertToLong() ? oid.asLong() : 0;
        String cloid = oid.isTextual() ? oid.asText().toLowerCase() : null;
        if (orderId <= 0 && (cloid == null || !cloid.matches("0x[0-9a-f]{32}"))) {
            return new Decoded(null, order.instrument(), HlErrors.NEVER_PLACED);
        }
        return new Decoded(new Command.AmendOrder(account, orderId, cloid, p.price(), p.quantity()), order.instrument(), null);
    }

    private JsonNode modifyStatus(Object outcome, Map<Integer, String> bbos) {
        if (outcome instanceof String error) {
            return errorStatus(error);
        }
        CommandResult r = (CommandResult) outcome;
        for (EngineEvent ev : r.events()) {
            if (ev instanceof EngineEvent.OrderRejected x) {
                return errorStatus(HlErrors.of(x.reason(), assets.byAsset(x.instrument()),
                        bbos.getOrDefault(x.instrument(), "")));
            }
            if (ev instanceof EngineEvent.OrderAmended a) {
                return NODES.objectNode().set("resting", NODES.objectNode().put("oid", a.orderId()));
            }
        }
        return NODES.objectNode().set("resting", NODES.objectNode().put("oid",
                ((Command.AmendOrder) r.command()).orderId()));
    }

    // ------------------------------------------------------------------ dead-man switch

    private CompletionStage<JsonReply> scheduleCancel(Engine e, int account, JsonNode action, long now) {
        long timeout;
        if (!action.hasNonNull("time")) {
            timeout = 0; // no time: remove the scheduled cancel
        } else {
            timeout = action.get("time").asLong() - now;
            if (timeout < MIN_SCHEDULE_MILLIS) {
                return done(200, err("Scheduled cancel time must be at least 5 seconds in the future."));
            }
            if (timeout > MAX_SCHEDULE_MILLIS) {
                return done(200, err("Scheduled cancel time must be at most 120 seconds in the future on this venue "
                        + "(renew it to keep the switch armed)."));
            }
        }
        return e.submit(new Command.SetCancelAfter(account, timeout)).thenApply(r -> {
            for (EngineEvent ev : r.events()) {
                if (ev instanceof EngineEvent.OrderRejected x) {
                    return done200(err(HlErrors.of(x.reason(), null, "")));
                }
            }
            return done200(okDefault());
        });
    }

    // ------------------------------------------------------------------ response shapes

    static ObjectNode err(String message) {
        return NODES.objectNode().put("status", "err").put("response", message);
    }

    private static ObjectNode okDefault() {
        ObjectNode ok = NODES.objectNode().put("status", "ok");
        ok.putObject("response").put("type", "default");
        return ok;
    }

    private static ObjectNode okData(String type, ArrayNode statuses) {
        ObjectNode ok = NODES.objectNode().put("status", "ok");
        ObjectNode response = ok.putObject("response").put("type", type);
        response.putObject("data").set("statuses", statuses);
        return ok;
    }

    private static JsonNode errorStatus(String error) {
        return NODES.objectNode().put("error", error);
    }

    private static JsonReply done200(JsonNode body) {
        return new JsonReply(200, body);
    }

    private static CompletionStage<JsonReply> done(int status, JsonNode body) {
        return HlContext.reply(status, body);
    }
}
