package io.hyperindex.gateway.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.journal.JournalCodec;
import io.hyperindex.gateway.journal.JournalReader;
import io.hyperindex.gateway.journal.JournalWriter;
import io.hyperindex.gateway.journal.SnapshotStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The engine runtime: recovers state from the data directory, then runs one engine thread
 * that owns the {@link MatchingEngine}. Protocol adapters on any thread submit commands
 * through a multi-producer Disruptor ring; the engine thread applies them, appends each
 * command and its events to the journal, commits the journal once per batch, and only then
 * releases the replies and publishes results to subscribers.
 *
 * <p>Replies and subscriber callbacks run on the engine thread: they must hand work off, not
 * block.
 */
public final class Engine implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Engine.class);
    /** Replies are released at the latest after this many commands, even inside a long batch. */
    private static final int MAX_GROUP_COMMIT = 4096;

    private final EngineConfig config;
    private final MatchingEngine core;
    private final JournalWriter journal;
    private final SnapshotStore snapshots;
    private final RecoveryReport recovery;
    private final LongSupplier clock;
    private final Disruptor<Slot> disruptor;
    private final RingBuffer<Slot> ring;
    private final CopyOnWriteArrayList<Consumer<CommandResult>> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile long durableSequence;
    /** When time alone next changes engine state (published by the engine thread after each batch). */
    private volatile long nextTimedWork;
    private volatile boolean tickInFlight;
    private final java.util.concurrent.ScheduledExecutorService ticker;
    private volatile Throwable failure;
    /** Commands refused before the ring (full or stopped): they reach no subscriber, so they are counted here. */
    private final java.util.concurrent.atomic.LongAdder refusedAtEdge = new java.util.concurrent.atomic.LongAdder();

    /** A ring entry: a command with its reply, or a read-only query. */
    static final class Slot {
        Command command;
        long timestamp;
        Consumer<CommandResult> reply;
        Function<MatchingEngine, ?> query;
        CompletableFuture<Object> queryResult;

        void clear() {
            command = null;
            reply = null;
            query = null;
            queryResult = null;
        }
    }

    private Engine(EngineConfig config, LongSupplier clock) throws IOException {
        this.config = config;
        this.clock = clock;
        long t0 = System.nanoTime();
        Files.createDirectories(config.dataDir());
        DataDirManifest.checkAndWrite(config.dataDir(), config);
        this.core = new MatchingEngine(config.instruments(), config.accounts(), config.fees(), config.circuitBreakers(),
                config.markMode(), config.remoteInstruments());
        this.snapshots = new SnapshotStore(config.dataDir());
        SnapshotStore.Loaded snap = snapshots.loadLatest(log::warn);
        long after = 0;
        if (snap != null) {
            core.restoreSnapshot(snap.state());
            after = snap.sequence();
            log.info("loaded snapshot {} at sequence {}", snap.file().getFileName(), after);
        }
        ArrayList<EngineEvent> events = new ArrayList<>();
        JournalReader.ScanResult scan = JournalReader.scan(config.dataDir(), after, true, (seq, payload) -> {
            JournalCodec.Entry e = JournalCodec.decode(payload);
            events.clear();
            core.apply(e.timestamp(), e.command(), events);
            events.removeIf(EngineEvent::isMarketData);
            if (!events.equals(e.events())) {
                throw new IOException("journal replay diverged at sequence " + seq + ": journal has " + e.events()
                        + " but the engine now produces " + events
                        + " (the configuration's instruments, accounts or fees differ from those that wrote the journal?)");
            }
        });
        if (scan.tornTailBytes() > 0) {
            log.warn("journal {} had a torn tail of {} bytes after sequence {}: truncated (those commands were never acknowledged)",
                    scan.tornTailFile(), scan.tornTailBytes(), scan.lastSequence());
        }
        this.journal = new JournalWriter(config.dataDir(), config.fsync(), config.segmentBytes(), scan.lastSequence(),
                scan.lastSegment());
        this.recovery = new RecoveryReport(after, scan.records(), scan.lastSequence(), scan.tornTailBytes(),
                scan.tornTailFile(), core.stateHash(), (System.nanoTime() - t0) / 1_000_000);
        log.info("recovered: snapshot {}, {} commands replayed, last sequence {}, {} ms", after, scan.records(),
                scan.lastSequence(), recovery.millis());

        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "engine");
            t.setDaemon(true);
            return t;
        };
        // Spin briefly, then yield, then block on a lock the producers signal: under load the
        // engine never leaves the spin phase; when idle it stops burning a core (on two cores
        // the protocol threads and GC need it) and wakes on the next command instead of after
        // a fixed park (SleepingWaitStrategy parked ~50 us per idle wait). The plain lock, not
        // the "lite" one: with withLiteLock the median latency at 100k commands/s was 2.6 ms,
        // with this one 3 us (docs/benchmarks.md, wait strategy).
        this.disruptor = new Disruptor<>(Slot::new, config.ringSize(), tf, ProducerType.MULTI,
                com.lmax.disruptor.PhasedBackoffWaitStrategy.withLock(Long.getLong("hyperindex.engine.spinMicros", 10),
                        Long.getLong("hyperindex.engine.yieldMicros", 100), java.util.concurrent.TimeUnit.MICROSECONDS));
        this.disruptor.handleEventsWith(new Sequencer(scan.lastSequence()));
        this.ring = disruptor.start();
        this.running = true;
        this.ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "engine-clock");
            t.setDaemon(true);
            return t;
        });
        this.nextTimedWork = core.nextTimedWork();
        if (config.timerMillis() > 0) {
            ticker.scheduleAtFixedRate(() -> {
                if (clock.getAsLong() >= nextTimedWork && !tickInFlight) {
                    tickInFlight = true;
                    submit(new Command.Tick(), r -> tickInFlight = false);
                }
            }, config.timerMillis(), config.timerMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        applyConfiguredLimits();
    }

    /** Journals a SetRiskLimits for every account whose configured limits differ from the recovered ones. */
    private void applyConfiguredLimits() {
        for (var e : config.riskLimits().entrySet()) {
            int account = config.accounts().indexOf(e.getKey());
            if (account < 0) {
                throw new IllegalArgumentException("risk limits configured for unknown account " + e.getKey());
            }
            var current = query(c -> c.risk().limits(account)).join();
            if (!current.equals(e.getValue())) {
                CommandResult r = submit(new Command.SetRiskLimits(account, e.getValue(), "config")).join();
                if (r.rejection() != null) {
                    throw new IllegalArgumentException("risk limits for " + e.getKey() + " refused: " + r.rejection());
                }
            }
        }
    }

    /** Recovers from {@code config.dataDir()} and starts the engine thread; stamps commands with wall-clock time. */
    public static Engine start(EngineConfig config) throws IOException {
        return start(config, Engine::epochNanos);
    }

    /** As {@link #start(EngineConfig)} with a given clock (epoch nanoseconds) stamping each command. */
    public static Engine start(EngineConfig config, LongSupplier clock) throws IOException {
        return new Engine(config, clock);
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** True once recovery finished and the engine thread accepts commands. */
    public boolean isReady() {
        return running && failure == null;
    }

    public RecoveryReport recovery() {
        return recovery;
    }

    public EngineConfig config() {
        return config;
    }

    /**
     * Submits a command; {@code reply} receives its result on the engine thread once the result
     * is durable. If the engine cannot take it (ring full, stopped) the reply comes at once, on
     * the caller's thread, as an unjournaled rejection with reason ENGINE_UNAVAILABLE.
     */
    public void submit(Command command, Consumer<CommandResult> reply) {
        boolean published = running && ring.tryPublishEvent((slot, seq, c, r) -> {
            slot.command = c;
            slot.reply = r;
            slot.timestamp = clock.getAsLong();
        }, command, reply);
        if (!published) {
            reply.accept(unavailable(command));
        }
    }

    /** {@link #submit(Command, Consumer)} as a future; dependent stages run on the engine thread unless made async. */
    public CompletableFuture<CommandResult> submit(Command command) {
        CompletableFuture<CommandResult> f = new CompletableFuture<>();
        submit(command, f::complete);
        return f;
    }

    /**
     * Submits up to {@value MatchingEngine#MAX_BATCH} commands as one batch: they occupy
     * consecutive ring slots, each is accepted or rejected on its own, and {@code reply}
     * receives all results in order. Larger batches are rejected whole with BATCH_TOO_LARGE.
     */
    public void submitBatch(List<Command> commands, Consumer<List<CommandResult>> reply) {
        int n = commands.size();
        if (n > MatchingEngine.MAX_BATCH || n == 0) {
            List<CommandResult> out = new ArrayList<>(n);
            for (Command c : commands) {
                out.add(rejectedAtEdge(c, ReasonCode.BATCH_TOO_LARGE));
            }
            reply.accept(out);
            return;
        }
        CommandResult[] results = new CommandResult[n];
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(n);
        long hi;
        try {
            hi = running ? ring.tryNext(n) : -1;
        } catch (com.lmax.disruptor.InsufficientCapacityException e) {
            hi = -1;
        }
        if (hi < 0) {
            List<CommandResult> out = new ArrayList<>(n);
            for (Command c : commands) {
                out.add(unavailable(c));
            }
            reply.accept(out);
            return;
        }
        long lo = hi - n + 1;
        long ts = clock.getAsLong();
        for (int i = 0; i < n; i++) {
            Slot s = ring.get(lo + i);
            final int index = i;
            s.command = commands.get(i);
            s.timestamp = ts;
            s.reply = r -> {
                results[index] = r;
                if (left.decrementAndGet() == 0) {
                    reply.accept(List.of(results));
                }
            };
        }
        ring.publish(lo, hi);
    }

    /**
     * Runs a read-only function on the engine thread, after every command submitted before it,
     * and completes with its value once those commands are durable. The function must not
     * change state or keep references to engine objects.
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> query(Function<MatchingEngine, T> q) {
        CompletableFuture<Object> f = new CompletableFuture<>();
        boolean published = running && ring.tryPublishEvent((slot, seq) -> {
            slot.query = q;
            slot.queryResult = f;
        });
        if (!published) {
            f.completeExceptionally(new IllegalStateException(ReasonCode.ENGINE_UNAVAILABLE.message()));
        }
        return (CompletableFuture<T>) f;
    }

    /**
     * Registers a listener for every command result, in sequence order, after durability, on
     * the engine thread (drop copy, market data, metrics).
     */
    public void subscribe(Consumer<CommandResult> listener) {
        subscribers.add(listener);
    }

    public void unsubscribe(Consumer<CommandResult> listener) {
        subscribers.remove(listener);
    }

    /**
     * The statement of an account for the UTC days {@code from}..{@code to}, read from the
     * journal up to the last committed command, off the engine thread.
     */
    public CompletableFuture<io.hyperindex.gateway.fees.Statement> statement(String account, java.time.LocalDate from,
                                                                          java.time.LocalDate to) {
        long upTo = durableSequence;
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Reports.statement(config.dataDir(), account, from, to, upTo);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Journal commits (write + optional fsync) so far; far fewer than commands under load: group commit. */
    public long journalCommits() {
        return journal.commits();
    }

    /** Slots of the inbound ring. */
    public int ringCapacity() {
        return ring.getBufferSize();
    }

    /** Free slots of the inbound ring now (capacity minus commands and queries waiting for the engine thread). */
    public long ringRemainingCapacity() {
        return ring.remainingCapacity();
    }

    /** The journal's cumulative write time, fsync time and fsync count (see {@link JournalWriter}). */
    public long journalWriteNanos() {
        return journal.writeNanos();
    }

    public long journalFsyncNanos() {
        return journal.fsyncNanos();
    }

    public long journalFsyncs() {
        return journal.fsyncs();
    }

    /** Commands answered ENGINE_UNAVAILABLE without reaching the ring (ring full or engine stopped). */
    public long commandsRefusedAtEdge() {
        return refusedAtEdge.sum();
    }

    /** Last sequence committed to the journal (written, and fsynced per the policy). */
    public long lastSequence() {
        return durableSequence;
    }

    private CommandResult unavailable(Command c) {
        refusedAtEdge.increment();
        return rejectedAtEdge(c, ReasonCode.ENGINE_UNAVAILABLE);
    }

    private static CommandResult rejectedAtEdge(Command c, ReasonCode reason) {
        return new CommandResult(0, 0, c, List.of(new EngineEvent.OrderRejected(c.account(), -1, null, 0,
                c.getClass().getSimpleName(), reason)));
    }

    /**
     * Stops as a crash would: no more commands, the engine thread ends, and nothing is written
     * after the last group commit (no final snapshot). The journal's files are closed so that
     * the data directory can be recovered in this process (tests of recovery).
     */
    public void halt() {
        if (!running) {
            return;
        }
        failure = new IllegalStateException("halted");
        running = false;
        ticker.shutdownNow();
        disruptor.shutdown(); // what is left in the ring is answered ENGINE_UNAVAILABLE, not applied
        try {
            journal.close();
        } catch (IOException e) {
            log.warn("error while closing the halted journal: {}", e.toString());
        }
    }

    /** Stops taking commands, drains the ring, writes a final snapshot and closes the journal. */
    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        ticker.shutdownNow();
        disruptor.shutdown();
        try {
            journal.close();
            if (failure == null && journal.lastSequence() > recovery.lastSequence()) {
                snapshots.write(journal.lastSequence(), core::writeSnapshot);
            }
        } catch (IOException e) {
            log.error("error while closing the journal", e);
        }
    }

    /** The engine thread's handler: apply, journal, group commit, release. */
    private final class Sequencer implements EventHandler<Slot> {
        private final JournalCodec codec = new JournalCodec();
        private final ArrayList<Slot> pendingSlots = new ArrayList<>();
        private final ArrayList<CommandResult> pendingResults = new ArrayList<>();
        private final ArrayList<Object> pendingQueryValues = new ArrayList<>();
        private long sequence;
        private long sinceSnapshot;

        Sequencer(long lastSequence) {
            this.sequence = lastSequence;
            durableSequence = lastSequence;
        }

        @Override
        public void onEvent(Slot slot, long ringSequence, boolean endOfBatch) throws Exception {
            if (failure != null) {
                if (slot.queryResult != null) {
                    slot.queryResult.completeExceptionally(failure);
                } else if (slot.reply != null) {
                    slot.reply.accept(unavailable(slot.command));
                }
                slot.clear();
                return;
            }
            try {
                if (slot.query != null) {
                    Object value;
                    try {
                        value = slot.query.apply(core);
                    } catch (RuntimeException e) {
                        value = e;
                    }
                    pendingSlots.add(slot);
                    pendingResults.add(null);
                    pendingQueryValues.add(value);
                } else {
                    ArrayList<EngineEvent> events = new ArrayList<>(4);
                    core.apply(slot.timestamp, slot.command, events);
                    long seq = ++sequence;
                    journal.append(seq, codec.encode(slot.timestamp, slot.command, events));
                    pendingSlots.add(slot);
                    pendingResults.add(new CommandResult(seq, slot.timestamp, slot.command, events));
                    pendingQueryValues.add(null);
                    sinceSnapshot++;
                }
                if (endOfBatch || pendingSlots.size() >= MAX_GROUP_COMMIT) {
                    journal.commit();
                    durableSequence = sequence;
                    nextTimedWork = core.nextTimedWork();
                    release();
                    if (config.snapshotEveryCommands() > 0 && sinceSnapshot >= config.snapshotEveryCommands()) {
                        snapshots.write(sequence, core::writeSnapshot);
                        sinceSnapshot = 0;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the journal can no longer promise durability: stop accepting, answer nothing as accepted
                failure = e;
                running = false;
                log.error("engine stopped: {}", e.toString(), e);
                for (Slot s : pendingSlots) {
                    if (s.queryResult != null) {
                        s.queryResult.completeExceptionally(e);
                    } else if (s.reply != null) {
                        s.reply.accept(unavailable(s.command));
                    }
                    s.clear();
                }
                pendingSlots.clear();
                pendingResults.clear();
                pendingQueryValues.clear();
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private void release() {
            for (int i = 0; i < pendingSlots.size(); i++) {
                Slot s = pendingSlots.get(i);
                CommandResult r = pendingResults.get(i);
                try {
                    if (r == null) {
                        Object v = pendingQueryValues.get(i);
                        if (v instanceof RuntimeException e) {
                            s.queryResult.completeExceptionally(e);
                        } else {
                            s.queryResult.complete(v);
                        }
                    } else {
                        s.reply.accept(r);
                        for (Consumer<CommandResult> sub : subscribers) {
                            sub.accept(r);
                        }
                    }
                } catch (RuntimeException e) {
                    log.warn("a reply or subscriber threw; continuing", e);
                }
                s.clear();
            }
            pendingSlots.clear();
            pendingResults.clear();
            pendingQueryValues.clear();
        }
    }
}
