package io.hyperindex.gateway.api.rest;

import io.hyperindex.gateway.api.edge.RequestRejected;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.ops.http.JsonReply;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The one mapping from reason codes to HTTP statuses for /api/v1; every error body is
 * {@code {"code": "<ReasonCode name>", "message": "..."}}. docs/rest.md has the table.
 */
final class RestErrors {
    private RestErrors() {
    }

    /** The HTTP status a rejection with {@code reason} answers. */
    static HttpResponseStatus statusOf(ReasonCode reason) {
        return switch (reason) {
            case UNKNOWN_INSTRUMENT, INVALID_QUANTITY, QUANTITY_OFF_LOT, INVALID_PRICE, PRICE_OFF_TICK, BELOW_MIN_NOTIONAL,
                    PRICE_OUTSIDE_BAND, QUANTITY_TOO_LARGE, INVALID_ORDER, INVALID_AMEND, BATCH_TOO_LARGE,
                    INVALID_REQUEST, VENUE_UNSUPPORTED -> HttpResponseStatus.BAD_REQUEST;
            case UNAUTHENTICATED, UNKNOWN_KEY, KEY_REVOKED, INVALID_SIGNATURE, TIMESTAMP_OUTSIDE_WINDOW,
                    REPLAYED_REQUEST -> HttpResponseStatus.UNAUTHORIZED;
            case NOT_PERMITTED -> HttpResponseStatus.FORBIDDEN;
            case UNKNOWN_ORDER, UNKNOWN_ACCOUNT, NOT_FOUND, UNKNOWN_FEE_TIER, NOT_SUBSCRIBED -> HttpResponseStatus.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> HttpResponseStatus.METHOD_NOT_ALLOWED;
            // well-formed, but refused by the current state of the order, account, book or venue
            case DUPLICATE_CLIENT_ORDER_ID, INSTRUMENT_HALTED, POST_ONLY_WOULD_CROSS, REDUCE_ONLY_WOULD_INCREASE,
                    KILL_SWITCH_ACTIVE, TRADING_HALTED, ORDER_QUANTITY_LIMIT, ORDER_NOTIONAL_LIMIT, OPEN_ORDERS_LIMIT,
                    POSITION_LIMIT, EXPOSURE_LIMIT, DAILY_LOSS_LIMIT, MMP_FROZEN, CIRCUIT_BREAKER -> HttpResponseStatus.CONFLICT;
            case BODY_TOO_LARGE -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE;
            case RATE_LIMITED, SLOW_CONSUMER, SUBSCRIPTION_LIMIT, CONNECTION_LIMIT -> HttpResponseStatus.TOO_MANY_REQUESTS;
            case ENGINE_UNAVAILABLE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            // order-end reasons are never errors; reaching here is a gateway fault
            case INTERNAL, DUPLICATE_VENUE_FILL, VENUE_OVERFILL, VENUE_REJECTED, VENUE_CANCELLED, USER_CANCELLED, MASS_CANCELLED, SELF_TRADE_PREVENTED, IOC_EXPIRED, FOK_NOT_FILLED, NO_LIQUIDITY,
                    REDUCE_ONLY_CANCELLED, MMP_TRIGGERED, CANCEL_ON_DISCONNECT, DEAD_MAN_SWITCH, KILL_SWITCH,
                    CIRCUIT_BREAKER_CANCELLED, INSTRUMENT_HALT_CANCELLED -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }

    static JsonReply of(ReasonCode reason, String message) {
        return JsonReply.error(statusOf(reason), reason.name(), message == null ? reason.message() : message);
    }

    static JsonReply of(RequestRejected e) {
        return of(e.reason(), e.getMessage());
    }

    /** The error body of a reason inside a batch answer (no HTTP status of its own). */
    static ErrorBody body(ReasonCode reason, String message) {
        return new ErrorBody(reason.name(), message == null ? reason.message() : message);
    }

    /** {@code {"code","message"}}: an error, alone or as one item of a batch. */
    record ErrorBody(String code, String message) {
    }
}
