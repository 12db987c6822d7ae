package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.book.Order;
import io.hyperindex.gateway.book.OrderBook;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.fees.FeePolicy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine and the {@link ReferenceBookModel} side by side: every command goes to both,
 * and {@link #run} fails as soon as their events differ. {@link #checkState} compares the
 * complete books, orders, positions and cash, and checks the conservation invariants.
 * Every failure message names the seed, the command index and the command.
 */
final class ReferenceTwin {
    /** One resting order as both sides report it: id and remaining quantity, in priority order. */
    record RestingOrder(long id, int account, long remaining) {
    }

    /** One price level: its price, its total and its orders in time priority. */
    record BookLevel(long price, long total, List<RestingOrder> orders) {
    }

    final MatchingEngine engine;
    final ReferenceBookModel model;
    final long seed;
    final int instrumentCount;
    final int accountCount;
    private long clock;
    private long index = -1;
    private Command current;
    private final ArrayDeque<String> recent = new ArrayDeque<>();
    private final long[] bookSequence;

    // per-order accounting built from the engine's events only: ordered = filled + open + cancelled
    private long[] ordered = new long[1 << 16];
    private long[] filled = new long[1 << 16];
    private long[] cancelled = new long[1 << 16];
    private long maxOrderId;
    private final Set<Long> touchedSinceCheck = new HashSet<>();

    /** Every how many commands the state hash is taken before the command. */
    static final int HASH_EVERY = 199;
    long rejectionsHashChecked;
    long tradesSeen;
    long rejectionsSeen;
    long cancelsSeen;
    final Map<String, Long> reasonCounts = new HashMap<>();

    ReferenceTwin(List<Instrument> instruments, List<String> accounts, long seed) {
        // one flat tier, so the model needs no tier logic: venue base rates, maker -1 bp, taker 3 bp
        this.engine = new MatchingEngine(instruments, accounts, FeePolicy.flat(-100, 300));
        this.model = new ReferenceBookModel(instruments, accounts.size(), -100, 300);
        this.seed = seed;
        this.instrumentCount = instruments.size();
        this.accountCount = accounts.size();
        this.bookSequence = new long[instruments.size()];
    }

    /** Applies {@code command} to engine and model, compares their events and market data, and returns the engine's events. */
    List<EngineEvent> run(Command command) {
        index++;
        current = command;
        recent.addLast("#" + index + " " + command);
        if (recent.size() > 12) {
            recent.removeFirst();
        }
        // now and then, prove a rejection leaves the engine's whole state (as hashed for snapshots) untouched
        // (not on the very first command: it starts the engine's clock, which is state too)
        String hashBefore = index % HASH_EVERY == 0 && clock > 0 ? engine.stateHash() : null;
        // the engine's clock is part of its state: hold it still when the hash is compared
        long ts = hashBefore != null ? clock : ++clock;
        List<EngineEvent> engineEvents = new ArrayList<>();
        try {
            engine.apply(ts, command, engineEvents);
        } catch (RuntimeException e) {
            throw fail("engine threw " + e, e);
        }
        List<EngineEvent> modelEvents = model.apply(ts, command);
        List<EngineEvent> lifecycle = new ArrayList<>();
        List<EngineEvent.BookDelta> deltas = new ArrayList<>();
        for (EngineEvent e : engineEvents) {
            if (e.isMarketData()) {
                deltas.add((EngineEvent.BookDelta) e);
            } else {
                if (!deltas.isEmpty()) {
                    throw fail("market data before a lifecycle event: " + engineEvents, null);
                }
                lifecycle.add(e);
            }
        }
        if (!lifecycle.equals(modelEvents)) {
            throw fail("events differ\n" + diff(lifecycle, modelEvents), null);
        }
        checkBookDeltas(deltas);
        if (hashBefore != null && lifecycle.size() == 1 && lifecycle.get(0) instanceof EngineEvent.OrderRejected) {
            rejectionsHashChecked++;
            if (!hashBefore.equals(engine.stateHash())) {
                throw fail("a rejected command changed the engine's state hash", null);
            }
        }
        account(lifecycle);
        return engineEvents;
    }

    private static String diff(List<EngineEvent> engine, List<EngineEvent> model) {
        StringBuilder sb = new StringBuilder();
        int n = Math.max(engine.size(), model.size());
        for (int i = 0; i < n; i++) {
            EngineEvent e = i < engine.size() ? engine.get(i) : null;
            EngineEvent m = i < model.size() ? model.get(i) : null;
            String mark = java.util.Objects.equals(e, m) ? "   " : ">>>";
            sb.append(mark).append(" engine: ").append(e).append('\n');
            sb.append(mark).append(" model:  ").append(m).append('\n');
        }
        return sb.toString();
    }

    private void checkBookDeltas(List<EngineEvent.BookDelta> deltas) {
        Map<Integer, Map<ReferenceBookModel.LevelKey, Long>> expected = model.levelsChangedByLastCommand();
        Set<Integer> seen = new HashSet<>();
        for (EngineEvent.BookDelta d : deltas) {
            int i = d.instrument();
            if (!seen.add(i)) {
                throw fail("two BookDelta events for instrument " + i + ": " + deltas, null);
            }
            if (d.bookSequence() != bookSequence[i] + 1) {
                throw fail("book sequence of instrument " + i + " jumped from " + bookSequence[i] + " to " + d.bookSequence(), null);
            }
            bookSequence[i] = d.bookSequence();
            Map<ReferenceBookModel.LevelKey, Long> got = new HashMap<>();
            for (EngineEvent.LevelUpdate u : d.levels()) {
                if (got.put(new ReferenceBookModel.LevelKey(i, u.side(), u.price()), u.quantity()) != null) {
                    throw fail("level listed twice in " + d, null);
                }
            }
            Map<ReferenceBookModel.LevelKey, Long> want = expected.getOrDefault(i, Map.of());
            if (!got.equals(want)) {
                throw fail("BookDelta " + d + " does not match the model's changed levels " + want, null);
            }
        }
        for (Integer i : expected.keySet()) {
            if (!seen.contains(i)) {
                throw fail("no BookDelta for instrument " + i + " although levels changed: " + expected.get(i), null);
            }
        }
    }

    // ------------------------------------------------------------------ per-order accounting from events

    private void ensure(long id) {
        if (id >= ordered.length) {
            int n = ordered.length;
            while (n <= id) {
                n *= 2;
            }
            ordered = Arrays.copyOf(ordered, n);
            filled = Arrays.copyOf(filled, n);
            cancelled = Arrays.copyOf(cancelled, n);
        }
    }

    private void account(List<EngineEvent> events) {
        for (EngineEvent e : events) {
            if (e instanceof EngineEvent.OrderAccepted a) {
                ensure(a.orderId());
                if (a.orderId() <= maxOrderId) {
                    throw fail("order id " + a.orderId() + " reused", null);
                }
                maxOrderId = a.orderId();
                ordered[(int) a.orderId()] = a.quantity();
                touchedSinceCheck.add(a.orderId());
            } else if (e instanceof EngineEvent.TradeExecuted t) {
                tradesSeen++;
                filled[(int) t.makerOrderId()] += t.quantity();
                filled[(int) t.takerOrderId()] += t.quantity();
                touchedSinceCheck.add(t.makerOrderId());
                touchedSinceCheck.add(t.takerOrderId());
            } else if (e instanceof EngineEvent.OrderCancelled c) {
                cancelsSeen++;
                reasonCounts.merge(c.reason().name(), 1L, Long::sum);
                cancelled[(int) c.orderId()] += c.cancelledQuantity();
                if (c.filledQuantity() != filled[(int) c.orderId()]) {
                    throw fail("OrderCancelled says filled " + c.filledQuantity() + " but trades add up to "
                            + filled[(int) c.orderId()] + ": " + c, null);
                }
                touchedSinceCheck.add(c.orderId());
            } else if (e instanceof EngineEvent.OrderAmended m) {
                ordered[(int) m.orderId()] = m.quantity();
                touchedSinceCheck.add(m.orderId());
            } else if (e instanceof EngineEvent.OrderRejected r) {
                rejectionsSeen++;
                reasonCounts.merge(r.reason().name(), 1L, Long::sum);
            }
        }
    }

    private void checkOrderAccounting(long id) {
        Order o = engine.liveOrder(id);
        long open = o == null ? 0 : o.remaining();
        int i = (int) id;
        if (filled[i] + open + cancelled[i] != ordered[i]) {
            throw fail("order " + id + ": filled " + filled[i] + " + open " + open + " + cancelled " + cancelled[i]
                    + " != ordered " + ordered[i], null);
        }
    }

    /** Checks every order ever accepted (slow; for the end of a run). */
    void checkAllOrderAccounting() {
        for (long id = 1; id <= maxOrderId; id++) {
            checkOrderAccounting(id);
        }
    }

    // ------------------------------------------------------------------ full state comparison and invariants

    /** Compares the engine's complete state with the model's and checks the invariants. */
    void checkState() {
        for (long id : touchedSinceCheck) {
            checkOrderAccounting(id);
        }
        touchedSinceCheck.clear();
        engine.forEachLiveOrder(o -> checkOrderAccounting(o.id()));

        long cashSum = engine.venueFeeCash();
        for (int a = 0; a < accountCount; a++) {
            cashSum += engine.cash(a);
            if (engine.cash(a) != model.cash(a)) {
                throw fail("cash of account " + a + ": engine " + engine.cash(a) + ", model " + model.cash(a), null);
            }
        }
        if (cashSum != 0) {
            throw fail("cash of all accounts plus venue fees is " + cashSum + ", not 0", null);
        }
        // the double-entry ledger itself: every asset's balances sum to zero
        var ledger = engine.fees().ledger();
        for (io.hyperindex.gateway.fees.LedgerAccount.Asset asset : io.hyperindex.gateway.fees.LedgerAccount.Asset.values()) {
            if (ledger.total(asset) != 0) {
                throw fail("ledger balances in " + asset + " sum to " + ledger.total(asset) + ", not 0", null);
            }
        }
        if (engine.venueFeeCash() != model.venueFeeCash()) {
            throw fail("venue fee cash: engine " + engine.venueFeeCash() + ", model " + model.venueFeeCash(), null);
        }
        for (int i = 0; i < instrumentCount; i++) {
            long posSum = 0;
            for (int a = 0; a < accountCount; a++) {
                long p = engine.account(a).position(i);
                posSum += p;
                if (p != model.position(a, i)) {
                    throw fail("position of account " + a + " on " + i + ": engine " + p + ", model " + model.position(a, i), null);
                }
            }
            if (posSum != 0) {
                throw fail("positions on instrument " + i + " sum to " + posSum, null);
            }
            if (engine.status(i) != model.status(i)) {
                throw fail("status of " + i + ": engine " + engine.status(i) + ", model " + model.status(i), null);
            }
            if (engine.referencePrice(i) != model.referencePrice(i)) {
                throw fail("reference price of " + i + ": engine " + engine.referencePrice(i) + ", model " + model.referencePrice(i), null);
            }
            OrderBook b = engine.book(i);
            long bid = b.bestPrice(Side.BUY);
            long ask = b.bestPrice(Side.SELL);
            if (bid != 0 && ask != 0 && bid >= ask) {
                throw fail("book " + i + " is crossed: bid " + bid + " >= ask " + ask, null);
            }
            for (Side s : Side.values()) {
                List<BookLevel> e = engineLevels(b, s);
                List<BookLevel> m = modelLevels(i, s);
                if (!e.equals(m)) {
                    throw fail("book " + i + " " + s + " differs\n engine: " + e + "\n model:  " + m, null);
                }
            }
        }
        int[] open = new int[accountCount];
        long[][][] openQty = new long[accountCount][instrumentCount][2];
        for (ReferenceBookModel.ModelOrder mo : model.liveOrders().values()) {
            open[mo.account()]++;
            openQty[mo.account()][mo.instrument()][mo.side().ordinal()] += mo.remaining();
        }
        // the pre-trade risk bookkeeping (worst-case position limits) must match the live orders
        for (int a = 0; a < accountCount; a++) {
            for (int i = 0; i < instrumentCount; i++) {
                for (io.hyperindex.gateway.domain.Side side : io.hyperindex.gateway.domain.Side.values()) {
                    long e = engine.risk().openQuantity(a, i, side);
                    if (e != openQty[a][i][side.ordinal()]) {
                        throw fail("open " + side + " quantity of account " + a + " on " + i + ": engine " + e
                                + ", model " + openQty[a][i][side.ordinal()], null);
                    }
                }
            }
        }
        for (int a = 0; a < accountCount; a++) {
            if (engine.risk().openOrders(a) != open[a]) {
                throw fail("open orders of account " + a + ": engine " + engine.risk().openOrders(a) + ", model " + open[a], null);
            }
        }
        if (engine.liveOrderCount() != model.liveOrders().size()) {
            throw fail("live orders: engine " + engine.liveOrderCount() + ", model " + model.liveOrders().size(), null);
        }
        for (ReferenceBookModel.ModelOrder mo : model.liveOrders().values()) {
            Order eo = engine.liveOrder(mo.id());
            if (eo == null || eo.remaining() != mo.remaining() || eo.filled() != mo.filled() || eo.quantity() != mo.quantity()
                    || eo.price() != mo.price() || eo.account() != mo.account() || eo.side() != mo.side()
                    || !java.util.Objects.equals(eo.clientOrderId(), mo.clientOrderId())) {
                throw fail("live order " + mo.id() + ": engine " + eo + ", model " + mo, null);
            }
        }
        if (engine.nextOrderId() != model.nextOrderId()) {
            throw fail("next order id: engine " + engine.nextOrderId() + ", model " + model.nextOrderId(), null);
        }
    }

    private List<BookLevel> engineLevels(OrderBook b, Side s) {
        List<BookLevel> levels = new ArrayList<>();
        for (int r = 0; r < b.levelCount(s); r++) {
            List<RestingOrder> orders = new ArrayList<>();
            long sum = 0;
            for (Order o = b.levelHead(s, r); o != null; o = o.nextInLevel()) {
                orders.add(new RestingOrder(o.id(), o.account(), o.remaining()));
                sum += o.remaining();
                if (o.price() != b.levelPrice(s, r)) {
                    throw fail("order " + o + " sits in level " + b.levelPrice(s, r), null);
                }
            }
            if (sum != b.levelTotal(s, r) || orders.size() != b.levelOrderCount(s, r)) {
                throw fail("engine level " + b.levelPrice(s, r) + " total " + b.levelTotal(s, r) + " / count "
                        + b.levelOrderCount(s, r) + " but its orders sum to " + sum + " / " + orders.size(), null);
            }
            levels.add(new BookLevel(b.levelPrice(s, r), b.levelTotal(s, r), orders));
        }
        return levels;
    }

    private List<BookLevel> modelLevels(int instrument, Side s) {
        List<BookLevel> levels = new ArrayList<>();
        List<RestingOrder> orders = null;
        long price = 0;
        long total = 0;
        for (ReferenceBookModel.ModelOrder o : model.ordersInPriority(instrument, s)) {
            if (orders == null || o.price() != price) {
                if (orders != null) {
                    levels.add(new BookLevel(price, total, orders));
                }
                orders = new ArrayList<>();
                price = o.price();
                total = 0;
            }
            orders.add(new RestingOrder(o.id(), o.account(), o.remaining()));
            total += o.remaining();
        }
        if (orders != null) {
            levels.add(new BookLevel(price, total, orders));
        }
        return levels;
    }

    // ------------------------------------------------------------------ failures

    long commandIndex() {
        return index;
    }

    AssertionError fail(String what, Throwable cause) {
        StringBuilder sb = new StringBuilder();
        sb.append(what).append('\n');
        sb.append("seed=").append(seed).append(" (re-run with -Dseed=").append(seed).append(")")
                .append(", command index ").append(index).append(": ").append(current).append('\n');
        sb.append("recent commands:\n");
        for (String r : recent) {
            sb.append("  ").append(r).append('\n');
        }
        AssertionError e = new AssertionError(sb.toString());
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
