package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.domain.ReasonCode;

/**
 * The one mapping from the engine's {@link ReasonCode} to FIX: {@code OrdRejReason(103)} for
 * rejected orders, {@code CxlRejReason(102)} for refused cancels and replaces, and the
 * {@code Text(58)} every reject and every unsolicited cancel carries. The switch is exhaustive,
 * so a new reason code does not compile until it is mapped here (and in the Rules of Engagement).
 */
public final class FixRejectCodes {
    /** OrdRejReason values of FIX 4.4 used here. */
    static final int BROKER_OPTION = 0;
    static final int UNKNOWN_SYMBOL = 1;
    static final int EXCHANGE_CLOSED = 2;
    static final int ORDER_EXCEEDS_LIMIT = 3;
    static final int UNKNOWN_ORDER = 5;
    static final int DUPLICATE_ORDER = 6;
    static final int UNSUPPORTED_CHARACTERISTIC = 11;
    static final int INCORRECT_QUANTITY = 13;
    static final int UNKNOWN_ACCOUNT = 15;
    static final int OTHER = 99;

    /** CxlRejReason values of FIX 4.4 used here. */
    static final int CXL_TOO_LATE = 0;
    static final int CXL_UNKNOWN_ORDER = 1;
    static final int CXL_BROKER_OPTION = 2;
    static final int CXL_DUPLICATE_CLORDID = 6;
    static final int CXL_OTHER = 99;

    /** The FIX codes of one reason. */
    public record Mapping(int ordRejReason, int cxlRejReason) {
    }

    private FixRejectCodes() {
    }

    /** The OrdRejReason and CxlRejReason for {@code reason}. */
    public static Mapping of(ReasonCode reason) {
        return switch (reason) {
            case UNKNOWN_INSTRUMENT -> new Mapping(UNKNOWN_SYMBOL, CXL_OTHER);
            case INSTRUMENT_HALTED, TRADING_HALTED, CIRCUIT_BREAKER -> new Mapping(EXCHANGE_CLOSED, CXL_BROKER_OPTION);
            case INVALID_QUANTITY, QUANTITY_OFF_LOT, QUANTITY_TOO_LARGE -> new Mapping(INCORRECT_QUANTITY, CXL_OTHER);
            case INVALID_PRICE, PRICE_OFF_TICK, PRICE_OUTSIDE_BAND, BELOW_MIN_NOTIONAL, INVALID_AMEND ->
                    new Mapping(OTHER, CXL_OTHER);
            case DUPLICATE_CLIENT_ORDER_ID -> new Mapping(DUPLICATE_ORDER, CXL_DUPLICATE_CLORDID);
            case UNKNOWN_ORDER -> new Mapping(UNKNOWN_ORDER, CXL_UNKNOWN_ORDER);
            case POST_ONLY_WOULD_CROSS, REDUCE_ONLY_WOULD_INCREASE, INVALID_ORDER ->
                    new Mapping(UNSUPPORTED_CHARACTERISTIC, CXL_OTHER);
            case UNKNOWN_ACCOUNT -> new Mapping(UNKNOWN_ACCOUNT, CXL_OTHER);
            case ORDER_QUANTITY_LIMIT, ORDER_NOTIONAL_LIMIT, OPEN_ORDERS_LIMIT, POSITION_LIMIT, EXPOSURE_LIMIT,
                 DAILY_LOSS_LIMIT -> new Mapping(ORDER_EXCEEDS_LIMIT, CXL_OTHER);
            case BATCH_TOO_LARGE, ENGINE_UNAVAILABLE, RATE_LIMITED, KILL_SWITCH_ACTIVE, MMP_FROZEN, NOT_PERMITTED ->
                    new Mapping(BROKER_OPTION, CXL_BROKER_OPTION);
            case INVALID_REQUEST, UNKNOWN_FEE_TIER -> new Mapping(OTHER, CXL_OTHER);
            case VENUE_UNSUPPORTED -> new Mapping(UNSUPPORTED_CHARACTERISTIC, CXL_OTHER);
            // venue fill outcomes: never on a partner's request, mapped so that every code has one
            case DUPLICATE_VENUE_FILL, VENUE_OVERFILL -> new Mapping(OTHER, CXL_OTHER);
            // the API edge's authentication and streaming codes: FIX authenticates at Logon and never
            // sends them on an order, but a reject must still have a code
            case UNAUTHENTICATED, UNKNOWN_KEY, KEY_REVOKED, INVALID_SIGNATURE, TIMESTAMP_OUTSIDE_WINDOW, REPLAYED_REQUEST,
                 SLOW_CONSUMER, BODY_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, NOT_FOUND, METHOD_NOT_ALLOWED, INTERNAL,
                 SUBSCRIPTION_LIMIT, CONNECTION_LIMIT, NOT_SUBSCRIBED -> new Mapping(BROKER_OPTION, CXL_BROKER_OPTION);
            // why an order ended without filling: only ever Text on a Canceled/Expired report, but
            // mapped too so that a reject can never go out without a code
            case USER_CANCELLED, MASS_CANCELLED, SELF_TRADE_PREVENTED, IOC_EXPIRED, FOK_NOT_FILLED, NO_LIQUIDITY,
                 REDUCE_ONLY_CANCELLED, MMP_TRIGGERED, CANCEL_ON_DISCONNECT, DEAD_MAN_SWITCH, KILL_SWITCH,
                 CIRCUIT_BREAKER_CANCELLED, INSTRUMENT_HALT_CANCELLED, VENUE_REJECTED, VENUE_CANCELLED ->
                    new Mapping(BROKER_OPTION, CXL_TOO_LATE);
        };
    }

    /** The Text(58) for {@code reason}: name, stable number and the explanation, e.g. "PRICE_OFF_TICK (6): ...". */
    public static String text(ReasonCode reason) {
        return reason.name() + " (" + reason.number() + "): " + reason.message();
    }
}
