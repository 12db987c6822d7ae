package io.hyperindex.gateway.mm;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.engine.TestMarkets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The market maker in a real engine: quotes appear, lean against inventory, respect the bound, die cleanly. */
class MarketMakerEngineTest {
    private static final List<Instrument> INSTRUMENTS = TestMarkets.instruments();
    private static final Instrument BTC = INSTRUMENTS.get(0);
    private static final int ALPHA = 0;
    private static final int BRAVO = 1;
    private static final int VENUE_MM = 3;

    @TempDir
    Path dir;
    private Engine engine;
    private MarketMaker mm;
    private SimpleMeterRegistry metrics;
    private final List<CommandResult> seen = new CopyOnWriteArrayList<>();

    /** One of the market maker's live orders. */
    record Quote(Side side, long price, long remaining) {
    }

    private void start(Map<String, String> knobs) throws Exception {
        engine = Engine.start(EngineConfig.defaults(dir, INSTRUMENTS, TestMarkets.accounts()));
        engine.subscribe(seen::add);
        metrics = new SimpleMeterRegistry();
        MmParams p = MmParams.defaults().with(knobs);
        mm = new MarketMaker(engine, VENUE_MM, Map.of(BTC, p), List.of(BTC.symbol()), null, metrics,
                MarketMakerEngineTest::epochNanos);
    }

