package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.api.edge.RequestRejected;

import com.google.protobuf.Any;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.proto.v1.Reason;

/**
 * The one mapping from the gateway's reason codes to gRPC status codes. A rejected call ends
 * with that status; its details ({@code grpc-status-details-bin}, a google.rpc.Status) carry
 * the {@link Reason} message, and the plain trailer {@value #REASON_TRAILER} carries the code's
 * name for clients that do not decode details.
 */
public final class StatusMapping {
    /** ASCII trailer with the reason code's name, e.g. {@code PRICE_OFF_TICK}. */
    public static final String REASON_TRAILER = "x-hi-reason";
    static final Metadata.Key<String> REASON_KEY = Metadata.Key.of(REASON_TRAILER, Metadata.ASCII_STRING_MARSHALLER);

    private StatusMapping() {
    }

    /**
     * The status code for a reason. Codes 100 and up say why an order ended; they are not errors
     * (a call whose order expired succeeds and reports the reason in its answer) and map to OK.
     */
    public static Status.Code codeOf(ReasonCode reason) {
        return switch (reason) {
            case UNKNOWN_INSTRUMENT, INVALID_QUANTITY, QUANTITY_OFF_LOT, INVALID_PRICE, PRICE_OFF_TICK,
                    BELOW_MIN_NOTIONAL, PRICE_OUTSIDE_BAND, QUANTITY_TOO_LARGE, INVALID_ORDER, INVALID_AMEND,
                    BATCH_TOO_LARGE, INVALID_REQUEST, UNSUPPORTED_MEDIA_TYPE, VENUE_UNSUPPORTED, DUPLICATE_VENUE_FILL,
                    VENUE_OVERFILL -> Status.Code.INVALID_ARGUMENT;
            case DUPLICATE_CLIENT_ORDER_ID -> Status.Code.ALREADY_EXISTS;
            case UNKNOWN_ORDER, UNKNOWN_ACCOUNT, UNKNOWN_FEE_TIER, NOT_SUBSCRIBED -> Status.Code.NOT_FOUND;
            case INSTRUMENT_HALTED, POST_ONLY_WOULD_CROSS, REDUCE_ONLY_WOULD_INCREASE, KILL_SWITCH_ACTIVE,
                    TRADING_HALTED, ORDER_QUANTITY_LIMIT, ORDER_NOTIONAL_LIMIT, OPEN_ORDERS_LIMIT, POSITION_LIMIT,
                    EXPOSURE_LIMIT, DAILY_LOSS_LIMIT, MMP_FROZEN, CIRCUIT_BREAKER -> Status.Code.FAILED_PRECONDITION;
            case RATE_LIMITED, SLOW_CONSUMER, BODY_TOO_LARGE, SUBSCRIPTION_LIMIT, CONNECTION_LIMIT ->
                    Status.Code.RESOURCE_EXHAUSTED;
            case NOT_FOUND, METHOD_NOT_ALLOWED -> Status.Code.UNIMPLEMENTED;
            case INTERNAL -> Status.Code.INTERNAL;
            case ENGINE_UNAVAILABLE -> Status.Code.UNAVAILABLE;
            case NOT_PERMITTED -> Status.Code.PERMISSION_DENIED;
            case UNAUTHENTICATED, UNKNOWN_KEY, KEY_REVOKED, INVALID_SIGNATURE, TIMESTAMP_OUTSIDE_WINDOW,
                    REPLAYED_REQUEST -> Status.Code.UNAUTHENTICATED;
            case USER_CANCELLED, MASS_CANCELLED, SELF_TRADE_PREVENTED, IOC_EXPIRED, FOK_NOT_FILLED, NO_LIQUIDITY,
                    REDUCE_ONLY_CANCELLED, MMP_TRIGGERED, CANCEL_ON_DISCONNECT, DEAD_MAN_SWITCH, KILL_SWITCH,
                    CIRCUIT_BREAKER_CANCELLED, INSTRUMENT_HALT_CANCELLED, VENUE_REJECTED, VENUE_CANCELLED -> Status.Code.OK;
        };
    }

    /** The wire form of a reason; {@code detail} null = the code's default message. */
    public static Reason reason(ReasonCode code, String detail) {
        return Reason.newBuilder().setCode(code.name()).setNumber(code.number())
                .setMessage(detail == null ? code.message() : detail).build();
    }

    /** The exception that ends a call rejected for {@code code}, with the reason in details and trailers. */
    public static StatusRuntimeException toException(ReasonCode code, String detail) {
        Status.Code status = codeOf(code);
        if (status == Status.Code.OK) {
            throw new IllegalArgumentException(code + " is not a rejection");
        }
        Reason r = reason(code, detail);
        com.google.rpc.Status details = com.google.rpc.Status.newBuilder().setCode(status.value())
                .setMessage(code.name() + ": " + r.getMessage()).addDetails(Any.pack(r)).build();
        Metadata trailers = new Metadata();
        trailers.put(REASON_KEY, code.name());
        return StatusProto.toStatusRuntimeException(details, trailers);
    }

    /** The exception for a {@link RequestRejected}. */
    public static StatusRuntimeException toException(RequestRejected e) {
        return toException(e.reason(), e.getMessage());
    }
}
