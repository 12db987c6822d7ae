package io.hyperindex.gateway.mm;

import io.hyperindex.gateway.domain.BookSnapshot;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.CommandResult;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The market maker on one symbol: keeps its view of the book from the engine's snapshot and
 * deltas, feeds the estimators, plans the ladder and reconciles it with its live orders, and
 * runs its share of the risk guard. Single-threaded: only the market maker's own thread (or
 * the simulator's) calls it. Every order it sends goes through the engine like a partner's.
 */
final class SymbolMaker {
    /** How a symbol asks its owner to send a command (the owner tracks it until its result arrives). */
    interface Sender {
        void send(SymbolMaker from, Command command);
    }

    /** One ladder slot: at most one live order, at most one command in flight for it. */
    static final class Slot {
        String clientId;
        long orderId;
        long price;
        long size;
        long remaining;
        long placedAt;
        Command inFlight;

        boolean live() {
            return clientId != null;
        }

        void clear() {
            clientId = null;
            orderId = 0;
            price = 0;
            size = 0;
            remaining = 0;
        }
    }

    /** A fill waiting for its mark-outs; {@code price} is the fair price when it happened. */
    private record PendingMarkout(long time, int sign, double price, boolean oneSecondDone) {
    }

    final Instrument ins;
    final int account;
    private final Sender sender;
    private final double usdPerUnit;
    MmParams params;
    private QuoteLadder ladder;
    private VolatilityEstimator vol;
    private IntensityEstimator intensity;
    private final TreeMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    private final TreeMap<Long, Long> asks = new TreeMap<>();
    private long bookSequence = -1;
    boolean synced;
    private Slot[] bidSlots;
    private Slot[] askSlots;
    private long clientSeq;
    private final String clientPrefix;

    MmState state = MmState.STOPPED;
    String reason = "";
    /** The pause reason last alerted, so that one pause raises one alert. */
    String lastAlerted;
    private boolean dirty;
    private double fair = Double.NaN;
    private long lastTrade;
    private long tradesSeen;
    private long fills;
    private boolean fitted;
    private double fittedA;
    private double fittedK;
    /** Fits with k or A outside these are not used. */
    static final double MIN_K_PER_BP = 0.01;
    static final double MAX_K_PER_BP = 100;
    static final double MAX_A = 1e6;
    private long nextRefit;

    // P&L in USDC
    long position;
    private double cashUsd;
    private double peakEquity;
    private double dayStartEquity;
    private double dayPeakPnl;
    private long dayEndsAt = Long.MIN_VALUE;
    private boolean reduceOnlyForTheDay;

    // risk guard and breakers
    private int rateLimitErrors;
    private final ArrayDeque<Long> apiErrors = new ArrayDeque<>();
    private final ArrayDeque<double[]> fairHistory = new ArrayDeque<>();
    private long nextFairSample;
    private long widenUntil;
    private long pausedUntil;
    private long resumeAt;

    // mark-outs
    private final ArrayDeque<PendingMarkout> markouts = new ArrayDeque<>();
    private double markout1Sum;
    private long markout1Count;
    private double markout10Sum;
    private long markout10Count;

    SymbolMaker(Instrument ins, int account, MmParams params, Sender sender) {
        this.ins = ins;
        this.account = account;
        this.sender = sender;
        this.usdPerUnit = ins.cashPerUnit() / 1e8;
        this.clientPrefix = "mm-" + ins.id() + "-" + Long.toString(System.nanoTime() & 0xffffff, 36) + "-";
        setParams(params);
    }

