package io.hyperindex.gateway.api.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.server.GatewayServer;
import io.hyperindex.gateway.proto.v1.AdminGrpc;
import io.hyperindex.gateway.proto.v1.ControlMarketMakerRequest;
import io.hyperindex.gateway.proto.v1.MarketDataGrpc;
import io.hyperindex.gateway.proto.v1.MarketMakerAction;
import io.hyperindex.gateway.proto.v1.MarketMakerStatusRequest;
import io.hyperindex.gateway.proto.v1.MarketMakerStatusResponse;
import io.hyperindex.gateway.proto.v1.MarketMakerSymbolStatus;
import io.hyperindex.gateway.proto.v1.SetMarketMakerParamsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.hyperindex.gateway.api.grpc.GrpcFixture.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Partners read the market maker's status over MarketData; operators start, stop and tune it over Admin. */
class MarketMakerGrpcTest {

    @Test
    void statusControlAndParametersOverSignedGrpc(@TempDir Path dir) throws Exception {
        GatewayConfig config = SandboxDefaults.config().withServer(new GatewayConfig.Server(dir, "127.0.0.1", 0, 0, 0));
        try (GatewayServer server = new GatewayServer(config, GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()))) {
            server.start();
            Ed25519Key partner = Ed25519Key.fromSeedHex(server.demoCredentials().accounts().get(0).ed25519SeedHex());
            Ed25519Key operator = Ed25519Key.fromSeedHex(server.demoCredentials().operator().ed25519SeedHex());
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcAddress().getPort())
                    .usePlaintext().build();
            try {
                MarketMakerStatusRequest hype = MarketMakerStatusRequest.newBuilder().setSymbol("HYPE-USDC").build();
                MarketMakerSymbolStatus s = null;
                for (int i = 0; i < 250; i++) { // at most 5 s for the first quotes
                    s = signed(MarketDataGrpc.newBlockingStub(channel), partner, MarketDataGrpc.getGetMarketMakerStatusMethod(),
                            hype).getMarketMakerStatus(hype).getSymbols(0);
                    if (s.getState().equals("QUOTING") && s.getBidsCount() == 5) {
                        break;
                    }
                    Thread.sleep(20);
                }
                assertEquals("QUOTING", s.getState(), s.toString());
                assertEquals(5, s.getAsksCount());
                assertEquals(30.0, s.getFair(), 1e-9);
                assertTrue(s.getSpreadBps() >= 8, s.toString());
                assertEquals("0.3", s.getParamsMap().get("gamma"));
                MarketMakerStatusRequest all = MarketMakerStatusRequest.getDefaultInstance();
                assertEquals(4, signed(MarketDataGrpc.newBlockingStub(channel), partner,
                        MarketDataGrpc.getGetMarketMakerStatusMethod(), all).getMarketMakerStatus(all).getSymbolsCount());

                // a partner may read, not steer
                SetMarketMakerParamsRequest tune = SetMarketMakerParamsRequest.newBuilder().setSymbol("HYPE-USDC")
                        .putAllParams(Map.of("levels", "2", "minSpreadBps", "20")).build();
                GrpcFixture.assertRejected(io.grpc.Status.Code.PERMISSION_DENIED, "NOT_PERMITTED",
                        () -> signed(AdminGrpc.newBlockingStub(channel), partner, AdminGrpc.getSetMarketMakerParamsMethod(),
                                tune).setMarketMakerParams(tune));
                MarketMakerStatusResponse tuned = signed(AdminGrpc.newBlockingStub(channel), operator,
                        AdminGrpc.getSetMarketMakerParamsMethod(), tune).setMarketMakerParams(tune);
                assertEquals("2", tuned.getSymbols(0).getParamsMap().get("levels"));
                assertEquals("20", tuned.getSymbols(0).getParamsMap().get("minSpreadBps"));

                SetMarketMakerParamsRequest bad = SetMarketMakerParamsRequest.newBuilder().setSymbol("HYPE-USDC")
                        .putParams("gamma", "-1").build();
                String why = GrpcFixture.assertRejected(io.grpc.Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST",
                        () -> signed(AdminGrpc.newBlockingStub(channel), operator, AdminGrpc.getSetMarketMakerParamsMethod(),
                                bad).setMarketMakerParams(bad));
                assertTrue(why.contains("gamma must be a number"), why);
                SetMarketMakerParamsRequest unknown = SetMarketMakerParamsRequest.newBuilder().setSymbol("DOGE-USDC")
                        .putParams("gamma", "1").build();
                GrpcFixture.assertRejected(io.grpc.Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST",
                        () -> signed(AdminGrpc.newBlockingStub(channel), operator, AdminGrpc.getSetMarketMakerParamsMethod(),
                                unknown).setMarketMakerParams(unknown));

                // config reload: the file's market-maker parameters replace those in force, journaled
                String file = io.hyperindex.gateway.ops.config.ConfigLoader.defaultConfigText()
                        .replace("    HYPE-USDC:\n      warmupTrades: 0\n", "    HYPE-USDC:\n      warmupTrades: 0\n      minSpreadBps: 12\n");
                var reload = io.hyperindex.gateway.proto.v1.ReloadMarketMakerConfigRequest.newBuilder().setConfigYaml(file).build();
                MarketMakerStatusResponse reloaded = signed(AdminGrpc.newBlockingStub(channel), operator,
                        AdminGrpc.getReloadMarketMakerConfigMethod(), reload).reloadMarketMakerConfig(reload);
                assertEquals(4, reloaded.getSymbolsCount());
                MarketMakerSymbolStatus hypeNow = reloaded.getSymbolsList().stream()
                        .filter(x -> x.getSymbol().equals("HYPE-USDC")).findFirst().orElseThrow();
                assertEquals("12", hypeNow.getParamsMap().get("minSpreadBps"));
                assertEquals("5", hypeNow.getParamsMap().get("levels"), "the file's value replaces the admin change");
                String journal = java.nio.file.Files.readString(dir.resolve(io.hyperindex.gateway.mm.MmParamJournal.FILE_NAME));
                assertTrue(journal.contains("\"actor\":\"config-reload:" + operator.keyId() + "\""), journal);
                var broken = reload.toBuilder().setConfigYaml(file.replace("minSpreadBps: 12", "minSpreadBps: wide")).build();
                String refused = GrpcFixture.assertRejected(io.grpc.Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST",
                        () -> signed(AdminGrpc.newBlockingStub(channel), operator, AdminGrpc.getReloadMarketMakerConfigMethod(),
                                broken).reloadMarketMakerConfig(broken));
                assertTrue(refused.contains("marketMaker.instruments.HYPE-USDC: minSpreadBps must be a number"), refused);

                ControlMarketMakerRequest stop = ControlMarketMakerRequest.newBuilder().setSymbol("HYPE-USDC")
                        .setAction(MarketMakerAction.STOP).build();
                assertEquals("STOPPED", signed(AdminGrpc.newBlockingStub(channel), operator,
                        AdminGrpc.getControlMarketMakerMethod(), stop).controlMarketMaker(stop).getSymbols(0).getState());
                ControlMarketMakerRequest start = stop.toBuilder().setAction(MarketMakerAction.START).build();
                String state = signed(AdminGrpc.newBlockingStub(channel), operator, AdminGrpc.getControlMarketMakerMethod(),
                        start).controlMarketMaker(start).getSymbols(0).getState();
                assertTrue(state.equals("WARMING_UP") || state.equals("QUOTING"), state);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
