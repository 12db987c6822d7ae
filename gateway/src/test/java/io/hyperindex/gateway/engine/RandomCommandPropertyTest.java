package io.hyperindex.gateway.engine;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.EngineEvent.OrderAmended;
import io.hyperindex.gateway.domain.EngineEvent.OrderCancelled;
import io.hyperindex.gateway.domain.EngineEvent.TradeExecuted;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.InstrumentStatus;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.SelfTradePrevention;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine against {@link ReferenceBookModel}, an independent naive implementation of
 * docs/matching.md: a million seeded random commands (good and bad) compared event by event,
 * with the full books, orders, positions and cash compared and the conservation invariants
 * checked after every batch; plus hand-built scenarios for the subtle rules.
 *
 * <p>Run with {@code -Dseed=N} to replay a failure and {@code -Dcommands=N} to change the length.
 */
class RandomCommandPropertyTest {

    /** Four instruments with small ticks and lots and wide bands, so most random prices are valid. */
    static List<Instrument> instruments() {
        return List.of(
                // price 0.01, qty 0.0001: tick 0.50, lot 0.001; 1 lot at the reference is 60 USDC < 100 USDC min
                new Instrument(0, "BTC-USDC", 2, 4, 50, 10, 100 * 100_000_000L, 500_000, 2_000, 100, 6_000_000),
                // price 0.01, qty 0.001: tick 0.05, lot 0.005
                new Instrument(1, "ETH-USDC", 2, 3, 5, 5, 20 * 100_000_000L, 2_000_000, 3_000, 300, 350_000),
                // price 0.01, qty 1: tick 0.01, lot 1
                new Instrument(2, "HIDX-USDC", 2, 0, 1, 1, 25 * 100_000_000L, 1_000_000, 5_000, 500, 1_000),
                // price 0.001, qty 0.01: a coarse tick 0.500, lot 0.10; market protection 0.2% is less than a tick
                new Instrument(3, "SOL-USDC", 3, 2, 500, 10, 20 * 100_000_000L, 1_000_000, 2_000, 20, 150_000));
    }

    static List<String> accounts() {
        return List.of("mm-0", "mm-1", "mm-2", "mm-3", "taker-4", "taker-5");
    }

    static final int BATCH = 1_000;
    /** Resting orders per book above which the generator starts cancelling the deepest ones. */
    static final int BOOK_CAP = 300;

    @Test
    @DisplayName("a million random commands: engine events, books, positions and cash equal the reference model's")
    void engineAgreesWithTheReferenceModelOverAMillionRandomCommands() {
        long seed = Long.getLong("seed", System.nanoTime());
        int commands = Integer.getInteger("commands", 1_000_000);
        System.out.println("RandomCommandPropertyTest seed=" + seed + " commands=" + commands
                + " (replay with -Dseed=" + seed + ")");
        long started = System.nanoTime();
        ReferenceTwin twin = new ReferenceTwin(instruments(), accounts(), seed);
        CommandGenerator gen = new CommandGenerator(seed, twin.model);
        long maxResting = 0;
        long maxLevels = 0;
        for (int n = 0; n < commands; n++) {
            twin.run(gen.next());
            if ((n + 1) % BATCH == 0) {
                twin.checkState();
                for (int i = 0; i < twin.instrumentCount; i++) {
                    maxResting = Math.max(maxResting, twin.model.restingCount(i));
                    for (Side s : Side.values()) {
                        maxLevels = Math.max(maxLevels, twin.engine.book(i).levelCount(s));
                    }
                }
            }
        }
        twin.checkState();
        twin.checkAllOrderAccounting();
        double secs = (System.nanoTime() - started) / 1e9;
        System.out.printf("RandomCommandPropertyTest: %,d commands in %.1f s; %,d orders, %,d trades, %,d rejections, "
                        + "%,d order ends; largest book %d resting orders, deepest side %d levels; "
                        + "%d rejections proved to leave the state hash unchanged%n  reasons: %s%n",
                commands, secs, twin.model.nextOrderId() - 1, twin.tradesSeen, twin.rejectionsSeen, twin.cancelsSeen,
                maxResting, maxLevels, twin.rejectionsHashChecked, new TreeMap<>(twin.reasonCounts));
        assertTrue(twin.tradesSeen > commands / 20, "the mix should trade a lot");
        for (ReasonCode expected : new ReasonCode[]{ReasonCode.UNKNOWN_INSTRUMENT, ReasonCode.UNKNOWN_ACCOUNT,
                ReasonCode.INSTRUMENT_HALTED, ReasonCode.INVALID_ORDER, ReasonCode.INVALID_QUANTITY, ReasonCode.QUANTITY_OFF_LOT,
                ReasonCode.QUANTITY_TOO_LARGE, ReasonCode.INVALID_PRICE, ReasonCode.PRICE_OUTSIDE_BAND, ReasonCode.PRICE_OFF_TICK,
                ReasonCode.BELOW_MIN_NOTIONAL, ReasonCode.DUPLICATE_CLIENT_ORDER_ID, ReasonCode.REDUCE_ONLY_WOULD_INCREASE,
                ReasonCode.POST_ONLY_WOULD_CROSS, ReasonCode.UNKNOWN_ORDER, ReasonCode.INVALID_AMEND,
                ReasonCode.USER_CANCELLED, ReasonCode.MASS_CANCELLED, ReasonCode.SELF_TRADE_PREVENTED, ReasonCode.IOC_EXPIRED,
                ReasonCode.FOK_NOT_FILLED, ReasonCode.NO_LIQUIDITY, ReasonCode.REDUCE_ONLY_CANCELLED}) {
            if (commands >= 100_000) {
                assertTrue(twin.reasonCounts.getOrDefault(expected.name(), 0L) > 0, "the mix never produced " + expected);
            }
        }
    }

    /**
     * A seeded stream of commands shaped like real traffic: mostly limit orders near the
     * price, takers of every kind, amends and cancels of live orders, occasional halts, and
     * about 5% bad input. It reads the model's state (never the engine's) to aim at live
     * orders, reduce positions and keep books bounded.
     */
    static final class CommandGenerator {
        private final SplittableRandom rnd;
        private final ReferenceBookModel model;
        private final int instrumentCount;
        private final int accountCount;
        private long clientSeq;

        CommandGenerator(long seed, ReferenceBookModel model) {
            this.rnd = new SplittableRandom(seed);
            this.model = model;
            this.instrumentCount = model.instrumentCount();
            this.accountCount = model.accountCount();
        }

        /** Scripted sequences (an instrument emptied by everyone, then hit by market orders) waiting to be sent. */
        private final java.util.ArrayDeque<Command> script = new java.util.ArrayDeque<>();

