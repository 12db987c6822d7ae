package io.hyperindex.gateway.book;

import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.SelfTradePrevention;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;

import java.util.function.Consumer;

/**
 * A price-time priority order book for one instrument. A pure state machine: no threads, no
 * I/O, no clock. Trades happen at the resting order's price; every outcome is reported to the
 * {@link MatchListener}. Validation (tick, lot, bands, post-only) is the caller's job: the
 * book assumes the orders it is given are well formed.
 */
public final class OrderBook {
    private final int instrument;
    private final BookSide bids = new BookSide(Side.BUY);
    private final BookSide asks = new BookSide(Side.SELL);
    private final MatchListener listener;
    // scratch for the fill-or-kill dry run: reduce-only consumption per maker account
    private int[] scratchAccounts = new int[8];
    private long[] scratchConsumed = new long[8];

    public OrderBook(int instrument, MatchListener listener) {
        this.instrument = instrument;
        this.listener = listener;
    }

    public int instrument() {
        return instrument;
    }

    private BookSide sideOf(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    /** Best price on {@code side}, or 0 when that side is empty. */
    public long bestPrice(Side side) {
        Level l = sideOf(side).best();
        return l == null ? 0 : l.price;
    }

    /** Open quantity at {@code price} on {@code side} (0 if no level). */
    public long levelQuantity(Side side, long price) {
        Level l = sideOf(side).find(price);
        return l == null ? 0 : l.total;
    }

    /** Number of price levels on {@code side}. */
    public int levelCount(Side side) {
        return sideOf(side).size();
    }

    /** Price of the level at {@code rank} from the best (0 = best). */
    public long levelPrice(Side side, int rank) {
        return sideOf(side).fromBest(rank).price;
    }

    /** Open quantity of the level at {@code rank} from the best. */
    public long levelTotal(Side side, int rank) {
        return sideOf(side).fromBest(rank).total;
    }

    /** Number of orders at the level at {@code rank} from the best. */
    public int levelOrderCount(Side side, int rank) {
        return sideOf(side).fromBest(rank).count;
    }

    /** First order (oldest) of the level at {@code rank}; walk on with {@link Order#nextInLevel()}. */
    public Order levelHead(Side side, int rank) {
        return sideOf(side).fromBest(rank).head;
    }

    /** Visits every resting order of {@code side}, best level first, in time priority. */
    public void forEachOrder(Side side, Consumer<Order> visitor) {
        BookSide s = sideOf(side);
        for (int i = 0; i < s.size(); i++) {
            for (Order o = s.fromBest(i).head; o != null; o = o.next) {
                visitor.accept(o);
            }
        }
    }

    /** True if an order of {@code side} at {@code price} would trade against the opposite side now. */
    public boolean wouldCross(Side side, long price) {
        Level best = sideOf(side.opposite()).best();
        return best != null && sideOf(side).crosses(price, best.price);
    }

    /**
     * Enters an incoming order: matches it against the opposite side, then rests a GTC
     * remainder or ends an IOC/FOK remainder. Events: {@code onTrade} per fill,
     * {@code onCancelled} for makers removed by self-trade prevention or reduce-only and for
     * a taker remainder that does not rest, {@code onLevelChanged} per level touched.
     *
     * @param isMarket a market order: an unfilled order ends with NO_LIQUIDITY
     */
    public void enter(Order taker, boolean isMarket) {
        if (taker.timeInForce == TimeInForce.FOK && !canFillCompletely(taker)) {
            listener.onCancelled(taker, taker.remaining, ReasonCode.FOK_NOT_FILLED);
            return;
        }
        if (match(taker)) {
            return; // taker ended by self-trade prevention or reduce-only
        }
        if (taker.remaining == 0) {
            return;
        }
        if (taker.timeInForce == TimeInForce.GTC && !isMarket) {
            rest(taker);
        } else {
            ReasonCode why = isMarket && taker.filled == 0 ? ReasonCode.NO_LIQUIDITY : ReasonCode.IOC_EXPIRED;
            listener.onCancelled(taker, taker.remaining, why);
        }
    }

    /** Puts an order on the book at the back of its level without matching (snapshot restore). */
    public void rest(Order order) {
        Level l = sideOf(order.side).findOrCreate(order.price);
        l.append(order);
        listener.onLevelChanged(instrument, order.side, order.price, l.total);
    }

    /** Removes a resting order, reporting {@code onCancelled} with its open quantity. */
    public void cancel(Order order, ReasonCode reason) {
        long open = order.remaining;
        unlink(order);
        listener.onCancelled(order, open, reason);
    }

    /**
     * Changes a resting order. Reducing the quantity at the same price keeps time priority;
     * any price change or quantity increase loses it: the order leaves the book and enters
     * again at the new price, matching whatever it now crosses. {@code newQuantity} is the new
     * total ordered quantity and must exceed what has already filled.
     */
    public void amend(Order order, long newPrice, long newQuantity) {
        long newRemaining = newQuantity - order.filled;
        if (newPrice == order.price && newQuantity <= order.quantity) {
            Level l = order.level;
            l.total -= order.remaining - newRemaining;
            order.remaining = newRemaining;
            order.quantity = newQuantity;
            listener.onLevelChanged(instrument, order.side, order.price, l.total);
            return;
        }
        unlink(order);
        order.price = newPrice;
        order.quantity = newQuantity;
        order.remaining = newRemaining;
        enter(order, false);
    }

    private void unlink(Order order) {
        Level l = order.level;
        l.unlink(order);
        if (l.count == 0) {
            sideOf(order.side).remove(l);
        }
        listener.onLevelChanged(instrument, order.side, order.price, l.total);
    }

    /** @return true if the taker was ended (cancelled) during matching */
    private boolean match(Order taker) {
        BookSide own = sideOf(taker.side);
        BookSide other = sideOf(taker.side.opposite());
        while (taker.remaining > 0) {
            Level level = other.best();
            if (level == null || !own.crosses(taker.price, level.price)) {
                return false;
            }
            Order maker = level.head;
            if (maker.account == taker.account) {
                SelfTradePrevention stp = taker.selfTradePrevention;
                if (stp == SelfTradePrevention.CANCEL_TAKER) {
                    listener.onCancelled(taker, taker.remaining, ReasonCode.SELF_TRADE_PREVENTED);
                    return true;
                }
                cancel(maker, ReasonCode.SELF_TRADE_PREVENTED);
                if (stp == SelfTradePrevention.CANCEL_BOTH) {
                    listener.onCancelled(taker, taker.remaining, ReasonCode.SELF_TRADE_PREVENTED);
                    return true;
                }
                continue;
            }
            long qty = Math.min(taker.remaining, maker.remaining);
            if (maker.isReduceOnly()) {
                long limit = listener.reduceOnlyLimit(maker);
                if (limit <= 0) {
                    cancel(maker, ReasonCode.REDUCE_ONLY_CANCELLED);
                    continue;
                }
                qty = Math.min(qty, limit);
            }
            if (taker.isReduceOnly()) {
                long limit = listener.reduceOnlyLimit(taker);
                if (limit <= 0) {
                    listener.onCancelled(taker, taker.remaining, ReasonCode.REDUCE_ONLY_CANCELLED);
                    return true;
                }
                qty = Math.min(qty, limit);
            }
            maker.remaining -= qty;
            maker.filled += qty;
            taker.remaining -= qty;
            taker.filled += qty;
            level.total -= qty;
            if (maker.remaining == 0) {
                level.unlink(maker);
                if (level.count == 0) {
                    other.remove(level);
                }
            }
            listener.onLevelChanged(instrument, maker.side, level.price, level.total);
            listener.onTrade(maker, taker, level.price, qty);
        }
        return false;
    }

    /**
     * Dry run of {@link #match} for fill-or-kill: would the whole quantity trade now? It walks
     * the same orders in the same order and applies the same self-trade and reduce-only rules,
     * tracking how much of each reduce-only maker account's position the walk has used.
     */
    private boolean canFillCompletely(Order taker) {
        long need = taker.remaining;
        if (taker.isReduceOnly() && listener.reduceOnlyLimit(taker) < need) {
            return false;
        }
        BookSide own = sideOf(taker.side);
        BookSide other = sideOf(taker.side.opposite());
        int accounts = 0;
        for (int i = 0; i < other.size(); i++) {
            Level level = other.fromBest(i);
            if (!own.crosses(taker.price, level.price)) {
                return false;
            }
            for (Order maker = level.head; maker != null; maker = maker.next) {
                if (maker.account == taker.account) {
                    if (taker.selfTradePrevention == SelfTradePrevention.CANCEL_MAKER) {
                        continue;
                    }
                    return false;
                }
                long qty = maker.remaining;
                int slot = -1;
                for (int a = 0; a < accounts; a++) {
                    if (scratchAccounts[a] == maker.account) {
                        slot = a;
                        break;
                    }
                }
                if (slot < 0) {
                    if (accounts == scratchAccounts.length) {
                        scratchAccounts = java.util.Arrays.copyOf(scratchAccounts, accounts * 2);
                        scratchConsumed = java.util.Arrays.copyOf(scratchConsumed, accounts * 2);
                    }
                    slot = accounts++;
                    scratchAccounts[slot] = maker.account;
                    scratchConsumed[slot] = 0;
                }
                if (maker.isReduceOnly()) {
                    long left = listener.reduceOnlyLimit(maker) - scratchConsumed[slot];
                    qty = Math.max(0, Math.min(qty, left));
                }
                qty = Math.min(qty, need);
                scratchConsumed[slot] += qty;
                need -= qty;
                if (need == 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
