package io.hyperindex.gateway.api.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.ops.http.WsConnection;
import io.hyperindex.gateway.ops.http.WsText;
import io.hyperindex.gateway.risk.PositionBook;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The one thread between the engine and the {@code /ws/v1} connections. The engine thread
 * only offers each durable result to a bounded queue (never waiting); event loops offer
 * subscription changes to the same queue, so subscriptions and events are applied in one
 * order. Each event is serialised to JSON once and the same bytes are queued to every
 * subscriber ({@link WsConnection#send(WsText)}).
 *
 * <p>Books are mirrored here from an engine snapshot plus the deltas after it; a subscriber's
 * snapshot comes from the mirror, at the mirror's sequence, and the deltas after it follow in
 * order. A gap in the deltas (the queue overflowed) reloads the mirror and sends the new
 * snapshot to every subscriber of that book. An overflow of the queue loses events that
 * private channels cannot restore, so it closes every connection with {@value #OVERLOADED_CLOSE}.
 */
final class WsFanOut implements Consumer<CommandResult>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WsFanOut.class);
    /** Close code when the gateway could not keep up and events were lost (try again later). */
    static final int OVERLOADED_CLOSE = 1013;
    /** How long the fan-out thread sleeps when idle; results that did not wake it wait at most this. */
    static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final WsMessages messages;
    private final int instrumentCount;
    private final Collection<WsSession> sessions;
    /** Engine results and tasks for the fan-out thread (many producers: the engine thread and the event loops). */
    private final ManyToOneConcurrentArrayQueue<Object> queue;
    private volatile boolean parked;
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final LongAdder slowConsumers = new LongAdder();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Engine engine;

    // --- owned by the fan-out thread ---
    private final BookMirror[] books;
    private final boolean[] snapshotAsked;
    private final WsText[] snapshotCache;
    private final long[] lastPrice;
    private final RollingVolume[] volume;
    private final boolean[] tickerChanged;
    private final Topic[][] publicTopics;
    private final Map<Topic, Set<WsSession>> subscribers = new HashMap<>();
    private final List<WsSession> dead = new ArrayList<>();
    private long lastVolumeMinute;
    /** The book channels: every change, then the conflated ones. */
    private static final Topic.Channel[] BOOKS = {Topic.Channel.BOOK, Topic.Channel.BOOK_100MS, Topic.Channel.BOOK_1000MS};
    /** The conflated book channels, and per channel and instrument the changes not yet sent. */
    private static final Topic.Channel[] CONFLATED = {Topic.Channel.BOOK_100MS, Topic.Channel.BOOK_1000MS};
    private final Conflation[][] conflations;
    private final long[] nextConflatedFlush = new long[CONFLATED.length];

    /** Book changes since a conflated channel's last delta: the latest quantity of each level. */
    private static final class Conflation {
        final java.util.TreeMap<Long, Long> bids = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        final java.util.TreeMap<Long, Long> asks = new java.util.TreeMap<>();
        long prevSeq = -1;
        long seq;
        long time;

        void clear() {
            bids.clear();
            asks.clear();
            prevSeq = -1;
        }
    }

    /**
     * @param sessions the open sessions (a concurrent view): closed all at once on an overflow
     * @param capacity results and tasks that may wait for the thread
     */
    WsFanOut(WsMessages messages, int instrumentCount, Collection<WsSession> sessions, int capacity) {
        this.messages = messages;
        this.instrumentCount = instrumentCount;
        this.sessions = sessions;
        this.queue = new ManyToOneConcurrentArrayQueue<>(capacity);
        this.books = new BookMirror[instrumentCount];
        this.snapshotAsked = new boolean[instrumentCount];
        this.snapshotCache = new WsText[instrumentCount];
        this.lastPrice = new long[instrumentCount];
        this.volume = new RollingVolume[instrumentCount];
        this.tickerChanged = new boolean[instrumentCount];
        this.publicTopics = new Topic[Topic.Channel.values().length][instrumentCount];
        this.conflations = new Conflation[CONFLATED.length][instrumentCount];
        for (Conflation[] row : conflations) {
            for (int i = 0; i < instrumentCount; i++) {
                row[i] = new Conflation();
            }
        }
        for (int i = 0; i < instrumentCount; i++) {
            books[i] = new BookMirror();
            volume[i] = new RollingVolume();
            for (Topic.Channel c : Topic.Channel.values()) {
                publicTopics[c.ordinal()][i] = new Topic(c, i);
            }
        }
        this.thread = new Thread(this::run, "ws-fanout");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts following {@code started}: subscribes to its results, then loads every book. */
    void attach(Engine started) {
        this.engine = started;
        started.subscribe(this);
        if (!submit(() -> {
            for (int i = 0; i < instrumentCount; i++) {
                askSnapshot(i);
            }
        })) {
            overflowed.set(true);
        }
    }

    boolean attached() {
        Engine e = engine;
        return e != null && e.isReady();
    }

    /**
     * On the engine thread: hands the result over, never waiting. With no WebSocket connection
     * open the fan-out thread is not woken for it: it picks the results up within
     * {@link #IDLE_PARK_NANOS} (it keeps the book mirrors and ticker volumes current for the
     * next subscriber), and the engine thread saves a thread wake-up per batch, which on a
     * machine with few cores the other protocols' latency pays for.
     */
    @Override
    public void accept(CommandResult result) {
        if (!queue.offer(result)) {
            overflowed.set(true);
        } else if (parked && !sessions.isEmpty()) {
            LockSupport.unpark(thread);
        }
    }

    /** Queues a task for the fan-out thread; false if the queue is full (the caller answers "overloaded"). */
    boolean submit(Runnable task) {
        if (!running || !queue.offer(task)) {
            return false;
        }
        if (parked) {
            LockSupport.unpark(thread);
        }
        return true;
    }

    /** Connections cut off as slow consumers so far. */
    long slowConsumers() {
        return slowConsumers.sum();
    }

    /** Results and tasks waiting for the fan-out thread. */
    int backlog() {
        return queue.size();
    }

    private void run() {
        while (running) {
            Object next = queue.poll();
            if (overflowed.getAndSet(false)) {
                recoverFromOverflow();
            }
            long untilFlush = flushConflated();
            if (next == null) {
                parked = true;
                if (queue.isEmpty() && running) { // re-check after publishing the flag: no lost wake-up
                    LockSupport.parkNanos(this, Math.min(IDLE_PARK_NANOS, untilFlush));
                }
                parked = false;
                continue;
            }
            try {
                if (next instanceof CommandResult r) {
                    onResult(r);
                } else {
                    ((Runnable) next).run();
                }
            } catch (RuntimeException e) {
                log.error("WebSocket fan-out failed on {}; continuing", next, e);
            }
            removeDead();
        }
    }

    /**
     * Sends each conflated book channel's delta once its interval has passed (only books that
     * changed, only to channels with subscribers); returns the nanoseconds until the next one is
     * due (a long time if nobody subscribes to a conflated channel).
     */
    private long flushConflated() {
        long now = System.nanoTime();
        long until = Long.MAX_VALUE;
        for (int k = 0; k < CONFLATED.length; k++) {
            boolean due = now - nextConflatedFlush[k] >= 0;
            boolean anyone = false;
            for (int i = 0; i < instrumentCount; i++) {
                Topic t = topic(CONFLATED[k], i);
                Conflation c = conflations[k][i];
                if (!has(t)) {
                    if (due) {
                        c.clear();
                    }
                    continue;
                }
                anyone = true;
                if (due && c.prevSeq >= 0) {
                    publish(t, messages.conflatedDelta(i, CONFLATED[k].interval(), c.prevSeq, c.seq, c.time, c.bids, c.asks));
                    c.clear();
                }
            }
            if (due) {
                nextConflatedFlush[k] = now + TimeUnit.MILLISECONDS.toNanos(CONFLATED[k].intervalMillis);
                removeDead();
            }
            if (anyone) {
                until = Math.min(until, nextConflatedFlush[k] - now);
            }
        }
        return Math.max(until, 0);
    }

    private void recoverFromOverflow() {
        log.warn("the WebSocket fan-out queue overflowed: events were lost; closing {} connections ({})",
                sessions.size(), OVERLOADED_CLOSE);
        for (WsSession s : sessions) {
            s.connection.close(OVERLOADED_CLOSE, "gateway overloaded: reconnect and resubscribe");
        }
        subscribers.clear();
        for (Conflation[] row : conflations) {
            for (Conflation c : row) {
                c.clear();
            }
        }
        for (int i = 0; i < instrumentCount; i++) {
            books[i].invalidate();
            snapshotAsked[i] = false;
            askSnapshot(i);
        }
    }

    // ------------------------------------------------------------------ subscriptions (fan-out thread)

    /** Adds the subscription, acknowledges it and sends its initial state (a book snapshot, the ticker, the positions). */
    void subscribe(WsSession s, Topic topic, JsonNode id, String symbol) {
        if (!s.connection.isOpen()) {
            return;
        }
        for (int k = 0; k < CONFLATED.length; k++) {
            if (topic.channel() == CONFLATED[k] && !has(topic)) {
                // changes are gathered only while someone subscribes: with nobody, what is gathered may be stale
                conflations[k][topic.target()].clear();
            }
        }
        subscribers.computeIfAbsent(topic, k -> new LinkedHashSet<>()).add(s);
        send(s, WsMessages.encode(WsMessages.subscription("subscribed", id, topic, symbol)));
        int i = topic.target();
        switch (topic.channel()) {
            case BOOK, BOOK_100MS, BOOK_1000MS -> {
                if (books[i].loaded()) {
                    send(s, snapshot(i));
                } else {
                    askSnapshot(i); // the snapshot goes to every subscriber of the book once loaded
                }
            }
            case TICKER -> {
                if (books[i].loaded()) {
                    send(s, ticker(i, now()));
                }
            }
            case POSITIONS -> queryPositions(i, null, s);
            default -> {
            }
        }
    }

    void unsubscribe(WsSession s, Topic topic, JsonNode id, String symbol) {
        Set<WsSession> subs = subscribers.get(topic);
        if (subs != null) {
            subs.remove(s);
        }
        send(s, WsMessages.encode(WsMessages.subscription("unsubscribed", id, topic, symbol)));
    }

    /** The connection closed: forget its subscriptions. */
    void closed(WsSession s, Collection<Topic> topics) {
        for (Topic t : topics) {
            Set<WsSession> subs = subscribers.get(t);
            if (subs != null) {
                subs.remove(s);
            }
        }
    }

    private void send(WsSession s, WsText message) {
        if (!s.connection.send(message)) {
            dead.add(s);
        }
    }

    private boolean has(Topic t) {
        Set<WsSession> subs = subscribers.get(t);
        return subs != null && !subs.isEmpty();
    }

    private void publish(Topic t, WsText message) {
        Set<WsSession> subs = subscribers.get(t);
        if (subs == null) {
            return;
        }
        for (WsSession s : subs) {
            send(s, message);
        }
    }

    /** Sessions whose send failed: cut off (counted once) or closed; they leave every topic. */
    private void removeDead() {
        if (dead.isEmpty()) {
            return;
        }
        for (WsSession s : dead) {
            if (!s.cutOff && s.connection.closeCode() == WsConnection.SLOW_CONSUMER_CLOSE) {
                s.cutOff = true;
                slowConsumers.increment();
                log.info("WebSocket client {} cut off as a slow consumer", s.connection.remote());
            }
        }
        for (Set<WsSession> subs : subscribers.values()) {
            subs.removeAll(dead);
        }
        dead.clear();
    }

    private Topic topic(Topic.Channel c, int instrument) {
        return publicTopics[c.ordinal()][instrument];
    }

    // ------------------------------------------------------------------ books

    private void askSnapshot(int i) {
        Engine e = engine;
        if (e == null || snapshotAsked[i]) {
            return;
        }
        snapshotAsked[i] = true;
        books[i].invalidate();
        e.query(me -> me.l2Snapshot(i, Integer.MAX_VALUE)).whenComplete((snap, err) -> {
            if (!queue.offer((Runnable) () -> loaded(i, snap, err))) {
                overflowed.set(true);
            }
        });
    }

    private void loaded(int i, io.hyperindex.gateway.domain.BookSnapshot snap, Throwable err) {
        snapshotAsked[i] = false;
        if (err != null) {
            log.warn("no snapshot of book {} for WebSocket subscribers: {}", i, err.toString());
            return;
        }
        books[i].load(snap);
        snapshotCache[i] = null;
        for (Topic.Channel c : BOOKS) {
            Topic book = topic(c, i);
            if (has(book)) {
                publish(book, snapshot(i));
            }
        }
        for (Conflation[] row : conflations) {
            row[i].clear(); // the snapshot has every change so far
        }
        Topic ticker = topic(Topic.Channel.TICKER, i);
        if (has(ticker)) {
            publish(ticker, ticker(i, now()));
        }
    }

    /** The mirror's snapshot, serialised once per book sequence however many subscribe at it. */
    private WsText snapshot(int i) {
        WsText cached = snapshotCache[i];
        if (cached == null) {
            cached = messages.bookSnapshot(i, books[i]);
            snapshotCache[i] = cached;
        }
        return cached;
    }

    private WsText ticker(int i, long time) {
        long minute = time / 60_000_000_000L;
        if (minute != lastVolumeMinute) {
            lastVolumeMinute = minute;
            for (RollingVolume v : volume) {
                v.advance(time);
            }
        }
        return messages.ticker(i, books[i], lastPrice[i], volume[i].quantity(), volume[i].notional(), time);
    }

    // ------------------------------------------------------------------ engine results

    private long lastResultTime;

    /** The time of the last engine result seen, or the wall clock before the first (epoch nanos). */
    private long now() {
        return lastResultTime > 0 ? lastResultTime : System.currentTimeMillis() * 1_000_000L;
    }

    private void onResult(CommandResult r) {
        long time = r.timestamp();
        lastResultTime = time;
        List<long[]> positionsChanged = null;
        List<EngineEvent> events = r.events();
        for (int k = 0; k < events.size(); k++) {
            EngineEvent e = events.get(k);
            if (e instanceof EngineEvent.BookDelta d) {
                onDelta(d, time);
            } else if (e instanceof EngineEvent.TradeExecuted t) {
                lastPrice[t.instrument()] = t.price();
                volume[t.instrument()].add(t.timestamp(), t.quantity(), t.notional());
                tickerChanged[t.instrument()] = true;
                Topic trades = topic(Topic.Channel.TRADES, t.instrument());
                if (has(trades)) {
                    publish(trades, messages.trade(t));
                }
                for (boolean maker : new boolean[]{true, false}) {
                    int account = maker ? t.makerAccount() : t.takerAccount();
                    Topic orders = new Topic(Topic.Channel.ORDERS, account);
                    if (has(orders)) {
                        publish(orders, messages.orderFilled(t, maker));
                    }
                    Topic fills = new Topic(Topic.Channel.FILLS, account);
                    if (has(fills)) {
                        publish(fills, messages.fill(t, maker));
                    }
                    if (has(new Topic(Topic.Channel.POSITIONS, account))) {
                        if (positionsChanged == null) {
                            positionsChanged = new ArrayList<>();
                        }
                        positionsChanged.add(new long[]{account, t.instrument()});
                    }
                }
            } else if (e instanceof EngineEvent.OrderAccepted a) {
                Topic orders = new Topic(Topic.Channel.ORDERS, a.account());
                if (has(orders)) {
                    publish(orders, messages.orderAccepted(a));
                }
            } else if (e instanceof EngineEvent.OrderCancelled c) {
                Topic orders = new Topic(Topic.Channel.ORDERS, c.account());
                if (has(orders)) {
                    publish(orders, messages.orderCancelled(c, time));
                }
            } else if (e instanceof EngineEvent.OrderAmended a) {
                Topic orders = new Topic(Topic.Channel.ORDERS, a.account());
                if (has(orders)) {
                    publish(orders, messages.orderAmended(a, time));
                }
            } else if (e instanceof EngineEvent.OrderRejected x) {
                if (x.account() >= 0) {
                    Topic orders = new Topic(Topic.Channel.ORDERS, x.account());
                    if (has(orders)) {
                        publish(orders, messages.orderRejected(x, time));
                    }
                }
            } else {
                onPossibleAlert(e);
            }
        }
        for (int i = 0; i < instrumentCount; i++) {
            if (tickerChanged[i]) {
                tickerChanged[i] = false;
                Topic ticker = topic(Topic.Channel.TICKER, i);
                if (books[i].loaded() && has(ticker)) {
                    publish(ticker, ticker(i, time));
                }
            }
        }
        if (positionsChanged != null) {
            for (long[] p : positionsChanged) {
                queryPositions((int) p[0], (int) p[1], null);
            }
        }
    }

    private void onDelta(EngineEvent.BookDelta d, long time) {
        int i = d.instrument();
        BookMirror book = books[i];
        if (!book.loaded()) {
            return; // a snapshot is on its way; it includes this delta or a later state
        }
        switch (book.apply(d)) {
            case APPLIED -> {
                snapshotCache[i] = null;
                tickerChanged[i] = true;
                Topic t = topic(Topic.Channel.BOOK, i);
                if (has(t)) {
                    publish(t, messages.bookDelta(d, time));
                }
                for (int k = 0; k < CONFLATED.length; k++) {
                    if (has(topic(CONFLATED[k], i))) {
                        Conflation c = conflations[k][i];
                        if (c.prevSeq < 0) {
                            c.prevSeq = d.bookSequence() - 1;
                        }
                        for (EngineEvent.LevelUpdate u : d.levels()) {
                            (u.side() == io.hyperindex.gateway.domain.Side.BUY ? c.bids : c.asks).put(u.price(), u.quantity());
                        }
                        c.seq = d.bookSequence();
                        c.time = time;
                    }
                }
            }
            case GAP -> {
                log.warn("WebSocket book mirror {} missed deltas ({} then {}): reloading", i, book.sequence(), d.bookSequence());
                askSnapshot(i);
            }
            case STALE -> {
            }
        }
    }

    private void onPossibleAlert(EngineEvent e) {
        if (!(e instanceof EngineEvent.RiskAlert || e instanceof EngineEvent.MmpTriggered
                || e instanceof EngineEvent.KillSwitchChanged || e instanceof EngineEvent.CircuitBreakerTripped)) {
            return;
        }
        for (Map.Entry<Topic, Set<WsSession>> sub : subscribers.entrySet()) {
            if (sub.getKey().channel() == Topic.Channel.ALERTS && !sub.getValue().isEmpty()) {
                WsText alert = messages.alert(e, sub.getKey().target());
                if (alert != null) {
                    publish(sub.getKey(), alert);
                }
            }
        }
    }

    // ------------------------------------------------------------------ positions

    /**
     * Reads positions on the engine thread and sends them from this thread: one instrument's to
     * every positions subscriber of the account ({@code to} null), or all of them, as the
     * initial snapshot, to one new subscriber.
     */
    private void queryPositions(int account, Integer instrument, WsSession to) {
        Engine e = engine;
        if (e == null) {
            return;
        }
        e.query(me -> positions(me, account, instrument)).whenComplete((rows, err) -> {
            if (err != null) {
                return;
            }
            Runnable task = () -> {
                if (to != null) {
                    send(to, messages.positions(rows, true));
                } else {
                    Topic t = new Topic(Topic.Channel.POSITIONS, account);
                    if (has(t)) {
                        publish(t, messages.positions(rows, false));
                    }
                }
            };
            if (!queue.offer(task)) {
                overflowed.set(true);
            }
        });
    }

    private static List<WsMessages.PositionRow> positions(MatchingEngine me, int account, Integer instrument) {
        PositionBook p = me.positions();
        List<WsMessages.PositionRow> rows = new ArrayList<>();
        for (int i = 0; i < me.instrumentCount(); i++) {
            if (instrument != null && i != instrument) {
                continue;
            }
            long qty = p.position(account, i);
            if (instrument == null && qty == 0 && p.realized(account, i) == 0 && p.fees(account, i) == 0) {
                continue;
            }
            long mark = me.markPrice(i);
            rows.add(new WsMessages.PositionRow(i, qty, p.averageEntry(account, i).toPlainString(), mark,
                    p.unrealized(account, i, mark), p.realized(account, i), p.fees(account, i)));
        }
        return rows;
    }

    @Override
    public void close() {
        running = false;
        Engine e = engine;
        if (e != null) {
            e.unsubscribe(this);
        }
        LockSupport.unpark(thread);
    }
}
