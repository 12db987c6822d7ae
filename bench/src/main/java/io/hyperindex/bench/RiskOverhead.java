package io.hyperindex.bench;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The cost of the risk checks as a ratio, measured so that machine noise cancels out: replays
 * of the same workload with checks OFF and ALL alternate in one JVM, round after round, and the
 * ratio is taken per round (ALL over the OFF run next to it); the median round is reported.
 * JMH's {@link EngineCoreBenchmark} gives the absolute numbers; this gives the comparison.
 */
@CommandLine.Command(name = "risk-overhead", mixinStandardHelpOptions = true,
        description = "Engine core throughput with all risk checks relative to none, interleaved runs.")
public final class RiskOverhead implements Callable<Integer> {
    @Option(names = "--rounds", defaultValue = "15")
    int rounds;
    @Option(names = "--warmup-rounds", defaultValue = "5")
    int warmupRounds;
    @Option(names = "--commands", defaultValue = "1000000")
    int commands;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RiskOverhead()).execute(args));
    }

    @Override
    public Integer call() {
        Workload w = Workload.generateMmpFlagged(42, 4, 200, 1_000, commands);
        System.out.println("workload: " + w.stats());
        CoreReplay off = new CoreReplay(w, RiskSetup.Checks.OFF);
        CoreReplay all = new CoreReplay(w, RiskSetup.Checks.ALL);
        double[] offRate = new double[rounds];
        double[] allRate = new double[rounds];
        double[] ratio = new double[rounds];
        long sink = 0;
        for (int r = -warmupRounds; r < rounds; r++) {
            // alternate which variant goes first, so neither always runs on a warmer cache
            boolean offFirst = (r & 1) == 0;
            double a = 0;
            double b = 0;
            for (int k = 0; k < 2; k++) {
                boolean runOff = (k == 0) == offFirst;
                CoreReplay replay = runOff ? off : all;
                replay.prepare();
                long t0 = System.nanoTime();
                sink += replay.mix();
                double rate = commands / ((System.nanoTime() - t0) / 1e9);
                if (runOff) {
                    a = rate;
                } else {
                    b = rate;
                }
            }
            if (r >= 0) {
                offRate[r] = a;
                allRate[r] = b;
                ratio[r] = b / a;
                System.out.printf(Locale.ROOT, "round %2d: checks OFF %,.0f/s, ALL %,.0f/s, ratio %.2f%n", r + 1, a, b, b / a);
            }
        }
        System.out.printf(Locale.ROOT, "median: OFF %,.0f/s, ALL %,.0f/s, ALL/OFF %.2f (rounds: %d, sink %d)%n",
                median(offRate), median(allRate), median(ratio), rounds, sink & 1);
        return 0;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
