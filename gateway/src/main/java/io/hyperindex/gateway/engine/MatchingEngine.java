package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.book.MatchListener;
import io.hyperindex.gateway.book.Order;
import io.hyperindex.gateway.book.OrderBook;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.EngineEvent.BookDelta;
import io.hyperindex.gateway.domain.EngineEvent.LevelUpdate;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.InstrumentStatus;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.SelfTradePrevention;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.fees.FeeEngine;
import io.hyperindex.gateway.fees.FeePolicy;
import io.hyperindex.gateway.fees.LedgerAccount;
import org.agrona.collections.Long2ObjectHashMap;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The deterministic heart of the gateway: validates commands, runs them against the books,
 * and keeps orders, positions and cash. Single-threaded, no I/O, no clock: the sequence
 * number and timestamp of each command are given to {@link #apply}. The same commands
 * applied in the same order always produce the same events and the same state.
 */
public final class MatchingEngine implements MatchListener {
    public static final int MAX_BATCH = 40;

    private final Instrument[] instruments;
    private final OrderBook[] books;
    private final InstrumentStatus[] status;
    private final long[] referencePrice;
    private final long[] bookSequence;
    private final AccountState[] accounts;
    private final FeeEngine fees;
    private final Long2ObjectHashMap<Order> liveOrders = new Long2ObjectHashMap<>();
    private final ArrayDeque<Order> orderPool = new ArrayDeque<>();
    private final ArrayList<Order> finished = new ArrayList<>();
    private long nextOrderId = 1;
    private long nextTradeId = 1;
    /** The engine's clock: the largest command timestamp seen, so time never runs backwards. */
    private long clock = Long.MIN_VALUE;

    // per-command context
    private List<EngineEvent> out;
    private long now;
    private int[] touchedInstrument = new int[16];
    private Side[] touchedSide = new Side[16];
    private long[] touchedPrice = new long[16];
    private int touched;

    public MatchingEngine(List<Instrument> instrumentList, List<String> accountNames, FeePolicy feePolicy) {
        int n = instrumentList.size();
        this.instruments = new Instrument[n];
        this.books = new OrderBook[n];
        this.status = new InstrumentStatus[n];
        this.referencePrice = new long[n];
        this.bookSequence = new long[n];
        for (int i = 0; i < n; i++) {
            Instrument ins = instrumentList.get(i);
            if (ins.id() != i) {
                throw new IllegalArgumentException("instrument ids must be 0..n-1 in order: " + ins.symbol());
            }
            instruments[i] = ins;
            books[i] = new OrderBook(i, this);
            status[i] = InstrumentStatus.TRADING;
            referencePrice[i] = ins.referencePrice();
        }
        this.accounts = new AccountState[accountNames.size()];
        for (int a = 0; a < accounts.length; a++) {
            accounts[a] = new AccountState(a, accountNames.get(a), n);
        }
        this.fees = new FeeEngine(feePolicy, accountNames, instrumentList.stream().map(Instrument::symbol).toList());
    }

    // ------------------------------------------------------------------ commands

    /**
     * Applies one command, appending its events to {@code events}: an OrderRejected and
     * nothing else if it was refused; otherwise its order lifecycle events and trades,
     * followed by one BookDelta per book it changed.
     */
    public void apply(long timestamp, Command command, List<EngineEvent> events) {
        this.out = events;
        this.clock = Math.max(clock, timestamp);
        this.now = clock;
        this.touched = 0;
        fees.advanceTo(now, events);
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
        } // Tick: advancing the clock above was all it asked for
        emitBookDeltas();
        for (int i = 0; i < finished.size(); i++) {
            orderPool.push(finished.get(i));
        }
        finished.clear();
        this.out = null;
    }

    private void place(Command.PlaceOrder p) {
        ReasonCode reject = validatePlace(p);
        if (reject != null) {
            out.add(new EngineEvent.OrderRejected(p.account(), p.instrument(), p.clientOrderId(), 0, "PlaceOrder", reject));
            return;
        }
        Instrument ins = instruments[p.instrument()];
        AccountState acct = accounts[p.account()];
        boolean market = p.type() == OrderType.MARKET;
        TimeInForce tif = market && p.timeInForce() == TimeInForce.GTC ? TimeInForce.IOC : p.timeInForce();
        long price = market ? marketBound(ins, p.side()) : p.price();
        SelfTradePrevention stp = p.selfTradePrevention() == null ? SelfTradePrevention.CANCEL_TAKER : p.selfTradePrevention();
        Order o = orderPool.isEmpty() ? new Order() : orderPool.pop();
        o.init(nextOrderId++, p.account(), p.instrument(), p.clientOrderId(), p.side(), price, p.quantity(), p.flags(),
                tif, stp, now);
        out.add(new EngineEvent.OrderAccepted(o.id(), p.account(), p.instrument(), p.clientOrderId(), p.side(), p.type(),
                tif, price, p.quantity(), p.flags(), stp, now));
        if (market && price == 0) {
            finish(o, o.remaining(), ReasonCode.NO_LIQUIDITY);
            finished.add(o);
            return;
        }
        liveOrders.put(o.id(), o);
        acct.openOrders++;
        if (o.clientOrderId() != null) {
            acct.liveByClientId.put(o.clientOrderId(), o);
        }
        books[p.instrument()].enter(o, market);
        if (!o.isResting() && o.remaining() == 0) {
            retire(o);
        }
    }

    private ReasonCode validatePlace(Command.PlaceOrder p) {
        if (p.account() < 0 || p.account() >= accounts.length) {
            return ReasonCode.UNKNOWN_ACCOUNT;
        }
        if (p.instrument() < 0 || p.instrument() >= instruments.length) {
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
        Instrument ins = instruments[p.instrument()];
        ReasonCode q = validateQuantity(ins, p.quantity());
        if (q != null) {
            return q;
        }
        OrderBook book = books[p.instrument()];
        if (p.type() == OrderType.LIMIT) {
            ReasonCode pr = validatePrice(ins, p.price());
            if (pr != null) {
                return pr;
            }
            if (ins.notional(p.price(), p.quantity()) < ins.minNotional()) {
                return ReasonCode.BELOW_MIN_NOTIONAL;
            }
        } else {
            long best = book.bestPrice(p.side().opposite());
            long at = best == 0 ? referencePrice[p.instrument()] : best;
            if (ins.notional(at, p.quantity()) < ins.minNotional()) {
                return ReasonCode.BELOW_MIN_NOTIONAL;
            }
        }
        AccountState acct = accounts[p.account()];
        if (p.clientOrderId() != null && acct.liveByClientId.containsKey(p.clientOrderId())) {
            return ReasonCode.DUPLICATE_CLIENT_ORDER_ID;
        }
        if (OrderFlags.has(p.flags(), OrderFlags.REDUCE_ONLY)
                && reduceOnlyLimit(p.account(), p.instrument(), p.side()) == 0) {
            return ReasonCode.REDUCE_ONLY_WOULD_INCREASE;
        }
        if (postOnly && book.wouldCross(p.side(), p.price())) {
            return ReasonCode.POST_ONLY_WOULD_CROSS;
        }
        return null;
    }

    private static ReasonCode validateQuantity(Instrument ins, long qty) {
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

    private ReasonCode validatePrice(Instrument ins, long price) {
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
        if (Math.abs(price - ref) * 10_000 > ref * ins.priceBandBps()) {
            return ReasonCode.PRICE_OUTSIDE_BAND;
        }
        return null;
    }

    /** The worst price a market order may trade at: the best opposite price moved by the protection band, on the tick; 0 if no liquidity. */
    private long marketBound(Instrument ins, Side side) {
        long best = books[ins.id()].bestPrice(side.opposite());
        if (best == 0) {
            return 0;
        }
        long move = best * ins.marketProtectionBps() / 10_000;
        if (side == Side.BUY) {
            long p = best + move;
            return Math.min(p - p % ins.tick(), ins.maxPrice() - ins.maxPrice() % ins.tick());
        }
        long p = best - move;
        p = p + (ins.tick() - p % ins.tick()) % ins.tick();
        return Math.max(p, ins.tick());
    }

    private Order findLive(int account, long orderId, String clientOrderId) {
        if (account < 0 || account >= accounts.length) {
            return null;
        }
        Order o = orderId > 0 ? liveOrders.get(orderId)
                : clientOrderId == null ? null : accounts[account].liveByClientId.get(clientOrderId);
        // another account's order answers exactly as an unknown one
        return o != null && o.account() == account ? o : null;
    }

    private void cancel(Command.CancelOrder c) {
        Order o = findLive(c.account(), c.orderId(), c.clientOrderId());
        if (o == null) {
            out.add(new EngineEvent.OrderRejected(c.account(), -1, c.clientOrderId(), c.orderId(), "CancelOrder",
                    c.account() >= 0 && c.account() < accounts.length ? ReasonCode.UNKNOWN_ORDER : ReasonCode.UNKNOWN_ACCOUNT));
            return;
        }
        books[o.instrument()].cancel(o, ReasonCode.USER_CANCELLED);
    }

    private void amend(Command.AmendOrder a) {
        Order o = findLive(a.account(), a.orderId(), a.clientOrderId());
        ReasonCode reject = o == null ? ReasonCode.UNKNOWN_ORDER : validateAmend(o, a);
        if (reject != null) {
            out.add(new EngineEvent.OrderRejected(a.account(), o == null ? -1 : o.instrument(), a.clientOrderId(),
                    a.orderId(), "AmendOrder", reject));
            return;
        }
        boolean keeps = a.newPrice() == o.price() && a.newQuantity() < o.quantity();
        out.add(new EngineEvent.OrderAmended(o.id(), o.account(), o.instrument(), a.newPrice(), a.newQuantity(),
                a.newQuantity() - o.filled(), keeps));
        books[o.instrument()].amend(o, a.newPrice(), a.newQuantity());
        if (!o.isResting() && o.remaining() == 0) {
            retire(o);
        }
    }

    private ReasonCode validateAmend(Order o, Command.AmendOrder a) {
        Instrument ins = instruments[o.instrument()];
        if (status[o.instrument()] == InstrumentStatus.HALTED) {
            return ReasonCode.INSTRUMENT_HALTED;
        }
        if (a.newQuantity() <= o.filled() || (a.newPrice() == o.price() && a.newQuantity() == o.quantity())) {
            return ReasonCode.INVALID_AMEND;
        }
        ReasonCode q = validateQuantity(ins, a.newQuantity());
        if (q != null) {
            return q;
        }
        ReasonCode p = validatePrice(ins, a.newPrice());
        if (p != null) {
            return p;
        }
        if (ins.notional(a.newPrice(), a.newQuantity()) < ins.minNotional()) {
            return ReasonCode.BELOW_MIN_NOTIONAL;
        }
        if (o.isPostOnly() && a.newPrice() != o.price() && books[o.instrument()].wouldCross(o.side(), a.newPrice())) {
            return ReasonCode.POST_ONLY_WOULD_CROSS;
        }
        return null;
    }

    private void massCancel(Command.MassCancel m) {
        if (m.account() < 0 || m.account() >= accounts.length) {
            out.add(new EngineEvent.OrderRejected(m.account(), m.instrument(), null, 0, "MassCancel", ReasonCode.UNKNOWN_ACCOUNT));
            return;
        }
        if (m.instrument() >= instruments.length || m.instrument() < -1) {
            out.add(new EngineEvent.OrderRejected(m.account(), m.instrument(), null, 0, "MassCancel", ReasonCode.UNKNOWN_INSTRUMENT));
            return;
        }
        // collect first in order-id order (deterministic), then cancel
        ArrayList<Order> victims = new ArrayList<>();
        for (int i = 0; i < instruments.length; i++) {
            if (m.instrument() >= 0 && i != m.instrument()) {
                continue;
            }
            for (Side s : Side.values()) {
                if (m.side() == null || m.side() == s) {
                    books[i].forEachOrder(s, o -> {
                        if (o.account() == m.account()) {
                            victims.add(o);
                        }
                    });
                }
            }
        }
        victims.sort((x, y) -> Long.compare(x.id(), y.id()));
        for (Order o : victims) {
            books[o.instrument()].cancel(o, ReasonCode.MASS_CANCELLED);
        }
    }

    private void setStatus(Command.SetInstrumentStatus s) {
        if (s.instrument() < 0 || s.instrument() >= instruments.length) {
            out.add(new EngineEvent.OrderRejected(-1, s.instrument(), null, 0, "SetInstrumentStatus", ReasonCode.UNKNOWN_INSTRUMENT));
            return;
        }
        if (s.status() == null) {
            out.add(new EngineEvent.OrderRejected(-1, s.instrument(), null, 0, "SetInstrumentStatus", ReasonCode.INVALID_ORDER));
            return;
        }
        status[s.instrument()] = s.status();
        out.add(new EngineEvent.InstrumentStatusChanged(s.instrument(), s.status()));
    }

    // ------------------------------------------------------------------ book callbacks

    @Override
    public void onTrade(Order maker, Order taker, long price, long qty) {
        Instrument ins = instruments[maker.instrument()];
        long notional = ins.notional(price, qty);
        fees.charge(maker.account(), ins.id(), true, notional, now);
        long makerRate = fees.lastRate();
        long makerFee = fees.lastFee();
        String makerTier = fees.lastTier();
        fees.charge(taker.account(), ins.id(), false, notional, now);
        long takerRate = fees.lastRate();
        long takerFee = fees.lastFee();
        String takerTier = fees.lastTier();
        fees.recordFill(maker.account(), makerFee, taker.account(), takerFee, taker.side(), notional, now);
        int takerSign = taker.side().sign();
        accounts[taker.account()].positions[ins.id()] += takerSign * qty;
        accounts[maker.account()].positions[ins.id()] -= takerSign * qty;
        referencePrice[ins.id()] = price;
        out.add(new EngineEvent.TradeExecuted(nextTradeId++, ins.id(), price, qty, taker.side(),
                maker.id(), maker.account(), maker.remaining(), makerFee, makerRate, makerTier,
                taker.id(), taker.account(), taker.remaining(), takerFee, takerRate, takerTier, notional, now));
        if (maker.remaining() == 0) {
            retire(maker);
        }
    }

    @Override
    public void onCancelled(Order order, long cancelledQty, ReasonCode reason) {
        finish(order, cancelledQty, reason);
        if (liveOrders.remove(order.id()) != null) {
            retire(order);
        }
    }

    private void finish(Order order, long cancelledQty, ReasonCode reason) {
        out.add(new EngineEvent.OrderCancelled(order.id(), order.account(), order.instrument(), order.clientOrderId(),
                cancelledQty, order.filled(), reason));
    }

    /** The order is done (filled or cancelled): forget it and return it to the pool after this command. */
    private void retire(Order o) {
        liveOrders.remove(o.id());
        AccountState a = accounts[o.account()];
        a.openOrders--;
        if (o.clientOrderId() != null) {
            a.liveByClientId.remove(o.clientOrderId(), o);
        }
        finished.add(o);
    }

    @Override
    public void onLevelChanged(int instrument, Side side, long price) {
        if (touched > 0 && touchedPrice[touched - 1] == price && touchedSide[touched - 1] == side
                && touchedInstrument[touched - 1] == instrument) {
            return;
        }
        if (touched == touchedPrice.length) {
            touchedPrice = java.util.Arrays.copyOf(touchedPrice, touched * 2);
            touchedSide = java.util.Arrays.copyOf(touchedSide, touched * 2);
            touchedInstrument = java.util.Arrays.copyOf(touchedInstrument, touched * 2);
        }
        touchedInstrument[touched] = instrument;
        touchedSide[touched] = side;
        touchedPrice[touched] = price;
        touched++;
    }

    @Override
    public long reduceOnlyLimit(Order order) {
        return reduceOnlyLimit(order.account(), order.instrument(), order.side());
    }

    private long reduceOnlyLimit(int account, int instrument, Side side) {
        long pos = accounts[account].positions[instrument];
        if (side == Side.BUY) {
            return pos < 0 ? -pos : 0;
        }
        return pos > 0 ? pos : 0;
    }

    private static boolean alreadyListed(List<LevelUpdate> levels, Side s, long p) {
        for (int k = 0; k < levels.size(); k++) {
            LevelUpdate u = levels.get(k);
            if (u.side() == s && u.price() == p) {
                return true;
            }
        }
        return false;
    }

    private void emitBookDeltas() {
        if (touched == 0) {
            return;
        }
        for (int i = 0; i < touched; i++) {
            int ins = touchedInstrument[i];
            if (ins < 0) {
                continue;
            }
            ArrayList<LevelUpdate> levels = new ArrayList<>();
            java.util.HashSet<Long> seenKeys = touched > 16 ? new java.util.HashSet<>() : null;
            for (int j = i; j < touched; j++) {
                if (touchedInstrument[j] != ins) {
                    continue;
                }
                Side s = touchedSide[j];
                long p = touchedPrice[j];
                touchedInstrument[j] = -1;
                if (seenKeys != null ? !seenKeys.add(s == Side.BUY ? p : -p) : alreadyListed(levels, s, p)) {
                    continue;
                }
                levels.add(new LevelUpdate(s, p, books[ins].levelQuantity(s, p)));
            }
            out.add(new BookDelta(ins, ++bookSequence[ins], levels));
        }
        touched = 0;
    }

    // ------------------------------------------------------------------ read access (engine thread only)

    public int instrumentCount() { return instruments.length; }
    public Instrument instrument(int id) { return instruments[id]; }
    public OrderBook book(int instrument) { return books[instrument]; }
    public InstrumentStatus status(int instrument) { return status[instrument]; }
    public long referencePrice(int instrument) { return referencePrice[instrument]; }
    public long bookSequence(int instrument) { return bookSequence[instrument]; }
    public int accountCount() { return accounts.length; }
    public AccountState account(int id) { return accounts[id]; }
    /** Fees collected minus rebates paid, in cash units: the venue's side of every fee. */
    public long venueFeeCash() {
        return fees.ledger().balance(-1, LedgerAccount.VENUE_FEE_INCOME)
                + fees.ledger().balance(-1, LedgerAccount.VENUE_REBATE_EXPENSE);
    }

    /** An account's USDC: trade cash, minus fees, plus rebates, in cash units. */
    public long cash(int account) {
        return fees.ledger().cash(account);
    }

    /** Fees, tiers, ledger and incentives. */
    public FeeEngine fees() {
        return fees;
    }

    /** The engine's clock: the latest command timestamp applied, epoch nanoseconds. */
    public long clock() {
        return clock;
    }
    public int liveOrderCount() { return liveOrders.size(); }
    public long nextOrderId() { return nextOrderId; }

    /** L2 snapshot of an instrument's book to {@code depth} levels per side (best bid/offer is depth 1). */
    public io.hyperindex.gateway.domain.BookSnapshot l2Snapshot(int instrument, int depth) {
        OrderBook b = books[instrument];
        return new io.hyperindex.gateway.domain.BookSnapshot(instrument, bookSequence[instrument],
                levels(b, Side.BUY, depth), levels(b, Side.SELL, depth));
    }

    private static List<io.hyperindex.gateway.domain.BookSnapshot.Level> levels(OrderBook b, Side side, int depth) {
        int n = Math.min(depth, b.levelCount(side));
        List<io.hyperindex.gateway.domain.BookSnapshot.Level> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new io.hyperindex.gateway.domain.BookSnapshot.Level(b.levelPrice(side, i), b.levelTotal(side, i),
                    b.levelOrderCount(side, i)));
        }
        return out;
    }

    /** The live order with this id, or null. */
    public Order liveOrder(long orderId) {
        return liveOrders.get(orderId);
    }

    /** Visits every live order of every book, instrument by instrument, bids then asks, in priority order. */
    public void forEachLiveOrder(Consumer<Order> visitor) {
        for (OrderBook b : books) {
            b.forEachOrder(Side.BUY, visitor);
            b.forEachOrder(Side.SELL, visitor);
        }
    }

    // ------------------------------------------------------------------ snapshots

    private static final int SNAPSHOT_FORMAT = 2;

    /**
     * Writes the complete state in a canonical order: the same state always gives the same
     * bytes, which is what the state hash is taken over.
     */
    public void writeSnapshot(DataOutput out) throws IOException {
        out.writeInt(SNAPSHOT_FORMAT);
        out.writeLong(nextOrderId);
        out.writeLong(nextTradeId);
        out.writeLong(clock);
        out.writeInt(instruments.length);
        for (int i = 0; i < instruments.length; i++) {
            out.writeUTF(instruments[i].symbol());
            out.writeByte(status[i].ordinal());
            out.writeLong(referencePrice[i]);
            out.writeLong(bookSequence[i]);
        }
        out.writeInt(accounts.length);
        for (AccountState a : accounts) {
            out.writeUTF(a.name);
            for (long p : a.positions) {
                out.writeLong(p);
            }
        }
        fees.write(out);
        out.writeInt(liveOrders.size());
        IOException[] failure = new IOException[1];
        forEachLiveOrder(o -> {
            try {
                out.writeLong(o.id());
                out.writeInt(o.account());
                out.writeInt(o.instrument());
                out.writeByte(o.side().ordinal());
                out.writeLong(o.price());
                out.writeLong(o.quantity());
                out.writeLong(o.remaining());
                out.writeLong(o.filled());
                out.writeInt(o.flags());
                out.writeByte(o.timeInForce().ordinal());
                out.writeByte(o.selfTradePrevention().ordinal());
                out.writeLong(o.timestamp());
                out.writeBoolean(o.clientOrderId() != null);
                if (o.clientOrderId() != null) {
                    out.writeUTF(o.clientOrderId());
                }
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
    }

    /**
     * Loads state written by {@link #writeSnapshot} into this freshly constructed engine. The
     * instruments and accounts must be the ones the snapshot was taken with, in the same order.
     */
    public void restoreSnapshot(DataInput in) throws IOException {
        if (liveOrders.size() != 0 || nextOrderId != 1) {
            throw new IllegalStateException("restore into a fresh engine only");
        }
        int format = in.readInt();
        if (format != SNAPSHOT_FORMAT) {
            throw new IOException("unsupported snapshot format " + format);
        }
        nextOrderId = in.readLong();
        nextTradeId = in.readLong();
        clock = in.readLong();
        int n = in.readInt();
        if (n != instruments.length) {
            throw new IOException("snapshot has " + n + " instruments, configuration has " + instruments.length);
        }
        for (int i = 0; i < n; i++) {
            String symbol = in.readUTF();
            if (!symbol.equals(instruments[i].symbol())) {
                throw new IOException("snapshot instrument " + i + " is " + symbol + ", configuration has " + instruments[i].symbol());
            }
            status[i] = InstrumentStatus.values()[in.readByte()];
            referencePrice[i] = in.readLong();
            bookSequence[i] = in.readLong();
        }
        int na = in.readInt();
        if (na != accounts.length) {
            throw new IOException("snapshot has " + na + " accounts, configuration has " + accounts.length);
        }
        for (AccountState a : accounts) {
            String name = in.readUTF();
            if (!name.equals(a.name)) {
                throw new IOException("snapshot account " + a.id + " is " + name + ", configuration has " + a.name);
            }
            for (int i = 0; i < n; i++) {
                a.positions[i] = in.readLong();
            }
        }
        fees.read(in);
        int orders = in.readInt();
        this.out = new ArrayList<>(); // level callbacks during restore are not events
        for (int k = 0; k < orders; k++) {
            long id = in.readLong();
            int account = in.readInt();
            int instrument = in.readInt();
            Side side = Side.values()[in.readByte()];
            long price = in.readLong();
            long quantity = in.readLong();
            long remaining = in.readLong();
            long filled = in.readLong();
            int flags = in.readInt();
            TimeInForce tif = TimeInForce.values()[in.readByte()];
            SelfTradePrevention stp = SelfTradePrevention.values()[in.readByte()];
            long ts = in.readLong();
            String clientId = in.readBoolean() ? in.readUTF() : null;
            Order o = new Order().init(id, account, instrument, clientId, side, price, quantity, flags, tif, stp, ts)
                    .restoreFills(quantity, remaining, filled);
            books[instrument].rest(o);
            liveOrders.put(id, o);
            accounts[account].openOrders++;
            if (clientId != null) {
                accounts[account].liveByClientId.put(clientId, o);
            }
        }
        touched = 0;
        this.out = null;
    }

    /** SHA-256 of the canonical snapshot bytes, as hex: equal states have equal hashes. */
    public String stateHash() {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            writeSnapshot(new java.io.DataOutputStream(bytes));
            return java.util.HexFormat.of().formatHex(sha.digest(bytes.toByteArray()));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
