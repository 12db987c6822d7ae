package io.hyperindex.gateway.mm.sim;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.journal.FsyncPolicy;
import io.hyperindex.gateway.mm.MarketMakerCore;
import io.hyperindex.gateway.mm.MmParams;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Experiment (c): the market maker in the real engine (a fresh one in a temporary directory,
 * on a simulated clock) against synthetic taker flow. A fundamental price follows a Brownian
 * motion; takers arrive as a Poisson process and send IOC limit orders at the fundamental
 * plus or minus an exponentially distributed depth (so a quote at depth delta is reached at
 * rate A exp(-k delta)); a fraction of them are informed: they know the fundamental
 * {@code informedHorizon} seconds ahead, trade in its direction and pay up to it. The driver
 * runs everything on one thread, waiting for the engine after each step, so a seed gives
 * one result.
 */
public final class EngineFlowSim {

    /** The experiment's settings. */
    public record Settings(double seconds, long seed, double takersPerSecond, double meanDepthBps, double informedFraction,
                           double informedHorizonSeconds, double sigmaBps, double meanTakerUsd, Map<String, String> knobs) {
        public static Settings defaults(long seed) {
            return new Settings(1_800, seed, 4, 4, 0.2, 10, 1.5, 400, Map.of());
        }
    }

    /** What the run measured. */
    public record Report(double pnlUsd, double feesUsd, long fills, long quotesSent, double fillRatio,
                         double spreadCaptureBps, double markout1sBps, double markout10sBps, double inventoryMeanUsd,
                         double inventoryStdUsd, double inventoryMaxAbsUsd, double uptime, double twoSidedSpreadBps,
                         double depthBidUsd, double depthAskUsd, double sharpe1m, long takers, long commandsSent,
                         String finalState) {
        public String format() {
            return String.format(Locale.ROOT, String.join("%n",
                    "P&L (marked to the fundamental)   %.2f USDC  (maker fees received %.2f USDC)",
                    "fills / quotes sent               %d / %d  (fill ratio %.3f; quotes = new + amended orders)",
                    "spread capture                    %.2f bp per fill (fill price inside the fundamental)",
                    "adverse selection, mark-out 1 s   %.2f bp    10 s  %.2f bp  (fundamental move against the fill; positive = loss)",
                    "inventory                         mean %.0f USDC, std %.0f USDC, max |q| %.0f USDC",
                    "quote uptime (two-sided)          %.2f %%   two-sided spread %.2f bp",
                    "depth within 10 levels            bid %.0f USDC, ask %.0f USDC",
                    "Sharpe of 1-minute P&L            %.3f per minute",
                    "takers %d, market-maker commands %d, final state %s%n"),
                    pnlUsd, feesUsd, fills, quotesSent, fillRatio, spreadCaptureBps, markout1sBps, markout10sBps,
                    inventoryMeanUsd, inventoryStdUsd, inventoryMaxAbsUsd, uptime * 100, twoSidedSpreadBps, depthBidUsd,
                    depthAskUsd, sharpe1m, takers, commandsSent, finalState);
        }
    }

    private static final long STEP_NANOS = 100_000_000L;
    private static final long START = 1_767_571_200_000_000_000L + 3_600_000_000_000L; // 2026-01-05 01:00 UTC
    /** BTC-like: price units of 0.1 (the tick), lot 0.0001, 10 USDC minimum notional. */
    static final Instrument BTC = new Instrument(0, "BTC-USDC", 1, 4, 1, 1, 10 * 100_000_000L, 1_000_000, 1_000, 200, 950_000);
    private static final int TAKER = 0;
    private static final int MM = 1;

    private final Settings s;
    private final AtomicLong clock = new AtomicLong(START);
    private Engine engine;
    private MarketMakerCore core;
    private SynchronousDriver driver;

    private EngineFlowSim(Settings s) {
        this.s = s;
    }

