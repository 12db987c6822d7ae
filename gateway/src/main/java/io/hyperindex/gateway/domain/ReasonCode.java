package io.hyperindex.gateway.domain;

/**
 * The one list of reasons the gateway gives for rejecting a request or for ending an order
 * it did not fill. Every protocol maps these codes (FIX OrdRejReason/CxlRejReason + Text,
 * gRPC status + detail, REST {"code","message"}); the numbers never change meaning.
 * docs/reason-codes.md describes each one and what a partner can do about it.
 */
public enum ReasonCode {
    // --- validation of a request (rejections) ---
    UNKNOWN_INSTRUMENT(1, "no instrument with that symbol"),
    INSTRUMENT_HALTED(2, "the instrument is halted: only cancels are accepted"),
    INVALID_QUANTITY(3, "quantity must be greater than zero"),
    QUANTITY_OFF_LOT(4, "quantity is not a multiple of the instrument's lot size"),
    INVALID_PRICE(5, "price must be greater than zero"),
    PRICE_OFF_TICK(6, "price is not a multiple of the instrument's tick size"),
    BELOW_MIN_NOTIONAL(7, "price times quantity is below the instrument's minimum notional"),
    PRICE_OUTSIDE_BAND(8, "price is outside the instrument's band around its reference price"),
    QUANTITY_TOO_LARGE(9, "quantity exceeds the instrument's maximum order quantity"),
    DUPLICATE_CLIENT_ORDER_ID(10, "a live order of this account already uses that client order id"),
    UNKNOWN_ORDER(11, "no live order with that id for this account"),
    POST_ONLY_WOULD_CROSS(12, "post-only order would take liquidity"),
    REDUCE_ONLY_WOULD_INCREASE(13, "reduce-only order would open or increase a position"),
    UNKNOWN_ACCOUNT(14, "no such account"),
    INVALID_ORDER(15, "the combination of order fields is not allowed"),
    INVALID_AMEND(16, "amend must change price or quantity and keep quantity above the filled part"),
    BATCH_TOO_LARGE(17, "a batch holds at most 40 items"),
    ENGINE_UNAVAILABLE(18, "the engine is not accepting commands (starting, stopping or overloaded)"),

    // --- why an order ended without filling (cancels and expiries) ---
    USER_CANCELLED(100, "cancelled at the account's request"),
    MASS_CANCELLED(101, "cancelled by a mass cancel"),
    SELF_TRADE_PREVENTED(102, "cancelled by self-trade prevention"),
    IOC_EXPIRED(103, "immediate-or-cancel remainder expired"),
    FOK_NOT_FILLED(104, "fill-or-kill order could not fill entirely"),
    NO_LIQUIDITY(105, "market order found no liquidity within its protection band"),
    REDUCE_ONLY_CANCELLED(106, "reduce-only order cancelled: it could no longer reduce the position");

    private final int number;
    private final String message;

    ReasonCode(int number, String message) {
        this.number = number;
        this.message = message;
    }

    /** Stable numeric code, the same in every protocol. */
    public int number() {
        return number;
    }

    /** Default human-readable explanation. */
    public String message() {
        return message;
    }

    /** True for the reasons that end an order as EXPIRED rather than CANCELLED. */
    public boolean isExpiry() {
        return this == IOC_EXPIRED || this == FOK_NOT_FILLED || this == NO_LIQUIDITY;
    }

    private static final java.util.Map<Integer, ReasonCode> BY_NUMBER = new java.util.HashMap<>();

    static {
        for (ReasonCode c : values()) {
            if (BY_NUMBER.put(c.number, c) != null) {
                throw new ExceptionInInitializerError("duplicate reason number " + c.number);
            }
        }
    }

    /** The code with this stable number (as journaled and sent on the wire), or null. */
    public static ReasonCode ofNumber(int number) {
        return BY_NUMBER.get(number);
    }
}
