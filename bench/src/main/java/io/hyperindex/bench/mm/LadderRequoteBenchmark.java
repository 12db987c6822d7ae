package io.hyperindex.bench.mm;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.journal.FsyncPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A full 5-level ladder requote through the engine, as the market maker sends it: ten
 * {@link Command.AmendOrder}s (every level of both sides moves), each submitted with
 * {@link Engine#submit} from one thread, timed until the last result is durable (journaled,
 * fsync none or every batch) and released. The ladder alternates between two price sets a
 * few ticks apart, so every amend re-prices a resting post-only order.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LadderRequoteBenchmark {
    @Param({"none", "every-batch"})
    public String fsync;

    private Path dir;
    private Engine engine;
    private final long[] orderIds = new long[10];
    private final long[][] prices = new long[2][10];
    private int flip;

    @Setup(Level.Trial)
    public void engineWithALadder() throws Exception {
        dir = Files.createTempDirectory("mm-requote-bench");
        engine = Engine.start(EngineConfig.defaults(dir, List.of(QuoteBenchmark.BTC), List.of("venue-mm"))
                .withFsync(FsyncPolicy.parse(fsync)).withSnapshotEvery(0).withTimerMillis(0));
        for (int level = 0; level < 5; level++) {
            prices[0][level] = 949_500 - level * 100;          // bids
            prices[1][level] = 949_497 - level * 100;
            prices[0][5 + level] = 950_500 + level * 100;      // asks
            prices[1][5 + level] = 950_497 + level * 100;
        }
        for (int n = 0; n < 10; n++) {
            CommandResult r = engine.submit(new Command.PlaceOrder(0, 0, "l" + n, n < 5 ? Side.BUY : Side.SELL,
                    OrderType.LIMIT, TimeInForce.GTC, prices[0][n], 105, OrderFlags.POST_ONLY, null)).get(10, TimeUnit.SECONDS);
            orderIds[n] = ((EngineEvent.OrderAccepted) r.events().get(0)).orderId();
        }
    }

    @Benchmark
    public int requoteFiveLevelsASide() throws Exception {
        flip ^= 1;
        long[] p = prices[flip];
        CompletableFuture<Integer> done = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(10);
        AtomicInteger rejected = new AtomicInteger();
        for (int n = 0; n < 10; n++) {
            engine.submit(new Command.AmendOrder(0, orderIds[n], null, p[n], 105), r -> {
                if (r.rejection() != null) {
                    rejected.incrementAndGet();
                }
                if (left.decrementAndGet() == 0) {
                    done.complete(rejected.get());
                }
            });
        }
        int bad = done.get(10, TimeUnit.SECONDS);
        if (bad != 0) {
            throw new IllegalStateException(bad + " amends were rejected");
        }
        return bad;
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        engine.close();
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
