package io.hyperindex.gateway.domain;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Pre-trade limits of one account. Quantities are in each instrument's units; money in cash
 * units (10^-8 USDC). {@link #UNLIMITED} switches a limit off: for qualified market makers
 * "unlimited" should still mean a high ceiling set in configuration.
 *
 * @param maxOpenOrders               live orders across all instruments
 * @param maxOpenOrdersPerInstrument  live orders on any one instrument
 * @param maxOrderNotional            price x quantity of one order
 * @param maxOrderQuantity            per instrument: quantity of one order
 * @param maxLong                     per instrument: position plus all open buys
 * @param maxShort                    per instrument: short position plus all open sells (a positive number)
 * @param maxGrossExposure            sum of |position| x mark over instruments
 * @param maxNetExposure              |sum of position x mark| over instruments
 * @param dailyLossLimit              a loss (positive number) after which the account is reduce-only until 00:00 UTC
 */
public record RiskLimits(long maxOpenOrders, long maxOpenOrdersPerInstrument, long maxOrderNotional,
                         long[] maxOrderQuantity, long[] maxLong, long[] maxShort,
                         long maxGrossExposure, long maxNetExposure, long dailyLossLimit) {
    public static final long UNLIMITED = Long.MAX_VALUE;

    public RiskLimits {
        for (long v : new long[]{maxOpenOrders, maxOpenOrdersPerInstrument, maxOrderNotional, maxGrossExposure,
                maxNetExposure, dailyLossLimit}) {
            if (v <= 0) {
                throw new IllegalArgumentException("risk limits must be positive (use UNLIMITED to switch one off)");
            }
        }
        if (maxOrderQuantity.length != maxLong.length || maxLong.length != maxShort.length) {
            throw new IllegalArgumentException("per-instrument limits must cover every instrument");
        }
        for (long[] a : new long[][]{maxOrderQuantity, maxLong, maxShort}) {
            for (long v : a) {
                if (v <= 0) {
                    throw new IllegalArgumentException("per-instrument limits must be positive");
                }
            }
        }
    }

    /** No limits at all: the state of an account before its configured limits are applied. */
    public static RiskLimits unlimited(int instruments) {
        long[] u = new long[instruments];
        Arrays.fill(u, UNLIMITED);
        return new RiskLimits(UNLIMITED, UNLIMITED, UNLIMITED, u.clone(), u.clone(), u.clone(), UNLIMITED, UNLIMITED,
                UNLIMITED);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RiskLimits r && maxOpenOrders == r.maxOpenOrders
                && maxOpenOrdersPerInstrument == r.maxOpenOrdersPerInstrument && maxOrderNotional == r.maxOrderNotional
                && Arrays.equals(maxOrderQuantity, r.maxOrderQuantity) && Arrays.equals(maxLong, r.maxLong)
                && Arrays.equals(maxShort, r.maxShort) && maxGrossExposure == r.maxGrossExposure
                && maxNetExposure == r.maxNetExposure && dailyLossLimit == r.dailyLossLimit;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(maxOpenOrders) * 31 + Arrays.hashCode(maxLong);
    }

    @Override
    public String toString() {
        return "RiskLimits{maxOpenOrders=" + str(maxOpenOrders) + ", perInstrument=" + str(maxOpenOrdersPerInstrument)
                + ", maxOrderNotional=" + str(maxOrderNotional) + ", maxOrderQuantity=" + str(maxOrderQuantity)
                + ", maxLong=" + str(maxLong) + ", maxShort=" + str(maxShort) + ", maxGross=" + str(maxGrossExposure)
                + ", maxNet=" + str(maxNetExposure) + ", dailyLoss=" + str(dailyLossLimit) + '}';
    }

    private static String str(long v) {
        return v == UNLIMITED ? "unlimited" : Long.toString(v);
    }

    private static String str(long[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i == 0 ? "" : ",").append(str(v[i]));
        }
        return b.append(']').toString();
    }

    public void write(DataOutput out) throws IOException {
        out.writeLong(maxOpenOrders);
        out.writeLong(maxOpenOrdersPerInstrument);
        out.writeLong(maxOrderNotional);
        out.writeInt(maxOrderQuantity.length);
        for (int i = 0; i < maxOrderQuantity.length; i++) {
            out.writeLong(maxOrderQuantity[i]);
            out.writeLong(maxLong[i]);
            out.writeLong(maxShort[i]);
        }
        out.writeLong(maxGrossExposure);
        out.writeLong(maxNetExposure);
        out.writeLong(dailyLossLimit);
    }

    public static RiskLimits read(DataInput in) throws IOException {
        long oo = in.readLong();
        long ooi = in.readLong();
        long notional = in.readLong();
        int n = in.readInt();
        long[] q = new long[n];
        long[] l = new long[n];
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            q[i] = in.readLong();
            l[i] = in.readLong();
            s[i] = in.readLong();
        }
        return new RiskLimits(oo, ooi, notional, q, l, s, in.readLong(), in.readLong(), in.readLong());
    }
}
