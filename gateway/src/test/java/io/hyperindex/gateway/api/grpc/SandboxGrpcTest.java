package io.hyperindex.gateway.api.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.sandbox.DemoAccount;
import io.hyperindex.gateway.ops.server.GatewayServer;
import io.hyperindex.gateway.proto.v1.GetBalancesRequest;
import io.hyperindex.gateway.proto.v1.OrderAck;
import io.hyperindex.gateway.proto.v1.OrderStatus;
import io.hyperindex.gateway.proto.v1.PlaceOrderRequest;
import io.hyperindex.gateway.proto.v1.Side;
import io.hyperindex.gateway.proto.v1.AccountGrpc;
import io.hyperindex.gateway.proto.v1.TradingGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.hyperindex.gateway.api.grpc.GrpcFixture.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole sandbox gateway: its demo keys sign gRPC calls out of the box, and the console shows the endpoint. */
class SandboxGrpcTest {

    @Test
    void demoCredentialsTradeOverGrpcOnTheSandbox(@TempDir Path dir) throws Exception {
        GatewayConfig config = SandboxDefaults.config().withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
        StringWriter console = new StringWriter();
        io.hyperindex.gateway.ops.sandbox.DemoOperator[] firstOperator = new io.hyperindex.gateway.ops.sandbox.DemoOperator[1];
        try (GatewayServer server = new GatewayServer(config, GatewayServer.Mode.SANDBOX, new PrintWriter(console))) {
            server.start();
            int port = server.grpcAddress().getPort();
            assertTrue(console.toString().contains("gRPC  127.0.0.1:" + port + "  "), console.toString());
            DemoAccount demo = server.demoCredentials().accounts().get(0);
            firstOperator[0] = server.demoCredentials().operator();
            assertFalse(console.toString().contains(demo.ed25519SeedHex()), "no seed on the console");
            Ed25519Key key = Ed25519Key.fromSeedHex(demo.ed25519SeedHex());
            String symbol = config.instruments().get(0).symbol();
            String price = config.instruments().get(0).price(config.instruments().get(0).referencePrice()
                    - 10 * config.instruments().get(0).tick()).toPlainString();
            String qty = config.instruments().get(0).qty(config.instruments().get(0).lot() * 1000).toPlainString();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            try {
                PlaceOrderRequest r = PlaceOrderRequest.newBuilder().setSymbol(symbol).setSide(Side.BUY).setPrice(price)
                        .setQuantity(qty).setClientOrderId("sandbox-1").build();
                OrderAck ack = signed(TradingGrpc.newBlockingStub(channel), key, TradingGrpc.getPlaceOrderMethod(), r).placeOrder(r);
                assertEquals(OrderStatus.NEW, ack.getStatus());
                GetBalancesRequest b = GetBalancesRequest.getDefaultInstance();
                assertEquals(demo.account(), signed(AccountGrpc.newBlockingStub(channel), key, AccountGrpc.getGetBalancesMethod(), b)
                        .getBalances(b).getAccount());
                // the sandbox's operator key may use the Admin service, and nothing else
                Ed25519Key operator = Ed25519Key.fromSeedHex(server.demoCredentials().operator().ed25519SeedHex());
                assertTrue(console.toString().contains("operator     keyId " + operator.keyId()), console.toString());
                assertFalse(console.toString().contains(operator.seedHex()), "no seed on the console");
                io.hyperindex.gateway.proto.v1.ListAccountsRequest la = io.hyperindex.gateway.proto.v1.ListAccountsRequest.getDefaultInstance();
                assertEquals(4, signed(io.hyperindex.gateway.proto.v1.AdminGrpc.newBlockingStub(channel), operator,
                        io.hyperindex.gateway.proto.v1.AdminGrpc.getListAccountsMethod(), la).listAccounts(la).getAccountsCount());
                GrpcFixture.assertRejected(io.grpc.Status.Code.PERMISSION_DENIED, "NOT_PERMITTED",
                        () -> signed(TradingGrpc.newBlockingStub(channel), operator, TradingGrpc.getPlaceOrderMethod(), r).placeOrder(r));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        // the operator key is kept across restarts like the accounts' keys
        try (GatewayServer again = new GatewayServer(config, GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()))) {
            again.start();
            assertEquals(firstOperator[0], again.demoCredentials().operator());
        }
    }

    @Test
    void aTakenGrpcPortFailsTheStartWithTheAddressInTheMessage(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            GatewayConfig config = SandboxDefaults.config()
                    .withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, taken.getLocalPort(), 0));
            GatewayServer server = new GatewayServer(config, GatewayServer.Mode.CONFIGURED, new PrintWriter(new StringWriter()));
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, server::start);
            assertTrue(e.getMessage().contains("cannot listen for gRPC on 127.0.0.1:" + taken.getLocalPort()), e.getMessage());
        }
        // what the failed start had opened (data-directory lock, engine, HTTP) was closed again
        try (GatewayServer retry = new GatewayServer(SandboxDefaults.config()
                .withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0)), GatewayServer.Mode.CONFIGURED,
                new PrintWriter(new StringWriter()))) {
            retry.start();
            assertTrue(retry.grpcAddress().getPort() > 0);
        }
    }
}
