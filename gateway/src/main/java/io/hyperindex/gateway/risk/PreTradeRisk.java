package io.hyperindex.gateway.risk;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.RiskLimits;
import io.hyperindex.gateway.domain.Side;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Pre-trade checks and the open-order bookkeeping they need, per account: open order counts,
 * open buy and sell quantity per instrument (for worst-case position limits), the daily-loss
 * reduce-only state and the account kill switch. Pure logic on the engine thread; marks and
 * positions come from the caller.
 */
public final class PreTradeRisk {
    private final Instrument[] instruments;
    private final PositionBook positions;
    private final RiskLimits[] limits;
    private final RiskLimits unlimited;
    private final long[] openOrders;
    private final long[][] openOrdersPerInstrument;
    private final long[][] openBuy;
    private final long[][] openSell;
    private final boolean[] reduceOnlyForTheDay;
    private final boolean[] killed;
    /** Per account: has any finite limit (derived from limits, kept so the hot path skips an array compare). */
    private final boolean[] limited;
    private final long[] measured = new long[3];
    private int limitedAccounts;
    private boolean globalHalt;

    public PreTradeRisk(Instrument[] instruments, int accounts, PositionBook positions) {
        this.instruments = instruments;
        this.positions = positions;
        int n = instruments.length;
        this.unlimited = RiskLimits.unlimited(n);
        this.limits = new RiskLimits[accounts];
        for (int a = 0; a < accounts; a++) {
            limits[a] = RiskLimits.unlimited(n);
        }
        this.openOrders = new long[accounts];
        this.openOrdersPerInstrument = new long[accounts][n];
        this.openBuy = new long[accounts][n];
        this.openSell = new long[accounts][n];
        this.reduceOnlyForTheDay = new boolean[accounts];
        this.killed = new boolean[accounts];
        this.limited = new boolean[accounts];
    }

    public RiskLimits limits(int account) {
        return limits[account];
    }

    public void setLimits(int account, RiskLimits l) {
        limits[account] = l;
        boolean was = limited[account];
        limited[account] = !l.equals(unlimited);
        limitedAccounts += (limited[account] ? 1 : 0) - (was ? 1 : 0);
    }

    /** True if any account has a finite limit. */
    public boolean anyLimited() {
        return limitedAccounts > 0;
    }

    /** False while an account has no limits at all, so post-trade work can be skipped. */
    public boolean isLimited(int account) {
        return limited[account];
    }

    public boolean isKilled(int account) {
        return killed[account];
    }

    public void setKilled(int account, boolean on) {
        killed[account] = on;
    }

    public boolean isGlobalHalt() {
        return globalHalt;
    }

    public void setGlobalHalt(boolean on) {
        globalHalt = on;
    }

    public boolean isReduceOnlyForTheDay(int account) {
        return reduceOnlyForTheDay[account];
    }

    public void setReduceOnlyForTheDay(int account, boolean on) {
        reduceOnlyForTheDay[account] = on;
    }

    /** Lifts every account's daily-loss reduce-only state (the 00:00 UTC reset). */
    public void newDay() {
        java.util.Arrays.fill(reduceOnlyForTheDay, false);
    }

    public long openOrders(int account) {
        return openOrders[account];
    }

    public long openOrders(int account, int instrument) {
        return openOrdersPerInstrument[account][instrument];
    }

    public long openQuantity(int account, int instrument, Side side) {
        return side == Side.BUY ? openBuy[account][instrument] : openSell[account][instrument];
    }