        Command next() {
            if (!script.isEmpty()) {
                return script.poll();
            }
            if (rnd.nextInt(10_000) == 0) {
                // every account pulls its orders from one instrument, then market orders find an empty book
                int x = rnd.nextInt(instrumentCount);
                for (int a = 0; a < accountCount; a++) {
                    script.add(new Command.MassCancel(a, x, null));
                }
                for (int k = 0; k < 4; k++) {
                    int a = rnd.nextInt(accountCount);
                    script.add(new Command.PlaceOrder(a, x, clientId(), randomSide(), OrderType.MARKET,
                            k == 0 ? TimeInForce.FOK : TimeInForce.IOC, 0, k == 1 ? model.instrument(x).lot() : quantity(model.instrument(x)),
                            0, null));
                }
                return script.poll();
            }
            // resume halted instruments after a while
            for (int i = 0; i < instrumentCount; i++) {
                if (model.status(i) == InstrumentStatus.HALTED && rnd.nextInt(40) == 0) {
                    return new Command.SetInstrumentStatus(i, InstrumentStatus.TRADING);
                }
            }
            Instrument ins = model.instrument(rnd.nextInt(instrumentCount));
            if (model.restingCount(ins.id()) > BOOK_CAP && rnd.nextInt(4) != 0) {
                return cancelDeepest(ins);
            }
            int r = rnd.nextInt(1_000);
            int account = rnd.nextInt(accountCount);
            if (r < 380) {
                return limitGtc(account, ins);
            }
            if (r < 450) {
                return taker(account, ins, TimeInForce.IOC);
            }
            if (r < 490) {
                return taker(account, ins, TimeInForce.FOK);
            }
            if (r < 520) {
                return market(account, ins);
            }
            if (r < 660) {
                return amend();
            }
            if (r < 780) {
                ReferenceBookModel.ModelOrder o = randomLiveOrder();
                return o == null ? limitGtc(account, ins) : new Command.CancelOrder(o.account(), o.id(), null);
            }
            if (r < 830) {
                ReferenceBookModel.ModelOrder o = randomLiveOrder();
                if (o == null || o.clientOrderId() == null) {
                    return limitGtc(account, ins);
                }
                return new Command.CancelOrder(o.account(), 0, o.clientOrderId());
            }
            if (r < 833) {
                return new Command.MassCancel(account, rnd.nextInt(3) == 0 ? -1 : ins.id(),
                        rnd.nextInt(3) == 0 ? null : randomSide());
            }
            if (r < 835) {
                return new Command.SetInstrumentStatus(ins.id(), InstrumentStatus.HALTED);
            }
            if (r < 836) {
                return new Command.SetInstrumentStatus(ins.id(), InstrumentStatus.TRADING);
            }
            if (r < 886) {
                return badInput(account, ins);
            }
            return limitGtc(account, ins);
        }

        // ---------------------------------------------------------------- good orders

        private Side randomSide() {
            return rnd.nextBoolean() ? Side.BUY : Side.SELL;
        }

        /** Centre of the generated prices: halfway between the last trade and the configured reference (keeps prices from drifting away). */
        private long centre(Instrument ins) {
            long c = (model.referencePrice(ins.id()) + ins.referencePrice()) / 2;
            return Math.max(ins.tick(), c / ins.tick() * ins.tick());
        }

        /** A price {@code ticksBehind} ticks on the passive side of the centre (negative = aggressive). */
        private long priceBehind(Instrument ins, Side side, int ticksBehind) {
            long p = centre(ins) - side.sign() * (long) ticksBehind * ins.tick();
            return Math.max(ins.tick(), p);
        }

        /** A valid quantity: at least the minimum notional at 80% of the centre, usually a few lots more, sometimes large. */
        private long quantity(Instrument ins) {
            long oneLot = ins.notional(centre(ins) * 8 / 10, ins.lot());
            long minLots = (ins.minNotional() + oneLot - 1) / oneLot;
            long lots = minLots + (rnd.nextInt(20) == 0 ? 20 + rnd.nextInt(200) : rnd.nextInt(25));
            return lots * ins.lot();
        }

        /** Recently used client ids: reusing them tests that a done order frees its id (and that a live one does not). */
        private final String[] recentClientIds = new String[64];

        private String clientId() {
            int k = rnd.nextInt(20);
            if (k < 5) {
                return null;
            }
            if (k == 5) {
                String reused = recentClientIds[rnd.nextInt(recentClientIds.length)];
                if (reused != null) {
                    return reused;
                }
            }
            String fresh = "c" + (clientSeq++);
            recentClientIds[(int) (clientSeq % recentClientIds.length)] = fresh;
            return fresh;
        }

        private SelfTradePrevention stp() {
            int k = rnd.nextInt(10);
            return k < 6 ? null : SelfTradePrevention.values()[k % 3];
        }

        /** Side that reduces the account's position, or a random side if it is flat. */
        private Side reducingSide(int account, Instrument ins) {
            long pos = model.position(account, ins.id());
            return pos > 0 ? Side.SELL : pos < 0 ? Side.BUY : randomSide();
        }

        /** Reduce-only quantity: often the whole position, sometimes part of it, sometimes more. */
        private long reduceQuantity(int account, Instrument ins) {
            long pos = Math.abs(model.position(account, ins.id()));
            if (pos == 0 || rnd.nextInt(3) == 0) {
                return quantity(ins);
            }
            long q = rnd.nextBoolean() ? pos : Math.max(ins.lot(), pos / 2 / ins.lot() * ins.lot());
            return Math.max(q, quantity(ins) / 2 / ins.lot() * ins.lot());
        }

        private Command limitGtc(int account, Instrument ins) {
            int k = rnd.nextInt(100);
            if (k < 10) { // post-only, mostly behind the touch
                Side side = randomSide();
                return new Command.PlaceOrder(account, ins.id(), clientId(), side, OrderType.LIMIT, TimeInForce.GTC,
                        priceBehind(ins, side, rnd.nextInt(25) - 3), quantity(ins), OrderFlags.POST_ONLY, stp());
            }
            if (k < 18) { // reduce-only resting order
                Side side = reducingSide(account, ins);
                return new Command.PlaceOrder(account, ins.id(), clientId(), side, OrderType.LIMIT, TimeInForce.GTC,
                        priceBehind(ins, side, rnd.nextInt(20) - 5), reduceQuantity(account, ins), OrderFlags.REDUCE_ONLY, stp());
            }
            Side side = randomSide();
            // HIDX books are spread over hundreds of levels (one tick = 0.1%), the others over a few dozen
            int depth = ins.id() == 2 ? 1 + rnd.nextInt(300) : 1 + rnd.nextInt(36);
            return new Command.PlaceOrder(account, ins.id(), clientId(), side, OrderType.LIMIT, TimeInForce.GTC,
                    priceBehind(ins, side, depth - 7), quantity(ins), 0, stp());
        }

        private Command taker(int account, Instrument ins, TimeInForce tif) {
            boolean reduceOnly = rnd.nextInt(4) == 0;
            Side side = reduceOnly ? reducingSide(account, ins) : randomSide();
            long qty = reduceOnly ? reduceQuantity(account, ins) : quantity(ins);
            return new Command.PlaceOrder(account, ins.id(), clientId(), side, OrderType.LIMIT, tif,
                    priceBehind(ins, side, -rnd.nextInt(20)), qty, reduceOnly ? OrderFlags.REDUCE_ONLY : 0, stp());
        }

