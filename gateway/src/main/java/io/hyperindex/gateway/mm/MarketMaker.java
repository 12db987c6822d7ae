package io.hyperindex.gateway.mm;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The reference market maker as the gateway runs it: its own thread drives a
 * {@link MarketMakerCore}. The engine subscription only filters and offers results to a
 * bounded queue (never blocking the engine thread); if the queue is ever full the market
 * maker cancels and re-syncs from a snapshot instead of quoting on a book it no longer
 * knows. Operators start, stop and re-parameterise symbols from any thread; each change is
 * written to the {@link MmParamJournal} before it takes effect. Status is published per
 * symbol and as the mm_* Micrometer gauges.
 */
public final class MarketMaker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MarketMaker.class);
    /** Timer period of the estimators and the risk guard. */
    static final long TIMER_NANOS = 100_000_000L;
    static final int QUEUE_CAPACITY = 65_536;

    private final Engine engine;
    private final LongSupplier clock;
    private final ArrayBlockingQueue<Object> mailbox = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final MarketMakerCore core;
    private final MmParamJournal journal;
    private final Map<String, MmParams> configured;
    private final Map<String, MmStatus> status = new ConcurrentHashMap<>();
    private final Consumer<CommandResult> listener;
    private final Thread thread;
    private final Counter alerts;
    private final MeterRegistry metrics;
    private volatile Function<String, Map<String, MmParams>> configParser;
    private volatile boolean overflowed;
    private volatile boolean running = true;

    /**
     * Starts the thread, replays the journal over the configured parameters and starts the
     * symbols that are (still) meant to run.
     *
     * @param quoted    instrument -> its configured parameters
     * @param autostart symbols to start unless the journal says an operator stopped them
     * @param journal   where operator changes are journaled, or null (tests, simulator)
     */
    public MarketMaker(Engine engine, int account, Map<Instrument, MmParams> quoted, List<String> autostart,
                       MmParamJournal journal, MeterRegistry metrics, LongSupplier clock) throws IOException {
        this.engine = engine;
        this.clock = clock;
        this.journal = journal;
        this.metrics = metrics;
        this.configured = new LinkedHashMap<>();
        quoted.forEach((i, p) -> configured.put(i.symbol(), p));
        this.alerts = metrics.counter("mm_alerts");
        this.core = new MarketMakerCore(engine, account, quoted, clock, this::post, why -> {
            alerts.increment();
            log.warn("market maker alert: {}", why);
        });
        List<String> start = new ArrayList<>(autostart);
        if (journal != null) {
            for (MmParamJournal.Entry e : journal.read()) {
                if (!configured.containsKey(e.symbol())) {
                    continue;
                }
                switch (e.action()) {
                    case "params" -> core.setParams(e.symbol(), core.params(e.symbol()).with(e.changes()));
                    case "start" -> {
                        if (!start.contains(e.symbol())) {
                            start.add(e.symbol());
                        }
                    }
                    case "stop" -> start.remove(e.symbol());
                    default -> log.warn("market-maker journal: unknown action {}", e.action());
                }
            }
        }
        for (String s : configured.keySet()) {
            registerGauges(s);
        }
        this.listener = r -> {
            if (core.wants(r)) {
                post(r);
            }
        };
        engine.subscribe(listener);
        this.thread = new Thread(this::loop, "market-maker");
        this.thread.setDaemon(true);
        this.thread.start();
        for (String s : start) {
            call(c -> {
                c.start(s);
                return null;
            });
        }
        publish();
    }

    /** Hands an engine result or a task to the market maker's thread; never blocks. */
    private void post(Object o) {
        if (!mailbox.offer(o)) {
            overflowed = true;
        }
    }

    private void loop() {
        long nextTimer = clock.getAsLong();
        List<Object> batch = new ArrayList<>(256);
        while (running) {
            try {
                long wait = Math.max(0, nextTimer - clock.getAsLong());
                Object first = mailbox.poll(Math.min(wait, TIMER_NANOS), TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    mailbox.drainTo(batch, 4096);
                    for (Object o : batch) {
                        handle(o);
                    }
                    batch.clear();
                }
                if (overflowed) {
                    overflowed = false;
                    log.warn("market maker fell behind the engine feed: cancelling and re-syncing");
                    core.resync();
                }
                long now = clock.getAsLong();
                if (now >= nextTimer) {
                    nextTimer = now + TIMER_NANOS;
                    core.onTimer();
                    publish();
                }
                core.flush();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("market maker error; killing it", e);
                try {
                    core.kill("internal error: " + e);
                } catch (RuntimeException again) {
                    log.error("could not kill the market maker", again);
                }
            }
        }
    }

    private void handle(Object o) {
        if (o instanceof CommandResult r) {
            core.onResult(r);
        } else if (o instanceof Runnable task) {
            task.run();
        }
    }

    private void publish() {
        for (MmStatus s : core.status()) {
            status.put(s.symbol(), s);
        }
    }

    /** Runs {@code f} on the market maker's thread and completes with its value. */
    private <T> CompletableFuture<T> call(Function<MarketMakerCore, T> f) {
        CompletableFuture<T> out = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                T value = f.apply(core);
                publish(); // before completing: the caller may read status() next
                out.complete(value);
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        };
        if (!mailbox.offer(task)) {
            out.completeExceptionally(new IllegalStateException("the market maker is overloaded"));
        }
        return out;
    }

    /** Symbols it may quote. */
    public List<String> symbols() {
        return List.copyOf(configured.keySet());
    }

    /** Starts a symbol (journaled). */
    public CompletableFuture<Void> start(String symbol, String actor) {
        checkSymbol(symbol);
        journal(symbol, "start", Map.of(), actor);
        return call(c -> {
            c.start(symbol);
            return null;
        });
    }

    /** Stops a symbol and cancels its orders (journaled). */
    public CompletableFuture<Void> stop(String symbol, String actor) {
        checkSymbol(symbol);
        journal(symbol, "stop", Map.of(), actor);
        return call(c -> {
            c.stop(symbol, "stopped by " + actor);
            return null;
        });
    }

    /**
     * Changes knobs of a symbol at runtime: checked, journaled, then applied on the market
     * maker's thread; completes with the parameters now in force.
     *
     * @throws IllegalArgumentException for an unknown symbol or knob or a bad value (nothing changes)
     */
    public CompletableFuture<MmParams> setParams(String symbol, Map<String, String> changes, String actor) {
        checkSymbol(symbol);
        currentParams(symbol).with(changes); // throws before anything is journaled
        journal(symbol, "params", changes, actor);
        return call(c -> {
            MmParams p = c.params(symbol).with(changes);
            c.setParams(symbol, p);
            return p;
        });
    }

    /**
     * Where configuration text comes from for {@link #reloadConfig}: the gateway's own parser
     * (the market maker knows no configuration format). It returns symbol -> parameters, or
     * throws IllegalArgumentException listing the file's problems.
     */
    public void configParser(Function<String, Map<String, MmParams>> parser) {
        this.configParser = parser;
    }

    /**
     * A configuration reload: the parameters a configuration file gives each symbol replace
     * those in force (admin changes included); each symbol's changed knobs are journaled (actor
     * {@code actor}) and applied. Instruments cannot be added or removed without a restart.
     *
     * @throws IllegalArgumentException if the text is not a valid configuration, or lists other
     *                                  instruments than the running market maker quotes
     */
    public CompletableFuture<List<String>> reloadConfig(String configText, String actor) {
        Function<String, Map<String, MmParams>> parser = configParser;
        if (parser == null) {
            throw new IllegalArgumentException("this gateway cannot reload the market maker's configuration");
        }
        Map<String, MmParams> fresh = parser.apply(configText);
        if (!fresh.keySet().equals(configured.keySet())) {
            throw new IllegalArgumentException("the configuration quotes " + fresh.keySet() + " but the market maker runs on "
                    + configured.keySet() + ": adding or removing instruments needs a restart");
        }
        Map<String, Map<String, String>> changes = new LinkedHashMap<>();
        for (Map.Entry<String, MmParams> e : fresh.entrySet()) {
            Map<String, String> diff = e.getValue().diff(currentParams(e.getKey()));
            if (!diff.isEmpty()) {
                changes.put(e.getKey(), diff);
                journal(e.getKey(), "params", diff, actor);
            }
        }
        return call(c -> {
            for (Map.Entry<String, Map<String, String>> e : changes.entrySet()) {
                c.setParams(e.getKey(), c.params(e.getKey()).with(e.getValue()));
            }
            return List.copyOf(changes.keySet());
        });
    }

    /** The parameters in force as last published (the configured ones before the first publish). */
    private MmParams currentParams(String symbol) {
        MmStatus now = status.get(symbol);
        return now == null ? configured.get(symbol) : MmParams.defaults().with(now.params());
    }

    private void checkSymbol(String symbol) {
        if (!configured.containsKey(symbol)) {
            throw new IllegalArgumentException("the market maker does not quote " + symbol);
        }
    }

    private void journal(String symbol, String action, Map<String, String> changes, String actor) {
        if (journal == null) {
            return;
        }
        try {
            journal.append(new MmParamJournal.Entry(clock.getAsLong(), symbol, action, changes, actor));
        } catch (IOException e) {
            throw new UncheckedIOException("could not journal the market-maker change", e);
        }
    }

    /** The last published status of every symbol (refreshed every 100 ms and after each control change). */
    public List<MmStatus> status() {
        List<MmStatus> out = new ArrayList<>();
        for (String s : configured.keySet()) {
            MmStatus st = status.get(s);
            if (st != null) {
                out.add(st);
            }
        }
        return out;
    }

    /** The status of one symbol, or null. */
    public MmStatus status(String symbol) {
        return status.get(symbol);
    }

    /** A fresh status, computed on the market maker's thread. */
    public CompletableFuture<List<MmStatus>> freshStatus() {
        return call(MarketMakerCore::status);
    }

    private void registerGauges(String symbol) {
        gauge("mm_spread_bps", symbol, MmStatus::spreadBps);
        gauge("mm_position", symbol, MmStatus::position);
        gauge("mm_daily_pnl", symbol, MmStatus::dailyPnlUsd);
        gauge("mm_sigma", symbol, MmStatus::sigma);
        gauge("mm_kappa", symbol, MmStatus::kPerBp);
        Gauge.builder("mm_adverse_selection_bps", this, m -> value(m.status.get(symbol), MmStatus::adverseSelection1sBps))
                .tag("symbol", symbol).tag("horizon", "1s").register(metrics);
        Gauge.builder("mm_adverse_selection_bps", this, m -> value(m.status.get(symbol), MmStatus::adverseSelection10sBps))
                .tag("symbol", symbol).tag("horizon", "10s").register(metrics);
        Gauge.builder("mm_quoting", this, m -> {
            MmStatus s = m.status.get(symbol);
            return s != null && (s.state() == MmState.QUOTING || s.state() == MmState.REDUCE_ONLY) ? 1 : 0;
        }).tag("symbol", symbol).register(metrics);
    }

    private void gauge(String name, String symbol, java.util.function.ToDoubleFunction<MmStatus> f) {
        Gauge.builder(name, this, m -> value(m.status.get(symbol), f)).tag("symbol", symbol).register(metrics);
    }

    private static double value(MmStatus s, java.util.function.ToDoubleFunction<MmStatus> f) {
        return s == null ? Double.NaN : f.applyAsDouble(s);
    }

    /** Stops the thread and leaves the book clean: cancels every symbol's orders and disarms the dead-man switch. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        CompletableFuture<Void> done = call(c -> {
            for (String s : c.symbols()) {
                c.stop(s, "gateway shutting down");
            }
            c.onTimer(); // disarms the dead-man switch now that nothing runs
            return null;
        });
        try {
            done.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("market maker did not stop cleanly: {}", e.toString());
        }
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.unsubscribe(listener);
    }
}
