package io.hyperindex.gateway.fees;

/** The kinds of ledger account: per partner, and the venue's own. */
public enum LedgerAccount {
    /** Partner: cash paid and received for trades (USDC). */
    TRADE_CASH(Asset.USDC, false),
    /** Partner: fees paid (USDC, never positive). */
    FEES_PAID(Asset.USDC, false),
    /** Partner: maker rebates received (USDC, never negative). */
    REBATES_RECEIVED(Asset.USDC, false),
    /** Partner: venue tokens granted by the incentive programme. */
    INCENTIVE_TOKENS(Asset.TOKEN, false),
    /** Venue: fees collected (USDC). */
    VENUE_FEE_INCOME(Asset.USDC, true),
    /** Venue: rebates paid out (USDC). */
    VENUE_REBATE_EXPENSE(Asset.USDC, true),
    /** Venue: tokens owed to partners (TOKEN). */
    VENUE_INCENTIVE_LIABILITY(Asset.TOKEN, true),
    /** Venue: trade cash exchanged with a remote venue (Hyperliquid) for the fills of routed orders (USDC). */
    VENUE_EXTERNAL_SETTLEMENT(Asset.USDC, true);

    /** What a balance is counted in. */
    public enum Asset { USDC, TOKEN }

    private final Asset asset;
    private final boolean venue;

    LedgerAccount(Asset asset, boolean venue) {
        this.asset = asset;
        this.venue = venue;
    }

    public Asset asset() {
        return asset;
    }

    public boolean isVenue() {
        return venue;
    }
}