        private Command market(int account, Instrument ins) {
            boolean reduceOnly = rnd.nextInt(5) == 0;
            Side side = reduceOnly ? reducingSide(account, ins) : randomSide();
            long qty = reduceOnly ? reduceQuantity(account, ins) : quantity(ins);
            TimeInForce tif = switch (rnd.nextInt(5)) {
                case 0 -> TimeInForce.GTC;
                case 1 -> TimeInForce.FOK;
                default -> TimeInForce.IOC;
            };
            return new Command.PlaceOrder(account, ins.id(), clientId(), side, OrderType.MARKET, tif, 0, qty,
                    reduceOnly ? OrderFlags.REDUCE_ONLY : 0, stp());
        }

        private ReferenceBookModel.ModelOrder randomLiveOrder() {
            var live = model.liveOrders();
            if (live.isEmpty()) {
                return null;
            }
            long lo = live.firstKey();
            long hi = live.lastKey();
            long pick = lo + (long) (rnd.nextDouble() * (hi - lo + 1));
            Map.Entry<Long, ReferenceBookModel.ModelOrder> e = live.ceilingEntry(pick);
            return e != null ? e.getValue() : live.lastEntry().getValue();
        }

        private Command amend() {
            ReferenceBookModel.ModelOrder o = randomLiveOrder();
            if (o == null) {
                return limitGtc(rnd.nextInt(accountCount), model.instrument(rnd.nextInt(instrumentCount)));
            }
            Instrument ins = model.instrument(o.instrument());
            boolean byClientId = o.clientOrderId() != null && rnd.nextInt(4) == 0;
            long id = byClientId ? 0 : o.id();
            String cl = byClientId ? o.clientOrderId() : null;
            int k = rnd.nextInt(10);
            long lot = ins.lot();
            if (k < 4) { // size down, same price: keeps priority
                long newQty = o.filled() + Math.max(lot, (o.remaining() / 2) / lot * lot);
                if (newQty >= o.quantity()) {
                    newQty = o.quantity() + lot; // cannot size down a one-lot remainder: size up instead
                }
                return new Command.AmendOrder(o.account(), id, cl, o.price(), newQty);
            }
            if (k < 8) { // price move by a few ticks either way, possibly crossing
                long newPrice = Math.max(ins.tick(), o.price() + (rnd.nextInt(13) - 6) * ins.tick());
                return new Command.AmendOrder(o.account(), id, cl, newPrice, o.quantity());
            }
            // size up, sometimes with a new price too
            long newPrice = rnd.nextBoolean() ? o.price() : Math.max(ins.tick(), o.price() + (rnd.nextInt(5) - 2) * ins.tick());
            return new Command.AmendOrder(o.account(), id, cl, newPrice, o.quantity() + lot * (1 + rnd.nextInt(10)));
        }

        private Command cancelDeepest(Instrument ins) {
            List<ReferenceBookModel.ModelOrder> bids = model.ordersInPriority(ins.id(), Side.BUY);
            List<ReferenceBookModel.ModelOrder> asks = model.ordersInPriority(ins.id(), Side.SELL);
            List<ReferenceBookModel.ModelOrder> larger = bids.size() >= asks.size() ? bids : asks;
            ReferenceBookModel.ModelOrder o = larger.get(larger.size() - 1 - rnd.nextInt(Math.min(20, larger.size())));
            if (rnd.nextInt(10) == 0) {
                return new Command.MassCancel(o.account(), ins.id(), o.side());
            }
            return new Command.CancelOrder(o.account(), o.id(), null);
        }

        /** A place command with several independent faults at once: the first failing check must decide the reason. */
        private Command severalFaultsPlace(int account, Instrument ins) {
            int a = rnd.nextInt(10) == 0 ? (rnd.nextBoolean() ? -1 : accountCount + rnd.nextInt(5)) : account;
            int i = rnd.nextInt(10) == 0 ? (rnd.nextBoolean() ? -1 : instrumentCount + rnd.nextInt(5)) : ins.id();
            Side side = rnd.nextInt(20) == 0 ? null : randomSide();
            OrderType type = rnd.nextInt(20) == 0 ? null : rnd.nextInt(5) == 0 ? OrderType.MARKET : OrderType.LIMIT;
            TimeInForce tif = rnd.nextInt(20) == 0 ? null : TimeInForce.values()[rnd.nextInt(3)];
            int flags = (rnd.nextInt(4) == 0 ? OrderFlags.POST_ONLY : 0) | (rnd.nextInt(4) == 0 ? OrderFlags.REDUCE_ONLY : 0);
            long qty = quantity(ins);
            switch (rnd.nextInt(10)) {
                case 0 -> qty = -rnd.nextInt(3) * ins.lot();
                case 1 -> qty += 1 + rnd.nextInt((int) ins.lot());
                case 2 -> qty = ins.maxOrderQty() + ins.lot() * (1 + rnd.nextInt(3));
                case 3 -> qty = ins.lot();
                default -> { }
            }
            long price = priceBehind(ins, side == null ? Side.BUY : side, rnd.nextInt(30) - 10);
            switch (rnd.nextInt(10)) {
                case 0 -> price = -ins.tick() * rnd.nextInt(2);
                case 1 -> price = rnd.nextBoolean() ? Instrument.MAX_PRICE_UNITS + 1 : Long.MAX_VALUE;
                case 2 -> price += 1 + rnd.nextInt((int) ins.tick());
                case 3 -> price = model.referencePrice(ins.id()) * 3 / ins.tick() * ins.tick();
                default -> { }
            }
            String cl = clientId();
            if (rnd.nextInt(6) == 0) {
                ReferenceBookModel.ModelOrder o = randomLiveOrder();
                if (o != null && o.clientOrderId() != null) {
                    cl = o.clientOrderId();
                    a = o.account();
                }
            }
            return new Command.PlaceOrder(a, i, cl, side, type, tif, price, qty, flags, rnd.nextInt(4) == 0 ? null : stp());
        }

        /** An amend with several independent faults at once. */
        private Command severalFaultsAmend() {
            ReferenceBookModel.ModelOrder o = randomLiveOrder();
            if (o == null) {
                return new Command.AmendOrder(rnd.nextInt(accountCount), 1 + rnd.nextInt(1000), null, 1, 1);
            }
            Instrument ins = model.instrument(o.instrument());
            int a = rnd.nextInt(8) == 0 ? (o.account() + 1) % accountCount : rnd.nextInt(16) == 0 ? -1 : o.account();
            long price = o.price();
            switch (rnd.nextInt(8)) {
                case 0 -> price = -ins.tick() * rnd.nextInt(2);
                case 1 -> price = rnd.nextBoolean() ? Instrument.MAX_PRICE_UNITS + 1 : Long.MAX_VALUE;
                case 2 -> price += 1 + rnd.nextInt((int) ins.tick());
                case 3 -> price = model.referencePrice(ins.id()) * 3 / ins.tick() * ins.tick();
                case 4 -> price += (rnd.nextInt(9) - 4) * ins.tick();
                default -> { }
            }
            long qty = o.quantity();
            switch (rnd.nextInt(8)) {
                case 0 -> qty = o.filled() - ins.lot() * rnd.nextInt(2);
                case 1 -> qty += 1 + rnd.nextInt((int) ins.lot());
                case 2 -> qty = ins.maxOrderQty() + ins.lot() * (1 + rnd.nextInt(3));
                case 3 -> qty = o.filled() + ins.lot();
                case 4 -> qty = Long.MAX_VALUE;
                default -> { }
            }
            return new Command.AmendOrder(a, o.id(), null, price, qty);
        }

