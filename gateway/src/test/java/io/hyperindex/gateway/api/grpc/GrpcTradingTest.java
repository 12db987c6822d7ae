package io.hyperindex.gateway.api.grpc;

import io.grpc.Status;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.proto.v1.AccountGrpc;
import io.hyperindex.gateway.proto.v1.AmendOrderRequest;
import io.hyperindex.gateway.proto.v1.CancelOrderRequest;
import io.hyperindex.gateway.proto.v1.CancelOrdersRequest;
import io.hyperindex.gateway.proto.v1.CancelOrdersResponse;
import io.hyperindex.gateway.proto.v1.Execution;
import io.hyperindex.gateway.proto.v1.GetOrderRequest;
import io.hyperindex.gateway.proto.v1.GetPositionsRequest;
import io.hyperindex.gateway.proto.v1.ListOpenOrdersRequest;
import io.hyperindex.gateway.proto.v1.MassCancelRequest;
import io.hyperindex.gateway.proto.v1.Order;
import io.hyperindex.gateway.proto.v1.OrderAck;
import io.hyperindex.gateway.proto.v1.OrderStatus;
import io.hyperindex.gateway.proto.v1.PlaceOrderRequest;
import io.hyperindex.gateway.proto.v1.PlaceOrdersRequest;
import io.hyperindex.gateway.proto.v1.PlaceOrdersResponse;
import io.hyperindex.gateway.proto.v1.Positions;
import io.hyperindex.gateway.proto.v1.Side;
import io.hyperindex.gateway.proto.v1.StreamExecutionsRequest;
import io.hyperindex.gateway.proto.v1.TimeInForce;
import io.hyperindex.gateway.proto.v1.TradingGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import static io.hyperindex.gateway.api.grpc.GrpcFixture.assertRejected;
import static io.hyperindex.gateway.api.grpc.GrpcFixture.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Order entry over a real loopback gRPC channel, two accounts trading with each other. */
class GrpcTradingTest {
    static final String HIDX = "HIDX-USDC"; // tick 0.01, lot 1, reference 10.00, band 10%
    @TempDir
    Path dir;
    GrpcFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new GrpcFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    static PlaceOrderRequest limit(Side side, String price, String qty, String clientOrderId) {
        return PlaceOrderRequest.newBuilder().setSymbol(HIDX).setSide(side).setPrice(price).setQuantity(qty)
                .setClientOrderId(clientOrderId).build();
    }

    OrderAck place(Ed25519Key key, PlaceOrderRequest r) {
        return signed(TradingGrpc.newBlockingStub(f.channel), key, TradingGrpc.getPlaceOrderMethod(), r).placeOrder(r);
    }

    Order getOrder(Ed25519Key key, GetOrderRequest r) {
        return signed(TradingGrpc.newBlockingStub(f.channel), key, TradingGrpc.getGetOrderMethod(), r).getOrder(r);
    }

    OrderAck cancel(Ed25519Key key, CancelOrderRequest r) {
        return signed(TradingGrpc.newBlockingStub(f.channel), key, TradingGrpc.getCancelOrderMethod(), r).cancelOrder(r);
    }

    int openOrders(Ed25519Key key) {
        ListOpenOrdersRequest r = ListOpenOrdersRequest.getDefaultInstance();
        return signed(TradingGrpc.newBlockingStub(f.channel), key, TradingGrpc.getListOpenOrdersMethod(), r)
                .listOpenOrders(r).getOrdersCount();
    }

    Positions positions(Ed25519Key key) {
        GetPositionsRequest r = GetPositionsRequest.getDefaultInstance();
        return signed(AccountGrpc.newBlockingStub(f.channel), key, AccountGrpc.getGetPositionsMethod(), r).getPositions(r);
    }

