package io.hyperindex.gateway.mm;

import io.hyperindex.gateway.domain.Instrument;

/**
 * Turns the model's inputs into the N-level ladder the market maker wants on the book, in
 * engine units. It evaluates GLFT in basis points of the fair price with inventory counted in
 * lots of the level-0 order size (so delta = 1), adds the maker fee, applies the floors (one
 * tick, the minimum spread, the latency floor sigma sqrt(2 tau)) and the breaker's widening,
 * caps the spread at maxSpreadBps, spaces levels 1..N-1 beyond the level-0 quote, sizes them, and cuts each side where a full
 * fill would take the position past the inventory bound. Reused across updates: {@link #plan}
 * allocates nothing.
 */
public final class QuoteLadder {
    private final Instrument instrument;
    private final double usdPerPriceQtyUnit;
    /** Output: prices and sizes per level, best first; {@link #bidLevels} / {@link #askLevels} are used. */
    public final long[] bidPrice;
    public final long[] bidSize;
    public final long[] askPrice;
    public final long[] askSize;
    public int bidLevels;
    public int askLevels;
    // diagnostics of the last plan, in bp of fair unless named otherwise
    public double halfSpreadBps;
    public double skewBps;
    public double inventoryLots;
    public double levelZeroSize;
    public double c1;
    public double c2;

    public QuoteLadder(Instrument instrument, int maxLevels) {
        this.instrument = instrument;
        this.usdPerPriceQtyUnit = instrument.cashPerUnit() / 1e8;
        this.bidPrice = new long[maxLevels];
        this.bidSize = new long[maxLevels];
        this.askPrice = new long[maxLevels];
        this.askSize = new long[maxLevels];
    }

    /**
     * Plans the ladder.
     *
     * @param p          the symbol's parameters
     * @param fair       fair price, price units
     * @param sigma      volatility, price units per sqrt(s)
     * @param a          intensity A, per second
     * @param kPerBp     intensity decay k, per bp of depth
     * @param position   signed position, quantity units
     * @param widen      spread multiplier of the circuit breaker (1 = none)
     * @param allowBids  false stops the bid side (risk guard)
     * @param allowAsks  false stops the ask side
     * @param reduceOnly quote only the side that takes the position towards zero (as hedgeOnly does)
     * @param bestOtherBid best bid of others (0 = none): the ask never goes below it plus a tick
     * @param bestOtherAsk best ask of others (0 = none): the bid never goes above it less a tick
     */
    public void plan(MmParams p, double fair, double sigma, double a, double kPerBp, long position, double widen,
                     boolean allowBids, boolean allowAsks, boolean reduceOnly, long bestOtherBid, long bestOtherAsk) {
        bidLevels = 0;
        askLevels = 0;
        int n = Math.min(p.levels(), bidPrice.length);
        double usdPerQty = fair * usdPerPriceQtyUnit;
        if (!(fair > 0) || n == 0) {
            return;
        }
        double weightSum = 0;
        for (int i = 0; i < n; i++) {
            weightSum += weight(p.sizeAllocation(), i, n);
        }
        double perSideQty = p.notionalPerSideUsd() / usdPerQty;
        levelZeroSize = Math.max(instrument.lot(), perSideQty * weight(p.sizeAllocation(), 0, n) / weightSum);
        inventoryLots = position / levelZeroSize;

        double sigmaBps = sigma / fair * 1e4;
        double gamma = p.gamma();
        c1 = GlftModel.c1(gamma, 1, kPerBp);
        c2 = GlftModel.c2(gamma, gamma, 1, a, kPerBp);
        double half = GlftModel.halfSpread(c1, c2, sigmaBps, 1) + p.makerFeeBps();
        half = Math.max(half, p.minSpreadBps() / 2);
        half = Math.max(half, sigmaBps * Math.sqrt(2 * p.tauUpdateSeconds()));
        half = Math.min(half * widen, p.maxSpreadBps() / 2);
        halfSpreadBps = half;
        skewBps = sigmaBps * c2 * p.skewDamping();
        double bidDepth = half + skewBps * inventoryLots;
        double askDepth = half - skewBps * inventoryLots;

        long tick = instrument.tick();
        long bid0 = Math.floorDiv((long) Math.floor(fair * (1 - bidDepth / 1e4)), tick) * tick;
        long ask0 = ceilToTick((long) Math.ceil(fair * (1 + askDepth / 1e4)), tick);
        if (bestOtherAsk > 0) {
            bid0 = Math.min(bid0, bestOtherAsk - tick);
        }
        if (bestOtherBid > 0) {
            ask0 = Math.max(ask0, bestOtherBid + tick);
        }
        if (ask0 <= bid0) { // the tick floor: a one-sided rounding can never cross or lock
            ask0 = bid0 + tick;
        }
        boolean hedge = p.hedgeOnly() || reduceOnly;
        long maxLong = (long) Math.floor(p.maxLongUsd() / usdPerQty);
        long maxShort = (long) Math.floor(p.maxShortUsd() / usdPerQty);
        // in hedge-only mode a side may only take the position back towards zero
        long bidRoom = hedge ? Math.max(0, -position) : maxLong - position;
        long askRoom = hedge ? Math.max(0, position) : maxShort + position;
        if (allowBids) {
            bidLevels = side(p, n, weightSum, perSideQty, fair, bid0, -1, bidRoom, bidPrice, bidSize);
        }
        if (allowAsks) {
            askLevels = side(p, n, weightSum, perSideQty, fair, ask0, +1, askRoom, askPrice, askSize);
        }
    }

