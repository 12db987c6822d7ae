package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.journal.FsyncPolicy;
import io.hyperindex.gateway.journal.JournalCorruptedException;
import io.hyperindex.gateway.journal.JournalFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineRecoveryTest {

    private static EngineConfig config(Path dir) {
        return EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts()).withFsync(FsyncPolicy.NONE)
                .withCircuitBreakers(io.hyperindex.gateway.domain.CircuitBreakerRule.venueDefaults())
                .withTimerMillis(0); // no timer ticks: these tests count the commands they journal
    }

    /** Runs the commands through a started engine and returns the state hash after the last one. */
    private static String drive(Engine engine, List<Command> commands) throws Exception {
        CompletableFuture<CommandResult> last = null;
        int i = 0;
        for (Command c : commands) {
            last = engine.submit(c);
            if (++i % 4096 == 0) {
                last.get(10, TimeUnit.SECONDS); // keep the ring from filling
            }
        }
        assertTrue(last.get(30, TimeUnit.SECONDS).sequence() > 0);
        return engine.query(MatchingEngine::stateHash).get(30, TimeUnit.SECONDS);
    }

    /** The same commands applied directly to a fresh core, with the engine's timestamps. */
    private static String hashOfDirectReplay(Path dir) throws IOException {
        MatchingEngine core = new MatchingEngine(TestMarkets.instruments(), TestMarkets.accounts(),
                io.hyperindex.gateway.fees.FeePolicy.venueDefault(), io.hyperindex.gateway.domain.CircuitBreakerRule.venueDefaults());
        ArrayList<io.hyperindex.gateway.domain.EngineEvent> sink = new ArrayList<>();
        io.hyperindex.gateway.journal.JournalReader.scan(dir, 0, false, (seq, payload) -> {
            var e = io.hyperindex.gateway.journal.JournalCodec.decode(payload);
            sink.clear();
            core.apply(e.timestamp(), e.command(), sink);
        });
        return core.stateHash();
    }

    @Test
    void replayingTheJournalReproducesAnIdenticalStateHash(@TempDir Path dir) throws Exception {
        String live;
        try (Engine engine = Engine.start(config(dir).withSnapshotEvery(0))) {
            live = drive(engine, TestMarkets.commands(7, 50_000));
        }
        // a final snapshot was written at close; remove it so recovery must replay all 50,000 commands
        for (Path p : JournalFiles.snapshots(dir)) {
            Files.delete(p);
        }
        try (Engine again = Engine.start(config(dir))) {
            assertEquals(50_000, again.recovery().replayedCommands());
            assertEquals(live, again.recovery().stateHash());
        }
        assertEquals(live, hashOfDirectReplay(dir));
        // the stream exercised the risk and protection state that replay had to rebuild
        java.util.Set<String> kinds = new java.util.HashSet<>();
        io.hyperindex.gateway.journal.JournalReader.scan(dir, 0, false, (seq, payload) -> {
            for (var e : io.hyperindex.gateway.journal.JournalCodec.decode(payload).events()) {
                kinds.add(e instanceof io.hyperindex.gateway.domain.EngineEvent.OrderCancelled c
                        ? c.reason().name() : e.getClass().getSimpleName());
            }
        });
        assertTrue(kinds.containsAll(java.util.Set.of("RiskLimitsChanged", "KillSwitchChanged", "CancelAfterSet", "MmpChanged",
                "CircuitBreakerTripped", "CANCEL_ON_DISCONNECT", "KILL_SWITCH", "TradeExecuted")), kinds.toString());
    }

    /**
     * A snapshot must hold every piece of state that shapes future events: a twin restored from
     * the snapshot taken after each chunk of commands must produce exactly the events of the
     * original over the next chunk (alert levels once escaped the snapshot this way).
     */
    @Test
    void anEngineRestoredFromASnapshotProducesTheSameEventsAsTheOriginal() throws Exception {
        List<Command> commands = TestMarkets.commands(23, 120_000);
        MatchingEngine original = freshCore();
        long ts = 1_796_000_000_000_000_000L;
        int chunk = 997;
        ArrayList<io.hyperindex.gateway.domain.EngineEvent> a = new ArrayList<>();
        ArrayList<io.hyperindex.gateway.domain.EngineEvent> b = new ArrayList<>();
        for (int start = 0; start < commands.size(); start += chunk) {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            original.writeSnapshot(new java.io.DataOutputStream(bytes));
            MatchingEngine twin = freshCore();
            twin.restoreSnapshot(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
            assertEquals(original.stateHash(), twin.stateHash(), "restored state before command " + start);
            for (int i = start; i < Math.min(commands.size(), start + chunk); i++) {
                a.clear();
                b.clear();
                long t = ts + i * 1_000_000L;
                original.apply(t, commands.get(i), a);
                twin.apply(t, commands.get(i), b);
                assertEquals(a, b, "events of command " + i + " after a restore at " + start);
            }
        }
    }

    private static MatchingEngine freshCore() {
        return new MatchingEngine(TestMarkets.instruments(), TestMarkets.accounts(),
                io.hyperindex.gateway.fees.FeePolicy.venueDefault(), io.hyperindex.gateway.domain.CircuitBreakerRule.venueDefaults());
    }

    @Test
    void recoveryFromSnapshotPlusJournalTailMatchesTheLiveState(@TempDir Path dir) throws Exception {
        String live;
        Engine engine = Engine.start(config(dir).withSnapshotEvery(7_000));
        live = drive(engine, TestMarkets.commands(11, 30_000));
        // no close(): the process "dies" with snapshots taken along the way and a journal tail after them
        Engine.class.getDeclaredMethods(); // keep the engine thread alive; it is a daemon
        assertTrue(JournalFiles.snapshots(dir).size() >= 1);
        try (Engine again = Engine.start(config(dir))) {
            assertTrue(again.recovery().snapshotSequence() > 0, "a snapshot was used");
            assertTrue(again.recovery().replayedCommands() < 30_000, "only the tail was replayed");
            assertEquals(30_000, again.recovery().lastSequence());
            assertEquals(live, again.recovery().stateHash());
            // and it keeps working: new commands continue the sequence
            CommandResult r = again.submit(TestMarkets.commands(12, 1).get(0)).get(10, TimeUnit.SECONDS);
            assertEquals(30_001, r.sequence());
        }
    }

    @Test
    void tornTailIsReportedAndTruncated(@TempDir Path dir) throws Exception {
        String live;
        try (Engine engine = Engine.start(config(dir).withSnapshotEvery(0))) {
            live = drive(engine, TestMarkets.commands(3, 2_000));
        }
        for (Path p : JournalFiles.snapshots(dir)) {
            Files.delete(p);
        }
        Path seg = JournalFiles.segments(dir).get(0);
        long goodSize = Files.size(seg);
        // a half-written record: a plausible header and a few payload bytes, as a crash mid-write leaves
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(goodSize);
            f.writeInt(120);
            f.writeInt(0xdeadbeef);
            f.writeLong(2_001);
            f.write(new byte[30]);
        }
        try (Engine again = Engine.start(config(dir))) {
            assertEquals(2_000, again.recovery().lastSequence());
            assertEquals(46, again.recovery().tornTailBytes());
            assertEquals(live, again.recovery().stateHash());
        }
        assertTrue(Files.size(seg) >= goodSize);
    }

    @Test
    void corruptionInTheMiddleRefusesToStartNamingFileAndOffset(@TempDir Path dir) throws Exception {
        try (Engine engine = Engine.start(config(dir).withSnapshotEvery(0))) {
            drive(engine, TestMarkets.commands(5, 2_000));
        }
        for (Path p : JournalFiles.snapshots(dir)) {
            Files.delete(p);
        }
        Path seg = JournalFiles.segments(dir).get(0);
        long at = Files.size(seg) / 2;
        try (RandomAccessFile f = new RandomAccessFile(seg.toFile(), "rw")) {
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x5a);
        }
        JournalCorruptedException e = assertThrows(JournalCorruptedException.class, () -> Engine.start(config(dir)));
        assertEquals(seg, e.file());
        assertTrue(e.offset() <= at && e.offset() > at - 400, "offset " + e.offset() + " is the record holding byte " + at);
        assertTrue(e.getMessage().contains(seg.getFileName().toString()));
    }

    @Test
    void segmentsRollAndRecoveryReadsAcrossThem(@TempDir Path dir) throws Exception {
        String live;
        try (Engine engine = Engine.start(config(dir).withSnapshotEvery(0).withSegmentBytes(64 * 1024))) {
            live = drive(engine, TestMarkets.commands(9, 10_000));
        }
        for (Path p : JournalFiles.snapshots(dir)) {
            Files.delete(p);
        }
        assertTrue(JournalFiles.segments(dir).size() > 3, "several segments");
        try (Engine again = Engine.start(config(dir).withSegmentBytes(64 * 1024))) {
            assertEquals(10_000, again.recovery().lastSequence());
            assertEquals(live, again.recovery().stateHash());
        }
    }

    @Test
    void feesRebatesTiersAndGrantsAreIdenticalLiveAndAfterReplay(@TempDir Path dir) throws Exception {
        long usd = io.hyperindex.gateway.domain.Money.ONE_USDC;
        var tiers = new io.hyperindex.gateway.fees.TierTable(List.of(
                new io.hyperindex.gateway.fees.FeeTier("base", 0, -100, 300),
                new io.hyperindex.gateway.fees.FeeTier("tier1", 20_000 * usd, -200, 300),
                new io.hyperindex.gateway.fees.FeeTier("tier2", 60_000 * usd, -300, 250)));
        var policy = new io.hyperindex.gateway.fees.FeePolicy(tiers, java.util.Map.of(), List.of(), 0, 30,
                io.hyperindex.gateway.fees.IncentivePlan.venueDefault(), java.util.Set.of("venue-mm"));
        // a clock that moves 20 minutes per command: 30,000 commands span about 400 days
        AtomicLongClock clock = new AtomicLongClock(FEE_EPOCH, 20L * 60 * 1_000_000_000L);
        List<CommandResult> live = new ArrayList<>();
        String hash;
        try (Engine engine = Engine.start(config(dir).withFees(policy).withSnapshotEvery(0).withTimerMillis(0), clock)) {
            for (Command c : TestMarkets.commands(21, 30_000)) {
                CompletableFuture<CommandResult> f = engine.submit(c);
                live.add(f.get(10, TimeUnit.SECONDS));
            }
            hash = engine.query(MatchingEngine::stateHash).get(10, TimeUnit.SECONDS);
            for (var asset : io.hyperindex.gateway.fees.LedgerAccount.Asset.values()) {
                assertEquals(0L, engine.query(m -> m.fees().ledger().total(asset)).get(10, TimeUnit.SECONDS),
                        asset + " balances sum to zero");
            }
            assertTrue(engine.query(m -> m.fees().ledger().balance(-1, io.hyperindex.gateway.fees.LedgerAccount.VENUE_INCENTIVE_LIABILITY))
                    .get(10, TimeUnit.SECONDS) < 0, "tokens were granted");
        }
        long tierChanges = live.stream().flatMap(r -> r.events().stream())
                .filter(e -> e instanceof io.hyperindex.gateway.domain.EngineEvent.FeeTierChanged).count();
        long grants = live.stream().flatMap(r -> r.events().stream())
                .filter(e -> e instanceof io.hyperindex.gateway.domain.EngineEvent.IncentiveGranted).count();
        assertTrue(tierChanges > 5, "tiers changed " + tierChanges + " times");
        assertTrue(grants > 10, grants + " monthly grants");
        for (Path p : JournalFiles.snapshots(dir)) {
            Files.delete(p);
        }
        // recovery replays every command and checks each one yields exactly the journaled events,
        // fees, rates and tiers included
        try (Engine again = Engine.start(config(dir).withFees(policy).withTimerMillis(0), clock)) {
            assertEquals(30_000, again.recovery().replayedCommands());
            assertEquals(hash, again.recovery().stateHash());
        }
        List<io.hyperindex.gateway.domain.EngineEvent> journaled = new ArrayList<>();
        io.hyperindex.gateway.journal.JournalReader.scan(dir, 0, false,
                (seq, payload) -> journaled.addAll(io.hyperindex.gateway.journal.JournalCodec.decode(payload).events()));
        assertEquals(live.stream().flatMap(r -> r.events().stream()).filter(e -> !e.isMarketData()).toList(), journaled);
    }

    static final long FEE_EPOCH = 1_790_000_000_000_000_000L; // 2026-09-21

    /** A deterministic clock for tests: each reading moves time on by a fixed step. */
    static final class AtomicLongClock implements java.util.function.LongSupplier {
        private final java.util.concurrent.atomic.AtomicLong now;
        private final long step;

        AtomicLongClock(long start, long step) {
            this.now = new java.util.concurrent.atomic.AtomicLong(start);
            this.step = step;
        }

        @Override
        public long getAsLong() {
            return now.addAndGet(step);
        }
    }
}
