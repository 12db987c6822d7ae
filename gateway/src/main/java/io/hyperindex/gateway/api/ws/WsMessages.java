package io.hyperindex.gateway.api.ws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.ops.http.WsText;

import java.util.List;
import java.util.Map;

/**
 * The JSON of every server message of {@code /ws/v1} (docs/websocket.md). Prices and
 * quantities are decimal strings in the instrument's precision, money in USDC with 8
 * decimals, times epoch nanoseconds (the engine's stamp of the command that caused the event).
 */
final class WsMessages {
    static final ObjectMapper JSON = new ObjectMapper();

    private final List<Instrument> instruments;
    private final List<String> accounts;

    WsMessages(List<Instrument> instruments, List<String> accounts) {
        this.instruments = List.copyOf(instruments);
        this.accounts = List.copyOf(accounts);
    }

    static WsText encode(ObjectNode n) {
        try {
            return WsText.ofUtf8(JSON.writeValueAsBytes(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    static ObjectNode message(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    /** A reply to a request: its {@code id} echoed if it sent one. */
    static ObjectNode reply(String type, JsonNode id) {
        ObjectNode n = message(type);
        if (id != null && id.isValueNode() && !id.isNull()) {
            n.set("id", id);
        }
        return n;
    }

    static WsText error(JsonNode id, ReasonCode code, String message) {
        return encode(reply("error", id).put("code", code.name()).put("reason", code.number()).put("message", message));
    }

    static ObjectNode subscription(String type, JsonNode id, Topic topic, String symbol) {
        ObjectNode n = reply(type, id).put("channel", topic.channel().wire);
        if (topic.channel().intervalMillis > 0) {
            n.put("interval", topic.channel().interval());
        }
        if (symbol != null) {
            n.put("symbol", symbol);
        }
        return n;
    }

    String symbol(int instrument) {
        return instruments.get(instrument).symbol();
    }

    String account(int id) {
        return accounts.get(id);
    }

    // ------------------------------------------------------------------ public channels

    WsText bookSnapshot(int instrument, BookMirror book) {
        Instrument ins = instruments.get(instrument);
        ObjectNode n = message("snapshot").put("channel", "book").put("symbol", ins.symbol()).put("seq", book.sequence());
        levels(n.putArray("bids"), ins, book.bids);
        levels(n.putArray("asks"), ins, book.asks);
        return encode(n);
    }

    private static void levels(ArrayNode out, Instrument ins, Map<Long, Long> side) {
        for (Map.Entry<Long, Long> l : side.entrySet()) {
            out.addArray().add(ins.price(l.getKey()).toPlainString()).add(ins.qty(l.getValue()).toPlainString());
        }
    }

    /**
     * A conflated book delta: the latest quantity of every level that changed after book
     * sequence {@code prevSeq} up to {@code seq} (0 = the level is gone).
     */
    WsText conflatedDelta(int instrument, String interval, long prevSeq, long seq, long time, Map<Long, Long> bids,
                          Map<Long, Long> asks) {
        Instrument ins = instruments.get(instrument);
        ObjectNode n = message("delta").put("channel", "book").put("symbol", ins.symbol()).put("interval", interval)
                .put("prevSeq", prevSeq).put("seq", seq).put("time", time);
        levels(n.putArray("bids"), ins, bids);
        levels(n.putArray("asks"), ins, asks);
        return encode(n);
    }

    WsText bookDelta(EngineEvent.BookDelta d, long time) {
        Instrument ins = instruments.get(d.instrument());
        ObjectNode n = message("delta").put("channel", "book").put("symbol", ins.symbol()).put("seq", d.bookSequence())
                .put("time", time);
        ArrayNode bids = n.putArray("bids");
        ArrayNode asks = n.putArray("asks");
        for (EngineEvent.LevelUpdate u : d.levels()) {
            (u.side() == Side.BUY ? bids : asks).addArray().add(ins.price(u.price()).toPlainString())
                    .add(ins.qty(u.quantity()).toPlainString());
        }
        return encode(n);
    }

    WsText trade(EngineEvent.TradeExecuted t) {
        Instrument ins = instruments.get(t.instrument());
        return encode(message("trade").put("channel", "trades").put("symbol", ins.symbol()).put("tradeId", t.tradeId())
                .put("price", ins.price(t.price()).toPlainString()).put("quantity", ins.qty(t.quantity()).toPlainString())
                .put("takerSide", t.takerSide().name()).put("time", t.timestamp()));
    }

    /** Best bid and ask with their quantities ("" when that side is empty), last trade price ("" before one), rolling volume. */
    WsText ticker(int instrument, BookMirror book, long lastPrice, long volume, long notional, long time) {
        Instrument ins = instruments.get(instrument);
        ObjectNode n = message("ticker").put("channel", "ticker").put("symbol", ins.symbol());
        Map.Entry<Long, Long> bid = book.bids.firstEntry();
        Map.Entry<Long, Long> ask = book.asks.firstEntry();
        n.put("bestBid", bid == null ? "" : ins.price(bid.getKey()).toPlainString())
                .put("bestBidQuantity", bid == null ? "" : ins.qty(bid.getValue()).toPlainString())
                .put("bestAsk", ask == null ? "" : ins.price(ask.getKey()).toPlainString())
                .put("bestAskQuantity", ask == null ? "" : ins.qty(ask.getValue()).toPlainString())
                .put("last", lastPrice <= 0 ? "" : ins.price(lastPrice).toPlainString())
                .put("volume24h", ins.qty(volume).toPlainString())
                .put("notional24h", Money.format(notional))
                .put("time", time);
        return encode(n);
    }

    // ------------------------------------------------------------------ private channels

    WsText orderAccepted(EngineEvent.OrderAccepted a) {
        Instrument ins = instruments.get(a.instrument());
        ObjectNode n = order("accepted", a.orderId(), a.clientOrderId(), ins.symbol(), a.timestamp())
                .put("side", a.side().name()).put("orderType", a.type().name()).put("timeInForce", a.timeInForce().name())
                .put("price", ins.price(a.price()).toPlainString()).put("quantity", ins.qty(a.quantity()).toPlainString());
        return encode(n);
    }

    WsText orderAmended(EngineEvent.OrderAmended a, long time) {
        Instrument ins = instruments.get(a.instrument());
        return encode(order("amended", a.orderId(), null, ins.symbol(), time).put("price", ins.price(a.price()).toPlainString())
                .put("quantity", ins.qty(a.quantity()).toPlainString()).put("remaining", ins.qty(a.remaining()).toPlainString())
                .put("keptPriority", a.keptPriority()));
    }

    WsText orderCancelled(EngineEvent.OrderCancelled c, long time) {
        Instrument ins = instruments.get(c.instrument());
        return encode(order(c.reason().isExpiry() ? "expired" : "cancelled", c.orderId(), c.clientOrderId(), ins.symbol(), time)
                .put("cancelledQuantity", ins.qty(c.cancelledQuantity()).toPlainString())
                .put("filledQuantity", ins.qty(c.filledQuantity()).toPlainString())
                .put("code", c.reason().name()).put("reason", c.reason().number()));
    }

    WsText orderRejected(EngineEvent.OrderRejected r, long time) {
        ObjectNode n = order("rejected", r.orderId(), r.clientOrderId(),
                r.instrument() >= 0 && r.instrument() < instruments.size() ? symbol(r.instrument()) : null, time)
                .put("command", r.commandType()).put("code", r.reason().name()).put("reason", r.reason().number())
                .put("message", r.reason().message());
        return encode(n);
    }

    /** The orders channel's view of a trade: the order's side of it and what remains. */
    WsText orderFilled(EngineEvent.TradeExecuted t, boolean maker) {
        Instrument ins = instruments.get(t.instrument());
        long remaining = maker ? t.makerRemaining() : t.takerRemaining();
        return encode(order(remaining == 0 ? "filled" : "partiallyFilled", maker ? t.makerOrderId() : t.takerOrderId(), null,
                ins.symbol(), t.timestamp()).put("tradeId", t.tradeId()).put("price", ins.price(t.price()).toPlainString())
                .put("quantity", ins.qty(t.quantity()).toPlainString()).put("remaining", ins.qty(remaining).toPlainString()));
    }

    private static ObjectNode order(String event, long orderId, String clientOrderId, String symbol, long time) {
        ObjectNode n = message("order").put("channel", "orders").put("event", event);
        if (orderId > 0) {
            n.put("orderId", orderId);
        }
        if (clientOrderId != null) {
            n.put("clientOrderId", clientOrderId);
        }
        if (symbol != null) {
            n.put("symbol", symbol);
        }
        return n.put("time", time);
    }

    WsText fill(EngineEvent.TradeExecuted t, boolean maker) {
        Instrument ins = instruments.get(t.instrument());
        Side side = maker ? t.takerSide().opposite() : t.takerSide();
        return encode(message("fill").put("channel", "fills").put("symbol", ins.symbol()).put("tradeId", t.tradeId())
                .put("orderId", maker ? t.makerOrderId() : t.takerOrderId()).put("side", side.name())
                .put("role", maker ? "maker" : "taker").put("price", ins.price(t.price()).toPlainString())
                .put("quantity", ins.qty(t.quantity()).toPlainString())
                .put("remaining", ins.qty(maker ? t.makerRemaining() : t.takerRemaining()).toPlainString())
                .put("fee", Money.format(maker ? t.makerFee() : t.takerFee()))
                .put("feeTier", maker ? t.makerTier() : t.takerTier()).put("time", t.timestamp()));
    }

    /** One position as the engine holds it (see {@link PositionRow}). */
    WsText positions(List<PositionRow> rows, boolean snapshot) {
        ObjectNode n = message(snapshot ? "positionsSnapshot" : "position").put("channel", "positions");
        ArrayNode out = n.putArray("positions");
        for (PositionRow p : rows) {
            Instrument ins = instruments.get(p.instrument());
            out.addObject().put("symbol", ins.symbol()).put("quantity", ins.qty(p.quantity()).toPlainString())
                    .put("averageEntry", p.averageEntry()).put("markPrice", ins.price(p.mark()).toPlainString())
                    .put("unrealizedPnl", Money.format(p.unrealized())).put("realizedPnl", Money.format(p.realized()))
                    .put("fees", Money.format(p.fees()));
        }
        return encode(n);
    }

    /** An alert for the account, or null if the event is none of its alerts. */
    WsText alert(EngineEvent e, int account) {
        ObjectNode n = message("alert").put("channel", "alerts");
        if (e instanceof EngineEvent.RiskAlert a && a.account() == account) {
            n.put("kind", "limit").put("limit", a.limit()).put("level", a.level()).put("used", a.used()).put("max", a.max())
                    .put("time", a.timestamp());
        } else if (e instanceof EngineEvent.MmpTriggered m && m.account() == account) {
            n.put("kind", "mmp").put("group", m.group()).put("frozenUntil", m.frozenUntil()).put("time", m.timestamp());
        } else if (e instanceof EngineEvent.KillSwitchChanged k && (k.scope() == Command.KillScope.GLOBAL
                || k.scope() == Command.KillScope.ACCOUNT && k.target() == account)) {
            n.put("kind", "killSwitch").put("scope", k.scope().name()).put("on", k.on()).put("time", k.timestamp());
        } else if (e instanceof EngineEvent.CircuitBreakerTripped b) {
            n.put("kind", "circuitBreaker").put("symbol", symbol(b.instrument())).put("action", b.action().name())
                    .put("moveBps", b.moveBps()).put("until", b.until()).put("time", b.timestamp());
        } else {
            return null;
        }
        return encode(n);
    }

    /** A position read from the engine: units of the instrument, money in cash units, the average entry as a decimal string. */
    record PositionRow(int instrument, long quantity, String averageEntry, long mark, long unrealized, long realized,
                       long fees) {
    }
}
