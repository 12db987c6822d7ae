package io.hyperindex.bench;

import io.hyperindex.gateway.domain.CircuitBreakerRule;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.MmpConfig;
import io.hyperindex.gateway.domain.RiskLimits;
import io.hyperindex.gateway.engine.EngineConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The "all checks on" configuration of the engine benchmarks: every account has finite limits
 * of every kind (so every pre-trade check and every 80%/100% alert computation runs), an MMP
 * group over all instruments that counts every (MMP-flagged) fill, and the venue's circuit
 * breakers watch every instrument. The limits are set high enough that the workload's outcome
 * does not change: a benchmark that refuses orders would measure something else.
 */
public final class RiskSetup {
    private RiskSetup() {
    }

    /** Which checks the engine runs. */
    public enum Checks { OFF, ALL }

    /** Limits that every check evaluates but the benchmark workload never reaches. */
    public static RiskLimits highLimits(int instruments) {
        long[] qty = new long[instruments];
        long[] position = new long[instruments];
        Arrays.fill(qty, 1_000_000);
        Arrays.fill(position, 1_000_000_000_000L);
        return new RiskLimits(10_000_000, 10_000_000, 1_000_000_000_000_000L, qty, position, position.clone(),
                1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L, 1_000_000_000_000_000_000L);
    }

    /** {@code base} with the checks of {@code checks} configured for the workload's accounts. */
    public static EngineConfig configure(EngineConfig base, Workload w, Checks checks) {
        if (checks == Checks.OFF) {
            return base;
        }
        Map<String, RiskLimits> limits = new LinkedHashMap<>();
        for (String a : w.accounts()) {
            limits.put(a, highLimits(w.instruments().size()));
        }
        return base.withRiskLimits(limits).withCircuitBreakers(CircuitBreakerRule.venueDefaults());
    }

    /** Commands to run before the workload: one MMP group per account over every instrument, limits (in notional cash units) far above the workload ({@link Checks#ALL} only). */
    public static List<Command> mmpGroups(Workload w, Checks checks) {
        List<Command> out = new ArrayList<>();
        if (checks == Checks.OFF) {
            return out;
        }
        int[] all = new int[w.instruments().size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (int a = 0; a < w.accounts().size(); a++) {
            out.add(new Command.SetMmp(a, new MmpConfig("all", all, 1_000, Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, 0)));
        }
        return out;
    }
}