    @Test
    void placeFillAmendAndCancelBetweenTwoAccounts() {
        OrderAck ask = place(f.alpha, limit(Side.SELL, "10.10", "5", "a1"));
        assertEquals(OrderStatus.NEW, ask.getStatus());
        assertEquals("5", ask.getRemaining());
        assertEquals("a1", ask.getClientOrderId());

        OrderAck bid = place(f.bravo, limit(Side.BUY, "10.10", "3", ""));
        assertEquals(OrderStatus.FILLED, bid.getStatus());
        assertEquals("3", bid.getFilled());
        assertEquals("0", bid.getRemaining());

        Order resting = getOrder(f.alpha, GetOrderRequest.newBuilder().setOrderId(ask.getOrderId()).build());
        assertEquals(OrderStatus.PARTIALLY_FILLED, resting.getStatus());
        assertEquals("2", resting.getRemaining());
        assertEquals("10.10", resting.getPrice());

        AmendOrderRequest amend = AmendOrderRequest.newBuilder().setClientOrderId("a1").setNewPrice("10.20")
                .setNewQuantity("4").build();
        OrderAck amended = signed(TradingGrpc.newBlockingStub(f.channel), f.alpha, TradingGrpc.getAmendOrderMethod(), amend)
                .amendOrder(amend);
        assertEquals(ask.getOrderId(), amended.getOrderId());
        assertEquals("3", amended.getFilled());
        assertEquals("1", amended.getRemaining());
        assertEquals("10.20", getOrder(f.alpha, GetOrderRequest.newBuilder().setClientOrderId("a1").build()).getPrice());

        // bravo can neither see nor cancel alpha's order: it answers exactly as an unknown one
        GetOrderRequest foreign = GetOrderRequest.newBuilder().setOrderId(ask.getOrderId()).build();
        String seen = assertRejected(Status.Code.NOT_FOUND, "UNKNOWN_ORDER", () -> getOrder(f.bravo, foreign));
        String unknown = assertRejected(Status.Code.NOT_FOUND, "UNKNOWN_ORDER",
                () -> getOrder(f.bravo, GetOrderRequest.newBuilder().setOrderId(987_654).build()));
        assertEquals(unknown, seen);
        assertRejected(Status.Code.NOT_FOUND, "UNKNOWN_ORDER",
                () -> cancel(f.bravo, CancelOrderRequest.newBuilder().setOrderId(ask.getOrderId()).build()));
        assertEquals(1, openOrders(f.alpha));

        OrderAck cancelled = cancel(f.alpha, CancelOrderRequest.newBuilder().setClientOrderId("a1").build());
        assertEquals(OrderStatus.CANCELLED, cancelled.getStatus());
        assertEquals("USER_CANCELLED", cancelled.getReason().getCode());
        assertEquals("3", cancelled.getFilled());
        assertEquals(0, openOrders(f.alpha));

        assertEquals("-3", positions(f.alpha).getPositions(0).getQuantity());
        assertEquals("3", positions(f.bravo).getPositions(0).getQuantity());
        assertEquals("10.1", positions(f.bravo).getPositions(0).getAverageEntry());
    }

    @Test
    void aBatchOfFortyIsJudgedItemByItemAndFortyOneIsRefusedWhole() throws Exception {
        PlaceOrdersRequest.Builder batch = PlaceOrdersRequest.newBuilder();
        for (int i = 0; i < 38; i++) {
            batch.addOrders(limit(Side.BUY, "9." + (50 + i), "1", "b" + i));
        }
        batch.addOrders(limit(Side.BUY, "9.505", "1", "off-tick"));
        batch.addOrders(limit(Side.BUY, "9,50", "1", "not-a-decimal"));
        PlaceOrdersRequest forty = batch.build();
        PlaceOrdersResponse r = signed(TradingGrpc.newBlockingStub(f.channel), f.alpha, TradingGrpc.getPlaceOrdersMethod(), forty)
                .placeOrders(forty);
        assertEquals(40, r.getResultsCount());
        for (int i = 0; i < 38; i++) {
            assertEquals(OrderStatus.NEW, r.getResults(i).getAck().getStatus(), "item " + i);
            assertEquals("b" + i, r.getResults(i).getAck().getClientOrderId());
        }
        assertEquals("PRICE_OFF_TICK", r.getResults(38).getRejected().getCode());
        assertEquals("INVALID_PRICE", r.getResults(39).getRejected().getCode());
        assertEquals(38, openOrders(f.alpha));

        PlaceOrdersRequest fortyOne = batch.addOrders(limit(Side.BUY, "9.40", "1", "41st")).build();
        assertRejected(Status.Code.INVALID_ARGUMENT, "BATCH_TOO_LARGE", () -> signed(TradingGrpc.newBlockingStub(f.channel),
                f.alpha, TradingGrpc.getPlaceOrdersMethod(), fortyOne).placeOrders(fortyOne));
        assertEquals(38, openOrders(f.alpha), "a refused batch places nothing");

        CancelOrdersRequest cancels = CancelOrdersRequest.newBuilder()
                .addOrders(CancelOrderRequest.newBuilder().setClientOrderId("b0"))
                .addOrders(CancelOrderRequest.newBuilder().setClientOrderId("b1"))
                .addOrders(CancelOrderRequest.newBuilder().setClientOrderId("never-placed")).build();
        CancelOrdersResponse c = signed(TradingGrpc.newBlockingStub(f.channel), f.alpha, TradingGrpc.getCancelOrdersMethod(), cancels)
                .cancelOrders(cancels);
        assertEquals(OrderStatus.CANCELLED, c.getResults(0).getAck().getStatus());
        assertEquals(OrderStatus.CANCELLED, c.getResults(1).getAck().getStatus());
        assertEquals("UNKNOWN_ORDER", c.getResults(2).getRejected().getCode());

        place(f.bravo, limit(Side.BUY, "9.10", "1", "bravo-stays"));
        MassCancelRequest mass = MassCancelRequest.newBuilder().setSymbol(HIDX).build();
        assertEquals(36, signed(TradingGrpc.newBlockingStub(f.channel), f.alpha, TradingGrpc.getMassCancelMethod(), mass)
                .massCancel(mass).getCancelled());
        assertEquals(0, openOrders(f.alpha));
        assertEquals(1, openOrders(f.bravo), "a mass cancel touches only the caller's orders");
        assertEquals(1, f.engine.query(MatchingEngine::liveOrderCount).get(5, TimeUnit.SECONDS));
    }