        // ---------------------------------------------------------------- bad input

        private Command badInput(int account, Instrument ins) {
            Side side = randomSide();
            long price = priceBehind(ins, side, rnd.nextInt(20));
            long qty = quantity(ins);
            String cl = clientId();
            int i = ins.id();
            switch (rnd.nextInt(30)) {
                case 24:
                case 25:
                case 26:
                    return severalFaultsPlace(account, ins);
                case 27:
                case 28:
                    return severalFaultsAmend();
                case 29: { // cancel or amend by a client id that may belong to a done order, or to another account
                    String reused = recentClientIds[rnd.nextInt(recentClientIds.length)];
                    if (rnd.nextBoolean()) {
                        return new Command.CancelOrder(account, 0, reused);
                    }
                    return new Command.AmendOrder(account, 0, reused, price, qty);
                }
                case 0:
                    return new Command.PlaceOrder(account, rnd.nextBoolean() ? instrumentCount + rnd.nextInt(50) : -1 - rnd.nextInt(3),
                            cl, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, 0, null);
                case 1:
                    return new Command.PlaceOrder(rnd.nextBoolean() ? accountCount + rnd.nextInt(50) : -1, i, cl, side,
                            OrderType.LIMIT, TimeInForce.GTC, price, qty, 0, null);
                case 2:
                    return new Command.PlaceOrder(account, i, cl, side, OrderType.LIMIT, TimeInForce.GTC, price, 0, 0, null);
                case 3:
                    return new Command.PlaceOrder(account, i, cl, side, rnd.nextBoolean() ? OrderType.LIMIT : OrderType.MARKET,
                            TimeInForce.GTC, price, -qty, 0, null);
                case 4: // off tick (HIDX has tick 1: every price is on tick there)
                    return new Command.PlaceOrder(account, i, cl, side, OrderType.LIMIT, TimeInForce.GTC,
                            price + 1 + rnd.nextInt((int) ins.tick()), qty, 0, null);
                case 5: // off lot (lot 1: every quantity is on lot there)
                    return new Command.PlaceOrder(account, i, cl, side, OrderType.LIMIT, TimeInForce.IOC, price,
                            qty + 1 + rnd.nextInt((int) ins.lot()), 0, null);
                case 6: // one lot is below the minimum notional on every instrument here
                    return new Command.PlaceOrder(account, i, cl, side, rnd.nextInt(4) == 0 ? OrderType.MARKET : OrderType.LIMIT,
                            TimeInForce.GTC, price, ins.lot(), 0, null);
                case 7: { // a client id a live order of the same account already uses
                    ReferenceBookModel.ModelOrder o = randomLiveOrder();
                    if (o != null && o.clientOrderId() != null) {
                        return new Command.PlaceOrder(o.account(), o.instrument(), o.clientOrderId(), side, OrderType.LIMIT,
                                TimeInForce.GTC, priceBehind(model.instrument(o.instrument()), side, 5),
                                quantity(model.instrument(o.instrument())), 0, null);
                    }
                    return new Command.PlaceOrder(account, i, cl, side, OrderType.LIMIT, TimeInForce.GTC, price, qty, 0, null);
                }
                case 8: // an order id that is done or never existed
                    return new Command.CancelOrder(account, rnd.nextBoolean() ? 1 + rnd.nextInt((int) model.nextOrderId())
                            : model.nextOrderId() + rnd.nextInt(1000), null);
                case 9:
                case 10: { // another account's order
                    ReferenceBookModel.ModelOrder o = randomLiveOrder();
                    int other = o == null ? account : (o.account() + 1 + rnd.nextInt(accountCount - 1)) % accountCount;
                    long id = o == null ? 12_345 : o.id();
                    if (rnd.nextBoolean()) {
                        return new Command.CancelOrder(other, id, null);
                    }
                    return new Command.AmendOrder(other, id, null, o == null ? price : o.price(), qty);
                }
                case 11: // far outside the band
                    return new Command.PlaceOrder(account, i, cl, side, OrderType.LIMIT, TimeInForce.GTC,
                            rnd.nextBoolean() ? model.referencePrice(i) * 3 / ins.tick() * ins.tick()
                                    : Math.max(ins.tick(), model.referencePrice(i) / 3 / ins.tick() * ins.tick()), qty, 0, null);
                case 12:
                    return new Command.PlaceOrder(account, i, cl, side, OrderType.LIMIT, TimeInForce.GTC,
                            -ins.tick() * rnd.nextInt(3), qty, 0, null);
                case 13:
                    return new Command.PlaceOrder(account, i, cl, side, OrderType.LIMIT, TimeInForce.GTC, price,
                            (ins.maxOrderQty() / ins.lot() + 1 + rnd.nextInt(5)) * ins.lot(), 0, null);
                case 14: // post-only with IOC/FOK or on a market order
                    return new Command.PlaceOrder(account, i, cl, side, rnd.nextBoolean() ? OrderType.MARKET : OrderType.LIMIT,
                            rnd.nextBoolean() ? TimeInForce.IOC : TimeInForce.FOK, price, qty, OrderFlags.POST_ONLY, null);
                case 15: // a missing field
                    return switch (rnd.nextInt(3)) {
                        case 0 -> new Command.PlaceOrder(account, i, cl, null, OrderType.LIMIT, TimeInForce.GTC, price, qty, 0, null);
                        case 1 -> new Command.PlaceOrder(account, i, cl, side, null, TimeInForce.GTC, price, qty, 0, null);
                        default -> new Command.PlaceOrder(account, i, cl, side, OrderType.LIMIT, null, price, qty, 0, null);
                    };
                case 16:
                    return new Command.CancelOrder(rnd.nextInt(5) == 0 ? accountCount + 3 : account, 0,
                            rnd.nextBoolean() ? "never-used-" + rnd.nextInt(100) : null);
                case 17:
                    return rnd.nextBoolean()
                            ? new Command.MassCancel(account, rnd.nextBoolean() ? instrumentCount : -2 - rnd.nextInt(5), null)
                            : new Command.MassCancel(accountCount + rnd.nextInt(3), -1, null);
                case 18: { // reduce-only on the side that would increase (or open) the position
                    long pos = model.position(account, i);
                    Side wrong = pos > 0 ? Side.BUY : pos < 0 ? Side.SELL : side;
                    return new Command.PlaceOrder(account, i, cl, wrong, OrderType.LIMIT, TimeInForce.GTC,
                            priceBehind(ins, wrong, 3), qty, OrderFlags.REDUCE_ONLY, null);
                }
                case 19: // post-only that crosses
                    return new Command.PlaceOrder(account, i, cl, side, OrderType.LIMIT, TimeInForce.GTC,
                            priceBehind(ins, side, -10 - rnd.nextInt(10)), qty, OrderFlags.POST_ONLY, null);
                case 20: { // amend that changes nothing, or cuts below the filled part
                    ReferenceBookModel.ModelOrder o = randomLiveOrder();
                    if (o == null) {
                        return new Command.AmendOrder(account, 0, null, price, qty);
                    }
                    long newQty = rnd.nextBoolean() ? o.quantity() : o.filled();
                    return new Command.AmendOrder(o.account(), o.id(), null, o.price(), newQty);
                }
                case 21: // beyond the largest price anywhere, or far beyond this instrument's largest
                    return new Command.PlaceOrder(account, i, cl, side, OrderType.LIMIT, TimeInForce.GTC,
                            rnd.nextBoolean() ? io.hyperindex.gateway.domain.Instrument.MAX_PRICE_UNITS + ins.tick()
                                    : Long.MAX_VALUE / 2, qty, 0, null);
                case 22:
                    return new Command.SetInstrumentStatus(instrumentCount + rnd.nextInt(3),
                            rnd.nextBoolean() ? InstrumentStatus.HALTED : InstrumentStatus.TRADING);
                default: { // amend to an invalid price or quantity
                    ReferenceBookModel.ModelOrder o = randomLiveOrder();
                    if (o == null) {
                        return new Command.AmendOrder(account, 99_999_999, null, price, qty);
                    }
                    Instrument oi = model.instrument(o.instrument());
                    return switch (rnd.nextInt(5)) {
                        case 0 -> new Command.AmendOrder(o.account(), o.id(), null, o.price() + (oi.tick() > 1 ? 1 : oi.tick() * 100_000), o.quantity());
                        case 1 -> new Command.AmendOrder(o.account(), o.id(), null, model.referencePrice(o.instrument()) * 4 / oi.tick() * oi.tick(), o.quantity());
                        case 2 -> new Command.AmendOrder(o.account(), o.id(), null, o.price(), o.quantity() + (oi.lot() > 1 ? 1 : oi.maxOrderQty()));
                        case 3 -> new Command.AmendOrder(o.account(), o.id(), null, 0, o.quantity());
                        default -> new Command.AmendOrder(o.account(), o.id(), null, o.price(), o.filled() + oi.maxOrderQty() + oi.lot());
                    };
                }
            }
        }
    }

