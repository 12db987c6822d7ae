package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.domain.ReasonCode;

/** A request refused at the edge, before it reaches the engine; carries the reason to report. */
final class RequestRejected extends RuntimeException {
    private final ReasonCode reason;

    RequestRejected(ReasonCode reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    ReasonCode reason() {
        return reason;
    }
}
