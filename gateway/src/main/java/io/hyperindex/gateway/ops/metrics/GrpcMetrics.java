package io.hyperindex.gateway.ops.metrics;

import io.grpc.Attributes;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.hyperindex.gateway.api.grpc.StatusMapping;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * gRPC calls and connections for {@link GatewayMetrics}: an interceptor outside the signature
 * check times every call from its start to its close and labels it with the reason code the
 * gateway put in the trailers (or the status code), and a transport filter counts connections.
 */
final class GrpcMetrics implements ServerInterceptor {
    private static final Metadata.Key<String> REASON = Metadata.Key.of(StatusMapping.REASON_TRAILER, Metadata.ASCII_STRING_MARSHALLER);
    private final GatewayMetrics metrics;
    final AtomicInteger connections = new AtomicInteger();

    GrpcMetrics(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        long started = System.nanoTime();
        String method = call.getMethodDescriptor().getFullMethodName();
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                String reason = trailers == null ? null : trailers.get(REASON);
                metrics.request("grpc", method, status.isOk() ? "ok" : reason != null ? reason : status.getCode().name(),
                        System.nanoTime() - started);
                super.close(status, trailers);
            }
        }, headers);
    }

    /** Counts client connections (HTTP/2 transports). */
    ServerTransportFilter transportFilter() {
        return new ServerTransportFilter() {
            @Override
            public Attributes transportReady(Attributes attributes) {
                connections.incrementAndGet();
                return attributes;
            }

            @Override
            public void transportTerminated(Attributes attributes) {
                connections.decrementAndGet();
            }
        };
    }
}
