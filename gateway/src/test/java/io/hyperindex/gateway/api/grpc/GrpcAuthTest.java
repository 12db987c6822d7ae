package io.hyperindex.gateway.api.grpc;

import io.grpc.Status;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.auth.RateLimit;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.proto.v1.AdminGrpc;
import io.hyperindex.gateway.proto.v1.AdminKillSwitchRequest;
import io.hyperindex.gateway.proto.v1.ApiKeyInfo;
import io.hyperindex.gateway.proto.v1.KillScope;
import io.hyperindex.gateway.proto.v1.ListAccountsRequest;
import io.hyperindex.gateway.proto.v1.ListAccountsResponse;
import io.hyperindex.gateway.proto.v1.MarketDataGrpc;
import io.hyperindex.gateway.proto.v1.GetBookRequest;
import io.hyperindex.gateway.proto.v1.PlaceOrderRequest;
import io.hyperindex.gateway.proto.v1.RevokeKeyRequest;
import io.hyperindex.gateway.proto.v1.Side;
import io.hyperindex.gateway.proto.v1.TradingGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.hyperindex.gateway.api.grpc.GrpcFixture.assertRejected;
import static io.hyperindex.gateway.api.grpc.GrpcFixture.signed;
import static io.hyperindex.gateway.api.grpc.GrpcFixture.signedAt;
import static io.hyperindex.gateway.api.grpc.GrpcFixture.withHeaders;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every way a call can fail authentication or authorisation, over a real loopback channel. */
class GrpcAuthTest {
    static final PlaceOrderRequest ORDER = GrpcTradingTest.limit(Side.BUY, "9.50", "1", "");

    private static TradingGrpc.TradingBlockingStub trading(GrpcFixture f) {
        return TradingGrpc.newBlockingStub(f.channel);
    }

    private static int live(GrpcFixture f) throws Exception {
        return f.engine.query(MatchingEngine::liveOrderCount).get(5, TimeUnit.SECONDS);
    }

