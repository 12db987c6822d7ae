package io.hyperindex.gateway.auth;

import io.hyperindex.gateway.domain.ReasonCode;

/** Why a request was not authenticated or not authorised; the message never contains a secret. */
public final class AuthenticationFailure extends Exception {
    private final ReasonCode reason;

    public AuthenticationFailure(ReasonCode reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public ReasonCode reason() {
        return reason;
    }
}
