package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.InstrumentStatus;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.SelfTradePrevention;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately naive, independent implementation of the matching rules in docs/matching.md,
 * used as the oracle for {@link RandomCommandPropertyTest}. It shares nothing with the
 * engine except the domain records (commands, events, instruments, {@link Money#fee}).
 *
 * <p>Design choices favour "obviously correct" over fast: every book side is an unsorted list
 * of orders, and the best order is found by a linear scan (best price, then the lowest
 * priority stamp). Every time an order joins the back of the queue it gets a fresh stamp
 * from a global counter; a size-down amend keeps its stamp. Level totals are always
 * recomputed by summing the resting orders, never maintained incrementally.
 *
 * <p>{@link #apply} returns the events of one command, without market data (BookDelta).
 * For checking market data it also remembers, per command, the total of every level it
 * touched as it was before the command ({@link #levelsChangedByLastCommand}).
 */
public final class ReferenceBookModel {

    /** A model order: plain mutable fields, nothing clever. */
    public static final class ModelOrder {
        final long id;
        final int account;
        final int instrument;
        final String clientOrderId;
        final Side side;
        final OrderType type;
        TimeInForce timeInForce;
        final int flags;
        final SelfTradePrevention stp;
        long price;
        long quantity;
        long remaining;
        long filled;
        /** Time priority stamp: smaller is older; renewed whenever the order joins the back of a level. */
        long stamp;

        ModelOrder(long id, int account, int instrument, String clientOrderId, Side side, OrderType type,
                   TimeInForce tif, int flags, SelfTradePrevention stp, long price, long quantity) {
            this.id = id;
            this.account = account;
            this.instrument = instrument;
            this.clientOrderId = clientOrderId;
            this.side = side;
            this.type = type;
            this.timeInForce = tif;
            this.flags = flags;
            this.stp = stp;
            this.price = price;
            this.quantity = quantity;
            this.remaining = quantity;
        }

        public long id() { return id; }
        public int account() { return account; }
        public int instrument() { return instrument; }
        public String clientOrderId() { return clientOrderId; }
        public Side side() { return side; }
        public long price() { return price; }
        public long quantity() { return quantity; }
        public long remaining() { return remaining; }
        public long filled() { return filled; }
        public int flags() { return flags; }
        boolean reduceOnly() { return OrderFlags.has(flags, OrderFlags.REDUCE_ONLY); }
        boolean postOnly() { return OrderFlags.has(flags, OrderFlags.POST_ONLY); }

        @Override
        public String toString() {
            return "#" + id + "(acct " + account + " " + side + " " + remaining + "/" + quantity + " @" + price + ")";
        }
    }

    /** Names one price level: instrument, side and price. */
    public record LevelKey(int instrument, Side side, long price) {
    }

    private final List<Instrument> instruments;
    private final long makerRate;
    private final long takerRate;
    /** The single fee tier's name, as the engine reports it with a flat fee policy. */
    static final String FLAT_TIER = "flat";
    private final int accountCount;
    /** book.get(instrument)[0] = bids, [1] = asks; unsorted. */
    private final List<List<List<ModelOrder>>> books = new ArrayList<>();
    private final InstrumentStatus[] status;
    private final long[] referencePrice;
    private final long[] cash;
    private final long[][] position;
    private long venueFeeCash;
    /** Live orders by id, ascending: resting orders plus nothing else (takers are never live between commands). */
    private final TreeMap<Long, ModelOrder> live = new TreeMap<>();
    private long nextOrderId = 1;
    private long nextTradeId = 1;
    private long nextStamp = 1;

    // per-command scratch
    private List<EngineEvent> out;
    private long now;
    private final Map<LevelKey, Long> levelsBefore = new HashMap<>();

    public ReferenceBookModel(List<Instrument> instruments, int accounts, long makerRate, long takerRate) {
        this.instruments = List.copyOf(instruments);
        this.makerRate = makerRate;
        this.takerRate = takerRate;
        this.accountCount = accounts;
        int n = instruments.size();
        this.status = new InstrumentStatus[n];
        this.referencePrice = new long[n];
        for (int i = 0; i < n; i++) {
            List<List<ModelOrder>> sides = new ArrayList<>();
            sides.add(new ArrayList<>());
            sides.add(new ArrayList<>());
            books.add(sides);
            status[i] = InstrumentStatus.TRADING;
            referencePrice[i] = instruments.get(i).referencePrice();
        }
        this.cash = new long[accounts];
        this.position = new long[accounts][n];
    }

    // ================================================================== commands

    /** Applies one command and returns its events, without BookDelta market data. */
    public List<EngineEvent> apply(long timestamp, Command command) {
        out = new ArrayList<>();
        now = timestamp;
        levelsBefore.clear();
        if (command instanceof Command.PlaceOrder p) {
            place(p);
        } else if (command instanceof Command.CancelOrder c) {
            cancel(c);
        } else if (command instanceof Command.AmendOrder a) {
            amend(a);
        } else if (command instanceof Command.MassCancel m) {
            massCancel(m);
        } else if (command instanceof Command.SetInstrumentStatus s) {
            setStatus(s);
        } else {
            throw new IllegalArgumentException("unknown command " + command);
        }
        return out;
    }

    private void reject(int account, int instrument, String clientOrderId, long orderId, String type, ReasonCode reason) {
        out.add(new EngineEvent.OrderRejected(account, instrument, clientOrderId, orderId, type, reason));
    }

    // ------------------------------------------------------------------ place

    private void place(Command.PlaceOrder p) {
        ReasonCode bad = validatePlace(p);
        if (bad != null) {
            reject(p.account(), p.instrument(), p.clientOrderId(), 0, "PlaceOrder", bad);
            return;
        }
        Instrument ins = instruments.get(p.instrument());
        boolean market = p.type() == OrderType.MARKET;
        TimeInForce tif = market && p.timeInForce() == TimeInForce.GTC ? TimeInForce.IOC : p.timeInForce();
        SelfTradePrevention stp = p.selfTradePrevention() == null ? SelfTradePrevention.CANCEL_TAKER : p.selfTradePrevention();
        long bestOpposite = bestPrice(p.instrument(), p.side().opposite());
        long price;
        if (!market) {
            price = p.price();
        } else if (bestOpposite == 0) {
            price = 0;
        } else {
            price = marketBound(ins, p.side(), bestOpposite);
        }
        ModelOrder o = new ModelOrder(nextOrderId++, p.account(), p.instrument(), p.clientOrderId(), p.side(), p.type(),
                tif, p.flags(), stp, price, p.quantity());
        out.add(new EngineEvent.OrderAccepted(o.id, o.account, o.instrument, o.clientOrderId, o.side, o.type, tif,
                price, o.quantity, o.flags, stp, now));
        if (market && bestOpposite == 0) {
            endOrder(o, ReasonCode.NO_LIQUIDITY);
            return;
        }
        if (tif == TimeInForce.FOK && !fokCanFill(o)) {
            endOrder(o, ReasonCode.FOK_NOT_FILLED);
            return;
        }
        takeLiquidityThenRestOrExpire(o);
    }

    /** The first failing check, in the documented order, or null. */
    private ReasonCode validatePlace(Command.PlaceOrder p) {
        if (p.account() < 0 || p.account() >= accountCount) {
            return ReasonCode.UNKNOWN_ACCOUNT;
        }
        if (p.instrument() < 0 || p.instrument() >= instruments.size()) {
            return ReasonCode.UNKNOWN_INSTRUMENT;
        }
        if (status[p.instrument()] == InstrumentStatus.HALTED) {
            return ReasonCode.INSTRUMENT_HALTED;
        }
        if (p.side() == null || p.type() == null || p.timeInForce() == null) {
            return ReasonCode.INVALID_ORDER;
        }
        boolean postOnly = OrderFlags.has(p.flags(), OrderFlags.POST_ONLY);
        if (postOnly && (p.type() == OrderType.MARKET || p.timeInForce() != TimeInForce.GTC)) {
            return ReasonCode.INVALID_ORDER;
        }
        Instrument ins = instruments.get(p.instrument());
        ReasonCode q = quantityProblem(ins, p.quantity());
        if (q != null) {
            return q;
        }
        if (p.type() == OrderType.LIMIT) {
            ReasonCode pr = limitPriceProblem(ins, p.price(), p.quantity());
            if (pr != null) {
                return pr;
            }
        } else {
            long best = bestPrice(p.instrument(), p.side().opposite());
            long at = best != 0 ? best : referencePrice[p.instrument()];
            if (notional(ins, at, p.quantity()) < ins.minNotional()) {
                return ReasonCode.BELOW_MIN_NOTIONAL;
            }
        }
        if (p.clientOrderId() != null && findByClientId(p.account(), p.clientOrderId()) != null) {
            return ReasonCode.DUPLICATE_CLIENT_ORDER_ID;
        }
        if (OrderFlags.has(p.flags(), OrderFlags.REDUCE_ONLY) && reduceOnlyLimit(p.account(), p.instrument(), p.side()) == 0) {
            return ReasonCode.REDUCE_ONLY_WOULD_INCREASE;
        }
        if (postOnly && wouldCross(p.instrument(), p.side(), p.price())) {
            return ReasonCode.POST_ONLY_WOULD_CROSS;
        }
        return null;
    }

    private static ReasonCode quantityProblem(Instrument ins, long qty) {
        if (qty <= 0) {
            return ReasonCode.INVALID_QUANTITY;
        }
        if (qty % ins.lot() != 0) {
            return ReasonCode.QUANTITY_OFF_LOT;
        }
        if (qty > ins.maxOrderQty()) {
            return ReasonCode.QUANTITY_TOO_LARGE;
        }
        return null;
    }

    /** Limit price checks (also used by amend); quantity already known to be valid. */
    private ReasonCode limitPriceProblem(Instrument ins, long price, long qty) {
        if (price <= 0) {
            return ReasonCode.INVALID_PRICE;
        }
        if (price > ins.maxPrice()) {
            return ReasonCode.PRICE_OUTSIDE_BAND;
        }
        if (price % ins.tick() != 0) {
            return ReasonCode.PRICE_OFF_TICK;
        }
        long ref = referencePrice[ins.id()];
        // both sides fit comfortably in a long: price <= maxPrice() <= 2^40, ref is a configured or traded price
        if (Math.abs(price - ref) * 10_000L > ref * (long) ins.priceBandBps()) {
            return ReasonCode.PRICE_OUTSIDE_BAND;
        }
        if (notional(ins, price, qty) < ins.minNotional()) {
            return ReasonCode.BELOW_MIN_NOTIONAL;
        }
        return null;
    }

    private static long notional(Instrument ins, long price, long qty) {
        return Math.multiplyExact(Math.multiplyExact(price, qty), ins.cashPerUnit());
    }

    /**
     * Market order bound: the best opposite price moved away by floor(best x bps / 10,000),
     * then rounded to the tick back toward the best (a buy's bound rounds down, a sell's up),
     * and never below one tick. When the offset is smaller than a tick the bound is the best
     * price itself: the order can only take the best level.
     */
    static long marketBound(Instrument ins, Side side, long best) {
        long offset = best * ins.marketProtectionBps() / 10_000L;
        long tick = ins.tick();
        if (side == Side.BUY) {
            return Math.floorDiv(best + offset, tick) * tick;
        }
        long ceiling = -Math.floorDiv(-(best - offset), tick) * tick;
        return Math.max(tick, ceiling);
    }

    // ------------------------------------------------------------------ matching

    /** True when a resting order at {@code restingPrice} crosses a taker of {@code side} at {@code limit}. */
    private static boolean crosses(Side takerSide, long limit, long restingPrice) {
        return takerSide == Side.BUY ? restingPrice <= limit : restingPrice >= limit;
    }

    private boolean wouldCross(int instrument, Side side, long price) {
        long best = bestPrice(instrument, side.opposite());
        return best != 0 && crosses(side, price, best);
    }

    /**
     * Runs the matching walk for a taker that is not on the book, then rests a GTC limit
     * remainder or expires any other remainder.
     */
    private void takeLiquidityThenRestOrExpire(ModelOrder taker) {
        boolean takerEnded = walk(taker);
        if (takerEnded || taker.remaining == 0) {
            return;
        }
        if (taker.type == OrderType.LIMIT && taker.timeInForce == TimeInForce.GTC) {
            rest(taker);
        } else if (taker.type == OrderType.MARKET && taker.filled == 0) {
            endOrder(taker, ReasonCode.NO_LIQUIDITY);
        } else {
            endOrder(taker, ReasonCode.IOC_EXPIRED);
        }
    }

    /** The matching walk. Returns true if the taker was cancelled (STP or reduce-only) during the walk. */
    private boolean walk(ModelOrder taker) {
        Side makerSide = taker.side.opposite();
        while (taker.remaining > 0) {
            ModelOrder maker = bestOrder(taker.instrument, makerSide);
            if (maker == null || !crosses(taker.side, taker.price, maker.price)) {
                return false;
            }
            if (maker.account == taker.account) {
                switch (taker.stp) {
                    case CANCEL_TAKER -> {
                        endOrder(taker, ReasonCode.SELF_TRADE_PREVENTED);
                        return true;
                    }
                    case CANCEL_MAKER -> {
                        endOrder(maker, ReasonCode.SELF_TRADE_PREVENTED);
                        continue;
                    }
                    case CANCEL_BOTH -> {
                        endOrder(maker, ReasonCode.SELF_TRADE_PREVENTED);
                        endOrder(taker, ReasonCode.SELF_TRADE_PREVENTED);
                        return true;
                    }
                    default -> throw new IllegalStateException();
                }
            }
            long qty = Math.min(taker.remaining, maker.remaining);
            if (maker.reduceOnly()) {
                long limit = reduceOnlyLimit(maker.account, maker.instrument, maker.side);
                if (limit == 0) {
                    endOrder(maker, ReasonCode.REDUCE_ONLY_CANCELLED);
                    continue;
                }
                qty = Math.min(qty, limit);
            }
            if (taker.reduceOnly()) {
                long limit = reduceOnlyLimit(taker.account, taker.instrument, taker.side);
                if (limit == 0) {
                    endOrder(taker, ReasonCode.REDUCE_ONLY_CANCELLED);
                    return true;
                }
                qty = Math.min(qty, limit);
            }
            trade(maker, taker, qty);
        }
        return false;
    }

    /**
     * FOK dry run: the same walk over a priority-ordered copy of the opposite side, changing
     * nothing. Own orders are skipped under CANCEL_MAKER and block the fill otherwise; a
     * reduce-only maker offers at most what its account's limit has left after that account's
     * earlier makers in this walk.
     */
    private boolean fokCanFill(ModelOrder taker) {
        if (taker.reduceOnly() && reduceOnlyLimit(taker.account, taker.instrument, taker.side) < taker.quantity) {
            return false;
        }
        long got = 0;
        long[] contributed = new long[accountCount];
        for (ModelOrder maker : ordersInPriority(taker.instrument, taker.side.opposite())) {
            if (got >= taker.quantity) {
                break;
            }
            if (!crosses(taker.side, taker.price, maker.price)) {
                break;
            }
            if (maker.account == taker.account) {
                if (taker.stp == SelfTradePrevention.CANCEL_MAKER) {
                    continue;
                }
                return false;
            }
            long available = maker.remaining;
            if (maker.reduceOnly()) {
                long left = Math.max(0, reduceOnlyLimit(maker.account, maker.instrument, maker.side) - contributed[maker.account]);
                available = Math.min(available, left);
            }
            long take = Math.min(available, taker.quantity - got);
            got += take;
            contributed[maker.account] += take;
        }
        return got >= taker.quantity;
    }

    private void trade(ModelOrder maker, ModelOrder taker, long qty) {
        Instrument ins = instruments.get(taker.instrument);
        long price = maker.price;
        long notional = notional(ins, price, qty);
        long makerFee = Money.fee(notional, makerRate);
        long takerFee = Money.fee(notional, takerRate);
        ModelOrder buyer = taker.side == Side.BUY ? taker : maker;
        ModelOrder seller = taker.side == Side.BUY ? maker : taker;
        long buyerFee = buyer == taker ? takerFee : makerFee;
        long sellerFee = seller == taker ? takerFee : makerFee;
        cash[buyer.account] -= notional + buyerFee;
        cash[seller.account] += notional - sellerFee;
        venueFeeCash += makerFee + takerFee;
        int sign = taker.side.sign();
        position[taker.account][ins.id()] += sign * qty;
        position[maker.account][ins.id()] -= sign * qty;
        referencePrice[ins.id()] = price;

        touchLevel(maker);
        maker.remaining -= qty;
        maker.filled += qty;
        taker.remaining -= qty;
        taker.filled += qty;
        if (maker.remaining == 0) {
            unrest(maker);
        }
        out.add(new EngineEvent.TradeExecuted(nextTradeId++, ins.id(), price, qty, taker.side,
                maker.id, maker.account, maker.remaining, makerFee, makerRate, FLAT_TIER,
                taker.id, taker.account, taker.remaining, takerFee, takerRate, FLAT_TIER, notional, now));
    }

    /** Ends an order with its whole remaining quantity cancelled for {@code reason}. */
    private void endOrder(ModelOrder o, ReasonCode reason) {
        if (live.containsKey(o.id)) {
            touchLevel(o);
            unrest(o);
        }
        out.add(new EngineEvent.OrderCancelled(o.id, o.account, o.instrument, o.clientOrderId, o.remaining, o.filled, reason));
        o.remaining = 0;
    }

    // ------------------------------------------------------------------ cancel / amend / mass cancel / status

    private ModelOrder findTarget(int account, long orderId, String clientOrderId) {
        if (orderId > 0) {
            ModelOrder o = live.get(orderId);
            return o != null && o.account == account ? o : null;
        }
        if (clientOrderId != null) {
            return findByClientId(account, clientOrderId);
        }
        return null;
    }

    private void cancel(Command.CancelOrder c) {
        if (c.account() < 0 || c.account() >= accountCount) {
            reject(c.account(), -1, c.clientOrderId(), c.orderId(), "CancelOrder", ReasonCode.UNKNOWN_ACCOUNT);
            return;
        }
        ModelOrder o = findTarget(c.account(), c.orderId(), c.clientOrderId());
        if (o == null) {
            reject(c.account(), -1, c.clientOrderId(), c.orderId(), "CancelOrder", ReasonCode.UNKNOWN_ORDER);
            return;
        }
        endOrder(o, ReasonCode.USER_CANCELLED);
    }

    private void amend(Command.AmendOrder a) {
        ModelOrder o = findTarget(a.account(), a.orderId(), a.clientOrderId());
        if (o == null) {
            reject(a.account(), -1, a.clientOrderId(), a.orderId(), "AmendOrder", ReasonCode.UNKNOWN_ORDER);
            return;
        }
        ReasonCode bad = validateAmend(o, a.newPrice(), a.newQuantity());
        if (bad != null) {
            reject(a.account(), o.instrument, a.clientOrderId(), a.orderId(), "AmendOrder", bad);
            return;
        }
        long newPrice = a.newPrice();
        long newQty = a.newQuantity();
        boolean keepsPriority = newPrice == o.price && newQty < o.quantity;
        out.add(new EngineEvent.OrderAmended(o.id, o.account, o.instrument, newPrice, newQty, newQty - o.filled, keepsPriority));
        touchLevel(o);
        if (keepsPriority) {
            o.quantity = newQty;
            o.remaining = newQty - o.filled;
            return;
        }
        unrest(o);
        o.price = newPrice;
        o.quantity = newQty;
        o.remaining = newQty - o.filled;
        o.timeInForce = TimeInForce.GTC;
        takeLiquidityThenRestOrExpire(o);
    }

    private ReasonCode validateAmend(ModelOrder o, long newPrice, long newQty) {
        if (status[o.instrument] == InstrumentStatus.HALTED) {
            return ReasonCode.INSTRUMENT_HALTED;
        }
        if (newQty <= o.filled || (newPrice == o.price && newQty == o.quantity)) {
            return ReasonCode.INVALID_AMEND;
        }
        Instrument ins = instruments.get(o.instrument);
        ReasonCode q = quantityProblem(ins, newQty);
        if (q != null) {
            return q;
        }
        ReasonCode pr = limitPriceProblem(ins, newPrice, newQty);
        if (pr != null) {
            return pr;
        }
        if (o.postOnly() && newPrice != o.price && wouldCross(o.instrument, o.side, newPrice)) {
            return ReasonCode.POST_ONLY_WOULD_CROSS;
        }
        return null;
    }

    private void massCancel(Command.MassCancel m) {
        if (m.account() < 0 || m.account() >= accountCount) {
            reject(m.account(), m.instrument(), null, 0, "MassCancel", ReasonCode.UNKNOWN_ACCOUNT);
            return;
        }
        if (m.instrument() < -1 || m.instrument() >= instruments.size()) {
            reject(m.account(), m.instrument(), null, 0, "MassCancel", ReasonCode.UNKNOWN_INSTRUMENT);
            return;
        }
        List<ModelOrder> victims = new ArrayList<>();
        for (ModelOrder o : live.values()) { // ascending order id
            if (o.account == m.account() && (m.instrument() == -1 || o.instrument == m.instrument())
                    && (m.side() == null || o.side == m.side())) {
                victims.add(o);
            }
        }
        for (ModelOrder o : victims) {
            endOrder(o, ReasonCode.MASS_CANCELLED);
        }
    }

    private void setStatus(Command.SetInstrumentStatus s) {
        if (s.instrument() < 0 || s.instrument() >= instruments.size()) {
            reject(-1, s.instrument(), null, 0, "SetInstrumentStatus", ReasonCode.UNKNOWN_INSTRUMENT);
            return;
        }
        status[s.instrument()] = s.status();
        out.add(new EngineEvent.InstrumentStatusChanged(s.instrument(), s.status()));
    }

    // ================================================================== book primitives (naive)

    private List<ModelOrder> side(int instrument, Side side) {
        return books.get(instrument).get(side == Side.BUY ? 0 : 1);
    }

    /** Comparator for priority: better price first, then older stamp. */
    private static Comparator<ModelOrder> priority(Side side) {
        Comparator<ModelOrder> byPrice = Comparator.comparingLong(o -> o.price);
        if (side == Side.BUY) {
            byPrice = byPrice.reversed();
        }
        return byPrice.thenComparingLong(o -> o.stamp);
    }

    /** The next maker: linear scan for best price, oldest stamp. */
    private ModelOrder bestOrder(int instrument, Side side) {
        ModelOrder best = null;
        Comparator<ModelOrder> cmp = priority(side);
        for (ModelOrder o : side(instrument, side)) {
            if (best == null || cmp.compare(o, best) < 0) {
                best = o;
            }
        }
        return best;
    }

    private long bestPrice(int instrument, Side side) {
        ModelOrder o = bestOrder(instrument, side);
        return o == null ? 0 : o.price;
    }

    private void rest(ModelOrder o) {
        touchLevel(o);
        o.stamp = nextStamp++;
        side(o.instrument, o.side).add(o);
        live.put(o.id, o);
    }

    private void unrest(ModelOrder o) {
        touchLevel(o);
        side(o.instrument, o.side).remove(o);
        live.remove(o.id);
    }

    /** Remembers, the first time a level is touched in a command, its total before the command. */
    private void touchLevel(ModelOrder o) {
        LevelKey k = new LevelKey(o.instrument, o.side, o.price);
        if (!levelsBefore.containsKey(k)) {
            levelsBefore.put(k, levelTotal(o.instrument, o.side, o.price));
        }
    }

    private ModelOrder findByClientId(int account, String clientOrderId) {
        for (ModelOrder o : live.values()) {
            if (o.account == account && clientOrderId.equals(o.clientOrderId)) {
                return o;
            }
        }
        return null;
    }

    /** How much a reduce-only order of this side may still fill: what closes the position, never more. */
    long reduceOnlyLimit(int account, int instrument, Side side) {
        long pos = position[account][instrument];
        if (side == Side.BUY) {
            return pos < 0 ? -pos : 0;
        }
        return pos > 0 ? pos : 0;
    }

    // ================================================================== read access for the test

    /** Resting orders of one side in priority order (a sorted copy). */
    public List<ModelOrder> ordersInPriority(int instrument, Side side) {
        List<ModelOrder> copy = new ArrayList<>(side(instrument, side));
        copy.sort(priority(side));
        return copy;
    }

    public long levelTotal(int instrument, Side side, long price) {
        long total = 0;
        for (ModelOrder o : side(instrument, side)) {
            if (o.price == price) {
                total += o.remaining;
            }
        }
        return total;
    }

    /**
     * The levels whose total the last command changed, with their new totals (0 = gone),
     * keyed by instrument then (side, price) in a stable order.
     */
    public TreeMap<Integer, Map<LevelKey, Long>> levelsChangedByLastCommand() {
        TreeMap<Integer, Map<LevelKey, Long>> changed = new TreeMap<>();
        for (Map.Entry<LevelKey, Long> e : levelsBefore.entrySet()) {
            LevelKey k = e.getKey();
            long after = levelTotal(k.instrument(), k.side(), k.price());
            if (after != e.getValue()) {
                changed.computeIfAbsent(k.instrument(), i -> new HashMap<>()).put(k, after);
            }
        }
        return changed;
    }

    public int restingCount(int instrument) {
        return side(instrument, Side.BUY).size() + side(instrument, Side.SELL).size();
    }

    public ModelOrder liveOrder(long id) {
        return live.get(id);
    }

    /** Live orders by ascending id (read-only use). */
    public java.util.NavigableMap<Long, ModelOrder> liveOrders() {
        return java.util.Collections.unmodifiableNavigableMap(live);
    }

    public long cash(int account) {
        return cash[account];
    }

    public long position(int account, int instrument) {
        return position[account][instrument];
    }

    public long venueFeeCash() {
        return venueFeeCash;
    }

    public InstrumentStatus status(int instrument) {
        return status[instrument];
    }

    public long referencePrice(int instrument) {
        return referencePrice[instrument];
    }

    public long nextOrderId() {
        return nextOrderId;
    }

    public int accountCount() {
        return accountCount;
    }

    public Instrument instrument(int id) {
        return instruments.get(id);
    }

    public int instrumentCount() {
        return instruments.size();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < instruments.size(); i++) {
            sb.append(instruments.get(i).symbol()).append(" bids ").append(ordersInPriority(i, Side.BUY))
                    .append(" asks ").append(ordersInPriority(i, Side.SELL)).append('\n');
        }
        return sb.toString();
    }
}
