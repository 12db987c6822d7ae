package io.hyperindex.gateway.api.grpc;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.hyperindex.gateway.auth.AuthenticationFailure;
import io.hyperindex.gateway.auth.Caller;
import io.hyperindex.gateway.auth.CanonicalRequest;
import io.hyperindex.gateway.auth.RateLimiter;
import io.hyperindex.gateway.auth.RequestVerifier;
import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.domain.ReasonCode;

import java.util.Map;

/**
 * Authenticates every call before its handler starts: the request message is seen as the
 * exact bytes received (the services are installed with a byte-array marshaller in front), so
 * the signature covers precisely what the client sent. Then the caller's rate limit is taken.
 * The handler starts only for an authenticated, authorised, in-limit caller, with the
 * {@link Caller} in the gRPC context; anything else ends the call with the mapped status.
 */
final class SignatureInterceptor implements ServerInterceptor {
    static final Context.Key<Caller> CALLER = Context.key("hyperindex-caller");
    /** Metadata carrying the key id, the epoch-millisecond timestamp and the hex signature. */
    static final Metadata.Key<String> KEY_ID = Metadata.Key.of("x-hi-key", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> TIMESTAMP = Metadata.Key.of("x-hi-ts", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> SIGNATURE = Metadata.Key.of("x-hi-sig", Metadata.ASCII_STRING_MARSHALLER);

    private final RequestVerifier verifier;
    private final RateLimiter rateLimiter;
    private final Map<String, Scope> scopeByMethod;

    SignatureInterceptor(RequestVerifier verifier, RateLimiter rateLimiter, Map<String, Scope> scopeByMethod) {
        this.verifier = verifier;
        this.rateLimiter = rateLimiter;
        this.scopeByMethod = Map.copyOf(scopeByMethod);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        call.request(1);
        return new ServerCall.Listener<>() {
            private ServerCall.Listener<Q> handler;
            private Context context;
            private boolean closed;

            @Override
            public void onMessage(Q message) {
                if (closed) {
                    return;
                }
                if (handler != null) {
                    context.run(() -> handler.onMessage(message));
                    return;
                }
                byte[] bytes = (byte[]) message;
                Caller caller;
                try {
                    Scope needed = scopeByMethod.get(method);
                    if (needed == null) {
                        throw new AuthenticationFailure(ReasonCode.NOT_PERMITTED, "no scope grants " + method);
                    }
                    caller = verifier.verify(headers.get(KEY_ID), headers.get(TIMESTAMP), headers.get(SIGNATURE),
                            ts -> CanonicalRequest.grpc(ts, method, bytes), needed);
                    RateLimiter.Decision d = rateLimiter.tryAcquire(caller.account(), caller.keyId(), 1);
                    if (!d.allowed()) {
                        throw new AuthenticationFailure(ReasonCode.RATE_LIMITED,
                                "rate limit reached: retry in " + Math.max(1, d.retryAfterNanos() / 1_000_000) + " ms");
                    }
                } catch (AuthenticationFailure f) {
                    reject(f.reason(), f.getMessage());
                    return;
                }
                context = Context.current().withValue(CALLER, caller);
                Context previous = context.attach();
                try {
                    handler = next.startCall(call, headers);
                    handler.onMessage(message);
                } finally {
                    context.detach(previous);
                }
            }

            private void reject(ReasonCode reason, String text) {
                closed = true;
                StatusRuntimeException e = StatusMapping.toException(reason, text);
                call.close(e.getStatus(), e.getTrailers());
            }

            @Override
            public void onHalfClose() {
                if (closed) {
                    return;
                }
                if (handler == null) {
                    reject(ReasonCode.INVALID_REQUEST, "the call carried no request message");
                    return;
                }
                context.run(handler::onHalfClose);
            }

            @Override
            public void onCancel() {
                if (handler != null) {
                    context.run(handler::onCancel);
                }
            }

            @Override
            public void onComplete() {
                if (handler != null) {
                    context.run(handler::onComplete);
                }
            }

            @Override
            public void onReady() {
                if (handler != null) {
                    context.run(handler::onReady);
                }
            }
        };
    }
}
