package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.fees.FeePolicy;
import io.hyperindex.gateway.journal.FsyncPolicy;

import java.nio.file.Path;
import java.util.List;

/**
 * What the engine runtime needs to start.
 *
 * @param dataDir              directory holding journal segments and snapshots
 * @param instruments          instruments with dense ids 0..n-1, in id order
 * @param accounts             account names; an account's engine id is its index
 * @param fees                 fee tiers, negotiated terms and incentives applied to every fill
 * @param fsync                journal durability policy
 * @param snapshotEveryCommands take a snapshot after this many journaled commands (0 = only at shutdown)
 * @param ringSize             inbound ring capacity, a power of two
 * @param segmentBytes         roll to a new journal segment past this size
 * @param riskLimits           limits per account name; applied (journaled, as actor "config") at start when they
 *                             differ from the recovered state: the configuration wins over runtime changes
 * @param timerMillis          how often the runtime checks whether time-driven work is due (0 = never; tests)
 * @param circuitBreakers      rules applied to every instrument (none by default here; the sandbox and
 *                             generated configuration use the venue's table)
 * @param markMode             how positions are marked for P&L and exposure
 * @param remoteInstruments    ids of the instruments whose book is on a remote venue (orders are held as remote
 *                             working orders and routed; docs/engine.md); the others use the embedded book
 */
public record EngineConfig(Path dataDir, List<Instrument> instruments, List<String> accounts, FeePolicy fees,
                           FsyncPolicy fsync, long snapshotEveryCommands, int ringSize, long segmentBytes,
                           java.util.Map<String, io.hyperindex.gateway.domain.RiskLimits> riskLimits, long timerMillis,
                           List<io.hyperindex.gateway.domain.CircuitBreakerRule> circuitBreakers,
                           io.hyperindex.gateway.domain.MarkMode markMode, java.util.Set<Integer> remoteInstruments) {

    public EngineConfig {
        remoteInstruments = java.util.Set.copyOf(remoteInstruments);
    }

    /** Every instrument on the embedded book. */
    public EngineConfig(Path dataDir, List<Instrument> instruments, List<String> accounts, FeePolicy fees,
                        FsyncPolicy fsync, long snapshotEveryCommands, int ringSize, long segmentBytes,
                        java.util.Map<String, io.hyperindex.gateway.domain.RiskLimits> riskLimits, long timerMillis,
                        List<io.hyperindex.gateway.domain.CircuitBreakerRule> circuitBreakers,
                        io.hyperindex.gateway.domain.MarkMode markMode) {
        this(dataDir, instruments, accounts, fees, fsync, snapshotEveryCommands, ringSize, segmentBytes, riskLimits,
                timerMillis, circuitBreakers, markMode, java.util.Set.of());
    }

    public EngineConfig(Path dataDir, List<Instrument> instruments, List<String> accounts, FeePolicy fees,
                        FsyncPolicy fsync, long snapshotEveryCommands, int ringSize, long segmentBytes) {
        this(dataDir, instruments, accounts, fees, fsync, snapshotEveryCommands, ringSize, segmentBytes,
                java.util.Map.of(), 100, List.of(), io.hyperindex.gateway.domain.MarkMode.MID);
    }

    public EngineConfig withRiskLimits(java.util.Map<String, io.hyperindex.gateway.domain.RiskLimits> limits) {
        return new EngineConfig(dataDir, instruments, accounts, fees, fsync, snapshotEveryCommands, ringSize,
                segmentBytes, limits, timerMillis, circuitBreakers, markMode, remoteInstruments);
    }

    public EngineConfig withCircuitBreakers(List<io.hyperindex.gateway.domain.CircuitBreakerRule> rules) {
        return new EngineConfig(dataDir, instruments, accounts, fees, fsync, snapshotEveryCommands, ringSize,
                segmentBytes, riskLimits, timerMillis, rules, markMode, remoteInstruments);
    }

    public EngineConfig withMarkMode(io.hyperindex.gateway.domain.MarkMode mode) {
        return new EngineConfig(dataDir, instruments, accounts, fees, fsync, snapshotEveryCommands, ringSize,
                segmentBytes, riskLimits, timerMillis, circuitBreakers, mode, remoteInstruments);
    }

    public EngineConfig withTimerMillis(long millis) {
        return new EngineConfig(dataDir, instruments, accounts, fees, fsync, snapshotEveryCommands, ringSize,
                segmentBytes, riskLimits, millis, circuitBreakers, markMode, remoteInstruments);
    }

    public EngineConfig withRemoteInstruments(java.util.Set<Integer> ids) {
        return new EngineConfig(dataDir, instruments, accounts, fees, fsync, snapshotEveryCommands, ringSize,
                segmentBytes, riskLimits, timerMillis, circuitBreakers, markMode, ids);
    }

    /** Defaults: fsync every batch, snapshot every 1,000,000 commands, 64k ring, 256 MiB segments. */
    public static EngineConfig defaults(Path dataDir, List<Instrument> instruments, List<String> accounts) {
        return new EngineConfig(dataDir, instruments, accounts, FeePolicy.venueDefault(), FsyncPolicy.EVERY_BATCH,
                1_000_000, 1 << 16, 256L << 20);
    }

    public EngineConfig withFees(FeePolicy policy) {
        return new EngineConfig(dataDir, instruments, accounts, policy, fsync, snapshotEveryCommands, ringSize, segmentBytes,
                riskLimits, timerMillis, circuitBreakers, markMode, remoteInstruments);
    }

    public EngineConfig withFsync(FsyncPolicy policy) {
        return new EngineConfig(dataDir, instruments, accounts, fees, policy, snapshotEveryCommands, ringSize, segmentBytes,
                riskLimits, timerMillis, circuitBreakers, markMode, remoteInstruments);
    }

    public EngineConfig withSnapshotEvery(long commands) {
        return new EngineConfig(dataDir, instruments, accounts, fees, fsync, commands, ringSize, segmentBytes,
                riskLimits, timerMillis, circuitBreakers, markMode, remoteInstruments);
    }

    public EngineConfig withSegmentBytes(long bytes) {
        return new EngineConfig(dataDir, instruments, accounts, fees, fsync, snapshotEveryCommands, ringSize, bytes,
                riskLimits, timerMillis, circuitBreakers, markMode, remoteInstruments);
    }
}
