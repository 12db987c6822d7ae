package io.hyperindex.bench;

import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * How often the machine itself takes a core away: {@code --threads} threads spin reading the
 * clock, and every gap between two consecutive readings longer than 1 µs is recorded (a
 * hiccup meter). On a machine whose cores are all busy with spinning threads, as in the
 * latency harness (one producer, one engine thread), these stalls bound what any latency
 * percentile can be: a command submitted just before a 4 ms stall waits 4 ms however fast the
 * engine is.
 */
@CommandLine.Command(name = "jitter", mixinStandardHelpOptions = true,
        description = "Stalls seen by threads spinning on the clock (the platform's own latency floor).")
public final class PlatformJitter implements Callable<Integer> {
    @Option(names = "--threads", defaultValue = "2")
    int threads;
    @Option(names = "--seconds", defaultValue = "10")
    int seconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new PlatformJitter()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Histogram[] gaps = new Histogram[threads];
        long[] stalledNanos = new long[threads];
        Thread[] ts = new Thread[threads];
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int t = 0; t < threads; t++) {
            final int k = t;
            gaps[k] = new Histogram(60_000_000_000L, 3);
            ts[k] = new Thread(() -> {
                long last = System.nanoTime();
                while (last < end) {
                    long now = System.nanoTime();
                    long gap = now - last;
                    if (gap > 1_000) {
                        gaps[k].recordValue(gap);
                        stalledNanos[k] += gap;
                    }
                    last = now;
                }
            }, "spinner-" + t);
            ts[k].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        for (int t = 0; t < threads; t++) {
            Histogram h = gaps[t];
            System.out.printf(Locale.ROOT, "thread %d: %,d stalls > 1 us in %d s (%,d > 1 ms), longest %.1f ms, "
                            + "%.2f%% of the time stalled; stall p50 %.1f us, p99 %.1f us%n", t, h.getTotalCount(), seconds,
                    h.getCountBetweenValues(1_000_000, h.getMaxValue()), h.getMaxValue() / 1e6,
                    100.0 * stalledNanos[t] / (seconds * 1e9), h.getValueAtPercentile(50) / 1e3,
                    h.getValueAtPercentile(99) / 1e3);
        }
        return 0;
    }
}
