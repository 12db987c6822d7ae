package io.hyperindex.bench;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.journal.FsyncPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * How much heap the engine needs per resting order: starts the real engine runtime (journal
 * on, fsync none), rests {@code --orders} GTC orders with client order ids across
 * {@code --instruments} books (bids below and asks above the reference, a few orders per
 * level), then reports the live heap after a full GC. Run it under the heap you want to
 * prove, e.g. {@code -Xmx1g}: if the orders do not fit, it fails with OutOfMemoryError.
 */
@CommandLine.Command(name = "memory", mixinStandardHelpOptions = true,
        description = "Heap used by the engine holding N resting orders.")
public final class MemoryFootprint implements Callable<Integer> {
    @Option(names = "--orders", defaultValue = "1000000")
    int orders;
    @Option(names = "--instruments", defaultValue = "100")
    int instruments;
    @Option(names = "--accounts", defaultValue = "100")
    int accounts;

    public static void main(String[] args) {
        System.exit(new CommandLine(new MemoryFootprint()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        List<Instrument> ins = Workload.instruments(instruments);
        List<String> names = Workload.accounts(accounts);
        Path dir = Files.createTempDirectory("memory");
        try {
            EngineConfig config = EngineConfig.defaults(dir, ins, names).withFsync(FsyncPolicy.NONE)
                    .withSnapshotEvery(0).withTimerMillis(0);
            Engine engine = Engine.start(config);
            long before = liveHeap();
            EngineDriver driver = new EngineDriver(engine, 16_384);
            int perBook = orders / instruments;
            List<Command> batch = new ArrayList<>(100_000);
            int n = 0;
            for (int i = 0; i < instruments; i++) {
                Instrument instrument = ins.get(i);
                for (int k = 0; k < perBook; k++) {
                    Side side = (k & 1) == 0 ? Side.BUY : Side.SELL;
                    long offset = (1 + k / 8) * instrument.tick(); // 4 orders per level and side
                    long price = side == Side.BUY ? instrument.referencePrice() - offset
                            : instrument.referencePrice() + offset;
                    batch.add(new Command.PlaceOrder(n % accounts, i, "mm-" + n, side, OrderType.LIMIT,
                            TimeInForce.GTC, price, 200, 0, null));
                    n++;
                    if (batch.size() == 100_000) {
                        driver.run(batch);
                        batch.clear();
                    }
                }
            }
            driver.run(batch);
            driver.requireNoRejections();
            int live = engine.query(MatchingEngine::liveOrderCount).join();
            long after = liveHeap();
            Runtime rt = Runtime.getRuntime();
            System.out.printf(Locale.ROOT, "%,d resting orders on %d books (%d accounts), max heap %,d MiB%n", live,
                    instruments, accounts, rt.maxMemory() >> 20);
            System.out.printf(Locale.ROOT, "live heap after full GC: %,d MiB before the orders, %,d MiB with them: "
                    + "%,d bytes per resting order%n", before >> 20, after >> 20, (after - before) / Math.max(1, live));
            long t0 = System.nanoTime();
            engine.close(); // writes the final snapshot on the engine thread's state
            long closeMillis = (System.nanoTime() - t0) / 1_000_000;
            long snapshotBytes;
            try (var files = Files.list(dir)) {
                snapshotBytes = files.filter(p -> p.getFileName().toString().endsWith(".snap")).mapToLong(p -> p.toFile().length()).sum();
            }
            System.out.printf(Locale.ROOT, "close with the final snapshot of %,d orders: %,d ms, snapshot %,d MiB%n", live,
                    closeMillis, snapshotBytes >> 20);
            return live == orders ? 0 : 1;
        } finally {
            EngineBenchmark.deleteTree(dir);
        }
    }

    private static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
