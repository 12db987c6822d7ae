package io.hyperindex.gateway.api.hl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.engine.CommandResult;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * The most recent fills of every account (Hyperliquid's userFills answers at most 2,000), in
 * Hyperliquid's fill shape, kept from the engine's durable results as they are published. It
 * starts empty at each gateway start: older fills are in the journal's statements.
 */
final class FillHistory implements Consumer<CommandResult> {
    static final int KEPT = 2_000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Fill(long timeMillis, int instrument, long price, long qty, boolean buy, boolean taker, long fee,
                        long orderId, long tradeId) {
    }

    private final HlAssets assets;
    private final ArrayDeque<Fill>[] byAccount;

    @SuppressWarnings("unchecked")
    FillHistory(HlAssets assets, int accounts) {
        this.assets = assets;
        this.byAccount = new ArrayDeque[accounts];
        for (int a = 0; a < accounts; a++) {
            byAccount[a] = new ArrayDeque<>();
        }
    }

    /** On the engine thread, after durability: cheap, a lock per account touched. */
    @Override
    public void accept(CommandResult r) {
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.TradeExecuted t) {
                add(t.takerAccount(), fill(t.takerAccount(), t));
                add(t.makerAccount(), fill(t.makerAccount(), t));
            }
        }
    }

    /** The account's side of a trade (the taker's if it was both). */
    private static Fill fill(int account, EngineEvent.TradeExecuted t) {
        long ms = t.timestamp() / 1_000_000;
        boolean taker = t.takerAccount() == account;
        boolean buy = (t.takerSide() == Side.BUY) == taker;
        return new Fill(ms, t.instrument(), t.price(), t.quantity(), buy, taker, taker ? t.takerFee() : t.makerFee(),
                taker ? t.takerOrderId() : t.makerOrderId(), t.tradeId());
    }

    /** The account's side of a trade in Hyperliquid's fill shape (what userFills and the WebSocket send). */
    ObjectNode json(int account, EngineEvent.TradeExecuted t) {
        return json(fill(account, t));
    }

    private void add(int account, Fill f) {
        if (account < 0 || account >= byAccount.length) {
            return;
        }
        ArrayDeque<Fill> q = byAccount[account];
        synchronized (q) {
            q.addFirst(f);
            if (q.size() > KEPT) {
                q.removeLast();
            }
        }
    }

    /** The account's fills with {@code from <= time <= to} (epoch ms), newest first, in Hyperliquid's shape. */
    ArrayNode recent(int account, long from, long to) {
        ArrayNode out = NODES.arrayNode();
        ArrayDeque<Fill> q = byAccount[account];
        synchronized (q) {
            for (Iterator<Fill> it = q.iterator(); it.hasNext(); ) {
                Fill f = it.next();
                if (f.timeMillis() >= from && f.timeMillis() <= to) {
                    out.add(json(f));
                }
            }
        }
        return out;
    }

    private ObjectNode json(Fill f) {
        Instrument i = assets.byAsset(f.instrument());
        return NODES.objectNode().put("coin", HlAssets.coin(i)).put("px", HlAssets.px(i, f.price()))
                .put("sz", HlAssets.sz(i, f.qty())).put("side", f.buy() ? "B" : "A").put("time", f.timeMillis())
                .put("startPosition", "0.0").put("dir", f.buy() ? "Open Long" : "Open Short").put("closedPnl", "0.0")
                .put("hash", String.format("0x%064x", f.tradeId())).put("oid", f.orderId()).put("crossed", f.taker())
                .put("fee", BigDecimal.valueOf(f.fee(), Money.CASH_DECIMALS).stripTrailingZeros().toPlainString())
                .put("tid", f.tradeId()).put("feeToken", "USDC");
    }
}