    /** Runs the experiment in a temporary directory (deleted afterwards). */
    public static Report run(Settings s) throws IOException {
        Path dir = Files.createTempDirectory("mm-sim");
        try {
            return new EngineFlowSim(s).run(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Fill(long time, int sign, double price) {
    }

    private Report run(Path dir) throws IOException {
        SplittableRandom rnd = new SplittableRandom(s.seed());
        int steps = (int) Math.round(s.seconds() * 1e9 / STEP_NANOS);
        int ahead = (int) Math.round(s.informedHorizonSeconds() * 1e9 / STEP_NANOS);
        double[] fundamental = new double[steps + ahead + 2];
        fundamental[0] = BTC.referencePrice();
        double stepSigma = s.sigmaBps() / 1e4 * Math.sqrt(STEP_NANOS / 1e9);
        for (int i = 1; i < fundamental.length; i++) {
            fundamental[i] = fundamental[i - 1] * (1 + stepSigma * gaussian(rnd));
        }
        double usdPerUnit = BTC.cashPerUnit() / 1e8;
        Map<String, String> knobs = new LinkedHashMap<>(Map.of("warmupTrades", "0",
                "priorSigmaBps", Double.toString(s.sigmaBps()),
                "priorA", Double.toString(s.takersPerSecond() / 2),
                "priorKPerBp", Double.toString(1 / s.meanDepthBps())));
        knobs.putAll(s.knobs());
        MmParams params = MmParams.defaults().with(knobs);

        List<Fill> fills = new ArrayList<>();
        long[] placed = new long[1];
        double[] fees = new double[1];
        EngineConfig config = EngineConfig.defaults(dir, List.of(BTC), List.of("taker", "venue-mm"))
                .withFsync(FsyncPolicy.NONE).withTimerMillis(0);
        try (Engine e = Engine.start(config, clock::get)) {
            engine = e;
            double[] lastMid = {BTC.referencePrice()};
            driver = new SynchronousDriver(engine, MM, Map.of(BTC, params), clock::get);
            core = driver.core();
            engine.subscribe(r -> {
                for (EngineEvent ev : r.events()) {
                    if (ev instanceof EngineEvent.TradeExecuted t && t.makerAccount() == MM) {
                        fills.add(new Fill(t.timestamp(), t.takerSide() == Side.SELL ? 1 : -1, t.price()));
                        fees[0] -= t.makerFee() / 1e8;
                    } else if ((ev instanceof EngineEvent.OrderAccepted a && a.account() == MM)
                            || (ev instanceof EngineEvent.OrderAmended m && m.account() == MM)) {
                        placed[0]++; // every quote put on the book: new orders and re-priced ones
                    }
                }
            });
            core.start(BTC.symbol());
            driver.settle();

            List<Double> inventoryUsd = new ArrayList<>();
            List<Double> minutePnl = new ArrayList<>();
            double[] midAt = new double[steps + 1];
            long twoSided = 0;
            double spreadSum = 0;
            double depthBid = 0;
            double depthAsk = 0;
            long takers = 0;
            double nextArrival = expo(rnd, s.takersPerSecond());
            for (int n = 0; n < steps; n++) {
                double t0 = n * STEP_NANOS / 1e9;
                while (nextArrival < t0 + STEP_NANOS / 1e9) {
                    clock.set(START + (long) (nextArrival * 1e9));
                    takers++;
                    taker(rnd, fundamental[n], fundamental[n + ahead], lastMid[0]);
                    driver.settle();
                    nextArrival += expo(rnd, s.takersPerSecond());
                }
                clock.set(START + (n + 1) * STEP_NANOS);
                driver.tick();
                double[] book = top();
                double mid = book[0] > 0 && book[1] > 0 ? (book[0] + book[1]) / 2 : lastMid[0];
                lastMid[0] = mid;
                midAt[n + 1] = mid;
                if (book[0] > 0 && book[1] > 0) {
                    twoSided++;
                    spreadSum += (book[1] - book[0]) / mid * 1e4;
                }
                depthBid += book[2];
                depthAsk += book[3];
                if ((n + 1) % 10 == 0) {
                    long pos = engine.query(c -> c.account(MM).position(0)).join();
                    inventoryUsd.add(pos * fundamental[n + 1] * usdPerUnit);
                }
                if ((n + 1) % 600 == 0) {
                    minutePnl.add(equity(fundamental[n + 1]));
                }
            }
            double finalPnl = equity(fundamental[steps]);
            double capture = 0;
            double m1 = 0;
            double m10 = 0;
            int n1 = 0;
            int n10 = 0;
            for (Fill f : fills) {
                // against the fundamental (the simulation's true price), which the book does not show:
                // capture = how far inside it the fill was; adverse selection = how far it then moved against the fill
                int i = (int) ((f.time() - START) / STEP_NANOS);
                double fNow = fundamental[i];
                capture += f.sign() * (fNow - f.price()) / fNow * 1e4;
                if (i + 10 <= steps) {
                    m1 += -f.sign() * (fundamental[i + 10] - fNow) / fNow * 1e4;
                    n1++;
                }
                if (i + 100 <= steps) {
                    m10 += -f.sign() * (fundamental[i + 100] - fNow) / fNow * 1e4;
                    n10++;
                }
            }
            double[] inv = inventoryUsd.stream().mapToDouble(Double::doubleValue).toArray();
            double maxAbs = 0;
            for (double v : inv) {
                maxAbs = Math.max(maxAbs, Math.abs(v));
            }
            double[] diffs = new double[Math.max(0, minutePnl.size() - 1)];
            for (int i = 0; i < diffs.length; i++) {
                diffs[i] = minutePnl.get(i + 1) - minutePnl.get(i);
            }
            double sharpe = diffs.length < 2 || AvellanedaStoikovSim.std(diffs) == 0 ? Double.NaN
                    : AvellanedaStoikovSim.mean(diffs) / AvellanedaStoikovSim.std(diffs);
            String state = core.status().get(0).state().name();
            return new Report(finalPnl, fees[0], fills.size(), placed[0], placed[0] == 0 ? 0 : fills.size() / (double) placed[0],
                    fills.isEmpty() ? Double.NaN : capture / fills.size(), n1 == 0 ? Double.NaN : m1 / n1,
                    n10 == 0 ? Double.NaN : m10 / n10, AvellanedaStoikovSim.mean(inv), AvellanedaStoikovSim.std(inv), maxAbs,
                    twoSided / (double) steps, twoSided == 0 ? Double.NaN : spreadSum / twoSided, depthBid / steps,
                    depthAsk / steps, sharpe, takers, core.commandsSent(), state);
        }
    }

    /** The market maker's P&L so far, marked at {@code mark}: cash flows from fills and fees plus position x mark. */
    private double equity(double mark) {
        return engine.query(c -> {
            long pos = c.account(MM).position(0);
            return c.cash(MM) / 1e8 + pos * mark * BTC.cashPerUnit() / 1e8;
        }).join();
    }

    /** Best MM bid, best MM ask (price units), and MM notional within 10 levels per side (USDC). */
    private double[] top() {
        return engine.query(c -> {
            var snap = c.l2Snapshot(0, 10);
            double[] out = new double[4];
            out[0] = snap.bestBid();
            out[1] = snap.bestAsk();
            for (var l : snap.bids()) {
                out[2] += l.price() * l.quantity() * BTC.cashPerUnit() / 1e8;
            }
            for (var l : snap.asks()) {
                out[3] += l.price() * l.quantity() * BTC.cashPerUnit() / 1e8;
            }
            return out;
        }).join();
    }

    private void taker(SplittableRandom rnd, double now, double future, double mid) {
        boolean informed = rnd.nextDouble() < s.informedFraction();
        boolean buy = informed ? future > mid : rnd.nextBoolean();
        double depth = expo(rnd, 1 / s.meanDepthBps());
        double limit = informed ? future : now * (1 + (buy ? depth : -depth) / 1e4);
        long price = buy ? (long) Math.floor(limit) : (long) Math.ceil(limit);
        double usd = s.meanTakerUsd() * expo(rnd, 1);
        long minQty = (long) Math.ceil(BTC.minNotional() / (double) (Math.max(1, price) * BTC.cashPerUnit()));
        long qty = Math.max(minQty, (long) (usd / (price * BTC.cashPerUnit() / 1e8)));
        if (price <= 0) {
            return;
        }
        engine.submit(new Command.PlaceOrder(TAKER, 0, null, buy ? Side.BUY : Side.SELL, OrderType.LIMIT,
                TimeInForce.IOC, price, qty, 0, null)).join();
    }

    private static double expo(SplittableRandom rnd, double rate) {
        return -Math.log(1 - rnd.nextDouble()) / rate;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