    // ====================================================================== hand-built scenarios

    /**
     * Small scenarios for the subtle rules. Every command goes through {@link ReferenceTwin}, so
     * each one also checks that the engine's events and market data equal the model's; the
     * assertions spell out what the rule says should happen.
     */
    @Nested
    @DisplayName("hand-built scenarios, engine and model side by side")
    class Scenarios {
        static final int A = 0, B = 1, C = 2, D = 3;
        /** tick 1, lot 1, min notional 1 USDC, band 10%, market protection 2%, reference 10.00. */
        static final int SCN = 0;
        /** coarse tick 0.500 (500 units), lot 10, market protection 0.2% (less than one tick), reference 150.000. */
        static final int COARSE = 1;
        /** tick 5, market protection 100%: a market sell's bound would reach zero. */
        static final int WIDE = 2;
        /** tick 1, lot 1, min notional exactly 10 USDC = price 10.00 x 1. */
        static final int MINI = 3;

        final ReferenceTwin twin = new ReferenceTwin(List.of(
                new Instrument(SCN, "SCN-USDC", 2, 0, 1, 1, 100_000_000L, 1_000_000, 1_000, 200, 1_000),
                new Instrument(COARSE, "COARSE-USDC", 3, 2, 500, 10, 100_000_000L, 1_000_000, 2_000, 20, 150_000),
                new Instrument(WIDE, "WIDE-USDC", 2, 0, 5, 1, 100_000_000L, 1_000_000, 9_000, 10_000, 1_000),
                new Instrument(MINI, "MINI-USDC", 2, 0, 1, 1, 1_000_000_000L, 1_000_000, 1_000, 200, 1_000)),
                List.of("A", "B", "C", "D"), 0);

        List<EngineEvent> run(Command c) {
            List<EngineEvent> ev = twin.run(c);
            twin.checkState();
            return ev.stream().filter(e -> !e.isMarketData()).toList();
        }

        List<EngineEvent> order(int account, int ins, Side side, long price, long qty, TimeInForce tif, int flags,
                                SelfTradePrevention stp) {
            return run(new Command.PlaceOrder(account, ins, null, side, OrderType.LIMIT, tif, price, qty, flags, stp));
        }

        List<EngineEvent> limit(int account, Side side, long price, long qty) {
            return order(account, SCN, side, price, qty, TimeInForce.GTC, 0, null);
        }

        List<EngineEvent> market(int account, int ins, Side side, long qty) {
            return run(new Command.PlaceOrder(account, ins, null, side, OrderType.MARKET, TimeInForce.IOC, 0, qty, 0, null));
        }

        long id(List<EngineEvent> ev) {
            return ((EngineEvent.OrderAccepted) ev.get(0)).orderId();
        }

        ReasonCode rejection(List<EngineEvent> ev) {
            assertEquals(1, ev.size(), "a rejection is exactly one event: " + ev);
            return ((EngineEvent.OrderRejected) ev.get(0)).reason();
        }

