package io.hyperindex.bench;

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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The engine's deterministic core ({@code MatchingEngine.apply}) on one thread, without the
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

    private CoreReplay replay;

    @Setup(Level.Trial)
    public void generate() {
        Workload w = Workload.generateMmpFlagged(42, 4, 200, 1_000, MIX);
        System.out.println("\nworkload: " + w.stats());
        replay = new CoreReplay(w, checks);
    }

    @Setup(Level.Invocation)
    public void freshEngine() {
        replay.prepare();
    }

    @Benchmark
    @OperationsPerInvocation(MIX)
    public int mix() {
        return replay.mix();
    }
}
