package io.hyperindex.gateway.risk;

import io.hyperindex.gateway.domain.Instrument;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Positions and P&amp;L per account and instrument, in fixed point. For each pair it keeps the
 * signed position (quantity units), the open cost (cash units paid for a long, minus cash
 * received for a short), realized P&amp;L and fees. Average entry is open cost over position;
 * when a fill reduces a position, the closed part carries its proportional share of the open
 * cost (rounded toward zero; the remainder stays with the rest of the position), and a fill
 * that crosses zero closes the old position and opens the new one at the fill price.
 */
public final class PositionBook {
    private final Instrument[] instruments;
    private final long[][] position;
    private final long[][] openCost;
    private final long[][] realized;
    private final long[][] fees;
    // P&L total (realized - fees + unrealized) at the last daily reset
    private final long[] dayStart;
    /** Per account: bumped on every fill (positions, cost, realized and fees change only then). */
    private final long[] fillVersion;
    // the last measure() per account, valid while its fill and mark versions are current (derived state)
    private final long[][] measuredCache;
    private final long[] measuredFillVersion;
    private final long[] measuredMarkVersion;

    public PositionBook(Instrument[] instruments, int accounts) {
        this.instruments = instruments;
        int n = instruments.length;
        position = new long[accounts][n];
        openCost = new long[accounts][n];
        realized = new long[accounts][n];
        fees = new long[accounts][n];
        dayStart = new long[accounts];
        fillVersion = new long[accounts];
        measuredCache = new long[accounts][3];
        measuredFillVersion = new long[accounts];
        measuredMarkVersion = new long[accounts];
        Arrays.fill(measuredMarkVersion, -1);
    }

    /** Changes whenever a fill changes the account's positions, costs, realized P&amp;L or fees. */
    public long fillVersion(int account) {
        return fillVersion[account];
    }

    public long position(int account, int instrument) {
        return position[account][instrument];
    }

    public long openCost(int account, int instrument) {
        return openCost[account][instrument];
    }

    public long realized(int account, int instrument) {
        return realized[account][instrument];
    }

    /** Fees paid minus rebates received on this instrument (positive = net cost). */
    public long fees(int account, int instrument) {
        return fees[account][instrument];
    }

    /**
     * Applies a fill of {@code signedQty} (positive = bought) at {@code price}, with the fee the
     * account paid (negative = rebate).
     */
    public void onFill(int account, int instrument, long signedQty, long price, long fee) {
        Instrument ins = instruments[instrument];
        fillVersion[account]++;
        fees[account][instrument] += fee;
        long pos = position[account][instrument];
        long qty = Math.abs(signedQty);
        int dir = Long.signum(signedQty);
        if (pos == 0 || Long.signum(pos) == dir) {
            openCost[account][instrument] += dir * ins.notional(price, qty);
            position[account][instrument] = pos + signedQty;
            return;
        }
        long close = Math.min(qty, Math.abs(pos));
        long costPart = proportion(openCost[account][instrument], close, Math.abs(pos));
        long proceeds = Long.signum(pos) * ins.notional(price, close);
        realized[account][instrument] += proceeds - costPart;
        openCost[account][instrument] -= costPart;
        pos += dir * close;
        long open = qty - close;
        if (open > 0) {
            // crossed zero: what remains of the old position's cost is exactly zero here
            openCost[account][instrument] = dir * ins.notional(price, open);
            pos += dir * open;
        }
        position[account][instrument] = pos;
    }

