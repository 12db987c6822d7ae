package io.hyperindex.gateway.mm.cli;

import io.hyperindex.gateway.mm.GlftModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.Callable;

/** {@code glft}: the GLFT closed-form quote for given A, k, sigma, gamma and order size, as partners compute it. */
@Command(name = "glft", mixinStandardHelpOptions = true,
        description = {"Guéant–Lehalle–Fernandez-Tapia closed-form quotes (xi = gamma): prints c1, c2, the half-spread,",
                "the skew per unit of inventory and the bid/ask depths (and prices, with --fair). Units are yours:",
                "depths come out in the unit of 1/k (sigma must be in that unit per sqrt of A's time unit)."})
public final class GlftCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--A", required = true, description = "arrival intensity A at depth 0 (fills per unit of time)")
    double a;
    @Option(names = "--k", required = true, description = "intensity decay k (per unit of depth)")
    double k;
    @Option(names = "--sigma", required = true, description = "volatility (depth units per sqrt(time unit))")
    double sigma;
    @Option(names = "--gamma", required = true, description = "risk aversion gamma (= xi)")
    double gamma;
    @Option(names = "--delta", defaultValue = "1", description = "order size Delta (default ${DEFAULT-VALUE})")
    double delta;
    @Option(names = "--q", defaultValue = "0", description = "inventory, in the unit of Delta (default ${DEFAULT-VALUE})")
    double q;
    @Option(names = "--fair", description = "fair price: also print bid and ask prices")
    BigDecimal fair;
    @Option(names = "--tick", description = "tick size: bid rounded down, ask up (with --fair)")
    BigDecimal tick;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        GlftModel.Quote r;
        try {
            r = GlftModel.quote(a, k, sigma, gamma, delta, q);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (tick != null && tick.signum() <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tick must be positive");
        }
        out.printf(java.util.Locale.ROOT, "c1           %.10g%n", r.c1());
        out.printf(java.util.Locale.ROOT, "c2           %.10g%n", r.c2());
        out.printf(java.util.Locale.ROOT, "half-spread  %.10g%n", r.halfSpread());
        out.printf(java.util.Locale.ROOT, "skew         %.10g  (per unit of q)%n", r.skew());
        out.printf(java.util.Locale.ROOT, "bid depth    %.10g  (fair - bid, q = %s)%n", r.bidDepth(), plain(q));
        out.printf(java.util.Locale.ROOT, "ask depth    %.10g  (ask - fair)%n", r.askDepth());
        if (fair != null) {
            BigDecimal bid = fair.subtract(BigDecimal.valueOf(r.bidDepth()));
            BigDecimal ask = fair.add(BigDecimal.valueOf(r.askDepth()));
            if (tick != null) {
                bid = bid.divide(tick, 0, RoundingMode.FLOOR).multiply(tick);
                ask = ask.divide(tick, 0, RoundingMode.CEILING).multiply(tick);
                if (ask.compareTo(bid) <= 0) {
                    ask = bid.add(tick);
                }
            }
            out.println("bid          " + bid.stripTrailingZeros().toPlainString());
            out.println("ask          " + ask.stripTrailingZeros().toPlainString());
        }
        out.flush();
        return 0;
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
