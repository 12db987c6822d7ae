package io.hyperindex.bench.api;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hyperindex.gateway.api.grpc.RequestSigningInterceptor;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.proto.v1.OrderAck;
import io.hyperindex.gateway.proto.v1.OrderStatus;
import io.hyperindex.gateway.proto.v1.PlaceOrderRequest;
import io.hyperindex.gateway.proto.v1.Side;
import io.hyperindex.gateway.proto.v1.TimeInForce;
import io.hyperindex.gateway.proto.v1.TradingGrpc;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The gRPC targets of {@link ApiLoad}: the gateway's Trading service, and a bare grpc-java service with the same method. */
final class GrpcTargets {
    private GrpcTargets() {
    }

    /** A bare grpc-java server on loopback whose PlaceOrder answers NEW at once, and a client of it. */
    static ApiLoad.Client bare(List<Ed25519Key> keys) throws Exception {
        AtomicLong ids = new AtomicLong();
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new TradingGrpc.TradingImplBase() {
                    @Override
                    public void placeOrder(PlaceOrderRequest r, StreamObserver<OrderAck> out) {
                        out.onNext(OrderAck.newBuilder().setOrderId(ids.incrementAndGet()).setClientOrderId(r.getClientOrderId())
                                .setStatus(OrderStatus.NEW).setFilled("0").setRemaining(r.getQuantity()).build());
                        out.onCompleted();
                    }
                }).build().start();
        return client(server.getPort(), keys, "BTC-USDC", "94999", "0.001").closingAlso(server::shutdownNow);
    }

    /** A client of the gateway's gRPC port. */
    static ApiLoad.Client gateway(int port, List<Ed25519Key> keys, String symbol, String price, String quantity) {
        return client(port, keys, symbol, price, quantity);
    }

    /** One Netty channel; per account an async Trading stub that signs every call with the account's key. */
    private static ApiLoad.Client client(int port, List<Ed25519Key> keys, String symbol, String price, String quantity) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        List<TradingGrpc.TradingFutureStub> stubs = new ArrayList<>();
        for (Ed25519Key k : keys) {
            stubs.add(TradingGrpc.newFutureStub(channel).withInterceptors(new RequestSigningInterceptor(k)));
        }
        return new ApiLoad.Client() {
            @Override
            public CompletableFuture<Void> placeOrder(int account, long n) {
                PlaceOrderRequest r = PlaceOrderRequest.newBuilder().setSymbol(symbol).setClientOrderId("L" + n)
                        .setSide(Side.BUY).setTimeInForce(TimeInForce.IOC).setPrice(price).setQuantity(quantity).build();
                CompletableFuture<Void> done = new CompletableFuture<>();
                var call = stubs.get(account).withDeadlineAfter(10, TimeUnit.SECONDS).placeOrder(r);
                call.addListener(() -> {
                    try {
                        call.get();
                        done.complete(null);
                    } catch (Exception e) {
                        done.completeExceptionally(e);
                    }
                }, Runnable::run);
                return done;
            }

            @Override
            public void close() {
                channel.shutdownNow();
            }
        };
    }
}