    @Test
    void badInputGetsASpecificReasonAndChangesNothing() throws Exception {
        place(f.bravo, limit(Side.SELL, "10.50", "2", "resting"));
        assertRejected(Status.Code.INVALID_ARGUMENT, "INVALID_PRICE", () -> place(f.alpha, limit(Side.BUY, "1e1", "1", "")));
        assertRejected(Status.Code.INVALID_ARGUMENT, "INVALID_PRICE", () -> place(f.alpha, limit(Side.BUY, "", "1", "")));
        assertRejected(Status.Code.INVALID_ARGUMENT, "PRICE_OFF_TICK", () -> place(f.alpha, limit(Side.BUY, "10.001", "1", "")));
        assertRejected(Status.Code.INVALID_ARGUMENT, "QUANTITY_OFF_LOT", () -> place(f.alpha, limit(Side.BUY, "10.00", "1.5", "")));
        assertRejected(Status.Code.INVALID_ARGUMENT, "INVALID_QUANTITY", () -> place(f.alpha, limit(Side.BUY, "10.00", "-1", "")));
        String range = assertRejected(Status.Code.INVALID_ARGUMENT, "INVALID_QUANTITY",
                () -> place(f.alpha, limit(Side.BUY, "10.00", "99999999999999999999999", "")));
        assertTrue(range.contains("out of range"), range);
        String tick = assertRejected(Status.Code.INVALID_ARGUMENT, "PRICE_OFF_TICK",
                () -> place(f.alpha, limit(Side.BUY, "10.005", "1", "")));
        assertTrue(tick.contains("tick of 0.01"), tick);
        assertRejected(Status.Code.INVALID_ARGUMENT, "PRICE_OUTSIDE_BAND", () -> place(f.alpha, limit(Side.BUY, "50.00", "1", "")));
        assertRejected(Status.Code.INVALID_ARGUMENT, "UNKNOWN_INSTRUMENT",
                () -> place(f.alpha, limit(Side.BUY, "10.00", "1", "").toBuilder().setSymbol("DOGE-USDC").build()));
        assertRejected(Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST",
                () -> place(f.alpha, limit(Side.SIDE_UNSPECIFIED, "10.00", "1", "")));
        assertRejected(Status.Code.FAILED_PRECONDITION, "POST_ONLY_WOULD_CROSS",
                () -> place(f.alpha, limit(Side.BUY, "10.50", "1", "").toBuilder().setPostOnly(true).build()));
        place(f.alpha, limit(Side.BUY, "9.00", "1", "dup"));
        assertRejected(Status.Code.ALREADY_EXISTS, "DUPLICATE_CLIENT_ORDER_ID", () -> place(f.alpha, limit(Side.BUY, "9.01", "1", "dup")));
        assertRejected(Status.Code.INVALID_ARGUMENT, "INVALID_AMEND", () -> {
            AmendOrderRequest a = AmendOrderRequest.newBuilder().setClientOrderId("dup").build();
            signed(TradingGrpc.newBlockingStub(f.channel), f.alpha, TradingGrpc.getAmendOrderMethod(), a).amendOrder(a);
        });
        assertRejected(Status.Code.INVALID_ARGUMENT, "PRICE_OFF_TICK", () -> {
            AmendOrderRequest a = AmendOrderRequest.newBuilder().setClientOrderId("dup").setNewPrice("9.001").build();
            signed(TradingGrpc.newBlockingStub(f.channel), f.alpha, TradingGrpc.getAmendOrderMethod(), a).amendOrder(a);
        });
        // nothing of the above changed anything: bravo's ask and alpha's one bid rest, unchanged
        assertEquals(2, f.engine.query(MatchingEngine::liveOrderCount).get(5, TimeUnit.SECONDS));
        assertEquals("9.00", getOrder(f.alpha, GetOrderRequest.newBuilder().setClientOrderId("dup").build()).getPrice());
        assertEquals(0, positions(f.alpha).getPositionsCount());
    }

