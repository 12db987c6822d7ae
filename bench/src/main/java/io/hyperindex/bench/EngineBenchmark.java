package io.hyperindex.bench;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.journal.FsyncPolicy;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The whole engine runtime: a producer thread submits through the multi-producer Disruptor
 * ring, the engine thread applies each command, journals it and its events with group commit
 * ({@code fsync} none or every-batch), and releases the reply only after the commit. Each
 * invocation starts a fresh engine in a fresh directory, fills the books, then measures
 * {@value #MIX} commands of exchange-core's mix from submit to the last durable reply.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 8, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class EngineBenchmark {
    static final int MIX = 1_000_000;

    @Param({"none", "every-batch"})
    public String fsync;

    @Param({"OFF", "ALL"})
    public RiskSetup.Checks checks;

    private Workload workload;
    private Path dir;
    private Engine engine;
    private EngineDriver driver;

    @Setup(Level.Trial)
    public void generate() {
        workload = Workload.generateMmpFlagged(42, 4, 200, 1_000, MIX);
        System.out.println("\nworkload: " + workload.stats());
    }

    @Setup(Level.Invocation)
    public void freshEngine() throws IOException {
        dir = Files.createTempDirectory("engine-bench");
        EngineConfig base = EngineConfig.defaults(dir, workload.instruments(), workload.accounts())
                .withFsync(FsyncPolicy.parse(fsync)).withSnapshotEvery(0).withTimerMillis(0);
        engine = Engine.start(RiskSetup.configure(base, workload, checks));
        driver = new EngineDriver(engine, 16_384);
        driver.run(RiskSetup.mmpGroups(workload, checks));
        driver.run(workload.prefix());
    }

    @Benchmark
    @OperationsPerInvocation(MIX)
    public long mix() {
        driver.run(workload.mix());
        return driver.answered();
    }

    @TearDown(Level.Invocation)
    public void stop() throws IOException {
        engine.close();
        driver.requireNoRejections();
        deleteTree(dir);
    }

    static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