        <T> List<T> only(List<EngineEvent> ev, Class<T> type) {
            return ev.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<String> kinds(List<EngineEvent> ev) {
            List<String> out = new ArrayList<>();
            for (EngineEvent e : ev) {
                out.add(e instanceof OrderCancelled c ? "Cancelled:" + c.reason() + ":" + c.orderId()
                        : e instanceof TradeExecuted t ? "Trade:" + t.makerOrderId() + "x" + t.quantity() + "@" + t.price()
                        : e.getClass().getSimpleName());
            }
            return out;
        }

        /** Makes {@code longAccount} long and {@code shortAccount} short {@code qty} on SCN at 1,000. */
        void position(int longAccount, int shortAccount, long qty) {
            limit(shortAccount, Side.SELL, 1_000, qty);
            limit(longAccount, Side.BUY, 1_000, qty);
        }

        @Test
        void selfTradeCancelTakerCancelsOnlyTheIncomingOrder() {
            long mine = id(limit(A, Side.SELL, 1_001, 5));
            List<EngineEvent> ev = limit(A, Side.BUY, 1_001, 5);
            assertEquals(List.of("OrderAccepted", "Cancelled:SELF_TRADE_PREVENTED:" + id(ev)), kinds(ev));
            assertEquals(5, twin.engine.liveOrder(mine).remaining());
        }

        @Test
        void selfTradeCancelMakerRemovesOwnOrdersAndKeepsMatching() {
            long own1 = id(limit(A, Side.SELL, 1_001, 5));
            long other = id(limit(B, Side.SELL, 1_001, 5));
            long own2 = id(limit(A, Side.SELL, 1_002, 3));
            List<EngineEvent> ev = order(A, SCN, Side.BUY, 1_002, 10, TimeInForce.GTC, 0, SelfTradePrevention.CANCEL_MAKER);
            assertEquals(List.of("OrderAccepted", "Cancelled:SELF_TRADE_PREVENTED:" + own1, "Trade:" + other + "x5@1001",
                    "Cancelled:SELF_TRADE_PREVENTED:" + own2), kinds(ev));
            assertEquals(5, twin.engine.liveOrder(id(ev)).remaining(), "the rest of the taker rests");
        }

        @Test
        void selfTradeCancelBothEndsMakerAndTakerAfterEarlierFills() {
            long other = id(limit(B, Side.SELL, 1_000, 2));
            long own = id(limit(A, Side.SELL, 1_001, 5));
            List<EngineEvent> ev = order(A, SCN, Side.BUY, 1_001, 10, TimeInForce.GTC, 0, SelfTradePrevention.CANCEL_BOTH);
            assertEquals(List.of("OrderAccepted", "Trade:" + other + "x2@1000", "Cancelled:SELF_TRADE_PREVENTED:" + own,
                    "Cancelled:SELF_TRADE_PREVENTED:" + id(ev)), kinds(ev));
            assertEquals(8, only(ev, OrderCancelled.class).get(1).cancelledQuantity());
            assertEquals(0, twin.engine.liveOrderCount());
        }

        @Test
        void fillOrKillCountsAReduceOnlyMakerOnlyUpToWhatItsAccountStillHolds() {
            position(A, B, 3);                                   // A long 3
            long plain = id(limit(A, Side.SELL, 1_000, 2));      // a plain sell of A: filling it leaves A long 1
            long ro = id(order(A, SCN, Side.SELL, 1_001, 5, TimeInForce.GTC, OrderFlags.REDUCE_ONLY, null));
            long c = id(limit(C, Side.SELL, 1_002, 5));
            // available to a buyer up to 1,002: 2 + min(5, 3 - 2) + 5 = 8
            List<EngineEvent> nine = order(D, SCN, Side.BUY, 1_002, 9, TimeInForce.FOK, 0, null);
            assertEquals(List.of("OrderAccepted", "Cancelled:FOK_NOT_FILLED:" + id(nine)), kinds(nine));
            List<EngineEvent> eight = order(D, SCN, Side.BUY, 1_002, 8, TimeInForce.FOK, 0, null);
            assertEquals(List.of("OrderAccepted", "Trade:" + plain + "x2@1000", "Trade:" + ro + "x1@1001",
                    "Cancelled:REDUCE_ONLY_CANCELLED:" + ro, "Trade:" + c + "x5@1002"), kinds(eight));
            assertEquals(0, twin.engine.account(A).position(SCN));
        }

        @Test
        void fillOrKillTakerThatIsReduceOnlyNeedsItsWholeQuantityUpFront() {
            position(A, B, 3);                                   // B short 3
            limit(C, Side.SELL, 1_001, 10);
            List<EngineEvent> four = order(B, SCN, Side.BUY, 1_001, 4, TimeInForce.FOK, OrderFlags.REDUCE_ONLY, null);
            assertEquals(ReasonCode.FOK_NOT_FILLED, only(four, OrderCancelled.class).get(0).reason());
            List<EngineEvent> three = order(B, SCN, Side.BUY, 1_001, 3, TimeInForce.FOK, OrderFlags.REDUCE_ONLY, null);
            assertEquals(3, only(three, TradeExecuted.class).get(0).quantity());
            assertEquals(0, twin.engine.account(B).position(SCN));
        }

        @Test
        void fillOrKillSkipsOwnOrdersOnlyUnderCancelMaker() {
            long own = id(limit(A, Side.SELL, 1_000, 5));
            limit(B, Side.SELL, 1_001, 5);
            List<EngineEvent> blocked = order(A, SCN, Side.BUY, 1_001, 5, TimeInForce.FOK, 0, SelfTradePrevention.CANCEL_TAKER);
            assertEquals(List.of("OrderAccepted", "Cancelled:FOK_NOT_FILLED:" + id(blocked)), kinds(blocked));
            List<EngineEvent> both = order(A, SCN, Side.BUY, 1_001, 5, TimeInForce.FOK, 0, SelfTradePrevention.CANCEL_BOTH);
            assertEquals(ReasonCode.FOK_NOT_FILLED, only(both, OrderCancelled.class).get(0).reason());
            assertEquals(5, twin.engine.liveOrder(own).remaining(), "a killed FOK changes nothing");
            List<EngineEvent> skip = order(A, SCN, Side.BUY, 1_001, 5, TimeInForce.FOK, 0, SelfTradePrevention.CANCEL_MAKER);
            assertEquals(List.of("OrderAccepted", "Cancelled:SELF_TRADE_PREVENTED:" + own, "Trade:" + (own + 1) + "x5@1001"), kinds(skip));
        }

        @Test
        void reduceOnlyMakerFillsOnlyItsPositionThenIsCancelled() {
            position(A, B, 3);
            long ro = id(order(A, SCN, Side.SELL, 1_001, 5, TimeInForce.GTC, OrderFlags.REDUCE_ONLY, null));
            List<EngineEvent> ev = limit(D, Side.BUY, 1_001, 5);
            assertEquals(List.of("OrderAccepted", "Trade:" + ro + "x3@1001", "Cancelled:REDUCE_ONLY_CANCELLED:" + ro), kinds(ev));
            assertEquals(2, twin.engine.liveOrder(id(ev)).remaining(), "the taker's rest rests");
        }

        @Test
        void amendSizeDownAtTheSamePriceKeepsPriorityAnythingElseLosesIt() {
            long first = id(limit(A, Side.SELL, 1_001, 5));
            long second = id(limit(B, Side.SELL, 1_001, 5));
            assertTrue(only(run(new Command.AmendOrder(A, first, null, 1_001, 3)), OrderAmended.class).get(0).keptPriority());
            assertEquals(first, only(limit(C, Side.BUY, 1_001, 1), TradeExecuted.class).get(0).makerOrderId());
            OrderAmended up = only(run(new Command.AmendOrder(A, first, null, 1_001, 10)), OrderAmended.class).get(0);
            assertFalse(up.keptPriority());
            assertEquals(9, up.remaining(), "remaining = new total - filled");
            assertEquals(second, only(limit(C, Side.BUY, 1_001, 1), TradeExecuted.class).get(0).makerOrderId());
            // a smaller size at a new price also goes to the back of its new level
            OrderAmended moved = only(run(new Command.AmendOrder(B, second, null, 1_002, 4)), OrderAmended.class).get(0);
            assertFalse(moved.keptPriority());
            run(new Command.AmendOrder(B, second, null, 1_001, 4));
            assertEquals(first, only(limit(C, Side.BUY, 1_001, 1), TradeExecuted.class).get(0).makerOrderId());
        }

        @Test
        void amendToACrossingPriceTradesAsATakerThenRests() {
            long ask = id(limit(A, Side.SELL, 1_003, 2));
            long bid = id(limit(B, Side.BUY, 1_000, 5));
            List<EngineEvent> ev = run(new Command.AmendOrder(B, 0, null, 1_003, 5)); // neither id nor client id
            assertEquals(ReasonCode.UNKNOWN_ORDER, rejection(ev));
            ev = run(new Command.AmendOrder(B, bid, null, 1_004, 5));
            assertEquals(List.of("OrderAmended", "Trade:" + ask + "x2@1003"), kinds(ev));
            assertEquals(1_004, twin.engine.book(SCN).bestPrice(Side.BUY));
        }

        @Test
        void amendOfAPostOnlyOrderToACrossingPriceIsRejected() {
            limit(A, Side.SELL, 1_003, 2);
            long po = id(order(B, SCN, Side.BUY, 1_000, 5, TimeInForce.GTC, OrderFlags.POST_ONLY, null));
            assertEquals(ReasonCode.POST_ONLY_WOULD_CROSS, rejection(run(new Command.AmendOrder(B, po, null, 1_003, 5))));
            assertTrue(only(run(new Command.AmendOrder(B, po, null, 1_002, 5)), OrderAmended.class).size() == 1);
        }

        @Test
        void marketOrderTradesNoFurtherThanItsProtectionBand() {
            // best ask 1,000, 2% protection: up to 1,020
            limit(A, Side.SELL, 1_000, 1);
            limit(A, Side.SELL, 1_020, 1);
            limit(A, Side.SELL, 1_021, 1);
            List<EngineEvent> buy = market(B, SCN, Side.BUY, 5);
            assertEquals(1_020, ((EngineEvent.OrderAccepted) buy.get(0)).price(), "the accepted market order carries its bound");
            assertEquals(2, only(buy, TradeExecuted.class).size());
            assertEquals(ReasonCode.IOC_EXPIRED, only(buy, OrderCancelled.class).get(0).reason());
            // best bid 1,000: down to 980
            limit(C, Side.BUY, 1_000, 2);
            limit(C, Side.BUY, 980, 2);
            limit(C, Side.BUY, 979, 2);
            assertEquals(2, only(market(B, SCN, Side.SELL, 10), TradeExecuted.class).size());
            // opposite side empty: accepted, then NO_LIQUIDITY for the whole quantity
            run(new Command.MassCancel(C, SCN, null));
            List<EngineEvent> none = market(B, SCN, Side.SELL, 10);
            assertEquals(List.of("OrderAccepted", "Cancelled:NO_LIQUIDITY:" + id(none)), kinds(none));
            assertEquals(10, only(none, OrderCancelled.class).get(0).cancelledQuantity());
        }

        @Test
        void marketBoundRoundsToTheTickTowardTheBestSoASubTickBandTakesOnlyTheBestLevel() {
            // COARSE: 0.2% of 150,000 is 300 < one tick of 500: buy bound floors to 150,000, sell bound ceils to 150,000
            limit(A, Side.SELL, 1_000, 1); // unrelated instrument stays untouched
            order(A, COARSE, Side.SELL, 150_000, 10, TimeInForce.GTC, 0, null);
            order(A, COARSE, Side.SELL, 150_500, 10, TimeInForce.GTC, 0, null);
            List<EngineEvent> buy = market(B, COARSE, Side.BUY, 20);
            assertEquals(150_000, ((EngineEvent.OrderAccepted) buy.get(0)).price());
            assertEquals(1, only(buy, TradeExecuted.class).size());
            order(A, COARSE, Side.BUY, 149_500, 10, TimeInForce.GTC, 0, null);
            order(A, COARSE, Side.BUY, 149_000, 10, TimeInForce.GTC, 0, null);
            List<EngineEvent> sell = market(B, COARSE, Side.SELL, 20);
            assertEquals(149_500, ((EngineEvent.OrderAccepted) sell.get(0)).price());
            assertEquals(1, only(sell, TradeExecuted.class).size());
        }

        @Test
        void marketSellBoundNeverGoesBelowOneTick() {
            order(A, WIDE, Side.BUY, 1_000, 2, TimeInForce.GTC, 0, null);
            order(A, WIDE, Side.BUY, 200, 2, TimeInForce.GTC, 0, null);
            List<EngineEvent> sell = market(B, WIDE, Side.SELL, 10);
            assertEquals(5, ((EngineEvent.OrderAccepted) sell.get(0)).price(), "1,000 - 100% would be 0: the bound stops at one tick");
            assertEquals(2, only(sell, TradeExecuted.class).size());
        }

        @Test
        void priceOnTheBandEdgeIsAcceptedAndOneTickBeyondIsNot() {
            // band 10% of the reference 1,000
            assertEquals(ReasonCode.PRICE_OUTSIDE_BAND, rejection(limit(A, Side.SELL, 1_101, 1)));
            assertEquals(ReasonCode.PRICE_OUTSIDE_BAND, rejection(limit(A, Side.BUY, 899, 1)));
            assertTrue(limit(A, Side.SELL, 1_100, 1).get(0) instanceof EngineEvent.OrderAccepted);
            assertTrue(limit(A, Side.BUY, 900, 1).get(0) instanceof EngineEvent.OrderAccepted);
            // after a trade at 900 the band is 810..990
            limit(B, Side.SELL, 900, 1);
            assertEquals(900, twin.engine.referencePrice(SCN));
            assertEquals(ReasonCode.PRICE_OUTSIDE_BAND, rejection(limit(A, Side.BUY, 809, 1)));
            assertTrue(limit(A, Side.BUY, 810, 1).get(0) instanceof EngineEvent.OrderAccepted);
        }

        @Test
        void amendIsCheckedAgainstTheCurrentBandEvenWhenThePriceDoesNotChange() {
            long high = id(limit(A, Side.SELL, 1_100, 5));   // on the band edge
            limit(B, Side.BUY, 900, 1);
            limit(C, Side.SELL, 900, 1);                      // trade at 900: band now 810..990
            assertEquals(ReasonCode.PRICE_OUTSIDE_BAND, rejection(run(new Command.AmendOrder(A, high, null, 1_100, 3))));
        }

        @Test
        void minimumNotionalIsInclusiveAndMarketOrdersAreMeasuredAtTheBestOppositePrice() {
            // MINI: min notional 10 USDC = 1 x 10.00
            long bid = id(order(A, MINI, Side.BUY, 1_000, 1, TimeInForce.GTC, 0, null));
            assertEquals(ReasonCode.BELOW_MIN_NOTIONAL, rejection(order(A, MINI, Side.BUY, 999, 1, TimeInForce.GTC, 0, null)));
            assertEquals(List.of("OrderAccepted", "Trade:" + bid + "x1@1000"), kinds(market(B, MINI, Side.SELL, 1)));
            order(A, MINI, Side.BUY, 999, 2, TimeInForce.GTC, 0, null);
            assertEquals(ReasonCode.BELOW_MIN_NOTIONAL, rejection(market(B, MINI, Side.SELL, 1)), "1 x best bid 9.99 < 10");
            // no asks: a market buy is measured at the reference price (the last trade, 10.00)
            List<EngineEvent> none = market(B, MINI, Side.BUY, 1);
            assertEquals(List.of("OrderAccepted", "Cancelled:NO_LIQUIDITY:" + id(none)), kinds(none));
        }

        @Test
        void theFirstFailingCheckDecidesTheReason() {
            String cl = "dup";
            limit(A, Side.BUY, 950, 1);
            run(new Command.PlaceOrder(A, SCN, cl, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 951, 1, 0, null));
            limit(B, Side.SELL, 1_005, 1);
            Object[][] cases = {
                    {new Command.PlaceOrder(9, 9, null, null, null, null, 0, 0, 0, null), ReasonCode.UNKNOWN_ACCOUNT},
                    {new Command.PlaceOrder(A, 9, null, null, null, null, 0, 0, 0, null), ReasonCode.UNKNOWN_INSTRUMENT},
                    {new Command.PlaceOrder(A, SCN, null, null, OrderType.LIMIT, TimeInForce.GTC, 0, 0, 0, null), ReasonCode.INVALID_ORDER},
                    {new Command.PlaceOrder(A, SCN, null, Side.BUY, OrderType.LIMIT, TimeInForce.IOC, 0, 0, OrderFlags.POST_ONLY, null), ReasonCode.INVALID_ORDER},
                    {new Command.PlaceOrder(A, SCN, null, Side.BUY, OrderType.MARKET, TimeInForce.GTC, 0, 0, OrderFlags.POST_ONLY, null), ReasonCode.INVALID_ORDER},
                    {new Command.PlaceOrder(A, SCN, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 0, 0, 0, null), ReasonCode.INVALID_QUANTITY},
                    {new Command.PlaceOrder(A, COARSE, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 0, 5_000_001, 0, null), ReasonCode.QUANTITY_OFF_LOT},
                    {new Command.PlaceOrder(A, SCN, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 0, 1_000_001, 0, null), ReasonCode.QUANTITY_TOO_LARGE},
                    {new Command.PlaceOrder(A, SCN, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, -1, 1, 0, null), ReasonCode.INVALID_PRICE},
                    {new Command.PlaceOrder(A, SCN, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, Instrument.MAX_PRICE_UNITS + 1, 1, 0, null), ReasonCode.PRICE_OUTSIDE_BAND},
                    {new Command.PlaceOrder(A, COARSE, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_000_001, 10, 0, null), ReasonCode.PRICE_OFF_TICK},
                    {new Command.PlaceOrder(A, SCN, null, Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 100, 1, 0, null), ReasonCode.PRICE_OUTSIDE_BAND},
                    {new Command.PlaceOrder(A, MINI, cl, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 999, 1, OrderFlags.REDUCE_ONLY, null), ReasonCode.BELOW_MIN_NOTIONAL},
                    {new Command.PlaceOrder(A, SCN, cl, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, 999, 1, OrderFlags.REDUCE_ONLY, null), ReasonCode.DUPLICATE_CLIENT_ORDER_ID},
                    {new Command.PlaceOrder(A, SCN, "new", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_005, 1, OrderFlags.REDUCE_ONLY | OrderFlags.POST_ONLY, null), ReasonCode.REDUCE_ONLY_WOULD_INCREASE},
                    {new Command.PlaceOrder(A, SCN, "new", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 1_005, 1, OrderFlags.POST_ONLY, null), ReasonCode.POST_ONLY_WOULD_CROSS},
                    {new Command.PlaceOrder(A, SCN, null, Side.BUY, OrderType.MARKET, TimeInForce.IOC, -77, -1, 0, null), ReasonCode.INVALID_QUANTITY},
            };
            for (Object[] c : cases) {
                assertEquals(c[1], rejection(run((Command) c[0])), String.valueOf(c[0]));
            }
            // a market order's price field is ignored
            assertTrue(run(new Command.PlaceOrder(A, SCN, null, Side.BUY, OrderType.MARKET, TimeInForce.IOC, -77, 1, 0, null)).get(0)
                    instanceof EngineEvent.OrderAccepted);
        }

        @Test
        void theFirstFailingAmendCheckDecidesTheReason() {
            long o = id(limit(A, Side.BUY, 990, 5));
            limit(B, Side.SELL, 990, 2);                       // o has filled 2
            long co = id(order(A, COARSE, Side.BUY, 150_000, 10, TimeInForce.GTC, 0, null));
            assertEquals(ReasonCode.UNKNOWN_ORDER, rejection(run(new Command.AmendOrder(B, o, null, 0, 0))));
            assertEquals(ReasonCode.UNKNOWN_ORDER, rejection(run(new Command.AmendOrder(99, o, null, 0, 0))));
            assertEquals(ReasonCode.INVALID_AMEND, rejection(run(new Command.AmendOrder(A, o, null, 0, 2))));
            assertEquals(ReasonCode.INVALID_AMEND, rejection(run(new Command.AmendOrder(A, o, null, 990, 5))));
            assertEquals(ReasonCode.QUANTITY_OFF_LOT, rejection(run(new Command.AmendOrder(A, co, null, 1, 15))));
            assertEquals(ReasonCode.QUANTITY_TOO_LARGE, rejection(run(new Command.AmendOrder(A, o, null, 0, 1_000_001))));
            assertEquals(ReasonCode.INVALID_PRICE, rejection(run(new Command.AmendOrder(A, o, null, 0, 6))));
            assertEquals(ReasonCode.PRICE_OFF_TICK, rejection(run(new Command.AmendOrder(A, co, null, 1, 20))));
            assertEquals(ReasonCode.PRICE_OUTSIDE_BAND, rejection(run(new Command.AmendOrder(A, o, null, 2_000, 6))));
            run(new Command.SetInstrumentStatus(SCN, InstrumentStatus.HALTED));
            assertEquals(ReasonCode.INSTRUMENT_HALTED, rejection(run(new Command.AmendOrder(A, o, null, 0, 0))));
            assertEquals(ReasonCode.USER_CANCELLED, only(run(new Command.CancelOrder(A, o, null)), OrderCancelled.class).get(0).reason(),
                    "cancels still work while halted");
        }

        @Test
        void cancelByOrderIdWinsOverClientOrderId() {
            long a1 = id(run(new Command.PlaceOrder(A, SCN, "one", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 990, 1, 0, null)));
            long a2 = id(run(new Command.PlaceOrder(A, SCN, "two", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, 991, 1, 0, null)));
            long theirs = id(limit(B, Side.BUY, 992, 1));
            assertEquals(ReasonCode.UNKNOWN_ORDER, rejection(run(new Command.CancelOrder(A, theirs, "one"))),
                    "an order id names the order even when the client id would have matched one of A's");
            assertEquals(a2, only(run(new Command.CancelOrder(A, a2, "one")), OrderCancelled.class).get(0).orderId());
            assertEquals(a1, only(run(new Command.CancelOrder(A, -5, "one")), OrderCancelled.class).get(0).orderId());
            assertEquals(ReasonCode.UNKNOWN_ACCOUNT, rejection(run(new Command.CancelOrder(-1, a1, null))));
        }

        @Test
        void massCancelGoesInOrderIdOrderAndHonoursItsFilters() {
            long s = id(limit(A, Side.SELL, 1_010, 1));
            long b = id(limit(A, Side.BUY, 990, 1));
            long other = id(order(A, COARSE, Side.BUY, 150_000, 10, TimeInForce.GTC, 0, null));
            limit(B, Side.BUY, 991, 1);
            assertEquals(List.of("Cancelled:MASS_CANCELLED:" + b), kinds(run(new Command.MassCancel(A, SCN, Side.BUY))));
            assertEquals(List.of("Cancelled:MASS_CANCELLED:" + s, "Cancelled:MASS_CANCELLED:" + other),
                    kinds(run(new Command.MassCancel(A, -1, null))));
            assertEquals(List.of(), run(new Command.MassCancel(A, -1, null)), "nothing left: no events");
            assertEquals(ReasonCode.UNKNOWN_INSTRUMENT, rejection(run(new Command.MassCancel(A, -2, null))));
            assertEquals(ReasonCode.UNKNOWN_ACCOUNT, rejection(run(new Command.MassCancel(-1, -2, null))));
        }
    }
}
