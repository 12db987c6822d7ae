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
import io.hyperindex.gateway.risk.CircuitBreakers;
import io.hyperindex.gateway.risk.MarkSource;
import io.hyperindex.gateway.risk.MarketMakerProtection;
import io.hyperindex.gateway.risk.PositionBook;
import io.hyperindex.gateway.risk.PreTradeRisk;
import io.hyperindex.gateway.risk.RiskAlerts;
import io.hyperindex.gateway.domain.RiskLimits;
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
    private final PositionBook positions;
    private final PreTradeRisk risk;
    private final RiskAlerts alerts;
    private final MarketMakerProtection mmp;
    private final io.hyperindex.gateway.domain.MarkMode markMode;
    private final long[] externalMark;
    private final CircuitBreakers breakers;
    /** Instruments whose HALT breaker tripped during this command: acted on when the command ends. */
    private final java.util.BitSet breakerTripped = new java.util.BitSet();
    private final MarkSource marks = new MarkSource() {
        @Override
        public long markPrice(int instrument) {
            return MatchingEngine.this.markPrice(instrument);
        }

        @Override
        public long version() {
            return refreshStaleMarks();
        }
    };
    // Mark price per instrument as last computed, valid while markStale is false; the stale ones
    // are listed in staleMark; markVersion counts changes of any mark. All derived state.
    private final long[] markCache;
    private final boolean[] markStale;
    private final int[] staleMark;
    private int staleMarks;
    private long markVersion;
    /**
     * How often, in engine time, the position, exposure and loss alerts of every limited account
     * are re-evaluated at the marks when the marks have moved (a "mark sweep"); an account's own
     * fills re-evaluate its alerts at once.
     */
    public static final long MARK_SWEEP_NANOS = 100_000_000L;
    /** Per account: a fill (or a limits change, or a new day) happened since its mark-to-market alerts were last evaluated. */
    private final boolean[] markToMarketDue;
    /** The marks at the last sweep, and when the next one may run. */
    private final long[] sweptMarks;
    private long nextMarkSweep = Long.MIN_VALUE;
    /** Scratch for {@link PositionBook#measure}. */
    private final long[] measured = new long[3];
    /** The earliest armed dead-man deadline (Long.MAX_VALUE = none armed); derived from cancelAfterDeadline. */
    private long earliestDeadline = Long.MAX_VALUE;
    /** Dead-man switch deadline per account, epoch nanos (0 = disarmed). */
    private final long[] cancelAfterDeadline;
    /** UTC day of the last daily P&L reset. */
    private long pnlDay = Long.MIN_VALUE;
    /** Set while the engine itself places orders (kill-switch flatten): pre-trade risk does not apply. */
    private boolean internalOrder;
    private final Long2ObjectHashMap<Order> liveOrders = new Long2ObjectHashMap<>();
    /** Per instrument: its book is on a remote venue (orders are routed, not matched here). */
    private final boolean[] remote;
    /** The open orders of remote instruments (also in liveOrders, never in a book). */
    private final RemoteOrders remoteOrders = new RemoteOrders();
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
    private long[] touchedTotal = new long[16];
    private int touched;

    public MatchingEngine(List<Instrument> instrumentList, List<String> accountNames, FeePolicy feePolicy) {
        this(instrumentList, accountNames, feePolicy, List.of());
    }

    /** With circuit breakers on every instrument. */
    public MatchingEngine(List<Instrument> instrumentList, List<String> accountNames, FeePolicy feePolicy,
                          List<io.hyperindex.gateway.domain.CircuitBreakerRule> circuitBreakers) {
        this(instrumentList, accountNames, feePolicy, circuitBreakers, io.hyperindex.gateway.domain.MarkMode.MID);
    }

    /** With circuit breakers and a mark price mode. */
    public MatchingEngine(List<Instrument> instrumentList, List<String> accountNames, FeePolicy feePolicy,
                          List<io.hyperindex.gateway.domain.CircuitBreakerRule> circuitBreakers,
                          io.hyperindex.gateway.domain.MarkMode markMode) {
        this(instrumentList, accountNames, feePolicy, circuitBreakers, markMode, java.util.Set.of());
    }

    /**
     * With circuit breakers, a mark price mode, and the ids of the instruments whose book is on a
     * remote venue: their orders are validated and risk-checked here, then held as remote working
     * orders until the venue's answers (the Venue* commands) arrive.
     */
    public MatchingEngine(List<Instrument> instrumentList, List<String> accountNames, FeePolicy feePolicy,
                          List<io.hyperindex.gateway.domain.CircuitBreakerRule> circuitBreakers,
                          io.hyperindex.gateway.domain.MarkMode markMode, java.util.Set<Integer> remoteInstruments) {
        this.markMode = markMode;
        int n = instrumentList.size();
        this.remote = new boolean[n];
        for (int id : remoteInstruments) {
            if (id < 0 || id >= n) {
                throw new IllegalArgumentException("remote instrument id " + id + " is not an instrument");
            }
            remote[id] = true;
        }
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
        this.positions = new PositionBook(instruments, accountNames.size());
        this.risk = new PreTradeRisk(instruments, accountNames.size(), positions);
        this.alerts = new RiskAlerts(instruments, accountNames.size());
        this.cancelAfterDeadline = new long[accountNames.size()];
        this.markToMarketDue = new boolean[accountNames.size()];
        this.sweptMarks = new long[n];
        this.mmp = new MarketMakerProtection(accountNames.size());
        this.breakers = new CircuitBreakers(n, circuitBreakers);
        this.externalMark = new long[n];
        this.markCache = new long[n];
        this.markStale = new boolean[n];
        this.staleMark = new int[n];
        for (int i = 0; i < n; i++) {
            markDirty(i);
        }

        this.accounts = new AccountState[accountNames.size()];
        for (int a = 0; a < accounts.length; a++) {
            accounts[a] = new AccountState(a, accountNames.get(a), positions);
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
        advanceRiskClock();
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
        } else if (command instanceof Command.SetRiskLimits l) {
            setRiskLimits(l);
        } else if (command instanceof Command.KillSwitch k) {
            killSwitch(k);
        } else if (command instanceof Command.SetCancelAfter c) {
            setCancelAfter(c);
        } else if (command instanceof Command.SessionClosed x) {
            sessionClosed(x);
        } else if (command instanceof Command.SetMmp m) {
            setMmp(m);
        } else if (command instanceof Command.ResetMmp r) {
            resetMmp(r);
        } else if (command instanceof Command.SetMarkPrice m) {
            setMarkPrice(m);
        } else if (command instanceof Command.SetFeeTierOverride o) {
            setFeeTierOverride(o);
        } else if (command instanceof Command.VenueFill f) {
            venueFill(f);
        } else if (command instanceof Command.VenueOrderAcked a) {
            venueAcked(a);
        } else if (command instanceof Command.VenueOrderDone d) {
            venueDone(d);
        } else if (command instanceof Command.VenueOrderRejected r) {
            venueRejected(r);
        }
        sweepMarks();
        haltTrippedInstruments(); // Tick: advancing the clocks above was all it asked for
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
                tif, stp, now).withSession(p.session());
        out.add(new EngineEvent.OrderAccepted(o.id(), p.account(), p.instrument(), p.clientOrderId(), p.side(), p.type(),
                tif, price, p.quantity(), p.flags(), stp, now));
        if (remote[p.instrument()]) {
            // routed: the venue adapter sends it once this result is durable; it stays open until the venue answers
            remoteOrders.add(o);
            liveOrders.put(o.id(), o);
            risk.opened(o.account(), o.instrument(), o.side(), o.remaining());
            if (o.clientOrderId() != null) {
                acct.liveByClientId.put(o.clientOrderId(), o);
            }
            afterOrderChange(p.account());
            return;
        }
        if (market && price == 0) {
            finish(o, o.remaining(), ReasonCode.NO_LIQUIDITY);
            finished.add(o);
            return;
        }
        liveOrders.put(o.id(), o);
        risk.opened(o.account(), o.instrument(), o.side(), o.remaining());
        if (o.clientOrderId() != null) {
            acct.liveByClientId.put(o.clientOrderId(), o);
        }
        books[p.instrument()].enter(o, market);
        if (!o.isResting() && o.remaining() == 0) {
            retire(o);
        }
        afterOrderChange(p.account());
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
        if (breakers.isHalted(p.instrument(), now)) {
            return ReasonCode.CIRCUIT_BREAKER;
        }
        boolean postOnly = OrderFlags.has(p.flags(), OrderFlags.POST_ONLY);
        if (postOnly && (p.type() == OrderType.MARKET || p.timeInForce() != TimeInForce.GTC)) {
            return ReasonCode.INVALID_ORDER;
        }
        if (remote[p.instrument()] && (p.type() == OrderType.MARKET || p.timeInForce() == TimeInForce.FOK)) {
            return ReasonCode.VENUE_UNSUPPORTED; // Hyperliquid takes limit Alo/Ioc/Gtc only
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
        if (OrderFlags.has(p.flags(), OrderFlags.MMP) && mmp.isFrozen(p.account(), p.instrument(), now)) {
            return ReasonCode.MMP_FROZEN;
        }
        if (!internalOrder) {
            long riskPrice = p.type() == OrderType.LIMIT ? p.price() : marketBound(ins, p.side());
            ReasonCode r = risk.check(p.account(), p.instrument(), p.side(),
                    riskPrice > 0 ? riskPrice : referencePrice[p.instrument()], p.quantity(),
                    OrderFlags.has(p.flags(), OrderFlags.REDUCE_ONLY), 0, marks);
            if (r != null) {
                return r;
            }
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
        if (remoteOrders.contains(o.id())) {
            requestVenueCancel(o, ReasonCode.USER_CANCELLED);
            return;
        }
        books[o.instrument()].cancel(o, ReasonCode.USER_CANCELLED);
    }

    private void amend(Command.AmendOrder a) {
        Order o = findLive(a.account(), a.orderId(), a.clientOrderId());
        ReasonCode reject = o == null ? ReasonCode.UNKNOWN_ORDER
                : remoteOrders.contains(o.id()) ? ReasonCode.VENUE_UNSUPPORTED : validateAmend(o, a);
        if (reject != null) {
            out.add(new EngineEvent.OrderRejected(a.account(), o == null ? -1 : o.instrument(), a.clientOrderId(),
                    a.orderId(), "AmendOrder", reject));
            return;
        }
        boolean keeps = a.newPrice() == o.price() && a.newQuantity() < o.quantity();
        out.add(new EngineEvent.OrderAmended(o.id(), o.account(), o.instrument(), a.newPrice(), a.newQuantity(),
                a.newQuantity() - o.filled(), keeps));
        risk.adjust(o.account(), o.instrument(), o.side(), a.newQuantity() - o.filled() - o.remaining());
        books[o.instrument()].amend(o, a.newPrice(), a.newQuantity());
        if (!o.isResting() && o.remaining() == 0) {
            retire(o);
        }
        afterOrderChange(a.account());
    }

    private ReasonCode validateAmend(Order o, Command.AmendOrder a) {
        Instrument ins = instruments[o.instrument()];
        if (status[o.instrument()] == InstrumentStatus.HALTED) {
            return ReasonCode.INSTRUMENT_HALTED;
        }
        if (breakers.isHalted(o.instrument(), now)) {
            return ReasonCode.CIRCUIT_BREAKER;
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
        ReasonCode r = risk.check(o.account(), o.instrument(), o.side(), a.newPrice(), a.newQuantity() - o.filled(),
                o.isReduceOnly(), o.remaining(), marks);
        if (r != null) {
            return r;
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
        cancelWhere(m.instrument(), m.side(), o -> o.account() == m.account(), ReasonCode.MASS_CANCELLED);
    }

    /**
     * Cancels the resting orders of an instrument (-1 = all) and side (null = both) that match,
     * in increasing order-id order so the outcome does not depend on book layout.
     */
    private int cancelWhere(int instrument, Side side, java.util.function.Predicate<Order> which, ReasonCode reason) {
        ArrayList<Order> victims = new ArrayList<>();
        for (int i = 0; i < instruments.length; i++) {
            if (instrument >= 0 && i != instrument) {
                continue;
            }
            for (Side s : Side.values()) {
                if (side == null || side == s) {
                    books[i].forEachOrder(s, o -> {
                        if (which.test(o)) {
                            victims.add(o);
                        }
                    });
                }
            }
        }
        remoteOrders.forEach(o -> {
            if ((instrument < 0 || o.instrument() == instrument) && (side == null || side == o.side()) && which.test(o)) {
                victims.add(o);
            }
        });
        victims.sort((x, y) -> Long.compare(x.id(), y.id()));
        for (Order o : victims) {
            if (remote[o.instrument()]) {
                requestVenueCancel(o, reason);
            } else {
                books[o.instrument()].cancel(o, reason);
            }
        }
        return victims.size();
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

    // ------------------------------------------------------------------ risk controls

    private static final long DAY_NANOS = 86_400_000_000_000L;

    /** Daily P&L reset at 00:00 UTC, and dead-man switches whose deadline has passed. */
    private void advanceRiskClock() {
        long day = Math.floorDiv(now, DAY_NANOS);
        if (pnlDay == Long.MIN_VALUE) {
            pnlDay = day;
        } else if (day > pnlDay) {
            pnlDay = day;
            positions.resetDay(marks);
            java.util.Arrays.fill(markToMarketDue, true);
            risk.newDay();
        }
        if (now < earliestDeadline) {
            return;
        }
        for (int a = 0; a < cancelAfterDeadline.length; a++) {
            long d = cancelAfterDeadline[a];
            if (d != 0 && now >= d) {
                cancelAfterDeadline[a] = 0;
                final int acct = a;
                int n = cancelWhere(-1, null, o -> o.account() == acct, ReasonCode.DEAD_MAN_SWITCH);
                out.add(new EngineEvent.RiskAlert(a, "dead_man_switch", 100, n, 0, now));
            }
        }
        recomputeEarliestDeadline();
    }

    private void recomputeEarliestDeadline() {
        long e = Long.MAX_VALUE;
        for (long d : cancelAfterDeadline) {
            if (d != 0) {
                e = Math.min(e, d);
            }
        }
        earliestDeadline = e;
    }

    /**
     * The earliest time at which time alone changes something (a dead-man deadline, the next
     * UTC midnight, the next fee day): the runtime sends a Tick then.
     */
    public long nextTimedWork() {
        long next = (Math.floorDiv(clock, DAY_NANOS) + 1) * DAY_NANOS;
        long feeNext = (fees.feeDayOf(clock) + 1) * DAY_NANOS + fees.policy().recomputeAtNanosOfDay();
        next = Math.min(next, feeNext);
        for (long d : cancelAfterDeadline) {
            if (d != 0) {
                next = Math.min(next, d);
            }
        }
        if (risk.anyLimited() && marksMovedSinceSweep()) {
            next = Math.min(next, Math.max(nextMarkSweep, clock + 1));
        }
        return Math.min(next, Math.min(mmp.nextUnfreeze(clock), breakers.nextResume(clock)));
    }

    private void setMarkPrice(Command.SetMarkPrice m) {
        if (m.instrument() < 0 || m.instrument() >= instruments.length) {
            out.add(new EngineEvent.OrderRejected(-1, m.instrument(), null, 0, "SetMarkPrice", ReasonCode.UNKNOWN_INSTRUMENT));
        } else if (m.price() <= 0 || m.price() > instruments[m.instrument()].maxPrice()) {
            out.add(new EngineEvent.OrderRejected(-1, m.instrument(), null, 0, "SetMarkPrice", ReasonCode.INVALID_PRICE));
        } else {
            externalMark[m.instrument()] = m.price();
            markDirty(m.instrument());
        }
    }

    /**
     * The mark price of an instrument per the mark mode: the mid of the best bid and ask on the
     * tick (MID), the last trade (LAST), or the external feed's (EXTERNAL); each falls back to
     * the last trade (or reference) price when it has none.
     */
    public long markPrice(int instrument) {
        if (markStale[instrument]) {
            refreshStaleMarks();
        }
        return markCache[instrument];
    }

    /** Recomputes every stale mark (staleMark lists exactly the stale ones); returns the mark version. */
    private long refreshStaleMarks() {
        while (staleMarks > 0) {
            refreshMark(staleMark[--staleMarks]);
        }
        return markVersion;
    }

    /**
     * What every trade on {@code instrument} at {@code price} does to the market, local or a
     * venue's fill: the circuit breakers see it (a trip is reported, a halt remembered), it
     * becomes the reference price, and the book is marked for its mark-to-market pass.
     */
    private void tradedAt(int instrument, long price, long now, List<EngineEvent> out) {
        CircuitBreakers.Trip trip = breakers.onTrade(instrument, price, now);
        if (trip != null) {
            out.add(new EngineEvent.CircuitBreakerTripped(instrument, trip.rule(), trip.moveBps(), trip.config().action(),
                    trip.until(), now));
            if (trip.config().action() == io.hyperindex.gateway.domain.CircuitBreakerRule.Action.HALT) {
                breakerTripped.set(instrument);
            }
        }
        referencePrice[instrument] = price;
        markDirty(instrument);
    }

    /** The book, last trade or external mark of the instrument may have moved: recompute it when next asked. */
    private void markDirty(int instrument) {
        if (!markStale[instrument]) {
            markStale[instrument] = true;
            staleMark[staleMarks++] = instrument;
        }
    }

    private void refreshMark(int instrument) {
        markStale[instrument] = false;
        long m = computeMark(instrument);
        if (m != markCache[instrument]) {
            markCache[instrument] = m;
            markVersion++;
        }
    }

    private long computeMark(int instrument) {
        if (markMode == io.hyperindex.gateway.domain.MarkMode.LAST) {
            return referencePrice[instrument];
        }
        if (markMode == io.hyperindex.gateway.domain.MarkMode.EXTERNAL) {
            return externalMark[instrument] > 0 ? externalMark[instrument] : referencePrice[instrument];
        }
        OrderBook b = books[instrument];
        long bid = b.bestPrice(Side.BUY);
        long ask = b.bestPrice(Side.SELL);
        if (bid > 0 && ask > 0) {
            long mid = (bid + ask) / 2;
            return mid - mid % instruments[instrument].tick();
        }
        return referencePrice[instrument];
    }

    /** Alerts at 80% and 100% of the account's limits; the daily loss limit switches it to reduce-only. */
    private void afterOrderChange(int account) {
        if (account < 0 || account >= accounts.length || !risk.isLimited(account)) {
            return;
        }
        RiskLimits l = risk.limits(account);
        alert(account, RiskAlerts.OPEN_ORDERS, risk.openOrders(account), l.maxOpenOrders());
        if (markToMarketDue[account]) {
            markToMarketDue[account] = false;
            markToMarketAlerts(account, l);
        }
    }

    /**
     * Position, exposure and daily-loss alerts of one account at the current marks; the daily
     * loss limit switches it to reduce-only.
     */
    private void markToMarketAlerts(int account, RiskLimits l) {
        boolean exposure = l.maxGrossExposure() != RiskLimits.UNLIMITED || l.maxNetExposure() != RiskLimits.UNLIMITED;
        if (exposure || l.dailyLossLimit() != RiskLimits.UNLIMITED) {
            positions.measure(account, marks, measured);
        }
        if (l.maxGrossExposure() != RiskLimits.UNLIMITED) {
            alert(account, RiskAlerts.GROSS_EXPOSURE, measured[PositionBook.GROSS], l.maxGrossExposure());
        }
        if (l.maxNetExposure() != RiskLimits.UNLIMITED) {
            alert(account, RiskAlerts.NET_EXPOSURE, Math.abs(measured[PositionBook.NET]), l.maxNetExposure());
        }
        for (int i = 0; i < instruments.length; i++) {
            long pos = positions.position(account, i);
            long max = pos >= 0 ? l.maxLong()[i] : l.maxShort()[i];
            if (max != RiskLimits.UNLIMITED) {
                alert(account, RiskAlerts.position(i), Math.abs(pos), max);
            }
        }
        if (l.dailyLossLimit() != RiskLimits.UNLIMITED) {
            long loss = Math.max(0, -positions.dailyPnl(measured[PositionBook.TOTAL_PNL], account));
            alert(account, RiskAlerts.DAILY_LOSS, loss, l.dailyLossLimit());
            if (loss >= l.dailyLossLimit()) {
                risk.setReduceOnlyForTheDay(account, true);
            }
        }
    }

    /**
     * Marks move without the accounts that hold positions doing anything: at most every
     * {@link #MARK_SWEEP_NANOS} of engine time, if any mark moved since the last sweep, every
     * limited account's mark-to-market alerts are evaluated (an idle account still learns that
     * the market has taken it to its loss limit).
     */
    private void sweepMarks() {
        if (now < nextMarkSweep || !risk.anyLimited() || !marksMovedSinceSweep()) {
            return;
        }
        for (int i = 0; i < instruments.length; i++) {
            sweptMarks[i] = markPrice(i);
        }
        nextMarkSweep = now + MARK_SWEEP_NANOS;
        for (int a = 0; a < accounts.length; a++) {
            if (risk.isLimited(a)) {
                markToMarketDue[a] = false;
                markToMarketAlerts(a, risk.limits(a));
            }
        }
    }

    private boolean marksMovedSinceSweep() {
        for (int i = 0; i < instruments.length; i++) {
            if (markPrice(i) != sweptMarks[i]) {
                return true;
            }
        }
        return false;
    }

    private void alert(int account, int limit, long used, long max) {
        int level = alerts.update(account, limit, used, max);
        if (level > 0) {
            out.add(new EngineEvent.RiskAlert(account, alerts.name(limit), level, used, max, now));
        }
    }

    private boolean validAccount(int account, String command) {
        if (account < 0 || account >= accounts.length) {
            out.add(new EngineEvent.OrderRejected(account, -1, null, 0, command, ReasonCode.UNKNOWN_ACCOUNT));
            return false;
        }
        return true;
    }

    private void setFeeTierOverride(Command.SetFeeTierOverride c) {
        if (!validAccount(c.account(), "SetFeeTierOverride")) {
            return;
        }
        long until = c.untilMillis() <= 0 ? Long.MAX_VALUE : Math.multiplyExact(c.untilMillis(), 1_000_000L);
        if (c.tier() != null && until <= now) {
            out.add(new EngineEvent.OrderRejected(c.account(), -1, null, 0, "SetFeeTierOverride", ReasonCode.INVALID_REQUEST));
            return;
        }
        String before = fees.effectiveTierName(c.account(), now);
        if (!fees.setOverride(c.account(), c.tier(), until)) {
            out.add(new EngineEvent.OrderRejected(c.account(), -1, null, 0, "SetFeeTierOverride", ReasonCode.UNKNOWN_FEE_TIER));
            return;
        }
        FeeEngine.TierStatus status = fees.tierStatus(c.account(), 0, now);
        out.add(new EngineEvent.FeeTierChanged(c.account(), before, fees.effectiveTierName(c.account(), now),
                status.makerVolume30d() + status.takerVolume30d(), now));
    }

    private void setRiskLimits(Command.SetRiskLimits c) {
        if (!validAccount(c.account(), "SetRiskLimits")) {
            return;
        }
        if (c.limits() == null || c.limits().maxLong().length != instruments.length) {
            out.add(new EngineEvent.OrderRejected(c.account(), -1, null, 0, "SetRiskLimits", ReasonCode.INVALID_ORDER));
            return;
        }
        RiskLimits before = risk.limits(c.account());
        risk.setLimits(c.account(), c.limits());
        alerts.reset(c.account());
        markToMarketDue[c.account()] = true;
        out.add(new EngineEvent.RiskLimitsChanged(c.account(), before, c.limits(), c.actor(), now));
        afterOrderChange(c.account());
    }

    private void killSwitch(Command.KillSwitch k) {
        if (k.scope() == null) {
            out.add(new EngineEvent.OrderRejected(-1, -1, null, 0, "KillSwitch", ReasonCode.INVALID_ORDER));
            return;
        }
        switch (k.scope()) {
            case ACCOUNT -> {
                if (!validAccount(k.target(), "KillSwitch")) {
                    return;
                }
                risk.setKilled(k.target(), k.on());
                out.add(new EngineEvent.KillSwitchChanged(k.scope(), k.target(), k.on(), k.actor(), now));
                if (k.on()) {
                    int n = cancelWhere(-1, null, o -> o.account() == k.target(), ReasonCode.KILL_SWITCH);
                    out.add(new EngineEvent.RiskAlert(k.target(), "kill_switch", 100, n, 0, now));
                    if (k.flatten()) {
                        flatten(k.target());
                    }
                }
            }
            case INSTRUMENT -> {
                if (k.target() < 0 || k.target() >= instruments.length) {
                    out.add(new EngineEvent.OrderRejected(-1, k.target(), null, 0, "KillSwitch", ReasonCode.UNKNOWN_INSTRUMENT));
                    return;
                }
                status[k.target()] = k.on() ? InstrumentStatus.HALTED : InstrumentStatus.TRADING;
                out.add(new EngineEvent.KillSwitchChanged(k.scope(), k.target(), k.on(), k.actor(), now));
                out.add(new EngineEvent.InstrumentStatusChanged(k.target(), status[k.target()]));
                if (k.on()) {
                    cancelWhere(k.target(), null, o -> true, ReasonCode.KILL_SWITCH);
                }
            }
            case GLOBAL -> {
                risk.setGlobalHalt(k.on());
                out.add(new EngineEvent.KillSwitchChanged(k.scope(), -1, k.on(), k.actor(), now));
                if (k.on()) {
                    cancelWhere(-1, null, o -> true, ReasonCode.KILL_SWITCH);
                }
            }
        }
    }

    /**
     * Closes every position of the account with reduce-only IOC market orders, each bounded by
     * the instrument's market protection band: what cannot fill inside the band stays open.
     */
    private void flatten(int account) {
        internalOrder = true;
        try {
            for (int i = 0; i < instruments.length; i++) {
                long pos = positions.position(account, i);
                if (pos != 0 && status[i] == InstrumentStatus.TRADING) {
                    place(new Command.PlaceOrder(account, i, null, pos > 0 ? Side.SELL : Side.BUY, OrderType.MARKET,
                            TimeInForce.IOC, 0, Math.min(Math.abs(pos), instruments[i].maxOrderQty()),
                            OrderFlags.REDUCE_ONLY, SelfTradePrevention.CANCEL_TAKER));
                }
            }
        } finally {
            internalOrder = false;
        }
    }

    private void setCancelAfter(Command.SetCancelAfter c) {
        if (!validAccount(c.account(), "SetCancelAfter")) {
            return;
        }
        long ms = c.timeoutMillis();
        if (ms != 0 && (ms < 5_000 || ms > 120_000)) {
            out.add(new EngineEvent.OrderRejected(c.account(), -1, null, 0, "SetCancelAfter", ReasonCode.INVALID_ORDER));
            return;
        }
        cancelAfterDeadline[c.account()] = ms == 0 ? 0 : now + ms * 1_000_000L;
        recomputeEarliestDeadline();
        out.add(new EngineEvent.CancelAfterSet(c.account(), cancelAfterDeadline[c.account()], now));
    }

    private void sessionClosed(Command.SessionClosed c) {
        if (!validAccount(c.account(), "SessionClosed")) {
            return;
        }
        cancelWhere(-1, null, o -> o.account() == c.account() && (c.accountScope() || o.session() == c.session()),
                ReasonCode.CANCEL_ON_DISCONNECT);
    }

    // ------------------------------------------------------------------ remote venue

    /**
     * Routes a cancel of a remote order: the order stays open (its fills may still arrive) until
     * the venue confirms; the first reason asked for is the one it ends with.
     */
    private void requestVenueCancel(Order o, ReasonCode reason) {
        RemoteOrders.Entry e = remoteOrders.get(o.id());
        if (e.cancelReason == null) {
            e.cancelReason = reason;
        }
        out.add(new EngineEvent.VenueCancelRequested(o.id(), o.account(), o.instrument(), o.clientOrderId(), reason, now));
    }

    private RemoteOrders.Entry remoteOrRejected(long orderId, String command) {
        RemoteOrders.Entry e = remoteOrders.get(orderId);
        if (e == null) {
            // a late or repeated answer for an order that already ended: nothing to change
            out.add(new EngineEvent.OrderRejected(-1, -1, null, orderId, command, ReasonCode.UNKNOWN_ORDER));
        }
        return e;
    }

    private void venueAcked(Command.VenueOrderAcked a) {
        RemoteOrders.Entry e = remoteOrRejected(a.orderId(), "VenueOrderAcked");
        if (e != null) {
            e.venueOrderId = a.venueOrderId();
            out.add(new EngineEvent.VenueOrderAcked(a.orderId(), e.order.account(), e.order.instrument(),
                    a.venueOrderId(), now));
        }
    }

    private void venueRejected(Command.VenueOrderRejected r) {
        RemoteOrders.Entry e = remoteOrRejected(r.orderId(), "VenueOrderRejected");
        if (e != null) {
            Order o = e.order;
            out.add(new EngineEvent.VenueOrderRejected(o.id(), o.account(), o.instrument(), o.clientOrderId(),
                    r.error(), now));
            endRemote(o, ReasonCode.VENUE_REJECTED);
        }
    }

    private void venueDone(Command.VenueOrderDone d) {
        RemoteOrders.Entry e = remoteOrRejected(d.orderId(), "VenueOrderDone");
        if (e == null) {
            return;
        }
        if (d.venueFilledQuantity() > e.order.filled()) {
            e.endedAtFilled = Math.min(d.venueFilledQuantity(), e.order.quantity()); // fills still to come
            return;
        }
        endRemote(e.order, endReason(e));
    }

    private static ReasonCode endReason(RemoteOrders.Entry e) {
        if (e.cancelReason != null) {
            return e.cancelReason;
        }
        return e.order.timeInForce() == TimeInForce.IOC ? ReasonCode.IOC_EXPIRED : ReasonCode.VENUE_CANCELLED;
    }

    /** A remote order ended with its open quantity unfilled. */
    private void endRemote(Order o, ReasonCode reason) {
        long open = o.remaining();
        finish(o, open, reason);
        risk.adjust(o.account(), o.instrument(), o.side(), -open);
        o.restoreFills(o.quantity(), 0, o.filled());
        remoteOrders.remove(o.id());
        retire(o);
        afterOrderChange(o.account());
    }

    /**
     * A venue fill of a remote order: positions, P&L, the partner's fee at its own schedule
     * (maker or taker per the venue's flag), the ledger against the venue's settlement account,
     * and a TradeExecuted whose other side is external.
     */
    private void venueFill(Command.VenueFill f) {
        RemoteOrders.Entry e = remoteOrRejected(f.orderId(), "VenueFill");
        if (e == null) {
            return;
        }
        Order o = e.order;
        ReasonCode bad = e.tradeIds.contains(f.venueTradeId()) ? ReasonCode.DUPLICATE_VENUE_FILL
                : f.quantity() <= 0 ? ReasonCode.INVALID_QUANTITY
                : f.quantity() > o.remaining() ? ReasonCode.VENUE_OVERFILL
                : f.price() <= 0 || f.price() > instruments[o.instrument()].maxPrice() ? ReasonCode.INVALID_PRICE : null;
        if (bad != null) {
            out.add(new EngineEvent.OrderRejected(o.account(), o.instrument(), o.clientOrderId(), o.id(), "VenueFill", bad));
            return;
        }
        e.tradeIds.add(f.venueTradeId());
        Instrument ins = instruments[o.instrument()];
        long qty = f.quantity();
        long price = f.price();
        long notional = ins.notional(price, qty);
        fees.charge(o.account(), ins.id(), f.maker(), notional, now);
        long rate = fees.lastRate();
        long fee = fees.lastFee();
        String tier = fees.lastTier();
        fees.recordVenueFill(o.account(), fee, f.maker(), o.side(), notional, now);
        int sign = o.side().sign();
        positions.onFill(o.account(), ins.id(), sign * qty, price, fee);
        markToMarketDue[o.account()] = true;
        risk.adjust(o.account(), ins.id(), o.side(), -qty);
        o.restoreFills(o.quantity(), o.remaining() - qty, o.filled() + qty);
        tradedAt(ins.id(), price, now, out);
        long ext = EngineEvent.TradeExecuted.EXTERNAL_ORDER;
        int extAccount = EngineEvent.TradeExecuted.EXTERNAL_ACCOUNT;
        String extTier = EngineEvent.TradeExecuted.EXTERNAL_TIER;
        if (f.maker()) {
            out.add(new EngineEvent.TradeExecuted(nextTradeId++, ins.id(), price, qty, o.side().opposite(),
                    o.id(), o.account(), o.remaining(), fee, rate, tier,
                    ext, extAccount, 0, 0, 0, extTier, notional, now));
        } else {
            out.add(new EngineEvent.TradeExecuted(nextTradeId++, ins.id(), price, qty, o.side(),
                    ext, extAccount, 0, 0, 0, extTier,
                    o.id(), o.account(), o.remaining(), fee, rate, tier, notional, now));
        }
        if (o.remaining() == 0) {
            remoteOrders.remove(o.id());
            retire(o);
        } else if (e.endedAtFilled >= 0 && o.filled() >= e.endedAtFilled) {
            endRemote(o, endReason(e));
            return;
        }
        afterOrderChange(o.account());
        if (OrderFlags.has(o.flags(), OrderFlags.MMP)) {
            countMmpFill(o.account(), ins.id(), sign * notional);
        }
    }

    /** The open orders of remote instruments as the venue adapter sees them, in order-id order. */
    public List<io.hyperindex.gateway.venue.RoutedOrder> routedOrders() {
        return remoteOrders.views();
    }

    /** True if the instrument's book is on a remote venue. */
    public boolean isRemote(int instrument) {
        return remote[instrument];
    }

    /** Pre-trade risk state: limits, open-order counts, kill switches. */
    public PreTradeRisk risk() {
        return risk;
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
        positions.onFill(taker.account(), ins.id(), takerSign * qty, price, takerFee);
        positions.onFill(maker.account(), ins.id(), -takerSign * qty, price, makerFee);
        markToMarketDue[taker.account()] = true;
        markToMarketDue[maker.account()] = true;
        risk.adjust(taker.account(), ins.id(), taker.side(), -qty);
        risk.adjust(maker.account(), ins.id(), maker.side(), -qty);
        tradedAt(ins.id(), price, now, out);
        out.add(new EngineEvent.TradeExecuted(nextTradeId++, ins.id(), price, qty, taker.side(),
                maker.id(), maker.account(), maker.remaining(), makerFee, makerRate, makerTier,
                taker.id(), taker.account(), taker.remaining(), takerFee, takerRate, takerTier, notional, now));
        if (maker.remaining() == 0) {
            retire(maker);
        }
        afterOrderChange(maker.account());
        if (OrderFlags.has(maker.flags(), OrderFlags.MMP)) {
            countMmpFill(maker.account(), ins.id(), -takerSign * notional);
        }
        if (OrderFlags.has(taker.flags(), OrderFlags.MMP)) {
            countMmpFill(taker.account(), ins.id(), takerSign * notional);
        }
    }

    /**
     * Counts an MMP fill; if it trips the group, cancels the account's MMP orders in the group's
     * instruments at once, so the rest of a sweep cannot reach them.
     */
    private void countMmpFill(int account, int instrument, long signedNotional) {
        io.hyperindex.gateway.domain.MmpConfig tripped = mmp.onFill(account, instrument, signedNotional, now);
        if (tripped != null) {
            out.add(new EngineEvent.MmpTriggered(account, tripped.group(),
                    tripped.frozenMillis() == 0 ? Long.MAX_VALUE : now + tripped.frozenMillis() * 1_000_000L, now));
            for (int i : tripped.instruments()) {
                cancelWhere(i, null, o -> o.account() == account && OrderFlags.has(o.flags(), OrderFlags.MMP),
                        ReasonCode.MMP_TRIGGERED);
            }
        }
    }

    /** HALT breakers act when the command that tripped them ends, so a taker's own remainder is caught too. */
    private void haltTrippedInstruments() {
        for (int i = breakerTripped.nextSetBit(0); i >= 0; i = breakerTripped.nextSetBit(i + 1)) {
            cancelWhere(i, null, o -> true, ReasonCode.CIRCUIT_BREAKER_CANCELLED);
        }
        breakerTripped.clear();
    }

    private void setMmp(Command.SetMmp c) {
        if (!validAccount(c.account(), "SetMmp")) {
            return;
        }
        if (c.config() == null || java.util.Arrays.stream(c.config().instruments()).anyMatch(i -> i < 0 || i >= instruments.length)) {
            out.add(new EngineEvent.OrderRejected(c.account(), -1, null, 0, "SetMmp", ReasonCode.INVALID_ORDER));
            return;
        }
        mmp.configure(c.account(), c.config());
        out.add(new EngineEvent.MmpChanged(c.account(), c.config().group(), c.config(), now));
    }

    private void resetMmp(Command.ResetMmp c) {
        if (!validAccount(c.account(), "ResetMmp")) {
            return;
        }
        if (!mmp.reset(c.account(), c.group())) {
            out.add(new EngineEvent.OrderRejected(c.account(), -1, null, 0, "ResetMmp", ReasonCode.INVALID_ORDER));
            return;
        }
        out.add(new EngineEvent.MmpChanged(c.account(), c.group(), null, now));
    }

    /** Market-maker protection groups and their state. */
    public MarketMakerProtection mmp() {
        return mmp;
    }

    /** Circuit breaker state per instrument. */
    public CircuitBreakers circuitBreakers() {
        return breakers;
    }

    @Override
    public void onCancelled(Order order, long cancelledQty, ReasonCode reason) {
        finish(order, cancelledQty, reason);
        if (liveOrders.containsKey(order.id())) {
            risk.adjust(order.account(), order.instrument(), order.side(), -cancelledQty);
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
        risk.closed(o.account(), o.instrument());
        if (o.clientOrderId() != null) {
            a.liveByClientId.remove(o.clientOrderId(), o);
        }
        finished.add(o);
    }

    @Override
    public void onLevelChanged(int instrument, Side side, long price, long total) {
        markDirty(instrument);
        if (touched > 0 && touchedPrice[touched - 1] == price && touchedSide[touched - 1] == side
                && touchedInstrument[touched - 1] == instrument) {
            touchedTotal[touched - 1] = total;
            return;
        }
        if (touched == touchedPrice.length) {
            touchedPrice = java.util.Arrays.copyOf(touchedPrice, touched * 2);
            touchedTotal = java.util.Arrays.copyOf(touchedTotal, touched * 2);
            touchedSide = java.util.Arrays.copyOf(touchedSide, touched * 2);
            touchedInstrument = java.util.Arrays.copyOf(touchedInstrument, touched * 2);
        }
        touchedInstrument[touched] = instrument;
        touchedSide[touched] = side;
        touchedPrice[touched] = price;
        touchedTotal[touched] = total;
        touched++;
    }

    @Override
    public long reduceOnlyLimit(Order order) {
        return reduceOnlyLimit(order.account(), order.instrument(), order.side());
    }

    private long reduceOnlyLimit(int account, int instrument, Side side) {
        long pos = positions.position(account, instrument);
        if (side == Side.BUY) {
            return pos < 0 ? -pos : 0;
        }
        return pos > 0 ? pos : 0;
    }

    /** Index of the level in {@code levels}, or -1. */
    private static int indexOf(List<LevelUpdate> levels, Side s, long p) {
        for (int k = 0; k < levels.size(); k++) {
            LevelUpdate u = levels.get(k);
            if (u.side() == s && u.price() == p) {
                return k;
            }
        }
        return -1;
    }

    /**
     * One BookDelta per instrument the command changed, each level once with the total the
     * book reported last (the book hands the totals over, so nothing is looked up again).
     */
    private void emitBookDeltas() {
        if (touched == 0) {
            return;
        }
        for (int i = 0; i < touched; i++) {
            int ins = touchedInstrument[i];
            if (ins < 0) {
                continue;
            }
            ArrayList<LevelUpdate> levels = new ArrayList<>(Math.min(touched - i, 16));
            java.util.HashMap<Long, Integer> index = touched - i > 16 ? new java.util.HashMap<>() : null;
            for (int j = i; j < touched; j++) {
                if (touchedInstrument[j] != ins) {
                    continue;
                }
                Side s = touchedSide[j];
                long p = touchedPrice[j];
                touchedInstrument[j] = -1;
                LevelUpdate u = new LevelUpdate(s, p, touchedTotal[j]);
                int at = index != null ? index.getOrDefault(s == Side.BUY ? p : -p, -1) : indexOf(levels, s, p);
                if (at >= 0) {
                    levels.set(at, u);
                } else {
                    if (index != null) {
                        index.put(s == Side.BUY ? p : -p, levels.size());
                    }
                    levels.add(u);
                }
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

    /** Positions, average entry, realized P&L and fees per account and instrument. */
    public PositionBook positions() {
        return positions;
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

    /** The account's live order with this client order id, or null (read-only; for the API adapters). */
    public Order liveOrderByClientId(int account, String clientOrderId) {
        return account < 0 || account >= accounts.length ? null : accounts[account].liveByClientId.get(clientOrderId);
    }

    /**
     * Visits every live order: those of every book, instrument by instrument, bids then asks, in
     * priority order; then the remote venue's working orders in order-id order.
     */
    public void forEachLiveOrder(Consumer<Order> visitor) {
        forEachBookOrder(visitor);
        remoteOrders.forEach(visitor);
    }

    private void forEachBookOrder(Consumer<Order> visitor) {
        for (OrderBook b : books) {
            b.forEachOrder(Side.BUY, visitor);
            b.forEachOrder(Side.SELL, visitor);
        }
    }

    // ------------------------------------------------------------------ snapshots

    /** 5: remote venue orders (and the ledger's external settlement account); 6: fee-tier overrides. */
    private static final int SNAPSHOT_FORMAT = 6;

    /** One live order in the snapshot (book and remote orders alike). */
    static void writeOrder(DataOutput out, Order o) throws IOException {
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
        out.writeLong(o.session());
    }

    /** Reads what {@link #writeOrder} wrote. */
    static Order readOrder(DataInput in) throws IOException {
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
        long session = in.readLong();
        return new Order().init(id, account, instrument, clientId, side, price, quantity, flags, tif, stp, ts)
                .restoreFills(quantity, remaining, filled).withSession(session);
    }

    /** A live order read from a snapshot joins the live-order, client-id and risk indexes. */
    private void indexRestored(Order o) {
        liveOrders.put(o.id(), o);
        risk.opened(o.account(), o.instrument(), o.side(), o.remaining());
        if (o.clientOrderId() != null) {
            accounts[o.account()].liveByClientId.put(o.clientOrderId(), o);
        }
    }

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
        }
        positions.write(out);
        fees.write(out);
        risk.write(out);
        alerts.write(out);
        mmp.write(out);
        breakers.write(out);
        for (long m : externalMark) {
            out.writeLong(m);
        }
        out.writeLong(pnlDay);
        for (long d : cancelAfterDeadline) {
            out.writeLong(d);
        }
        out.writeLong(nextMarkSweep);
        for (long m : sweptMarks) {
            out.writeLong(m);
        }
        for (boolean due : markToMarketDue) {
            out.writeBoolean(due);
        }
        for (boolean r : remote) {
            out.writeBoolean(r);
        }
        out.writeInt(liveOrders.size() - remoteOrders.size());
        IOException[] failure = new IOException[1];
        forEachBookOrder(o -> {
            try {
                writeOrder(out, o);
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        remoteOrders.write(out);
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
        }
        positions.read(in);
        fees.read(in);
        risk.read(in);
        alerts.read(in);
        mmp.read(in);
        breakers.read(in);
        for (int i = 0; i < externalMark.length; i++) {
            externalMark[i] = in.readLong();
        }
        pnlDay = in.readLong();
        for (int a = 0; a < cancelAfterDeadline.length; a++) {
            cancelAfterDeadline[a] = in.readLong();
        }
        recomputeEarliestDeadline();
        nextMarkSweep = in.readLong();
        for (int i = 0; i < sweptMarks.length; i++) {
            sweptMarks[i] = in.readLong();
        }
        for (int a = 0; a < markToMarketDue.length; a++) {
            markToMarketDue[a] = in.readBoolean();
        }
        for (int i = 0; i < instruments.length; i++) {
            markDirty(i);
        }
        for (int i = 0; i < remote.length; i++) {
            if (in.readBoolean() != remote[i]) {
                throw new IOException("instrument " + instruments[i].symbol() + " was "
                        + (remote[i] ? "on the embedded book" : "routed to a remote venue")
                        + " when the snapshot was taken: change its venue only with no open orders, from a fresh data directory");
            }
        }
        int orders = in.readInt();
        this.out = new ArrayList<>(); // level callbacks during restore are not events
        for (int k = 0; k < orders; k++) {
            Order o = readOrder(in);
            books[o.instrument()].rest(o);
            indexRestored(o);
        }
        remoteOrders.read(in, o -> {
            indexRestored(o);
        });
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