    /** value x part / whole, toward zero, without overflow. */
    static long proportion(long value, long part, long whole) {
        if (part == whole) {
            return value;
        }
        long hi = Math.multiplyHigh(value, part);
        long lo = value * part;
        if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
            return lo / whole;
        }
        return BigInteger.valueOf(value).multiply(BigInteger.valueOf(part)).divide(BigInteger.valueOf(whole)).longValueExact();
    }

    /** Unrealized P&amp;L of the position at {@code mark} (price units; 0 = no mark, counts as zero). */
    public long unrealized(int account, int instrument, long mark) {
        long pos = position[account][instrument];
        if (pos == 0 || mark <= 0) {
            return 0;
        }
        long value = Long.signum(pos) * instruments[instrument].notional(mark, Math.abs(pos));
        return value - openCost[account][instrument];
    }

    /** Average entry price as a decimal: open cost / (position x cash per unit), 16 significant digits. */
    public java.math.BigDecimal averageEntry(int account, int instrument) {
        long pos = position[account][instrument];
        if (pos == 0) {
            return java.math.BigDecimal.ZERO;
        }
        Instrument ins = instruments[instrument];
        java.math.BigDecimal units = java.math.BigDecimal.valueOf(openCost[account][instrument])
                .divide(java.math.BigDecimal.valueOf(pos).multiply(java.math.BigDecimal.valueOf(ins.cashPerUnit())),
                        java.math.MathContext.DECIMAL64);
        return units.movePointLeft(ins.priceDecimals()).stripTrailingZeros();
    }

    /** Index of gross exposure in what {@link #measure} writes. */
    public static final int GROSS = 0;
    /** Index of net exposure in what {@link #measure} writes. */
    public static final int NET = 1;
    /** Index of total P&amp;L in what {@link #measure} writes. */
    public static final int TOTAL_PNL = 2;

    /**
     * Gross exposure (sum of |position| x mark), net exposure (sum of signed position x mark)
     * and total P&amp;L (realized minus fees plus unrealized) of an account, in cash units, in
     * one pass that asks for each held instrument's mark once; written to {@code out} at
     * {@link #GROSS}, {@link #NET} and {@link #TOTAL_PNL}. The pre-trade and alert checks call
     * this on every order, so it is the one place these sums are taken.
     */
    public void measure(int account, MarkSource marks, long[] out) {
        long markVersion = marks.version();
        long[] cached = measuredCache[account];
        if (markVersion >= 0 && measuredMarkVersion[account] == markVersion
                && measuredFillVersion[account] == fillVersion[account]) {
            out[GROSS] = cached[GROSS];
            out[NET] = cached[NET];
            out[TOTAL_PNL] = cached[TOTAL_PNL];
            return;
        }
        long gross = 0;
        long net = 0;
        long total = 0;
        long[] pos = position[account];
        long[] cost = openCost[account];
        long[] real = realized[account];
        long[] fee = fees[account];
        for (int i = 0; i < pos.length; i++) {
            total += real[i] - fee[i];
            long p = pos[i];
            if (p != 0) {
                long mark = marks.markPrice(i);
                long value = instruments[i].notional(mark, Math.abs(p));
                gross += value;
                net += Long.signum(p) * value;
                if (mark > 0) {
                    total += Long.signum(p) * value - cost[i];
                }
            }
        }
        out[GROSS] = cached[GROSS] = gross;
        out[NET] = cached[NET] = net;
        out[TOTAL_PNL] = cached[TOTAL_PNL] = total;
        measuredMarkVersion[account] = markVersion;
        measuredFillVersion[account] = fillVersion[account];
    }

    /** Realized minus fees plus unrealized at the given marks (one per instrument), in cash units. */
    public long totalPnl(int account, MarkSource marks) {
        long[] m = new long[3];
        measure(account, marks, m);
        return m[TOTAL_PNL];
    }

    /** Starts a new P&amp;L day for every account at the given marks. */
    public void resetDay(MarkSource marks) {
        for (int a = 0; a < dayStart.length; a++) {
            dayStart[a] = totalPnl(a, marks);
        }
    }

    /** P&amp;L since the last daily reset, in cash units. */
    public long dailyPnl(int account, MarkSource marks) {
        return totalPnl(account, marks) - dayStart[account];
    }

    /** P&amp;L since the last daily reset, given the account's total P&amp;L now (from {@link #measure}). */
    public long dailyPnl(long totalPnlNow, int account) {
        return totalPnlNow - dayStart[account];
    }

    /** Sum over instruments of |position| x mark, cash units. */
    public long grossExposure(int account, MarkSource marks) {
        long[] m = new long[3];
        measure(account, marks, m);
        return m[GROSS];
    }

    /** Sum over instruments of signed position x mark, cash units. */
    public long netExposure(int account, MarkSource marks) {
        long[] m = new long[3];
        measure(account, marks, m);
        return m[NET];
    }

    public void write(DataOutput out) throws IOException {
        for (int a = 0; a < dayStart.length; a++) {
            out.writeLong(dayStart[a]);
            for (int i = 0; i < instruments.length; i++) {
                out.writeLong(position[a][i]);
                out.writeLong(openCost[a][i]);
                out.writeLong(realized[a][i]);
                out.writeLong(fees[a][i]);
            }
        }
    }

    public void read(DataInput in) throws IOException {
        for (int a = 0; a < dayStart.length; a++) {
            dayStart[a] = in.readLong();
            for (int i = 0; i < instruments.length; i++) {
                position[a][i] = in.readLong();
                openCost[a][i] = in.readLong();
                realized[a][i] = in.readLong();
                fees[a][i] = in.readLong();
            }
        }
        Arrays.fill(measuredMarkVersion, -1);
    }
}