    /** Applies new knobs; estimator windows and the ladder size are rebuilt only when their knobs changed. */
    void setParams(MmParams p) {
        MmParams old = params;
        params = p;
        if (old == null || old.sampleNanos() != p.sampleNanos() || old.ewmaHalfLifeSeconds() != p.ewmaHalfLifeSeconds()
                || old.windowSeconds() != p.windowSeconds()) {
            VolatilityEstimator v = new VolatilityEstimator(p.sampleNanos(), p.ewmaHalfLifeSeconds(), p.windowSeconds());
            if (!Double.isNaN(fair)) {
                v.onMid(fair);
            }
            vol = v;
        }
        if (old == null || old.depthBucketBps() != p.depthBucketBps() || old.depthBuckets() != p.depthBuckets()
                || old.windowSeconds() != p.windowSeconds()) {
            long seen = intensity == null ? 0 : intensity.totalTrades();
            intensity = new IntensityEstimator(p.depthBucketBps(), p.depthBuckets(), p.windowSeconds());
            tradesSeen = Math.max(tradesSeen, seen);
            fitted = false;
        }
        if (ladder == null || bidSlots.length < p.levels()) {
            Slot[] nb = new Slot[p.levels()];
            Slot[] na = new Slot[p.levels()];
            for (int i = 0; i < nb.length; i++) {
                nb[i] = bidSlots != null && i < bidSlots.length ? bidSlots[i] : new Slot();
                na[i] = askSlots != null && i < askSlots.length ? askSlots[i] : new Slot();
            }
            bidSlots = nb;
            askSlots = na;
            ladder = new QuoteLadder(ins, p.levels());
        }
        dirty = true;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Starts (or restarts) from a fresh snapshot: the caller cancels leftovers and queries {@link #onSnapshot}. */
    void starting() {
        synced = false;
        state = MmState.WARMING_UP;
        reason = "";
    }

    /** The book, position and reference price as the engine had them after every earlier command. */
    void onSnapshot(BookSnapshot snap, long pos, long referencePrice, long now) {
        bids.clear();
        asks.clear();
        for (BookSnapshot.Level l : snap.bids()) {
            bids.put(l.price(), l.quantity());
        }
        for (BookSnapshot.Level l : snap.asks()) {
            asks.put(l.price(), l.quantity());
        }
        bookSequence = snap.bookSequence();
        synced = true;
        if (Double.isNaN(fair)) {
            fair = referencePrice;
            lastTrade = referencePrice;
        }
        updateFair();
        if (position != pos || dayEndsAt == Long.MIN_VALUE) {
            position = pos;
            cashUsd = -pos * fair * usdPerUnit; // P&L counts from here: equity starts at 0
            peakEquity = 0;
            dayStartEquity = 0;
            dayPeakPnl = 0;
        }
        if (dayEndsAt == Long.MIN_VALUE) {
            dayEndsAt = nextUtcMidnight(now);
        }
        nextRefit = now;
        dirty = true;
    }

    void stopped(MmState s, String why) {
        state = s;
        reason = why;
        dirty = false;
    }

    boolean active() {
        return state == MmState.QUOTING || state == MmState.REDUCE_ONLY || state == MmState.WARMING_UP;
    }

    /** Cancels this symbol's orders (the MassCancel's events clear the slots). */
    void cancelAll() {
        sender.send(this, new Command.MassCancel(account, ins.id(), null));
    }

    // ------------------------------------------------------------------ engine results

    /** One engine result; {@code own} is the command this symbol sent that produced it, else null. */
    void onResult(CommandResult r, Command own, long now) {
        double priorMid = bookMid();
        if (Double.isNaN(priorMid)) {
            priorMid = fair;
        }
        boolean marketChanged = false;
        long lastTaker = -1;
        double deepest = -1;
        List<EngineEvent> events = r.events();
        for (int i = 0; i < events.size(); i++) {
            EngineEvent e = events.get(i);
            if (e instanceof EngineEvent.BookDelta d) {
                if (d.instrument() == ins.id() && synced && d.bookSequence() > bookSequence) {
                    for (EngineEvent.LevelUpdate u : d.levels()) {
                        TreeMap<Long, Long> side = u.side() == Side.BUY ? bids : asks;
                        if (u.quantity() == 0) {
                            side.remove(u.price());
                        } else {
                            side.put(u.price(), u.quantity());
                        }
                    }
                    bookSequence = d.bookSequence();
                    marketChanged = true;
                }
            } else if (e instanceof EngineEvent.TradeExecuted t) {
                if (t.instrument() != ins.id()) {
                    continue;
                }
                lastTrade = t.price();
                marketChanged = true;
                if (t.takerOrderId() != lastTaker) {
                    if (deepest >= 0) {
                        tradeSeen(now, deepest);
                    }
                    lastTaker = t.takerOrderId();
                    deepest = -1;
                }
                if (priorMid > 0) {
                    deepest = Math.max(deepest, Math.abs(t.price() - priorMid) / priorMid * 1e4);
                }
                if (t.makerAccount() == account) {
                    Side mySide = t.takerSide() == Side.BUY ? Side.SELL : Side.BUY;
                    onFill(mySide, t.price(), t.quantity(), t.makerFee(), now);
                    Slot s = slotByOrder(t.makerOrderId());
                    if (s != null) {
                        s.remaining = t.makerRemaining();
                        if (s.remaining == 0) {
                            s.clear();
                        }
                    }
                }
                if (t.takerAccount() == account) {
                    onFill(t.takerSide(), t.price(), t.quantity(), t.takerFee(), now);
                }
            } else if (e instanceof EngineEvent.OrderAccepted a) {
                if (a.account() == account && a.instrument() == ins.id()) {
                    Slot s = slotByClient(a.clientOrderId());
                    if (s != null) {
                        s.orderId = a.orderId();
                    }
                }
            } else if (e instanceof EngineEvent.OrderCancelled c) {
                if (c.account() == account && c.instrument() == ins.id()) {
                    Slot s = slotByOrder(c.orderId());
                    if (s != null) {
                        s.clear();
                    }
                    dirty = true;
                }
            } else if (e instanceof EngineEvent.OrderAmended m) {
                if (m.account() == account && m.instrument() == ins.id()) {
                    Slot s = slotByOrder(m.orderId());
                    if (s != null) {
                        s.price = m.price();
                        s.size = m.quantity();
                        s.remaining = m.remaining();
                    }
                }
            } else if (e instanceof EngineEvent.OrderRejected rej && own != null && rej.account() == account) {
                onRejected(own, rej.reason(), now);
            }
        }
        if (deepest >= 0) {
            tradeSeen(now, deepest);
        }
        if (own != null) {
            for (Slot s : bidSlots) {
                if (s.inFlight == own) {
                    s.inFlight = null;
                }
            }
            for (Slot s : askSlots) {
                if (s.inFlight == own) {
                    s.inFlight = null;
                }
            }
        }
        if (marketChanged) {
            updateFair();
            dirty = true;
        }
    }

    private void tradeSeen(long now, double depthBps) {
        intensity.onTrade(now, depthBps);
        tradesSeen++;
    }

    private void onRejected(Command own, ReasonCode why, long now) {
        if (own instanceof Command.PlaceOrder p) {
            Slot s = slotByClient(p.clientOrderId());
            if (s != null) {
                s.clear();
            }
        } else if (own instanceof Command.AmendOrder a && why == ReasonCode.UNKNOWN_ORDER) {
            Slot s = slotByOrder(a.orderId());
            if (s != null) {
                s.clear();
            }
        }
        if (why == ReasonCode.RATE_LIMITED || why == ReasonCode.ENGINE_UNAVAILABLE) {
            rateLimitErrors++;
        }
        // a quote that the market crossed, or an order filled meanwhile, is the market, not an error
        if (why != ReasonCode.POST_ONLY_WOULD_CROSS && why != ReasonCode.UNKNOWN_ORDER) {
            apiErrors.addLast(now);
        }
        dirty = true;
    }

    private void onFill(Side side, long price, long qty, long feeCash, long now) {
        long signed = side == Side.BUY ? qty : -qty;
        position += signed;
        cashUsd -= signed * price * usdPerUnit + feeCash / 1e8;
        fills++;
        markouts.addLast(new PendingMarkout(now, side == Side.BUY ? 1 : -1, fair, false));
        dirty = true;
    }

    // ------------------------------------------------------------------ fair price

    private double bookMid() {
        if (bids.isEmpty() || asks.isEmpty()) {
            return Double.NaN;
        }
        return (bids.firstKey() + asks.firstKey()) / 2.0;
    }

    /** Open quantity of own orders at a price on one side. */
    private long ownAt(Slot[] slots, long price) {
        long q = 0;
        for (Slot s : slots) {
            if (s.live() && s.price == price) {
                q += s.remaining;
            }
        }
        return q;
    }

    /** Best price of others on a side (0 = none), and with {@code qtyOut} their size over the top levels. */
    private long bestOther(TreeMap<Long, Long> side, Slot[] own, int levels, long[] qtyOut) {
        long best = 0;
        long qty = 0;
        int seen = 0;
        for (Map.Entry<Long, Long> e : side.entrySet()) {
            long others = e.getValue() - ownAt(own, e.getKey());
            if (others <= 0) {
                continue;
            }
            if (best == 0) {
                best = e.getKey();
            }
            qty += others;
            if (++seen >= levels) {
                break;
            }
        }
        if (qtyOut != null) {
            qtyOut[0] = qty;
        }
        return best;
    }

    private final long[] bidQty = new long[1];
    private final long[] askQty = new long[1];

    /** Microprice of the book without its own orders; without a two-sided book of others, the last trade. */
    private void updateFair() {
        int levels = params.imbalanceLevels();
        long b = bestOther(bids, bidSlots, levels, bidQty);
        long a = bestOther(asks, askSlots, levels, askQty);
        if (b > 0 && a > 0 && a > b) {
            fair = Microprice.of(b, bidQty[0], a, askQty[0]);
        } else if (lastTrade > 0) {
            fair = lastTrade;
        }
        if (!Double.isNaN(fair)) {
            vol.onMid(fair);
        }
    }

    // ------------------------------------------------------------------ quoting

    double sigma() {
        double s = params.sigmaFromBipower() ? vol.bipowerSigma() : vol.ewmaSigma();
        if (Double.isNaN(s) || vol.samples() < 10) {
            return params.priorSigmaBps() * fair / 1e4;
        }
        return s;
    }

    double a() {
        return fitted ? fittedA : params.priorA();
    }

    double kPerBp() {
        return fitted ? fittedK : params.priorKPerBp();
    }

    /** Plans the ladder and sends the amends, places and cancels that bring the book to it. */
    void requote(long now) {
        if (!dirty || !synced || !active() || Double.isNaN(fair)) {
            return;
        }
        dirty = false;
        if (tradesSeen < params.warmupTrades()) {
            state = MmState.WARMING_UP;
            return;
        }
        boolean reduceOnly = reduceOnlyForTheDay || params.hedgeOnly();
        state = reduceOnly ? MmState.REDUCE_ONLY : MmState.QUOTING;
        long otherBid = bestOther(bids, bidSlots, 1, null);
        long otherAsk = bestOther(asks, askSlots, 1, null);
        ladder.plan(params, fair, sigma(), a(), kPerBp(), position, now < widenUntil ? widenFactor() : 1,
                true, true, reduceOnly, otherBid, otherAsk);
        boolean fairUp = askSlots[0].live() && ladder.askLevels > 0 && ladder.askPrice[0] > askSlots[0].price;
        if (fairUp) { // move the side that gets out of the way first, so that own quotes never cross
            reconcile(askSlots, ladder.askPrice, ladder.askSize, ladder.askLevels, Side.SELL, now);
            reconcile(bidSlots, ladder.bidPrice, ladder.bidSize, ladder.bidLevels, Side.BUY, now);
        } else {
            reconcile(bidSlots, ladder.bidPrice, ladder.bidSize, ladder.bidLevels, Side.BUY, now);
            reconcile(askSlots, ladder.askPrice, ladder.askSize, ladder.askLevels, Side.SELL, now);
        }
    }

    private double widenFactor() {
        return params.get(MmParams.Knob.BREAKER_WIDEN_FACTOR);
    }

    private void reconcile(Slot[] slots, long[] prices, long[] sizes, int wanted, Side side, long now) {
        double threshold = params.maxBpsDiff() * fair / 1e4;
        long refresh = params.forcedRefreshNanos();
        for (int i = 0; i < slots.length; i++) {
            Slot s = slots[i];
            if (s.inFlight != null) {
                continue;
            }
            if (i >= wanted || i >= params.levels()) {
                if (s.live() && s.orderId > 0) {
                    send(s, new Command.CancelOrder(account, s.orderId, null));
                }
                continue;
            }
            if (!s.live()) {
                s.clientId = clientPrefix + (++clientSeq);
                s.price = prices[i];
                s.size = sizes[i];
                s.remaining = sizes[i];
                s.placedAt = now;
                send(s, new Command.PlaceOrder(account, ins.id(), s.clientId, side, OrderType.LIMIT,
                        TimeInForce.GTC, prices[i], sizes[i], OrderFlags.POST_ONLY, null));
            } else if (s.orderId > 0 && prices[i] != s.price
                    && (Math.abs(prices[i] - s.price) > threshold || (refresh > 0 && now - s.placedAt >= refresh))) {
                long filled = s.size - s.remaining;
                s.placedAt = now;
                send(s, new Command.AmendOrder(account, s.orderId, null, prices[i], filled + sizes[i]));
            }
        }
    }

    private void send(Slot s, Command c) {
        s.inFlight = c;
        sender.send(this, c);
    }

    private Slot slotByOrder(long orderId) {
        for (Slot s : bidSlots) {
            if (s.live() && s.orderId == orderId) {
                return s;
            }
        }
        for (Slot s : askSlots) {
            if (s.live() && s.orderId == orderId) {
                return s;
            }
        }
        return null;
    }

    private Slot slotByClient(String clientId) {
        if (clientId == null) {
            return null;
        }
        for (Slot s : bidSlots) {
            if (clientId.equals(s.clientId)) {
                return s;
            }
        }
        for (Slot s : askSlots) {
            if (clientId.equals(s.clientId)) {
                return s;
            }
        }
        return null;
    }

    /** True while a command of this symbol is in flight. */
    boolean busy() {
        for (Slot s : bidSlots) {
            if (s.inFlight != null) {
                return true;
            }
        }
        for (Slot s : askSlots) {
            if (s.inFlight != null) {
                return true;
            }
        }
        return false;
    }

    int liveOrders() {
        int n = 0;
        for (Slot s : bidSlots) {
            n += s.live() ? 1 : 0;
        }
        for (Slot s : askSlots) {
            n += s.live() ? 1 : 0;
        }
        return n;
    }

    // ------------------------------------------------------------------ timer and risk guard

    double equity() {
        return Double.isNaN(fair) ? 0 : cashUsd + position * fair * usdPerUnit;
    }

    double dailyPnl() {
        return equity() - dayStartEquity;
    }

    /**
     * Time-driven work: volatility samples, refits, mark-outs, the day boundary, breaker
     * cooldowns and the risk guard's checks.
     *
     * @return a kill reason, or null
     */
    String onTimer(long now) {
        if (!synced || Double.isNaN(fair)) {
            return null;
        }
        vol.advance(now);
        if (now >= nextRefit) {
            nextRefit = now + params.refitNanos();
            // a fit outside these bounds is the censoring of a thin book (trades only where own quotes
            // rest), not the market: keep the priors or the last sane fit
            if (intensity.fit(now) && intensity.k() >= MIN_K_PER_BP && intensity.k() <= MAX_K_PER_BP
                    && intensity.a() > 0 && intensity.a() < MAX_A) {
                fittedA = intensity.a();
                fittedK = intensity.k();
                fitted = true;
                dirty = true;
            }
        }
        settleMarkouts(now, false);
        if (now >= dayEndsAt) {
            dayEndsAt = nextUtcMidnight(now);
            dayStartEquity = equity();
            dayPeakPnl = 0;
            rateLimitErrors = 0;
            reduceOnlyForTheDay = false;
        }
        if (state == MmState.PAUSED && now >= pausedUntil) {
            state = MmState.WARMING_UP;
            reason = "";
            dirty = true;
        }
        if (!active()) {
            return null;
        }
        if (params.forcedRefreshNanos() > 0) {
            dirty = true;
        }
        double eq = equity();
        peakEquity = Math.max(peakEquity, eq);
        double daily = eq - dayStartEquity;
        dayPeakPnl = Math.max(dayPeakPnl, daily);
        if (daily < -params.dailyLossLimitUsd()) {
            resumeAt = dayEndsAt;
            return "daily loss " + usd(-daily) + " USDC beyond the limit " + usd(params.dailyLossLimitUsd());
        }
        if (peakEquity - eq > params.maxDrawdownPct() / 100 * params.capitalUsd()) {
            return "drawdown " + usd(peakEquity - eq) + " USDC beyond " + usd(params.maxDrawdownPct()) + "% of capital";
        }
        double value = Math.abs(position * fair * usdPerUnit);
        if (value > params.maxPositionValueUsd()) {
            return "position value " + usd(value) + " USDC beyond " + usd(params.maxPositionValueUsd());
        }
        if (rateLimitErrors >= params.maxRateLimitErrors()) {
            return rateLimitErrors + " rate-limit errors today";
        }
        if ((params.trailingTakeProfitUsd() > 0 && daily >= params.trailingTakeProfitUsd())
                || (params.trailingStopLossUsd() > 0 && dayPeakPnl - daily >= params.trailingStopLossUsd())) {
            if (!reduceOnlyForTheDay) {
                reduceOnlyForTheDay = true;
                dirty = true;
            }
        }
        breakers(now);
        return null;
    }

    private void breakers(long now) {
        while (!apiErrors.isEmpty() && apiErrors.peekFirst() < now - seconds(MmParams.Knob.API_ERROR_WINDOW_SECONDS)) {
            apiErrors.pollFirst();
        }
        if (apiErrors.size() > params.get(MmParams.Knob.API_ERROR_LIMIT)) {
            apiErrors.clear();
            pause(now, seconds(MmParams.Knob.API_ERROR_PAUSE_SECONDS), "more than "
                    + (long) params.get(MmParams.Knob.API_ERROR_LIMIT) + " rejected commands within "
                    + (long) params.get(MmParams.Knob.API_ERROR_WINDOW_SECONDS) + " s");
            return;
        }
        if (now >= nextFairSample) {
            nextFairSample = now + 1_000_000_000L;
            fairHistory.addLast(new double[]{now, fair});
        }
        long longest = Math.max(seconds(MmParams.Knob.BREAKER_WIDEN_WINDOW_SECONDS),
                seconds(MmParams.Knob.BREAKER_CANCEL_WINDOW_SECONDS));
        while (!fairHistory.isEmpty() && fairHistory.peekFirst()[0] < now - longest) {
            fairHistory.pollFirst();
        }
        if (move(now, seconds(MmParams.Knob.BREAKER_CANCEL_WINDOW_SECONDS)) > params.get(MmParams.Knob.BREAKER_CANCEL_MOVE_PCT)) {
            fairHistory.clear();
            pause(now, seconds(MmParams.Knob.BREAKER_CANCEL_COOLDOWN_SECONDS), "price moved more than "
                    + params.asMap().get("breakerCancelMovePct") + "% within "
                    + params.asMap().get("breakerCancelWindowSeconds") + " s");
        } else if (now >= widenUntil
                && move(now, seconds(MmParams.Knob.BREAKER_WIDEN_WINDOW_SECONDS)) > params.get(MmParams.Knob.BREAKER_WIDEN_MOVE_PCT)) {
            widenUntil = now + seconds(MmParams.Knob.BREAKER_WIDEN_COOLDOWN_SECONDS);
            dirty = true;
        }
    }

    /** Largest move of the fair price within the last {@code window} nanos, percent of the low. */
    private double move(long now, long window) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (double[] s : fairHistory) {
            if (s[0] >= now - window) {
                lo = Math.min(lo, s[1]);
                hi = Math.max(hi, s[1]);
            }
        }
        return hi > 0 && lo > 0 ? (hi - lo) / lo * 100 : 0;
    }

    private void pause(long now, long nanos, String why) {
        state = MmState.PAUSED;
        reason = why;
        pausedUntil = now + nanos;
        cancelAll();
    }

    private long seconds(MmParams.Knob k) {
        return (long) (params.get(k) * 1e9);
    }

    /** When a daily-loss kill lifts itself (0 = it needs an operator). */
    long resumeAt() {
        return resumeAt;
    }

    void clearResume() {
        resumeAt = 0;
    }

    void resumeAt(long when) {
        resumeAt = when;
    }

    boolean inWidening(long now) {
        return now < widenUntil;
    }

    private void settleMarkouts(long now, boolean all) {
        int n = markouts.size();
        for (int i = 0; i < n; i++) {
            PendingMarkout m = markouts.pollFirst();
            long age = now - m.time();
            boolean one = m.oneSecondDone();
            if (!one && age >= 1_000_000_000L) {
                markout1Sum += adverse(m);
                markout1Count++;
                one = true;
            }
            if (age >= 10_000_000_000L) {
                markout10Sum += adverse(m);
                markout10Count++;
            } else {
                markouts.addLast(one == m.oneSecondDone() ? m : new PendingMarkout(m.time(), m.sign(), m.price(), true));
            }
        }
    }

    /**
     * Adverse selection of a fill: how far the fair price moved against it since the fill, bp
     * of the fair price at the fill (positive = against; the spread earned is not included).
     */
    private double adverse(PendingMarkout m) {
        return -m.sign() * (fair - m.price()) / m.price() * 1e4;
    }

    // ------------------------------------------------------------------ status

    MmStatus status(Map<String, String> paramsText) {
        List<double[]> b = new ArrayList<>();
        List<double[]> a = new ArrayList<>();
        for (Slot s : bidSlots) {
            if (s.live()) {
                b.add(new double[]{ins.price(s.price).doubleValue(), ins.qty(s.remaining).doubleValue()});
            }
        }
        for (Slot s : askSlots) {
            if (s.live()) {
                a.add(new double[]{ins.price(s.price).doubleValue(), ins.qty(s.remaining).doubleValue()});
            }
        }
        b.sort((x, y) -> Double.compare(y[0], x[0]));
        a.sort((x, y) -> Double.compare(x[0], y[0]));
        double fairDec = Double.isNaN(fair) ? Double.NaN : fair / Math.pow(10, ins.priceDecimals());
        double spread = !b.isEmpty() && !a.isEmpty() ? (a.get(0)[0] - b.get(0)[0]) / fairDec * 1e4 : Double.NaN;
        double scale = Math.pow(10, ins.priceDecimals());
        return new MmStatus(ins.symbol(), state, reason, Double.isNaN(fair) ? Double.NaN : sigma() / scale,
                vol.ewmaSigma() / scale, vol.bipowerSigma() / scale, vol.jumpRatio(), a(), kPerBp(), fitted, fairDec, b, a,
                spread, ladder.halfSpreadBps, ins.qty(position).doubleValue(), ladder.inventoryLots, dailyPnl(), equity(),
                tradesSeen, fills, markout1Count == 0 ? Double.NaN : markout1Sum / markout1Count,
                markout10Count == 0 ? Double.NaN : markout10Sum / markout10Count, paramsText);
    }

    private static String usd(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    static long nextUtcMidnight(long epochNanos) {
        long day = 86_400_000_000_000L;
        return Math.floorDiv(epochNanos, day) * day + day;
    }
}
