package io.hyperindex.gateway.mm;

import io.hyperindex.gateway.domain.BookSnapshot;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The market maker's logic for all its symbols on one engine account, single-threaded: the
 * caller (the {@link MarketMaker} thread, or a simulator) hands it engine results with
 * {@link #onResult}, drives time with {@link #onTimer}, and lets it send with {@link #flush}.
 * Everything it does to the book goes through {@link Engine#submit} like a partner's order:
 * same risk checks, same fees, same journal. Engine replies are not used, except for
 * refusals at the engine's edge (which never reach subscribers): results arrive once, in
 * sequence order, through the subscription.
 *
 * <p>Kill = its own orders cancelled and the account's engine kill switch on (an audited,
 * journaled command that also raises the operator alert), all symbols stopped. The dead-man
 * switch ({@link Command.SetCancelAfter}) is renewed while any symbol runs, so that the engine
 * cancels the quotes by itself if this thread dies: every third of the dead-man window, and
 * at least twice per {@code staleDataMs} (its result is what keeps a quiet feed from looking
 * stale), but not more than once a second. With the defaults (10 s, 5 s) that is every 2.5 s,
 * a journal record each.
 */
public final class MarketMakerCore {
    private static final Logger log = LoggerFactory.getLogger(MarketMakerCore.class);
    /** The shortest interval between two dead-man renewals. */
    private static final long MIN_HEARTBEAT_NANOS = 1_000_000_000L;
    /** What the market maker writes as the actor of its kill switch commands. */
    public static final String ACTOR = "market-maker";

    private final Engine engine;
    private final int account;
    private final LongSupplier clock;
    private final Consumer<Object> post;
    private final Map<String, SymbolMaker> symbols = new LinkedHashMap<>();
    private final SymbolMaker[] byInstrument;
    private final IdentityHashMap<Command, SymbolMaker> inFlight = new IdentityHashMap<>();
    private final Consumer<String> alert;
    private long lastFeed;
    private long nextHeartbeat;
    private boolean heartbeatArmed;
    private boolean killed;
    private String killReason = "";
    private long commandsSent;

    /**
     * @param post  hands an object (an engine result or a Runnable) to the thread that drives this core
     * @param alert receives the reason of every kill and pause (log, metrics)
     */
    public MarketMakerCore(Engine engine, int account, Map<Instrument, MmParams> quoted, LongSupplier clock,
                           Consumer<Object> post, Consumer<String> alert) {
        this.engine = engine;
        this.account = account;
        this.clock = clock;
        this.post = post;
        this.alert = alert;
        int max = 0;
        for (Instrument i : quoted.keySet()) {
            max = Math.max(max, i.id() + 1);
        }
        this.byInstrument = new SymbolMaker[max];
        SymbolMaker.Sender sender = this::send;
        for (Map.Entry<Instrument, MmParams> e : quoted.entrySet()) {
            SymbolMaker s = new SymbolMaker(e.getKey(), account, e.getValue(), sender);
            symbols.put(e.getKey().symbol(), s);
            byInstrument[e.getKey().id()] = s;
        }
        this.lastFeed = clock.getAsLong();
    }

    /** The engine account it quotes for. */
    public int account() {
        return account;
    }

    /** Symbols it may quote, in configuration order. */
    public List<String> symbols() {
        return List.copyOf(symbols.keySet());
    }

    /** Commands sent to the engine so far. */
    public long commandsSent() {
        return commandsSent;
    }

    /** True when no command it sent is waiting for its result. */
    public boolean quiet() {
        return inFlight.isEmpty();
    }

    /**
     * True for the engine results it needs: its own commands and orders, trades and book
     * changes on its instruments, kill switches. Runs on the engine thread: a few type checks.
     */
    public boolean wants(CommandResult r) {
        if (r.command().account() == account) {
            return true;
        }
        List<EngineEvent> events = r.events();
        for (int i = 0; i < events.size(); i++) {
            EngineEvent e = events.get(i);
            if (e instanceof EngineEvent.BookDelta d ? quotes(d.instrument())
                    : e instanceof EngineEvent.TradeExecuted t ? quotes(t.instrument())
                    : e instanceof EngineEvent.KillSwitchChanged
                    || (e instanceof EngineEvent.OrderCancelled c && c.account() == account)) {
                return true;
            }
        }
        return false;
    }

    private boolean quotes(int instrument) {
        return instrument >= 0 && instrument < byInstrument.length && byInstrument[instrument] != null;
    }

    // ------------------------------------------------------------------ control

    /** Starts quoting a symbol: lifts a kill if the market maker set one, cancels leftovers, then syncs from a snapshot. */
    public void start(String symbol) {
        SymbolMaker s = symbol(symbol);
        if (s.active()) {
            return;
        }
        if (killed) {
            killed = false;
            killReason = "";
            send(null, new Command.KillSwitch(Command.KillScope.ACCOUNT, account, false, false, ACTOR + ": restart"));
        }
        s.clearResume();
        s.starting();
        s.cancelAll();
        int id = s.ins.id();
        engine.query(c -> new Object[]{c.l2Snapshot(id, 10_000), c.account(account).position(id), c.referencePrice(id)})
                .whenComplete((v, err) -> post.accept((Runnable) () -> {
                    if (err != null) {
                        s.stopped(MmState.STOPPED, "engine unavailable: " + err.getMessage());
                    } else if (s.state == MmState.WARMING_UP) {
                        s.onSnapshot((BookSnapshot) v[0], (Long) v[1], (Long) v[2], clock.getAsLong());
                    }
                }));
        lastFeed = clock.getAsLong();
        log.info("market maker starting on {}", symbol);
    }

    /** Stops quoting a symbol and cancels its orders. */
    public void stop(String symbol, String why) {
        SymbolMaker s = symbol(symbol);
        if (s.state == MmState.STOPPED) {
            return;
        }
        s.stopped(MmState.STOPPED, why);
        s.cancelAll();
        log.info("market maker stopped on {}: {}", symbol, why);
    }

    /** Replaces a symbol's knobs (already checked). */
    public void setParams(String symbol, MmParams p) {
        symbol(symbol).setParams(p);
    }

    public MmParams params(String symbol) {
        return symbol(symbol).params;
    }

    private SymbolMaker symbol(String symbol) {
        SymbolMaker s = symbols.get(symbol);
        if (s == null) {
            throw new IllegalArgumentException("the market maker does not quote " + symbol);
        }
        return s;
    }

    /** The status of every symbol, in configuration order. */
    public List<MmStatus> status() {
        List<MmStatus> out = new ArrayList<>();
        for (SymbolMaker s : symbols.values()) {
            out.add(s.status(s.params.asMap()));
        }
        return out;
    }

    /** The kill reason, or "" when not killed. */
    public String killReason() {
        return killReason;
    }

    // ------------------------------------------------------------------ engine results and time

    /** One engine result (from the subscription, or an edge refusal of its own command). */
    public void onResult(CommandResult r) {
        long now = clock.getAsLong();
        lastFeed = now;
        SymbolMaker owner = inFlight.remove(r.command());
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.KillSwitchChanged k && k.on() && !killed
                    && (k.scope() == Command.KillScope.GLOBAL
                    || (k.scope() == Command.KillScope.ACCOUNT && k.target() == account))) {
                // an operator's kill switch (the market maker's own sets `killed` first)
                killed = true;
                killReason = "kill switch set by " + k.actor();
                for (SymbolMaker s : symbols.values()) {
                    s.stopped(MmState.KILLED, killReason);
                }
            }
        }
        for (SymbolMaker s : symbols.values()) {
            s.onResult(r, owner == s ? r.command() : null, now);
        }
    }

    /**
     * How long after a dead-man renewal the next one is due: a third of the window
     * {@code deadManMillis}, at most half of {@code staleAfterNanos}, at least a second.
     */
    static long heartbeatInterval(long deadManMillis, long staleAfterNanos) {
        long interval = Math.min(deadManMillis * 1_000_000L / 3, staleAfterNanos / 2);
        return Math.max(MIN_HEARTBEAT_NANOS, interval);
    }

    /** Time-driven work: heartbeat (dead-man renewal), staleness, estimators, risk guard. */
    public void onTimer() {
        long now = clock.getAsLong();
        boolean anyActive = false;
        for (SymbolMaker s : symbols.values()) {
            anyActive |= s.active() || s.state == MmState.PAUSED; // a pause ends on the timer
            if (s.state == MmState.KILLED && s.resumeAt() > 0 && now >= s.resumeAt()) {
                s.clearResume();
                log.info("market maker on {}: the new UTC day lifts the daily-loss stop", s.ins.symbol());
                start(s.ins.symbol());
            }
        }
        if (!anyActive) {
            if (heartbeatArmed) {
                heartbeatArmed = false;
                send(null, new Command.SetCancelAfter(account, 0));
            }
            return;
        }
        long staleAfter = Long.MAX_VALUE;
        for (SymbolMaker s : symbols.values()) {
            if (s.active() || s.state == MmState.PAUSED) {
                staleAfter = Math.min(staleAfter, s.params.staleDataNanos());
            }
        }
        if (now - lastFeed > staleAfter) {
            kill("stale market data: nothing from the engine for " + (now - lastFeed) / 1_000_000 + " ms");
            return;
        }
        if (now >= nextHeartbeat) {
            long deadMan = Long.MAX_VALUE;
            for (SymbolMaker s : symbols.values()) {
                deadMan = Math.min(deadMan, s.params.deadManMillis());
            }
            nextHeartbeat = now + heartbeatInterval(deadMan, staleAfter);
            heartbeatArmed = true;
            send(null, new Command.SetCancelAfter(account, deadMan));
        }
        for (SymbolMaker s : symbols.values()) {
            String why = s.onTimer(now);
            if (why != null) {
                List<SymbolMaker> running = symbols.values().stream().filter(SymbolMaker::active).toList();
                long resume = s.resumeAt();
                kill(s.ins.symbol() + ": " + why);
                if (resume > 0) { // a daily-loss stop ends with the UTC day for every symbol it stopped
                    running.forEach(r -> r.resumeAt(resume));
                }
                return;
            }
            if (s.state == MmState.PAUSED && !s.reason.isEmpty() && !s.reason.equals(s.lastAlerted)) {
                s.lastAlerted = s.reason;
                alert.accept(s.ins.symbol() + " paused: " + s.reason);
            } else if (s.state != MmState.PAUSED) {
                s.lastAlerted = null;
            }
        }
    }

    /** Sends what the symbols' new plans need. Call after a batch of results and after {@link #onTimer}. */
    public void flush() {
        long now = clock.getAsLong();
        for (SymbolMaker s : symbols.values()) {
            s.requote(now);
        }
    }

    /** Cancels everything, turns the account's engine kill switch on, stops every symbol and raises the alert. */
    public void kill(String why) {
        if (killed) {
            return;
        }
        killed = true;
        killReason = why;
        send(null, new Command.KillSwitch(Command.KillScope.ACCOUNT, account, true, false, ACTOR + ": " + why));
        heartbeatArmed = false;
        for (SymbolMaker s : symbols.values()) {
            if (s.state != MmState.STOPPED) {
                s.stopped(MmState.KILLED, why);
            }
        }
        log.error("market maker killed: {}", why);
        alert.accept("killed: " + why);
    }

    /** After lost results (a full queue): every running symbol cancels and re-syncs from a snapshot. */
    public void resync() {
        for (SymbolMaker s : symbols.values()) {
            if (s.active()) {
                s.stopped(MmState.STOPPED, "resync");
                start(s.ins.symbol());
            }
        }
    }

    private void send(SymbolMaker from, Command c) {
        inFlight.put(c, from);
        commandsSent++;
        engine.submit(c, r -> {
            if (r.sequence() == 0) { // refused at the engine's edge: subscribers never see it
                post.accept(r);
            }
        });
    }
}
