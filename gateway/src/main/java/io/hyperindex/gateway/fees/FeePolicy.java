package io.hyperindex.gateway.fees;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The configured economics: tier table, per-instrument tier tables, negotiated terms, the
 * daily tier recomputation time, the volume window and the incentive plan.
 *
 * @param tiers                the default tier table
 * @param instrumentTiers      symbol -> a table with the same tier names and thresholds but its own rates
 * @param negotiated           terms per account name
 * @param recomputeAtNanosOfDay when, after 00:00 UTC, each day's tier recomputation happens
 * @param windowDays           length of the rolling volume window (30)
 * @param incentives           token incentive plan
 * @param incentiveIneligible  accounts that earn no incentives (the venue's own market maker)
 */
public record FeePolicy(TierTable tiers, Map<String, TierTable> instrumentTiers, List<NegotiatedTerms> negotiated,
                        long recomputeAtNanosOfDay, int windowDays, IncentivePlan incentives,
                        Set<String> incentiveIneligible) {
    public static final long DAY_NANOS = 86_400_000_000_000L;

    public FeePolicy {
        if (recomputeAtNanosOfDay < 0 || recomputeAtNanosOfDay >= DAY_NANOS) {
            throw new IllegalArgumentException("recompute time must be within the day");
        }
        if (windowDays < 1 || windowDays > 366) {
            throw new IllegalArgumentException("volume window must be 1..366 days");
        }
        for (Map.Entry<String, TierTable> e : instrumentTiers.entrySet()) {
            TierTable t = e.getValue();
            if (t.size() != tiers.size()) {
                throw new IllegalArgumentException("tier table of " + e.getKey() + " must have the default's " + tiers.size() + " tiers");
            }
            for (int i = 0; i < t.size(); i++) {
                if (!t.get(i).name().equals(tiers.get(i).name()) || t.get(i).minVolume() != tiers.get(i).minVolume()) {
                    throw new IllegalArgumentException("tier table of " + e.getKey() + ": tier " + i
                            + " must match the default's name and threshold");
                }
            }
        }
    }

    /** The venue's defaults: its tier table, 00:00 UTC, 30 days, 1,000 tokens per $1M, 6 + 18 months; venue-mm earns no tokens. */
    public static FeePolicy venueDefault() {
        return new FeePolicy(TierTable.venueDefault(), Map.of(), List.of(), 0, 30, IncentivePlan.venueDefault(),
                Set.of("venue-mm"));
    }

    /** A flat schedule: one tier for everyone (tests, benchmarks). */
    public static FeePolicy flat(long makerRate, long takerRate) {
        return new FeePolicy(new TierTable(List.of(new FeeTier("flat", 0, makerRate, takerRate))), Map.of(), List.of(),
                0, 30, IncentivePlan.venueDefault(), Set.of());
    }
}
