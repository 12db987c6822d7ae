package io.hyperindex.bench;

import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.journal.FsyncPolicy;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Open-loop latency of the engine runtime: one producer submits exchange-core's mix at a
 * fixed rate, on a schedule fixed in advance, and each command's latency is measured from the
 * time it was <em>due</em> to be sent to the time its durable reply arrives. A stall therefore
 * counts against every command that should have been sent during it (no coordinated
 * omission). Latencies go into an HdrHistogram written only by the engine thread.
 *
 * <p>Every run is bounded: warm-up plus measured seconds of commands, then at most 120 s to
 * drain. Commands refused because the ring was full are counted and reported, never retried.
 */
@CommandLine.Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Open-loop engine latency at fixed injection rates (HdrHistogram, no coordinated omission).")
public final class LatencyHarness implements Callable<Integer> {
    @Option(names = "--rates", split = ",", defaultValue = "100000,500000,1000000", description = "commands per second")
    List<Integer> rates;
    @Option(names = "--seconds", defaultValue = "5", description = "measured seconds per run")
    int seconds;
    @Option(names = "--warmup-seconds", defaultValue = "3", description = "unrecorded seconds before measuring")
    int warmupSeconds;
    @Option(names = "--repeat", defaultValue = "3", description = "runs per rate, each on a fresh engine")
    int repeat;
    @Option(names = "--fsync", defaultValue = "none", description = "journal fsync policy: none or every-batch")
    String fsync;
    @Option(names = "--checks", defaultValue = "OFF", description = "risk checks: OFF or ALL")
    RiskSetup.Checks checks;
    @Option(names = "--instruments", defaultValue = "4")
    int instruments;
    @Option(names = "--dir", description = "where the engines' data directories go (default: the system temp dir)")
    Path dir;

    /** The percentiles reported, 100 = the maximum. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99, 100};

    /** One run's outcome: latency in ns at each of {@link #PERCENTILES}. */
    record Result(int rate, double achievedRate, long[] latencyNanos, long refused, long recorded) {
        static Result of(int rate, double achieved, Histogram h, long refused) {
            long[] v = new long[PERCENTILES.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = PERCENTILES[i] == 100 ? h.getMaxValue() : h.getValueAtPercentile(PERCENTILES[i]);
            }
            return new Result(rate, achieved, v, refused, h.getTotalCount());
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new LatencyHarness()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int maxRate = rates.stream().mapToInt(Integer::intValue).max().orElseThrow();
        int needed = maxRate * (warmupSeconds + seconds);
        System.out.printf(Locale.ROOT, "generating %,d commands of exchange-core's mix ...%n", needed);
        Workload w = Workload.generateMmpFlagged(42, instruments, 200, 1_000, needed);
        System.out.println("workload: " + w.stats());
        System.out.printf(Locale.ROOT, "fsync %s, checks %s, %d s warm-up + %d s measured, %d runs per rate%n", fsync,
                checks, warmupSeconds, seconds, repeat);
        System.out.println("run     rate/s   achieved/s   p50 us   p90 us   p99 us  p99.9 us p99.99 us    max us  refused");
        for (int rate : rates) {
            List<Result> runs = new ArrayList<>();
            for (int r = 0; r < repeat; r++) {
                Result res = run(w, rate);
                runs.add(res);
                print(String.valueOf(r + 1), res);
            }
            print("median", median(rate, runs));
        }
        return 0;
    }

    private static void print(String label, Result r) {
        long[] v = r.latencyNanos();
        System.out.printf(Locale.ROOT, "%-7s%,9d %,12.0f %8.1f %8.1f %8.1f %9.1f %9.1f %9.1f %8d%n", label, r.rate(),
                r.achievedRate(), v[0] / 1e3, v[1] / 1e3, v[2] / 1e3, v[3] / 1e3, v[4] / 1e3, v[5] / 1e3, r.refused());
    }

    /** Per percentile, the median over the runs (likewise for the achieved rate and refusals). */
    static Result median(int rate, List<Result> runs) {
        long[] v = new long[PERCENTILES.length];
        for (int i = 0; i < v.length; i++) {
            final int k = i;
            v[i] = runs.stream().mapToLong(x -> x.latencyNanos()[k]).sorted().toArray()[runs.size() / 2];
        }
        double achieved = runs.stream().mapToDouble(Result::achievedRate).sorted().toArray()[runs.size() / 2];
        long refused = runs.stream().mapToLong(Result::refused).sorted().toArray()[runs.size() / 2];
        long recorded = runs.stream().mapToLong(Result::recorded).sorted().toArray()[runs.size() / 2];
        return new Result(rate, achieved, v, refused, recorded);
    }

    private Result run(Workload w, int rate) throws Exception {
        Path dir = this.dir == null ? Files.createTempDirectory("latency") : Files.createTempDirectory(this.dir, "latency");
        EngineConfig base = EngineConfig.defaults(dir, w.instruments(), w.accounts())
                .withFsync(FsyncPolicy.parse(fsync)).withSnapshotEvery(0).withTimerMillis(0);
        Engine engine = Engine.start(RiskSetup.configure(base, w, checks));
        try {
            EngineDriver setup = new EngineDriver(engine, 16_384);
            setup.run(RiskSetup.mmpGroups(w, checks));
            setup.run(w.prefix());
            setup.requireNoRejections();
            // the workload and the filled books are long-lived: promote them now, so that the
            // measured seconds see only the collections the engine's own garbage causes
            System.gc();
            return inject(engine, w.mix(), rate);
        } finally {
            engine.close();
            EngineBenchmark.deleteTree(dir);
        }
    }

    Result inject(Engine engine, List<io.hyperindex.gateway.domain.Command> mix, int rate) {
        int warm = rate * warmupSeconds;
        int total = warm + rate * seconds;
        Recorder recorder = new Recorder(warm);
        double interval = 1e9 / rate;
        long start = System.nanoTime() + 1_000_000;
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * interval);
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            engine.submit(mix.get(i), recorder.probe(i, due));
        }
        long sentBy = System.nanoTime();
        long deadline = sentBy + 120_000_000_000L;
        while (recorder.answered.get() < total && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        if (recorder.answered.get() < total) {
            throw new IllegalStateException("only " + recorder.answered + " of " + total + " commands answered in 120 s");
        }
        double achieved = total / ((sentBy - start) / 1e9);
        return Result.of(rate, achieved, recorder.histogram, recorder.refused.get());
    }

    /**
     * Records each reply's latency from its due time. The histogram is written by the engine
     * thread only; a refusal is answered on the producer thread, hence the atomic counters.
     */
    static final class Recorder {
        final Histogram histogram = new Histogram(3_600_000_000_000L, 3);
        final int firstRecorded;
        final java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong refused = new java.util.concurrent.atomic.AtomicLong();

        Recorder(int firstRecorded) {
            this.firstRecorded = firstRecorded;
        }

        Consumer<CommandResult> probe(int index, long due) {
            return r -> {
                long latency = System.nanoTime() - due;
                List<EngineEvent> ev = r.events();
                if (r.sequence() == 0 && !ev.isEmpty() && ev.get(0) instanceof EngineEvent.OrderRejected x
                        && x.reason() == ReasonCode.ENGINE_UNAVAILABLE) {
                    refused.incrementAndGet(); // answered at once on the producer thread: the ring was full
                } else if (index >= firstRecorded) {
                    histogram.recordValue(Math.max(1, latency));
                }
                answered.incrementAndGet();
            };
        }
    }
}
