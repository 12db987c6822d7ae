package io.hyperindex.bench;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.fees.FeePolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A market-making command stream in exchange-core's published mix: 9% GTC orders, 3% IOC
 * orders, 6% cancels and 82% amends ("moves"), over a book of about 1,000 resting orders on
 * about 750 price levels, with about 6% of commands trading.
 *
 * <p>The stream is generated against a shadow {@link MatchingEngine}, so every cancel and
 * amend names an order that is live at that point, and replaying the same commands (with the
 * same timestamps) on a fresh engine or book reproduces the shadow's outcome exactly. A
 * {@link #prefix()} first fills the books to their working depth; the {@link #mix()} is the
 * measured part.
 */
public final class Workload {
    /** Spacing of the commands' timestamps: 1 µs, as at 1M commands/s. */
    public static final long NANOS_PER_COMMAND = 1_000L;
    public static final long START_NANOS = 1_796_083_200_000_000_000L; // 2026-12-01T00:00:00Z

    private final List<Instrument> instruments;
    private final List<String> accounts;
    private final List<Command> prefix;
    private final List<Command> mix;
    private final long[] placedOrderId;
    private final Stats stats;

    /** What the generated stream turned out to be, measured on the shadow engine. */
    public record Stats(int commands, int gtc, int ioc, int cancels, int amends, int commandsThatTraded, long trades,
                        int rejected, double meanRestingOrders, double meanLevels) {
        public double share(int n) {
            return 100.0 * n / commands;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "%,d commands: GTC %.1f%%, IOC %.1f%%, cancel %.1f%%, amend %.1f%%; %.1f%% traded (%,d trades); "
                            + "%,d rejected; mean %.0f resting orders on %.0f levels per book",
                    commands, share(gtc), share(ioc), share(cancels), share(amends), share(commandsThatTraded), trades,
                    rejected, meanRestingOrders, meanLevels);
        }
    }

    private Workload(List<Instrument> instruments, List<String> accounts, List<Command> prefix, List<Command> mix,
                     long[] placedOrderId, Stats stats) {
        this.instruments = instruments;
        this.accounts = accounts;
        this.prefix = prefix;
        this.mix = mix;
        this.placedOrderId = placedOrderId;
        this.stats = stats;
    }

    /** Instruments like BTC-USDC (tick 0.10, lot 0.0001, reference 95,000), named BENCH-0.. */
    public static List<Instrument> instruments(int n) {
        List<Instrument> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Instrument(i, "BENCH-" + i, 2, 4, 10, 1, 10 * 100_000_000L, 1_000_000, 1_000, 200,
                    9_500_000));
        }
        return list;
    }

    public static List<String> accounts(int n) {
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add("bench-" + i);
        }
        return list;
    }

    /** A fresh engine core for the workload's instruments and accounts, without risk limits. */
    public MatchingEngine freshCore() {
        return new MatchingEngine(instruments, accounts, FeePolicy.venueDefault());
    }

    public List<Instrument> instruments() {
        return instruments;
    }

    public List<String> accounts() {
        return accounts;
    }

    /** Commands that fill each book to its working depth (GTC orders only); not measured. */
    public List<Command> prefix() {
        return prefix;
    }

    /** The measured commands in the exchange-core mix. */
    public List<Command> mix() {
        return mix;
    }

    /** Timestamp of command {@code i} of the whole stream (prefix first). */
    public static long timestamp(int i) {
        return START_NANOS + i * NANOS_PER_COMMAND;
    }

    /** The order id the engine gives the PlaceOrder at position {@code i} of prefix + mix, or 0 if it is not a placement. */
    public long placedOrderId(int i) {
        return placedOrderId[i];
    }

    public Stats stats() {
        return stats;
    }

    /**
     * Generates {@code mixCommands} commands over {@code instrumentCount} books and
     * {@code accountCount} accounts, with about {@code restingPerBook} orders resting on each book.
     */
    public static Workload generate(long seed, int instrumentCount, int accountCount, int restingPerBook, int mixCommands) {
        return new Generator(seed, instruments(instrumentCount), accounts(accountCount), restingPerBook).run(mixCommands);
    }

    /**
     * As {@link #generate}, every order carrying the market-maker-protection flag, so that an
     * engine with MMP groups configured counts every fill against them. The flag changes nothing
     * else: the stream's outcome is the same.
     */
    public static Workload generateMmpFlagged(long seed, int instrumentCount, int accountCount, int restingPerBook,
                                              int mixCommands) {
        Generator g = new Generator(seed, instruments(instrumentCount), accounts(accountCount), restingPerBook);
        g.flags = OrderFlags.MMP;
        return g.run(mixCommands);
    }

    /** Builds the stream by driving a shadow engine and watching its events. */
    private static final class Generator {
        /** Passive orders sit 1..DEPTH_TICKS ticks from the mid: ~1,000 orders then occupy ~750 levels. */
        private static final int DEPTH_TICKS = 800;
        private final SplittableRandom rnd;
        private final List<Instrument> instruments;
        private final List<String> accounts;
        private final int target;
        private final MatchingEngine shadow;
        private final ArrayList<EngineEvent> events = new ArrayList<>();
        private final LiveOrders[] live;
        private final ArrayList<Command> all = new ArrayList<>();
        private long[] placedIds = new long[1 << 16];
        private int flags;
        private int gtc, ioc, cancels, amends, traded, rejected;
        private long trades;
        private double restingSum, levelSum;
        private int samples;

        Generator(long seed, List<Instrument> instruments, List<String> accounts, int target) {
            this.rnd = new SplittableRandom(seed);
            this.instruments = instruments;
            this.accounts = accounts;
            this.target = target;
            this.shadow = new MatchingEngine(instruments, accounts, FeePolicy.venueDefault());
            this.live = new LiveOrders[instruments.size()];
            for (int i = 0; i < live.length; i++) {
                live[i] = new LiveOrders();
            }
        }

        Workload run(int mixCommands) {
            for (int i = 0; i < instruments.size(); i++) {
                for (int k = 0; k < target; k++) {
                    apply(passive(i, rnd.nextBoolean() ? Side.BUY : Side.SELL));
                }
            }
            int prefixSize = all.size();
            gtc = ioc = cancels = amends = traded = rejected = 0;
            trades = 0;
            for (int n = 0; n < mixCommands; n++) {
                int instrument = rnd.nextInt(instruments.size());
                int r = rnd.nextInt(100);
                Command c;
                if (r < 9) {
                    gtc++;
                    // keep the book near its target depth: above it, more new orders cross
                    boolean cross = rnd.nextInt(100) < (live[instrument].size() > target ? 60 : 5);
                    c = cross ? aggressive(instrument, TimeInForce.GTC) : passive(instrument, randomSide());
                } else if (r < 12) {
                    ioc++;
                    c = aggressive(instrument, TimeInForce.IOC);
                } else if (r < 18) {
                    cancels++;
                    long id = live[instrument].pick(rnd, shadow);
                    c = id == 0 ? passive(instrument, randomSide())
                            : new Command.CancelOrder(shadow.liveOrder(id).account(), id, null);
                } else {
                    amends++;
                    c = amend(instrument);
                }
                if (apply(c)) {
                    traded++;
                }
                if ((n & 255) == 0) {
                    for (LiveOrders l : live) {
                        l.compact(shadow);
                    }
                }
                if ((n & 1023) == 0) {
                    for (int i = 0; i < instruments.size(); i++) {
                        restingSum += live[i].count(shadow);
                        levelSum += shadow.book(i).levelCount(Side.BUY) + shadow.book(i).levelCount(Side.SELL);
                        samples++;
                    }
                }
            }
            Stats stats = new Stats(mixCommands, gtc, ioc, cancels, amends, traded, trades, rejected,
                    restingSum / samples, levelSum / samples);
            return new Workload(instruments, accounts, List.copyOf(all.subList(0, prefixSize)),
                    List.copyOf(all.subList(prefixSize, all.size())), java.util.Arrays.copyOf(placedIds, all.size()),
                    stats);
        }

        private Side randomSide() {
            return rnd.nextBoolean() ? Side.BUY : Side.SELL;
        }

        private long mid(int instrument) {
            var book = shadow.book(instrument);
            long bid = book.bestPrice(Side.BUY);
            long ask = book.bestPrice(Side.SELL);
            long ref = instruments.get(instrument).referencePrice();
            long tick = instruments.get(instrument).tick();
            if (bid == 0 && ask == 0) {
                return ref;
            }
            long m = bid == 0 ? ask - tick : ask == 0 ? bid + tick : (bid + ask) / 2;
            return m - m % tick;
        }

        /** Resting size: 0.02..0.42 BTC-like, well above the $10 minimum notional. */
        private long qty() {
            return 200 + rnd.nextInt(4_000);
        }

        /** Taking size: smaller than most resting orders, so a trade usually leaves its maker on the book. */
        private long takerQty() {
            return 20 + rnd.nextInt(300);
        }

        private int account() {
            return rnd.nextInt(accounts.size());
        }

        private long passivePrice(int instrument, Side side) {
            long tick = instruments.get(instrument).tick();
            long offset = (1 + rnd.nextInt(DEPTH_TICKS)) * tick;
            return side == Side.BUY ? mid(instrument) - offset : mid(instrument) + offset;
        }

        private Command passive(int instrument, Side side) {
            return new Command.PlaceOrder(account(), instrument, null, side, OrderType.LIMIT, TimeInForce.GTC,
                    passivePrice(instrument, side), qty(), flags, null);
        }

        /** An order priced a few ticks through the opposite best, so it trades. */
        private Command aggressive(int instrument, TimeInForce tif) {
            Side side = randomSide();
            var book = shadow.book(instrument);
            long best = book.bestPrice(side.opposite());
            long tick = instruments.get(instrument).tick();
            if (best == 0) {
                return passive(instrument, side);
            }
            long through = rnd.nextInt(4) * tick;
            long price = side == Side.BUY ? best + through : best - through;
            return new Command.PlaceOrder(account(), instrument, null, side, OrderType.LIMIT, tif, price, takerQty(), flags, null);
        }

        /** Mostly a move to a new passive price; sometimes a size change in place or a move that crosses. */
        private Command amend(int instrument) {
            long id = live[instrument].pick(rnd, shadow);
            if (id == 0) {
                return passive(instrument, randomSide());
            }
            var o = shadow.liveOrder(id);
            int r = rnd.nextInt(100);
            long reduced = o.quantity() - 1 - rnd.nextInt((int) Math.max(1, o.remaining() / 4));
            if (r < 15 && reduced > o.filled() && reduced >= 100) { // reduce in place: keeps priority
                return new Command.AmendOrder(o.account(), id, null, o.price(), reduced);
            }
            long price;
            if (r < 17) { // move through the opposite best
                long best = shadow.book(instrument).bestPrice(o.side().opposite());
                price = best == 0 ? passivePrice(instrument, o.side()) : best;
            } else {
                price = passivePrice(instrument, o.side());
            }
            if (price == o.price()) { // a move to where it already is would be refused as a no-op
                price += o.side() == Side.BUY ? -instruments.get(instrument).tick() : instruments.get(instrument).tick();
            }
            return new Command.AmendOrder(o.account(), id, null, price, o.quantity());
        }

        /** Applies a command to the shadow; returns true if it traded. */
        private boolean apply(Command c) {
            int index = all.size();
            all.add(c);
            if (index == placedIds.length) {
                placedIds = java.util.Arrays.copyOf(placedIds, index * 2);
            }
            events.clear();
            shadow.apply(timestamp(index), c, events);
            boolean trade = false;
            for (EngineEvent e : events) {
                if (e instanceof EngineEvent.OrderAccepted a) {
                    placedIds[index] = a.orderId();
                    if (shadow.liveOrder(a.orderId()) != null) {
                        live[a.instrument()].add(a.orderId());
                    }
                } else if (e instanceof EngineEvent.TradeExecuted) {
                    trade = true;
                    trades++;
                } else if (e instanceof EngineEvent.OrderRejected x) {
                    rejected++;
                    if (rejected <= 3) {
                        System.err.println("workload generator: " + x + " for " + c);
                    }
                }
            }
            return trade;
        }
    }

    /** Ids of one book's live orders; filled or cancelled ones are dropped lazily when picked. */
    private static final class LiveOrders {
        private long[] ids = new long[4096];
        private int size;

        void add(long id) {
            if (size == ids.length) {
                ids = java.util.Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        /** A random live order id, or 0 if none. */
        long pick(SplittableRandom rnd, MatchingEngine shadow) {
            while (size > 0) {
                int i = rnd.nextInt(size);
                long id = ids[i];
                if (shadow.liveOrder(id) != null) {
                    return id;
                }
                ids[i] = ids[--size];
            }
            return 0;
        }

        int size() {
            return size;
        }

        /** Drops ids that are no longer live, so that {@link #size} is exact again. */
        void compact(MatchingEngine shadow) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                if (shadow.liveOrder(ids[i]) != null) {
                    ids[kept++] = ids[i];
                }
            }
            size = kept;
        }

        int count(MatchingEngine shadow) {
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (shadow.liveOrder(ids[i]) != null) {
                    n++;
                }
            }
            return n;
        }
    }
}