    /**
     * Checks a new order (or, with {@code replacing} > 0, an amend whose order already has that
     * much open quantity and already counts as an open order). First failing check wins.
     *
     * @param marks mark prices, for exposure
     */
    public ReasonCode check(int account, int instrument, Side side, long price, long qty, boolean reduceOnly,
                            long replacing, MarkSource marks) {
        if (globalHalt) {
            return ReasonCode.TRADING_HALTED;
        }
        if (killed[account]) {
            return ReasonCode.KILL_SWITCH_ACTIVE;
        }
        RiskLimits l = limits[account];
        Instrument ins = instruments[instrument];
        if (qty > l.maxOrderQuantity()[instrument]) {
            return ReasonCode.ORDER_QUANTITY_LIMIT;
        }
        if (l.maxOrderNotional() != RiskLimits.UNLIMITED && ins.notional(price, qty) > l.maxOrderNotional()) {
            return ReasonCode.ORDER_NOTIONAL_LIMIT;
        }
        if (replacing == 0 && (openOrders[account] >= l.maxOpenOrders()
                || openOrdersPerInstrument[account][instrument] >= l.maxOpenOrdersPerInstrument())) {
            return ReasonCode.OPEN_ORDERS_LIMIT;
        }
        if (reduceOnly) {
            return null; // cannot add to a position: the rest does not apply
        }
        if (reduceOnlyForTheDay[account]) {
            return ReasonCode.DAILY_LOSS_LIMIT;
        }
        long pos = positions.position(account, instrument);
        long added = qty - replacing;
        if (side == Side.BUY) {
            long worst = pos + openBuy[account][instrument] + added;
            if (worst > 0 && worst > l.maxLong()[instrument]) {
                return ReasonCode.POSITION_LIMIT;
            }
        } else {
            long worst = -(pos - openSell[account][instrument] - added);
            if (worst > 0 && worst > l.maxShort()[instrument]) {
                return ReasonCode.POSITION_LIMIT;
            }
        }
        // an amend that adds no quantity cannot add exposure: only orders that add are measured
        if (added > 0 && (l.maxGrossExposure() != RiskLimits.UNLIMITED || l.maxNetExposure() != RiskLimits.UNLIMITED)) {
            long m = marks.markPrice(instrument);
            long mark = m > 0 ? m : price;
            long orderValue = side.sign() * ins.notional(mark, Math.max(0, added));
            positions.measure(account, marks, measured);
            long net = measured[PositionBook.NET];
            long newNet = net + orderValue;
            if (Math.abs(newNet) > l.maxNetExposure() && Math.abs(newNet) > Math.abs(net)) {
                return ReasonCode.EXPOSURE_LIMIT;
            }
            boolean grows = pos == 0 || Long.signum(pos) == side.sign();
            if (grows && measured[PositionBook.GROSS] + Math.abs(orderValue) > l.maxGrossExposure()) {
                return ReasonCode.EXPOSURE_LIMIT;
            }
        }
        return null;
    }

    /** An order was accepted with {@code qty} open. */
    public void opened(int account, int instrument, Side side, long qty) {
        openOrders[account]++;
        openOrdersPerInstrument[account][instrument]++;
        adjust(account, instrument, side, qty);
    }

    /** Open quantity of an order changed by {@code delta} (fills and cancels are negative). */
    public void adjust(int account, int instrument, Side side, long delta) {
        if (side == Side.BUY) {
            openBuy[account][instrument] += delta;
        } else {
            openSell[account][instrument] += delta;
        }
    }

    /** An order is done (filled or cancelled); its open quantity was already taken off with {@link #adjust}. */
    public void closed(int account, int instrument) {
        openOrders[account]--;
        openOrdersPerInstrument[account][instrument]--;
    }

    public void write(DataOutput out) throws IOException {
        out.writeBoolean(globalHalt);
        for (int a = 0; a < limits.length; a++) {
            limits[a].write(out);
            out.writeBoolean(reduceOnlyForTheDay[a]);
            out.writeBoolean(killed[a]);
            // open counts and quantities are derived from the live orders on restore
        }
    }

    public void read(DataInput in) throws IOException {
        globalHalt = in.readBoolean();
        for (int a = 0; a < limits.length; a++) {
            setLimits(a, RiskLimits.read(in));
            reduceOnlyForTheDay[a] = in.readBoolean();
            killed[a] = in.readBoolean();
        }
    }
}