    @Test
    void iocRemainderExpiresAndTheAckSaysWhy() {
        place(f.bravo, limit(Side.SELL, "10.00", "2", ""));
        OrderAck ioc = place(f.alpha, limit(Side.BUY, "10.00", "5", "").toBuilder().setTimeInForce(TimeInForce.IOC).build());
        assertEquals(OrderStatus.EXPIRED, ioc.getStatus());
        assertEquals("2", ioc.getFilled());
        assertEquals("IOC_EXPIRED", ioc.getReason().getCode());
    }

    @Test
    void executionsStreamCarriesTheAccountsOwnAcceptsFillsAndCancelsInOrder() throws Exception {
        StreamExecutionsRequest req = StreamExecutionsRequest.getDefaultInstance();
        Iterator<Execution> stream = signed(TradingGrpc.newBlockingStub(f.channel), f.alpha,
                TradingGrpc.getStreamExecutionsMethod(), req).streamExecutions(req);
        awaitStreams(1);
        place(f.bravo, limit(Side.BUY, "9.90", "1", "bravo-only")); // not alpha's: never on its stream
        OrderAck ask = place(f.alpha, limit(Side.SELL, "10.00", "4", "s1"));
        place(f.bravo, limit(Side.BUY, "10.00", "1", ""));
        cancel(f.alpha, CancelOrderRequest.newBuilder().setOrderId(ask.getOrderId()).build());

        Execution accepted = stream.next();
        assertEquals("s1", accepted.getAccepted().getOrder().getClientOrderId());
        assertEquals(ask.getOrderId(), accepted.getAccepted().getOrder().getOrderId());
        Execution fill = stream.next();
        assertTrue(fill.getFill().getMaker());
        assertEquals(Side.SELL, fill.getFill().getSide());
        assertEquals("1", fill.getFill().getQuantity());
        assertEquals("3", fill.getFill().getRemaining());
        assertEquals("10.00", fill.getFill().getPrice());
        assertTrue(fill.getSequence() > accepted.getSequence());
        Execution end = stream.next();
        assertEquals("USER_CANCELLED", end.getCancelled().getReason().getCode());
        assertEquals("3", end.getCancelled().getCancelledQuantity());
    }

    @Test
    void aCallWhoseDeadlineHasPassedNeverReachesTheEngine() throws Exception {
        PlaceOrderRequest r = limit(Side.BUY, "9.50", "1", "late");
        assertEquals(Status.Code.DEADLINE_EXCEEDED, org.junit.jupiter.api.Assertions.assertThrows(
                io.grpc.StatusRuntimeException.class, () -> signed(TradingGrpc.newBlockingStub(f.channel), f.alpha,
                        TradingGrpc.getPlaceOrderMethod(), r).withDeadlineAfter(1, TimeUnit.NANOSECONDS).placeOrder(r))
                .getStatus().getCode());
        assertEquals(0, openOrders(f.alpha));
    }

    void awaitStreams(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (f.gateway.openStreams() < n && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(n, f.gateway.openStreams(), "stream subscribed");
    }
}