    private int side(MmParams p, int n, double weightSum, double perSideQty, double fair, long level0, int dir,
                     long room, long[] prices, long[] sizes) {
        long tick = instrument.tick();
        long lot = instrument.lot();
        long used = 0;
        int levels = 0;
        long prev = 0;
        for (int i = 0; i < n; i++) {
            long price;
            if (i == 0) {
                price = level0;
            } else {
                double off = extraDepthBps(p, i, n) * fair / 1e4;
                price = dir < 0 ? Math.floorDiv(level0 - (long) Math.ceil(off), tick) * tick
                        : ceilToTick(level0 + (long) Math.ceil(off), tick);
                if (dir < 0 ? price >= prev : price <= prev) {
                    price = prev + dir * tick;
                }
            }
            if (price <= 0 || price > instrument.maxPrice()) {
                break;
            }
            long size = Math.max(lot, (long) Math.floor(perSideQty * weight(p.sizeAllocation(), i, n) / weightSum / lot) * lot);
            long minQty = ceilToTick(ceilDiv(instrument.minNotional(), price * instrument.cashPerUnit()), lot);
            size = Math.min(Math.max(size, minQty), instrument.maxOrderQty() / lot * lot);
            if (used + size > room) {
                size = (room - used) / lot * lot;
                if (size < minQty || size <= 0) {
                    break;
                }
            }
            prices[levels] = price;
            sizes[levels] = size;
            levels++;
            used += size;
            prev = price;
        }
        return levels;
    }

    /** Depth of level i (1..n-1) beyond the level-0 quote, bp: geometric or linear from min to max depth. */
    static double extraDepthBps(MmParams p, int i, int n) {
        double lo = p.minDepthBps();
        double hi = p.maxDepthBps();
        if (n <= 2) {
            return lo;
        }
        double t = (i - 1) / (double) (n - 2);
        if (p.geometricSpacing() && lo > 0) {
            return lo * Math.pow(hi / lo, t);
        }
        return lo + (hi - lo) * t;
    }

    private static double weight(int allocation, int i, int n) {
        return switch (allocation) {
            case 1 -> n - i;
            case 2 -> i + 1;
            default -> 1;
        };
    }

    private static long ceilToTick(long v, long tick) {
        return -Math.floorDiv(-v, tick) * tick;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
