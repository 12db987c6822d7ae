package io.hyperindex.gateway.api.hl;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.venue.hyperliquid.WireNumbers;

/**
 * The engine's reason codes in Hyperliquid's words: where Hyperliquid has an error string for
 * the same refusal, partners' bots already parse it, so it is used verbatim; otherwise the
 * gateway's own message with the reason code in brackets (docs/reason-codes.md).
 */
final class HlErrors {
    static final String NEVER_PLACED = "Order was never placed, already canceled, or filled.";
    static final String NO_MATCH = "Order could not immediately match against any resting orders.";
    static final String REDUCE_ONLY = "Reduce only order would increase position.";

    private HlErrors() {
    }

    /**
     * The per-order error string for a refusal or an order that ended unfilled.
     *
     * @param bbo "bid@ask" for post-only refusals (Hyperliquid names the book it would have crossed)
     */
    static String of(ReasonCode reason, Instrument instrument, String bbo) {
        return switch (reason) {
            case PRICE_OFF_TICK, INVALID_PRICE -> WireNumbers.PRICE_ERROR;
            case QUANTITY_OFF_LOT, INVALID_QUANTITY, QUANTITY_TOO_LARGE -> WireNumbers.SIZE_ERROR;
            case BELOW_MIN_NOTIONAL -> "Order must have minimum value of $"
                    + (instrument == null ? "10" : HlAssets.wire(java.math.BigDecimal.valueOf(instrument.minNotional(),
                    io.hyperindex.gateway.domain.Money.CASH_DECIMALS))) + ".";
            case PRICE_OUTSIDE_BAND -> "Order price too far from oracle";
            case POST_ONLY_WOULD_CROSS -> "Post only order would have immediately matched, bbo was " + bbo + ".";
            case REDUCE_ONLY_WOULD_INCREASE, REDUCE_ONLY_CANCELLED -> REDUCE_ONLY;
            case IOC_EXPIRED, NO_LIQUIDITY, FOK_NOT_FILLED -> NO_MATCH;
            case UNKNOWN_ORDER -> NEVER_PLACED;
            default -> capitalised(reason.message()) + " [" + reason.name() + "]";
        };
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }
}
