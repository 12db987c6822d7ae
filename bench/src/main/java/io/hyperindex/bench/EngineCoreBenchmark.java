package io.hyperindex.bench;

import io.hyperindex.gateway.domain.CircuitBreakerRule;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.fees.FeePolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine's deterministic core ({@link MatchingEngine#apply}) on one thread, without the
 * ring or the journal: validation, pre-trade risk, matching, fees, positions, alerts, events.
 * {@code checks=OFF} runs with no limits; {@code checks=ALL} with every limit, MMP group and
 * circuit breaker active ({@link RiskSetup}). Four books, 200 accounts, exchange-core's mix.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class EngineCoreBenchmark {
    static final int MIX = 1_000_000;

    @Param({"OFF", "ALL"})
    public RiskSetup.Checks checks;

    private Workload workload;
    private MatchingEngine core;
    private final ArrayList<EngineEvent> events = new ArrayList<>();
    private long rejected;
    private EngineEvent firstRejection;

    @Setup(Level.Trial)
    public void generate() {
        workload = Workload.generateMmpFlagged(42, 4, 200, 1_000, MIX);
        System.out.println("\nworkload: " + workload.stats());
    }

    @Setup(Level.Invocation)
    public void freshEngine() {
        core = new MatchingEngine(workload.instruments(), workload.accounts(), FeePolicy.venueDefault(),
                checks == RiskSetup.Checks.ALL ? CircuitBreakerRule.venueDefaults() : List.of());
        List<Command> setup = new ArrayList<>(RiskSetup.mmpGroups(workload, checks));
        if (checks == RiskSetup.Checks.ALL) {
            for (int a = 0; a < workload.accounts().size(); a++) {
                setup.add(new Command.SetRiskLimits(a, RiskSetup.highLimits(workload.instruments().size()), "bench"));
            }
        }
        for (Command c : setup) {
            events.clear();
            core.apply(Workload.START_NANOS - 1, c, events);
            if (events.get(0) instanceof EngineEvent.OrderRejected r) {
                throw new IllegalStateException("setup command refused: " + r);
            }
        }
        rejected = 0;
        run(workload.prefix(), 0);
    }

    @Benchmark
    @OperationsPerInvocation(MIX)
    public int mix() {
        return run(workload.mix(), workload.prefix().size());
    }

    @TearDown(Level.Invocation)
    public void check() {
        if (rejected > 0) {
            throw new IllegalStateException(rejected + " commands rejected: the checks changed the workload's outcome; the first: " + firstRejection);
        }
    }

    private int run(List<Command> commands, int firstIndex) {
        int n = 0;
        int i = firstIndex;
        for (Command c : commands) {
            events.clear();
            core.apply(Workload.timestamp(i++), c, events);
            n += events.size();
            if (events.get(0) instanceof EngineEvent.OrderRejected) {
                if (rejected++ == 0) {
                    firstRejection = events.get(0);
                }
            }
        }
        return n;
    }
}