    @Test
    void unsignedBadlySignedStaleAndUnknownKeyCallsAreRefusedAndPlaceNothing(@TempDir Path dir) throws Exception {
        try (GrpcFixture f = new GrpcFixture(dir)) {
            assertRejected(Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED", () -> trading(f).placeOrder(ORDER));
            String now = Long.toString(System.currentTimeMillis());
            assertRejected(Status.Code.UNAUTHENTICATED, "UNAUTHENTICATED",
                    () -> withHeaders(trading(f), f.alpha.keyId(), now, null).placeOrder(ORDER));

            // a signature over another request (here: another quantity) does not verify for this one
            PlaceOrderRequest other = ORDER.toBuilder().setQuantity("2").build();
            assertRejected(Status.Code.UNAUTHENTICATED, "INVALID_SIGNATURE",
                    () -> signed(trading(f), f.alpha, TradingGrpc.getPlaceOrderMethod(), other).placeOrder(ORDER));
            // ... nor for the same request sent to another method
            assertRejected(Status.Code.UNAUTHENTICATED, "INVALID_SIGNATURE",
                    () -> signed(trading(f), f.alpha, TradingGrpc.getGetOrderMethod(), ORDER).placeOrder(ORDER));
            // ... nor with another account's key id in front of it
            String sig = f.alpha.signHex(io.hyperindex.gateway.auth.CanonicalRequest.grpc(Long.parseLong(now),
                    TradingGrpc.getPlaceOrderMethod().getFullMethodName(), ORDER.toByteArray()));
            assertRejected(Status.Code.UNAUTHENTICATED, "INVALID_SIGNATURE",
                    () -> withHeaders(trading(f), f.bravo.keyId(), now, sig).placeOrder(ORDER));
            assertRejected(Status.Code.UNAUTHENTICATED, "INVALID_SIGNATURE",
                    () -> withHeaders(trading(f), f.alpha.keyId(), now, "zz").placeOrder(ORDER));

            long stale = System.currentTimeMillis() - 6_000;
            String why = assertRejected(Status.Code.UNAUTHENTICATED, "TIMESTAMP_OUTSIDE_WINDOW",
                    () -> signedAt(trading(f), f.alpha, TradingGrpc.getPlaceOrderMethod(), ORDER, stale).placeOrder(ORDER));
            assertTrue(why.contains("window 5000 ms"), why);
            long future = System.currentTimeMillis() + 6_000;
            assertRejected(Status.Code.UNAUTHENTICATED, "TIMESTAMP_OUTSIDE_WINDOW",
                    () -> signedAt(trading(f), f.alpha, TradingGrpc.getPlaceOrderMethod(), ORDER, future).placeOrder(ORDER));
            assertRejected(Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST",
                    () -> withHeaders(trading(f), f.alpha.keyId(), "yesterday", sig).placeOrder(ORDER));

            Ed25519Key stranger = Ed25519Key.fromSeedHex("0f".repeat(32));
            assertRejected(Status.Code.UNAUTHENTICATED, "UNKNOWN_KEY",
                    () -> signed(trading(f), stranger, TradingGrpc.getPlaceOrderMethod(), ORDER).placeOrder(ORDER));
            assertEquals(0, live(f), "no refused call reached the engine");
        }
    }

    @Test
    void aReplayedSignedRequestIsRefusedAndTheOrderPlacedOnce(@TempDir Path dir) throws Exception {
        try (GrpcFixture f = new GrpcFixture(dir)) {
            TradingGrpc.TradingBlockingStub once = signed(trading(f), f.alpha, TradingGrpc.getPlaceOrderMethod(), ORDER);
            once.placeOrder(ORDER);
            assertRejected(Status.Code.UNAUTHENTICATED, "REPLAYED_REQUEST", () -> once.placeOrder(ORDER));
            assertEquals(1, live(f));
            // the same order signed afresh (new timestamp) is a new request
            Thread.sleep(2);
            signed(trading(f), f.alpha, TradingGrpc.getPlaceOrderMethod(), ORDER).placeOrder(ORDER);
            assertEquals(2, live(f));
        }
    }

    @Test
    void scopesDecideWhatAKeyMayDo(@TempDir Path dir) throws Exception {
        try (GrpcFixture f = new GrpcFixture(dir)) {
            assertRejected(Status.Code.PERMISSION_DENIED, "NOT_PERMITTED",
                    () -> signed(trading(f), f.alphaReader, TradingGrpc.getPlaceOrderMethod(), ORDER).placeOrder(ORDER));
            GetBookRequest book = GetBookRequest.newBuilder().setSymbol(GrpcTradingTest.HIDX).build();
            assertEquals(GrpcTradingTest.HIDX, signed(MarketDataGrpc.newBlockingStub(f.channel), f.alphaReader,
                    MarketDataGrpc.getGetBookMethod(), book).getBook(book).getSymbol(), "a read key reads");
            ListAccountsRequest list = ListAccountsRequest.getDefaultInstance();
            assertRejected(Status.Code.PERMISSION_DENIED, "NOT_PERMITTED", () -> signed(AdminGrpc.newBlockingStub(f.channel),
                    f.alpha, AdminGrpc.getListAccountsMethod(), list).listAccounts(list));
            assertRejected(Status.Code.PERMISSION_DENIED, "NOT_PERMITTED", () -> signed(trading(f), f.operator,
                    TradingGrpc.getPlaceOrderMethod(), ORDER).placeOrder(ORDER));

            ListAccountsResponse accounts = signed(AdminGrpc.newBlockingStub(f.channel), f.operator,
                    AdminGrpc.getListAccountsMethod(), list).listAccounts(list);
            assertEquals(4, accounts.getAccountsCount());
            assertEquals(2, accounts.getAccounts(0).getKeysCount(), "mm-alpha: a trading key and a read key");
            assertEquals(0, live(f));
        }
    }

    @Test
    void aRevokedKeyAuthenticatesNothingWhileTheAccountsOtherKeysWork(@TempDir Path dir) throws Exception {
        try (GrpcFixture f = new GrpcFixture(dir)) {
            signed(trading(f), f.alpha, TradingGrpc.getPlaceOrderMethod(), ORDER).placeOrder(ORDER);
            RevokeKeyRequest revoke = RevokeKeyRequest.newBuilder().setAccount(GrpcFixture.ALPHA).setKeyId(f.alpha.keyId()).build();
            ApiKeyInfo revoked = signed(AdminGrpc.newBlockingStub(f.channel), f.operator, AdminGrpc.getRevokeKeyMethod(), revoke)
                    .revokeKey(revoke);
            assertTrue(revoked.getRevoked());
            assertRejected(Status.Code.UNAUTHENTICATED, "KEY_REVOKED",
                    () -> signed(trading(f), f.alpha, TradingGrpc.getPlaceOrderMethod(), ORDER).placeOrder(ORDER));
            GetBookRequest book = GetBookRequest.newBuilder().setSymbol(GrpcTradingTest.HIDX).build();
            assertEquals(1, signed(MarketDataGrpc.newBlockingStub(f.channel), f.alphaReader, MarketDataGrpc.getGetBookMethod(),
                    book).getBook(book).getBidsCount());
            assertEquals(1, live(f));
        }
    }

    @Test
    void anOperatorKillSwitchStopsTheAccountsOrders(@TempDir Path dir) throws Exception {
        try (GrpcFixture f = new GrpcFixture(dir)) {
            signed(trading(f), f.alpha, TradingGrpc.getPlaceOrderMethod(), ORDER).placeOrder(ORDER);
            AdminKillSwitchRequest kill = AdminKillSwitchRequest.newBuilder().setScope(KillScope.ACCOUNT)
                    .setTarget(GrpcFixture.ALPHA).setOn(true).build();
            assertTrue(signed(AdminGrpc.newBlockingStub(f.channel), f.operator, AdminGrpc.getKillSwitchMethod(), kill)
                    .killSwitch(kill).getSequence() > 0);
            assertEquals(0, live(f), "the kill switch cancelled the resting order");
            assertRejected(Status.Code.FAILED_PRECONDITION, "KILL_SWITCH_ACTIVE",
                    () -> signed(trading(f), f.alpha, TradingGrpc.getPlaceOrderMethod(), ORDER).placeOrder(ORDER));
            signed(trading(f), f.bravo, TradingGrpc.getPlaceOrderMethod(), ORDER).placeOrder(ORDER);
            assertEquals(1, live(f), "other accounts trade on");
        }
    }

    @Test
    void callsOverTheRateLimitAreRefusedWithResourceExhausted(@TempDir Path dir) throws Exception {
        GrpcGateway.Settings tight = GrpcGateway.Settings.defaults().withRateLimits(new RateLimit(1, 3), new RateLimit(1, 3));
        try (GrpcFixture f = new GrpcFixture(dir, tight, 0)) {
            GetBookRequest book = GetBookRequest.newBuilder().setSymbol(GrpcTradingTest.HIDX).build();
            // burst 3, then 1 per second: within the burst plus the seconds that pass, calls go through; then refused
            long t0 = System.nanoTime();
            int passed = 0;
            io.grpc.StatusRuntimeException refused = null;
            for (int i = 1; i <= 20 && refused == null; i++) {
                GetBookRequest r = book.toBuilder().setDepth(i).build();
                try {
                    signed(MarketDataGrpc.newBlockingStub(f.channel), f.alpha, MarketDataGrpc.getGetBookMethod(), r).getBook(r);
                    passed++;
                } catch (io.grpc.StatusRuntimeException e) {
                    refused = e;
                }
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            assertTrue(refused != null, "20 calls at once exceed a burst of 3");
            assertTrue(passed >= 3 && passed <= 3 + seconds + 1, passed + " calls passed in " + seconds + " s");
            io.grpc.StatusRuntimeException e = refused;
            String why = assertRejected(Status.Code.RESOURCE_EXHAUSTED, "RATE_LIMITED", () -> {
                throw e;
            });
            assertTrue(why.contains("retry in"), why);
            signed(MarketDataGrpc.newBlockingStub(f.channel), f.bravo, MarketDataGrpc.getGetBookMethod(), book).getBook(book);
        }
    }
}
