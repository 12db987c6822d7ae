package io.hyperindex.gateway.mm.sim;

import io.hyperindex.gateway.mm.GlftModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The Avellaneda–Stoikov (2008) numerical experiment: a mid that moves up or down by
 * sigma sqrt(dt) each step with equal probability, and a market maker whose bid and ask are
 * each hit with probability A exp(-k delta) dt per step. It compares a strategy that quotes
 * around a reference price against the symmetric strategy with the same average spread, over
 * seeded paths (path i uses the generator seeded with seed + i for every strategy, so that
 * strategies meet the same prices and the same uniform draws).
 *
 * <p>Two families: {@link Family#AVELLANEDA_STOIKOV} (reservation price s - q gamma sigma^2 (T-t),
 * spread gamma sigma^2 (T-t) + (2/gamma) ln(1 + gamma/k)), and {@link Family#GLFT} (the
 * closed-form asymptotic quotes with order size 1 and an inventory bound Q beyond which the
 * side that would grow |q| is not quoted).
 */
public final class AvellanedaStoikovSim {

    /** The market and the experiment's size. */
    public record Market(double s0, double horizon, double sigma, double dt, double a, double k, int paths, long seed) {
        /** The paper's: s0 = 100, T = 1, sigma = 2, dt = 0.005, A = 140, k = 1.5. */
        public static Market paper(int paths, long seed) {
            return new Market(100, 1, 2, 0.005, 140, 1.5, paths, seed);
        }

        int steps() {
            return (int) Math.round(horizon / dt);
        }
    }

    /** Which model the non-symmetric strategy follows. */
    public enum Family { AVELLANEDA_STOIKOV, GLFT }

    /** One row of the table: a strategy at one gamma. */
    public record Row(double gamma, String strategy, double averageSpread, double profitMean, double profitStd,
                      double finalInventoryMean, double finalInventoryStd) {
    }

    private interface Quotes {
        /** Fills bid and ask depth for inventory q at step n; NaN depth = side not quoted. */
        void at(int q, int step, double[] depths);
    }

    private AvellanedaStoikovSim() {
    }

    /**
     * The table: for each gamma, the family's strategy then the symmetric one with its average
     * spread. {@code bound} is GLFT's inventory bound Q (ignored for Avellaneda–Stoikov).
     */
    public static List<Row> run(Market m, Family family, double[] gammas, int bound) {
        List<Row> rows = new ArrayList<>();
        for (double gamma : gammas) {
            Quotes model = family == Family.GLFT ? glft(m, gamma, bound) : reservation(m, gamma);
            double[] result = simulate(m, model);
            String name = family == Family.GLFT ? "glft (Q=" + bound + ")" : "inventory";
            rows.add(row(gamma, name, result));
            double half = result[0] / 2; // the symmetric strategy: the same average spread around the mid
            rows.add(row(gamma, "symmetric", simulate(m, (q, n, d) -> {
                d[0] = half;
                d[1] = half;
            })));
        }
        return rows;
    }

    private static Quotes reservation(Market m, double gamma) {
        double base = 2 / gamma * Math.log1p(gamma / m.k());
        double s2 = m.sigma() * m.sigma();
        return (q, n, d) -> {
            double left = m.horizon() - n * m.dt();
            double spread = gamma * s2 * left + base;
            double shift = q * gamma * s2 * left; // reservation price = s - shift
            d[0] = spread / 2 + shift;
            d[1] = spread / 2 - shift;
        };
    }

    private static Quotes glft(Market m, double gamma, int bound) {
        GlftModel.Quote flat = GlftModel.quote(m.a(), m.k(), m.sigma(), gamma, 1, 0);
        return (q, n, d) -> {
            d[0] = q >= bound ? Double.NaN : flat.halfSpread() + flat.skew() * q;
            d[1] = q <= -bound ? Double.NaN : flat.halfSpread() - flat.skew() * q;
        };
    }

    /** [average spread, profit mean, profit std, final q mean, final q std]. */
    private static double[] simulate(Market m, Quotes quotes) {
        int steps = m.steps();
        double step = m.sigma() * Math.sqrt(m.dt());
        double spreadSum = 0;
        long spreadCount = 0;
        double[] profit = new double[m.paths()];
        double[] inventory = new double[m.paths()];
        double[] d = new double[2];
        for (int p = 0; p < m.paths(); p++) {
            SplittableRandom rnd = new SplittableRandom(m.seed() + p);
            double s = m.s0();
            double cash = 0;
            int q = 0;
            for (int n = 0; n < steps; n++) {
                quotes.at(q, n, d);
                double uBid = rnd.nextDouble();
                double uAsk = rnd.nextDouble();
                double uMove = rnd.nextDouble();
                if (!Double.isNaN(d[0]) && !Double.isNaN(d[1])) {
                    spreadSum += d[0] + d[1];
                    spreadCount++;
                }
                if (!Double.isNaN(d[0]) && uBid < m.a() * Math.exp(-m.k() * d[0]) * m.dt()) {
                    q++;
                    cash -= s - d[0];
                }
                if (!Double.isNaN(d[1]) && uAsk < m.a() * Math.exp(-m.k() * d[1]) * m.dt()) {
                    q--;
                    cash += s + d[1];
                }
                s += uMove < 0.5 ? step : -step;
            }
            profit[p] = cash + q * s;
            inventory[p] = q;
        }
        return new double[]{spreadCount == 0 ? Double.NaN : spreadSum / spreadCount, mean(profit), std(profit),
                mean(inventory), std(inventory)};
    }

    private static Row row(double gamma, String name, double[] r) {
        return new Row(gamma, name, r[0], r[1], r[2], r[3], r[4]);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double std(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    /** The table as text, one row per line. */
    public static String format(List<Row> rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-6s %-14s %10s %12s %11s %12s %11s%n", "gamma",
                "strategy", "avg spread", "profit mean", "profit std", "final q mean", "final q std"));
        for (Row r : rows) {
            b.append(String.format(Locale.ROOT, "%-6s %-14s %10.2f %12.2f %11.2f %12.2f %11.2f%n", trim(r.gamma()),
                    r.strategy(), r.averageSpread(), r.profitMean(), r.profitStd(), r.finalInventoryMean(),
                    r.finalInventoryStd()));
        }
        return b.toString();
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
