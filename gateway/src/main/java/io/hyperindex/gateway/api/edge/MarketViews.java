package io.hyperindex.gateway.api.edge;

import io.hyperindex.gateway.domain.BookSnapshot;
import io.hyperindex.gateway.domain.InstrumentStatus;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.engine.MatchingEngine;

import java.util.ArrayList;
import java.util.List;

/** Public market data as the APIs show it: instruments and L2 books in decimal strings. */
public final class MarketViews {
    /** Levels per side of a book request when none is asked for, and the most one may ask for. */
    public static final int DEFAULT_DEPTH = 20;
    public static final int MAX_DEPTH = 1000;

    private MarketViews() {
    }

    /** One instrument's trading rules and state; {@code status} is TRADING or HALTED. */
    public record Instrument(String symbol, String tickSize, String lotSize, String minNotional, String maxOrderQuantity,
                             int priceBandBps, String status, String referencePrice) {
    }

    /** An L2 book: best first on both sides; the next delta of a stream has {@code bookSequence + 1}. */
    public record Book(String symbol, long bookSequence, List<Level> bids, List<Level> asks) {
    }

    /** A price level: total open quantity and the number of orders at the price. */
    public record Level(String price, String quantity, int orders) {
    }

    /** Every instrument in configuration order. Call on the engine thread. */
    public static List<Instrument> instruments(MatchingEngine me) {
        List<Instrument> out = new ArrayList<>(me.instrumentCount());
        for (int i = 0; i < me.instrumentCount(); i++) {
            io.hyperindex.gateway.domain.Instrument ins = me.instrument(i);
            out.add(new Instrument(ins.symbol(), Markets.price(ins, ins.tick()), Markets.qty(ins, ins.lot()),
                    Markets.cash(ins.minNotional()), Markets.qty(ins, ins.maxOrderQty()), ins.priceBandBps(),
                    me.status(i) == InstrumentStatus.HALTED ? "HALTED" : "TRADING", Markets.price(ins, me.referencePrice(i))));
        }
        return out;
    }

    /** A snapshot in decimal strings (snapshots are immutable: any thread). */
    public static Book book(io.hyperindex.gateway.domain.Instrument ins, BookSnapshot s) {
        return new Book(ins.symbol(), s.bookSequence(), levels(ins, s.bids()), levels(ins, s.asks()));
    }

    private static List<Level> levels(io.hyperindex.gateway.domain.Instrument ins, List<BookSnapshot.Level> levels) {
        List<Level> out = new ArrayList<>(levels.size());
        for (BookSnapshot.Level l : levels) {
            out.add(new Level(Markets.price(ins, l.price()), Markets.qty(ins, l.quantity()), l.orders()));
        }
        return out;
    }

    /** A requested depth: 0 = {@value #DEFAULT_DEPTH}, else 1..{@value #MAX_DEPTH} or INVALID_REQUEST. */
    public static int depth(long requested) {
        long depth = requested == 0 ? DEFAULT_DEPTH : requested;
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "depth must be 1.." + MAX_DEPTH);
        }
        return (int) depth;
    }
}
