package io.hyperindex.gateway.api.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.sandbox.DemoAccount;
import io.hyperindex.gateway.ops.server.GatewayServer;
import io.hyperindex.gateway.proto.v1.AccountGrpc;
import io.hyperindex.gateway.proto.v1.AddKeyRequest;
import io.hyperindex.gateway.proto.v1.AdminGrpc;
import io.hyperindex.gateway.proto.v1.GetBalancesRequest;
import io.hyperindex.gateway.proto.v1.RevokeKeyRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.hyperindex.gateway.api.grpc.GrpcFixture.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator's key changes are durable: a key added over Admin still signs after a restart,
 * and a revoked key (one the sandbox configuration itself provides) stays revoked.
 */
class KeyChangesSurviveRestartTest {

    private static GatewayServer start(GatewayConfig config) throws Exception {
        GatewayServer s = new GatewayServer(config, GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()));
        s.start();
        return s;
    }

    private static ManagedChannel channel(GatewayServer s) {
        return NettyChannelBuilder.forAddress("127.0.0.1", s.grpcAddress().getPort()).usePlaintext().build();
    }

    private static String balancesAccount(ManagedChannel channel, Ed25519Key key) {
        GetBalancesRequest b = GetBalancesRequest.getDefaultInstance();
        return signed(AccountGrpc.newBlockingStub(channel), key, AccountGrpc.getGetBalancesMethod(), b).getBalances(b).getAccount();
    }

    @Test
    void addedAndRevokedKeysAreTheSameAfterARestart(@TempDir Path dir) throws Exception {
        GatewayConfig config = SandboxDefaults.config().withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
        Ed25519Key added = Ed25519Key.fromSeedHex("5a".repeat(32));
        Ed25519Key demoKey;
        String account;
        try (GatewayServer s = start(config)) {
            DemoAccount demo = s.demoCredentials().accounts().get(0);
            account = demo.account();
            demoKey = Ed25519Key.fromSeedHex(demo.ed25519SeedHex());
            Ed25519Key operator = Ed25519Key.fromSeedHex(s.demoCredentials().operator().ed25519SeedHex());
            ManagedChannel channel = channel(s);
            try {
                AddKeyRequest add = AddKeyRequest.newBuilder().setAccount(account).setPublicKeyHex(added.publicKeyHex())
                        .addScopes("read").build();
                signed(AdminGrpc.newBlockingStub(channel), operator, AdminGrpc.getAddKeyMethod(), add).addKey(add);
                assertEquals(account, balancesAccount(channel, added));
                RevokeKeyRequest revoke = RevokeKeyRequest.newBuilder().setAccount(account).setKeyId(demoKey.keyId()).build();
                assertTrue(signed(AdminGrpc.newBlockingStub(channel), operator, AdminGrpc.getRevokeKeyMethod(), revoke)
                        .revokeKey(revoke).getRevoked());
                Ed25519Key revokedKey = demoKey;
                GrpcFixture.assertRejected(io.grpc.Status.Code.UNAUTHENTICATED, "KEY_REVOKED",
                        () -> balancesAccount(channel, revokedKey));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        String log = Files.readString(dir.resolve("keys.log"), StandardCharsets.UTF_8);
        assertTrue(log.contains(added.publicKeyHex()), log);
        assertFalse(log.contains(added.seedHex()), "public keys only");

        try (GatewayServer again = start(config)) {
            ManagedChannel channel = channel(again);
            try {
                assertEquals(account, balancesAccount(channel, added), "the added key still signs");
                Ed25519Key revokedKey = demoKey;
                GrpcFixture.assertRejected(io.grpc.Status.Code.UNAUTHENTICATED, "KEY_REVOKED",
                        () -> balancesAccount(channel, revokedKey));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
