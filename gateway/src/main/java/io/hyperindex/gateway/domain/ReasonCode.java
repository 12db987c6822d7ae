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
    KILL_SWITCH_ACTIVE(19, "the account's kill switch is on: no new orders until it is reset"),
    TRADING_HALTED(20, "the venue's global kill switch is on: no new orders anywhere"),
    ORDER_QUANTITY_LIMIT(21, "quantity exceeds the account's maximum order quantity for this instrument"),
    ORDER_NOTIONAL_LIMIT(22, "price times quantity exceeds the account's maximum order notional"),
    OPEN_ORDERS_LIMIT(23, "the account already has its maximum number of open orders"),
    POSITION_LIMIT(24, "position plus open orders on this side would exceed the account's position limit"),
    EXPOSURE_LIMIT(25, "the order would take the account's gross or net exposure past its limit"),
    DAILY_LOSS_LIMIT(26, "the daily loss limit was reached: only reduce-only orders until 00:00 UTC"),
    RATE_LIMITED(27, "too many requests: slow down and retry after the rate limit window"),
    MMP_FROZEN(28, "market-maker protection tripped: MMP orders are refused until the freeze ends or is reset"),
    CIRCUIT_BREAKER(29, "the instrument is paused by a circuit breaker"),
    NOT_PERMITTED(30, "the key or session is not allowed to do this"),
    UNKNOWN_FEE_TIER(38, "no fee tier with that name in the venue's fee schedule"),

    // --- the API edge: request shape, signatures, streams (40..49) ---
    INVALID_REQUEST(40, "a required field is missing or malformed"),
    UNAUTHENTICATED(41, "the request carries no key id, timestamp and signature"),
    UNKNOWN_KEY(42, "no API key with that id"),
    KEY_REVOKED(43, "the API key was revoked"),
    INVALID_SIGNATURE(44, "the signature does not verify over the canonical request string"),
    TIMESTAMP_OUTSIDE_WINDOW(45, "the request timestamp is outside the receive window"),
    REPLAYED_REQUEST(46, "this signed request was already received"),
    SLOW_CONSUMER(47, "the stream's reader fell too far behind and the stream was ended"),
    BODY_TOO_LARGE(48, "the request body is larger than the endpoint accepts"),
    UNSUPPORTED_MEDIA_TYPE(49, "the request body must be JSON, sent with Content-Type: application/json"),
    NOT_FOUND(50, "no such HTTP endpoint"),
    METHOD_NOT_ALLOWED(51, "the HTTP endpoint does not accept this method"),
    INTERNAL(52, "the gateway failed to answer; the error is in its log"),

    // --- WebSocket sessions (53..59) ---
    SUBSCRIPTION_LIMIT(53, "the connection already has its maximum number of subscriptions"),
    CONNECTION_LIMIT(54, "the gateway already serves its maximum number of WebSocket connections"),
    NOT_SUBSCRIBED(55, "the connection has no such subscription to end"),

    // --- orders routed to a remote venue (60..69) ---
    VENUE_UNSUPPORTED(60, "the instrument's book is on a remote venue, which does not take this (market, FOK or amend)"),
    DUPLICATE_VENUE_FILL(61, "this venue fill (same trade id for the same order) was already applied: ignored"),
    VENUE_OVERFILL(62, "the venue fill is larger than the order's open quantity: ignored"),

    // --- why an order ended without filling (cancels and expiries) ---
    USER_CANCELLED(100, "cancelled at the account's request"),
    MASS_CANCELLED(101, "cancelled by a mass cancel"),
    SELF_TRADE_PREVENTED(102, "cancelled by self-trade prevention"),
    IOC_EXPIRED(103, "immediate-or-cancel remainder expired"),
    FOK_NOT_FILLED(104, "fill-or-kill order could not fill entirely"),
    NO_LIQUIDITY(105, "market order found no liquidity within its protection band"),
    REDUCE_ONLY_CANCELLED(106, "reduce-only order cancelled: it could no longer reduce the position"),
    MMP_TRIGGERED(107, "cancelled by market-maker protection"),
    CANCEL_ON_DISCONNECT(108, "cancelled because the session that placed it disconnected"),
    DEAD_MAN_SWITCH(109, "cancelled by the dead-man switch: it was not renewed in time"),
    KILL_SWITCH(110, "cancelled by a kill switch"),
    CIRCUIT_BREAKER_CANCELLED(111, "cancelled by a circuit breaker"),
    INSTRUMENT_HALT_CANCELLED(112, "cancelled because the instrument was halted"),
    VENUE_REJECTED(113, "the remote venue refused the order (its error text is in the VenueOrderRejected event)"),
    VENUE_CANCELLED(114, "the remote venue ended the order without being asked to (its own expiry or protection)");

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
