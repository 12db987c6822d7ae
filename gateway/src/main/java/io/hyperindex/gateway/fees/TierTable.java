package io.hyperindex.gateway.fees;

import io.hyperindex.gateway.domain.Money;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Tiers ordered by volume threshold; the first tier starts at zero volume. */
public final class TierTable {
    private final FeeTier[] tiers;

    public TierTable(List<FeeTier> tiers) {
        List<FeeTier> sorted = new ArrayList<>(tiers);
        sorted.sort(Comparator.comparingLong(FeeTier::minVolume));
        if (sorted.isEmpty() || sorted.get(0).minVolume() != 0) {
            throw new IllegalArgumentException("the lowest tier must start at volume 0");
        }
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).minVolume() == sorted.get(i - 1).minVolume()) {
                throw new IllegalArgumentException("tiers " + sorted.get(i - 1).name() + " and " + sorted.get(i).name()
                        + " have the same threshold");
            }
        }
        this.tiers = sorted.toArray(FeeTier[]::new);
    }

    /** The venue's default schedule: maker -1/-2/-3/-5 bp at $0/$1M/$5M/$10M of 30-day volume, taker 3 bp. */
    public static TierTable venueDefault() {
        long m = 1_000_000L * Money.ONE_USDC;
        return new TierTable(List.of(
                new FeeTier("base", 0, -100, 300),
                new FeeTier("tier1", m, -200, 300),
                new FeeTier("tier2", 5 * m, -300, 300),
                new FeeTier("tier3", 10 * m, -500, 300)));
    }

    public int size() {
        return tiers.length;
    }

    public FeeTier get(int index) {
        return tiers[index];
    }

    /** Index of the tier a 30-day volume qualifies for: the highest threshold at or below it. */
    public int indexFor(long volume) {
        int i = 0;
        while (i + 1 < tiers.length && volume >= tiers[i + 1].minVolume()) {
            i++;
        }
        return i;
    }

    /** Index of the tier with this name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < tiers.length; i++) {
            if (tiers[i].name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public List<FeeTier> tiers() {
        return List.of(tiers);
    }
}