    static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @AfterEach
    void close() {
        if (mm != null) {
            mm.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private List<Quote> quotes() throws Exception {
        return engine.query(c -> {
            List<Quote> out = new ArrayList<>();
            c.forEachLiveOrder(o -> {
                if (o.account() == VENUE_MM && o.instrument() == BTC.id()) {
                    out.add(new Quote(o.side(), o.price(), o.remaining()));
                }
            });
            return out;
        }).get(10, TimeUnit.SECONDS);
    }

    private long position() throws Exception {
        return engine.query(c -> c.account(VENUE_MM).position(BTC.id())).get(10, TimeUnit.SECONDS);
    }

    private static long best(List<Quote> q, Side side) {
        return q.stream().filter(x -> x.side() == side).mapToLong(Quote::price)
                .reduce(side == Side.BUY ? Long::max : Long::min).orElse(0);
    }

    private static long count(List<Quote> q, Side side) {
        return q.stream().filter(x -> x.side() == side).count();
    }

    /** Polls (at most 10 s, every 20 ms) until the condition holds. */
    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting until " + what + "; market maker: " + mm.status());
    }

    private BooleanSupplier quoting(int perSide) {
        return () -> {
            try {
                List<Quote> q = quotes();
                return count(q, Side.BUY) == perSide && count(q, Side.SELL) == perSide && mmQuiet();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
    }

    private boolean mmQuiet() {
        MmStatus s = mm.status(BTC.symbol());
        return s != null && s.state() == MmState.QUOTING;
    }

    private CommandResult submit(Command c) throws Exception {
        return engine.submit(c).get(10, TimeUnit.SECONDS);
    }

    private CommandResult ioc(int account, Side side, long price, long qty) throws Exception {
        return submit(new Command.PlaceOrder(account, BTC.id(), null, side, OrderType.LIMIT, TimeInForce.IOC, price, qty,
                0, null));
    }

    /** Others' liquidity far out on both sides, so that the fair price (their microprice) stays at 95,000. */
    private void anchorTheFairPrice() throws Exception {
        submit(new Command.PlaceOrder(ALPHA, BTC.id(), "anchor-bid", Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                9_400_000, 1_000, 0, null));
        submit(new Command.PlaceOrder(ALPHA, BTC.id(), "anchor-ask", Side.SELL, OrderType.LIMIT, TimeInForce.GTC,
                9_600_000, 1_000, 0, null));
    }

    @Test
    void quotesAppearOnBothSidesAroundTheFairPriceWithTheMinimumSpread() throws Exception {
        start(Map.of("warmupTrades", "0"));
        await("five levels a side", quoting(5));
        List<Quote> q = quotes();
        long bid = best(q, Side.BUY);
        long ask = best(q, Side.SELL);
        assertTrue(bid < 9_500_000 && ask > 9_500_000, bid + " / " + ask);
        assertTrue(ask - bid >= 8 * 9_500_000 / 10_000, "at least the 8 bp minimum spread");
        MmStatus s = mm.freshStatus().get(10, TimeUnit.SECONDS).get(0);
        assertEquals(95_000.0, s.fair(), 1e-9);
        assertEquals(5, s.bids().size());
        assertTrue(s.spreadBps() >= 8, "spread " + s.spreadBps());
        assertTrue(metrics.get("mm_spread_bps").tag("symbol", BTC.symbol()).gauge().value() >= 8);
        assertTrue(seen.stream().flatMap(r -> r.events().stream())
                        .anyMatch(e -> e instanceof EngineEvent.CancelAfterSet c && c.account() == VENUE_MM && c.deadline() > 0),
                "the dead-man switch is armed");
    }

    @Test
    void noQuotesBeforeTheWarmUpTrades() throws Exception {
        start(Map.of("warmupTrades", "3"));
        anchorTheFairPrice();
        Thread.sleep(300); // the market maker has had three timer ticks to (wrongly) quote
        assertEquals(List.of(), quotes());
        assertEquals(MmState.WARMING_UP, mm.freshStatus().get(10, TimeUnit.SECONDS).get(0).state());
        // three trades between others: now it quotes
        for (int i = 0; i < 3; i++) {
            ioc(BRAVO, Side.SELL, 9_400_000, 2); // 2 lots: above the 10 USDC minimum notional
        }
        await("quotes after warm-up", quoting(5));
    }

    @Test
    void quotesMoveAgainstInventory() throws Exception {
        start(Map.of("warmupTrades", "0", "maxBpsDiff", "0.5"));
        anchorTheFairPrice();
        await("five levels a side", quoting(5));
        List<Quote> before = quotes();
        long bid0 = best(before, Side.BUY);
        long ask0 = best(before, Side.SELL);
        long level0 = before.stream().filter(x -> x.side() == Side.BUY && x.price() == bid0).findFirst().orElseThrow().remaining();

        CommandResult hit = ioc(BRAVO, Side.SELL, bid0, level0); // a taker sells the whole level-0 bid
        assertTrue(hit.events().stream().anyMatch(e -> e instanceof EngineEvent.TradeExecuted));
        assertEquals(level0, position());
        await("the market maker leans: both quotes lower", () -> {
            try {
                List<Quote> q = quotes();
                return count(q, Side.BUY) == 5 && best(q, Side.SELL) < ask0 && best(q, Side.BUY) < bid0;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        MmStatus s = mm.freshStatus().get(10, TimeUnit.SECONDS).get(0);
        assertEquals(1.0, s.inventoryLots(), 0.05);
        assertEquals(95_000.0, s.fair(), 1e-9, "others' microprice did not move");
        assertEquals(level0 / 10_000.0, metrics.get("mm_position").tag("symbol", BTC.symbol()).gauge().value(), 1e-9);
    }

    @Test
    void theInventoryBoundHoldsAndStopsOnlyTheSideThatWouldGrowIt() throws Exception {
        start(Map.of("warmupTrades", "0", "maxLongUsd", "2500"));
        long maxLong = (long) Math.floor(2_500 / (9_500_000 * BTC.cashPerUnit() / 1e8)); // 263 lots
        anchorTheFairPrice();
        await("three bid levels (the bound) and five asks", () -> {
            try {
                List<Quote> q = quotes();
                return count(q, Side.BUY) == 3 && count(q, Side.SELL) == 5;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        for (int round = 0; round < 4; round++) {
            ioc(BRAVO, Side.SELL, 9_400_100, 10_000); // sweeps every market-maker bid above the anchor
            long pos = position();
            long openBids = quotes().stream().filter(x -> x.side() == Side.BUY).mapToLong(Quote::remaining).sum();
            assertTrue(pos <= maxLong, "position " + pos + " beyond the bound " + maxLong);
            assertTrue(pos + openBids <= maxLong, "position + open bids " + (pos + openBids));
            Thread.sleep(150);
        }
        assertEquals(maxLong, position(), "filled up to the bound, not past it");
        await("no bids at the bound, asks still there", () -> {
            try {
                List<Quote> q = quotes();
                return count(q, Side.BUY) == 0 && count(q, Side.SELL) == 5;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void theKillSwitchCancelsEverythingTurnsTheEngineSwitchOnAndAlerts() throws Exception {
        start(Map.of("warmupTrades", "0"));
        anchorTheFairPrice();
        await("five levels a side", quoting(5));
        long bid0 = best(quotes(), Side.BUY);
        ioc(BRAVO, Side.SELL, bid0, 105); // a position worth ~1,000 USDC
        // a position-value limit below it: the next timer tick kills
        mm.setParams(BTC.symbol(), Map.of("maxPositionValueUsd", "500"), "test").get(10, TimeUnit.SECONDS);
        await("killed", () -> mm.status(BTC.symbol()).state() == MmState.KILLED);
        await("every order cancelled", () -> {
            try {
                return quotes().isEmpty();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(engine.query(c -> c.risk().isKilled(VENUE_MM)).get(10, TimeUnit.SECONDS));
        EngineEvent.KillSwitchChanged k = seen.stream().flatMap(r -> r.events().stream())
                .filter(e -> e instanceof EngineEvent.KillSwitchChanged).map(e -> (EngineEvent.KillSwitchChanged) e)
                .findFirst().orElse(null);
        assertNotNull(k, "the engine's kill switch event (what AlertPublisher turns into an alert)");
        assertTrue(k.on() && k.actor().startsWith(MarketMakerCore.ACTOR), k.actor());
        assertTrue(mm.status(BTC.symbol()).reason().contains("position value"), mm.status(BTC.symbol()).reason());
        assertEquals(1.0, metrics.get("mm_alerts").counter().count());

        // an operator restarts it with a sane limit: the kill switch is lifted and quotes come back
        mm.setParams(BTC.symbol(), Map.of("maxPositionValueUsd", "10000"), "test").get(10, TimeUnit.SECONDS);
        mm.start(BTC.symbol(), "test").get(10, TimeUnit.SECONDS);
        await("quoting again", quoting(5));
        assertFalse(engine.query(c -> c.risk().isKilled(VENUE_MM)).get(10, TimeUnit.SECONDS));
    }

    @Test
    void stopCancelsTheSymbolsOrdersAndParametersChangeAtRuntime() throws Exception {
        start(Map.of("warmupTrades", "0"));
        await("five levels a side", quoting(5));
        mm.setParams(BTC.symbol(), Map.of("levels", "3"), "test").get(10, TimeUnit.SECONDS);
        await("three levels a side", quoting(3));
        mm.stop(BTC.symbol(), "test").get(10, TimeUnit.SECONDS);
        await("no orders", () -> {
            try {
                return quotes().isEmpty();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(MmState.STOPPED, mm.status(BTC.symbol()).state());
    }
}
