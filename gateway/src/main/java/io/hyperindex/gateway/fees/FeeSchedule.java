package io.hyperindex.gateway.fees;

/**
 * The fee rate an account pays on a fill, in hundredths of a basis point of notional
 * (100 = 1 bp). Negative rates are rebates. Called on the engine thread for every fill, so
 * implementations must be deterministic functions of the engine's own state.
 */
public interface FeeSchedule {

    /** Rate for a fill in which {@code account} provided liquidity on {@code instrument}. */
    long makerRate(int account, int instrument);

    /** Rate for a fill in which {@code account} took liquidity on {@code instrument}. */
    long takerRate(int account, int instrument);

    /** The same maker and taker rate for everyone: the venue's base tier. */
    static FeeSchedule flat(long makerRate, long takerRate) {
        return new FeeSchedule() {
            @Override
            public long makerRate(int account, int instrument) {
                return makerRate;
            }

            @Override
            public long takerRate(int account, int instrument) {
                return takerRate;
            }
        };
    }

    /** The venue's base tier from its defaults: maker -1 bp (rebate), taker 3 bp. */
    static FeeSchedule venueBase() {
        return flat(-100, 300);
    }
}
