package io.hyperindex.gateway.api.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.hyperindex.gateway.auth.CanonicalRequest;
import io.hyperindex.gateway.auth.Ed25519Key;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.LongSupplier;

/**
 * Client side of the signature scheme, for Java clients of the gateway (load tools, sandbox
 * scripts, tests): signs each call's request message with the partner's key and sends the
 * key id, timestamp and signature as metadata. The call's start is held back until its first
 * message is known, because the signature covers the message and travels in the headers.
 * One message per call: unary and server-streaming methods, which is all the API has.
 */
public final class RequestSigningInterceptor implements ClientInterceptor {
    private final Ed25519Key key;
    private final LongSupplier clockMillis;

    /** Signs with {@code key}, timestamps from the system clock. */
    public RequestSigningInterceptor(Ed25519Key key) {
        this(key, System::currentTimeMillis);
    }

    public RequestSigningInterceptor(Ed25519Key key, LongSupplier clockMillis) {
        this.key = key;
        this.clockMillis = clockMillis;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new SignedCall<>(method, next.newCall(method, options));
    }

    private final class SignedCall<Q, R> extends ClientCall<Q, R> {
        private final MethodDescriptor<Q, R> method;
        private final ClientCall<Q, R> delegate;
        private Listener<R> listener;
        private Metadata headers;
        private int requested;
        private boolean started;

        SignedCall(MethodDescriptor<Q, R> method, ClientCall<Q, R> delegate) {
            this.method = method;
            this.delegate = delegate;
        }

        @Override
        public void start(Listener<R> responseListener, Metadata headers) {
            this.listener = responseListener;
            this.headers = headers;
        }

        @Override
        public void request(int numMessages) {
            if (started) {
                delegate.request(numMessages);
            } else {
                requested += numMessages;
            }
        }

        @Override
        public void sendMessage(Q message) {
            if (!started) {
                long ts = clockMillis.getAsLong();
                byte[] canonical = CanonicalRequest.grpc(ts, method.getFullMethodName(), bytes(method.streamRequest(message)));
                headers.put(SignatureInterceptor.KEY_ID, key.keyId());
                headers.put(SignatureInterceptor.TIMESTAMP, Long.toString(ts));
                headers.put(SignatureInterceptor.SIGNATURE, key.signHex(canonical));
                begin();
            }
            delegate.sendMessage(message);
        }

        private void begin() {
            started = true;
            delegate.start(listener, headers);
            if (requested > 0) {
                delegate.request(requested);
            }
        }

        @Override
        public void halfClose() {
            if (!started) {
                begin(); // no message: the gateway answers that the call carried none
            }
            delegate.halfClose();
        }

        @Override
        public void cancel(String message, Throwable cause) {
            if (!started && listener != null) {
                begin();
            }
            delegate.cancel(message, cause);
        }

        @Override
        public boolean isReady() {
            return !started || delegate.isReady();
        }

        @Override
        public void setMessageCompression(boolean enabled) {
            delegate.setMessageCompression(enabled);
        }

        @Override
        public io.grpc.Attributes getAttributes() {
            return delegate.getAttributes();
        }
    }

    private static byte[] bytes(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
