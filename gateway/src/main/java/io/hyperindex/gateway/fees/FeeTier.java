package io.hyperindex.gateway.fees;

/**
 * One maker-rebate volume tier. Rates are in hundredths of a basis point of notional
 * (100 = 1 bp); negative is a rebate paid to the account.
 *
 * @param name      e.g. "base", "tier1"
 * @param minVolume 30-day notional volume, in cash units, from which the tier applies
 */
public record FeeTier(String name, long minVolume, long makerRate, long takerRate) {
    public FeeTier {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tier needs a name");
        }
        if (minVolume < 0) {
            throw new IllegalArgumentException("tier " + name + ": minVolume must not be negative");
        }
    }
}
