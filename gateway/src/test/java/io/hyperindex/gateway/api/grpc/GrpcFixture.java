package io.hyperindex.gateway.api.grpc;

import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.hyperindex.gateway.auth.AccountKey;
import io.hyperindex.gateway.auth.CanonicalRequest;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.auth.KeyRegistry;
import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.engine.TestMarkets;
import io.hyperindex.gateway.journal.FsyncPolicy;
import io.hyperindex.gateway.proto.v1.Reason;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * An engine on a temporary directory with the test markets, the gRPC API on a loopback port,
 * and a real Netty client channel to it. Keys: alpha and bravo (read + trade on mm-alpha and
 * mm-bravo), alphaReader (read only on mm-alpha), operator (admin).
 */
final class GrpcFixture implements AutoCloseable {
    static final String ALPHA = "mm-alpha";
    static final String BRAVO = "mm-bravo";
    final Ed25519Key alpha = Ed25519Key.fromSeedHex("01".repeat(32));
    final Ed25519Key bravo = Ed25519Key.fromSeedHex("02".repeat(32));
    final Ed25519Key alphaReader = Ed25519Key.fromSeedHex("03".repeat(32));
    final Ed25519Key operator = Ed25519Key.fromSeedHex("04".repeat(32));
    final KeyRegistry keys = new KeyRegistry();
    final Engine engine;
    final GrpcGateway gateway;
    final ManagedChannel channel;

    GrpcFixture(Path dir) throws Exception {
        this(dir, GrpcGateway.Settings.defaults(), 0);
    }

    /** @param clientWindow the client's HTTP/2 flow-control window (0 = grpc's default) */
    GrpcFixture(Path dir, GrpcGateway.Settings settings, int clientWindow) throws Exception {
        engine = Engine.start(EngineConfig.defaults(dir, TestMarkets.instruments(), TestMarkets.accounts())
                .withFsync(FsyncPolicy.NONE).withTimerMillis(0));
        keys.register(AccountKey.of(ALPHA, alpha.publicKeyHex(), EnumSet.of(Scope.READ, Scope.TRADE)));
        keys.register(AccountKey.of(BRAVO, bravo.publicKeyHex(), EnumSet.of(Scope.READ, Scope.TRADE)));
        keys.register(AccountKey.of(ALPHA, alphaReader.publicKeyHex(), EnumSet.of(Scope.READ)));
        keys.register(AccountKey.of("operator", operator.publicKeyHex(), EnumSet.of(Scope.ADMIN)));
        gateway = GrpcGateway.start("127.0.0.1", 0, engine, TestMarkets.instruments(), TestMarkets.accounts(), keys, settings);
        NettyChannelBuilder b = NettyChannelBuilder.forAddress("127.0.0.1", gateway.address().getPort()).usePlaintext();
        if (clientWindow > 0) {
            b.flowControlWindow(clientWindow);
        }
        channel = b.build();
    }

    /** {@code stub} carrying key id, timestamp and signature for one call of {@code method} with {@code request}. */
    static <S extends AbstractStub<S>> S signed(S stub, Ed25519Key key, MethodDescriptor<?, ?> method, Message request) {
        return signedAt(stub, key, method, request, System.currentTimeMillis());
    }

    static <S extends AbstractStub<S>> S signedAt(S stub, Ed25519Key key, MethodDescriptor<?, ?> method, Message request,
                                                  long timestampMillis) {
        String sig = key.signHex(CanonicalRequest.grpc(timestampMillis, method.getFullMethodName(), request.toByteArray()));
        return withHeaders(stub, key.keyId(), Long.toString(timestampMillis), sig);
    }

    static <S extends AbstractStub<S>> S withHeaders(S stub, String keyId, String ts, String sig) {
        Metadata md = new Metadata();
        if (keyId != null) {
            md.put(SignatureInterceptor.KEY_ID, keyId);
        }
        if (ts != null) {
            md.put(SignatureInterceptor.TIMESTAMP, ts);
        }
        if (sig != null) {
            md.put(SignatureInterceptor.SIGNATURE, sig);
        }
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md)).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** Asserts the call fails with {@code status} and {@code reason} in its details and trailer; returns the detail text. */
    static String assertRejected(Status.Code status, String reason, org.junit.jupiter.api.function.Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertEquals(status, e.getStatus().getCode(), e.toString());
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        try {
            Reason r = details.getDetails(0).unpack(Reason.class);
            assertEquals(reason, r.getCode(), e.toString());
            assertEquals(reason, e.getTrailers().get(StatusMapping.REASON_KEY));
            return r.getMessage();
        } catch (com.google.protobuf.InvalidProtocolBufferException x) {
            throw new AssertionError(x);
        }
    }

    @Override
    public void close() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        gateway.close();
        engine.close();
    }
}
