package io.hyperindex.gateway.api.edge;

import io.hyperindex.gateway.domain.ReasonCode;

/** A request refused at the API edge, before it reaches the engine; carries the reason every protocol reports. */
public final class RequestRejected extends RuntimeException {
    private final ReasonCode reason;

    public RequestRejected(ReasonCode reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public ReasonCode reason() {
        return reason;
    }
}
