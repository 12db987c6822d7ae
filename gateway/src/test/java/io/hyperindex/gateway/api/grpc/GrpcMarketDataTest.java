package io.hyperindex.gateway.api.grpc;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.hyperindex.gateway.auth.CanonicalRequest;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.proto.v1.BookSnapshot;
import io.hyperindex.gateway.proto.v1.BookUpdate;
import io.hyperindex.gateway.proto.v1.GetBookRequest;
import io.hyperindex.gateway.proto.v1.ListInstrumentsRequest;
import io.hyperindex.gateway.proto.v1.ListInstrumentsResponse;
import io.hyperindex.gateway.proto.v1.MarketDataGrpc;
import io.hyperindex.gateway.proto.v1.Side;
import io.hyperindex.gateway.proto.v1.StreamBookRequest;
import io.hyperindex.gateway.proto.v1.StreamTradesRequest;
import io.hyperindex.gateway.proto.v1.Trade;
import io.hyperindex.gateway.proto.v1.TradingGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.hyperindex.gateway.api.grpc.GrpcFixture.assertRejected;
import static io.hyperindex.gateway.api.grpc.GrpcFixture.signed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Market data over a real loopback channel: snapshots, snapshot-then-deltas, trades, the slow-consumer cutoff. */
class GrpcMarketDataTest {
    static final String HIDX = GrpcTradingTest.HIDX;

    private static void place(GrpcFixture f, io.hyperindex.gateway.auth.Ed25519Key key, Side side, String price, String qty) {
        var r = GrpcTradingTest.limit(side, price, qty, "");
        signed(TradingGrpc.newBlockingStub(f.channel), key, TradingGrpc.getPlaceOrderMethod(), r).placeOrder(r);
    }

    private static void awaitStreams(GrpcFixture f, int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (f.gateway.openStreams() != n && System.nanoTime() < until) {
            Thread.sleep(5);
        }
        assertEquals(n, f.gateway.openStreams());
    }

    @Test
    void instrumentsAndBookSnapshotsUseDecimalStrings(@TempDir Path dir) throws Exception {
        try (GrpcFixture f = new GrpcFixture(dir)) {
            ListInstrumentsRequest li = ListInstrumentsRequest.getDefaultInstance();
            ListInstrumentsResponse instruments = signed(MarketDataGrpc.newBlockingStub(f.channel), f.alphaReader,
                    MarketDataGrpc.getListInstrumentsMethod(), li).listInstruments(li);
            assertEquals(3, instruments.getInstrumentsCount());
            assertEquals("BTC-USDC", instruments.getInstruments(0).getSymbol());
            assertEquals("0.10", instruments.getInstruments(0).getTickSize());
            assertEquals("0.0001", instruments.getInstruments(0).getLotSize());
            assertEquals("95000.00", instruments.getInstruments(0).getReferencePrice());

            place(f, f.alpha, Side.BUY, "9.90", "2");
            place(f, f.alpha, Side.BUY, "9.90", "3");
            place(f, f.alpha, Side.BUY, "9.80", "1");
            place(f, f.bravo, Side.SELL, "10.10", "4");
            GetBookRequest req = GetBookRequest.newBuilder().setSymbol(HIDX).setDepth(1).build();
            BookSnapshot top = signed(MarketDataGrpc.newBlockingStub(f.channel), f.alphaReader, MarketDataGrpc.getGetBookMethod(), req)
                    .getBook(req);
            assertEquals(1, top.getBidsCount());
            assertEquals("9.90", top.getBids(0).getPrice());
            assertEquals("5", top.getBids(0).getQuantity());
            assertEquals(2, top.getBids(0).getOrders());
            assertEquals("10.10", top.getAsks(0).getPrice());
            assertEquals(4, top.getBookSequence());
            GetBookRequest tooDeep = req.toBuilder().setDepth(5_000).build();
            assertRejected(Status.Code.INVALID_ARGUMENT, "INVALID_REQUEST", () -> signed(MarketDataGrpc.newBlockingStub(f.channel),
                    f.alphaReader, MarketDataGrpc.getGetBookMethod(), tooDeep).getBook(tooDeep));
        }
    }

    @Test
    void streamBookSendsASnapshotThenEveryDeltaInSequence(@TempDir Path dir) throws Exception {
        try (GrpcFixture f = new GrpcFixture(dir)) {
            place(f, f.alpha, Side.BUY, "9.90", "2");
            place(f, f.bravo, Side.SELL, "10.10", "4");
            StreamBookRequest req = StreamBookRequest.newBuilder().setSymbol(HIDX).build();
            Iterator<BookUpdate> stream = signed(MarketDataGrpc.newBlockingStub(f.channel), f.alphaReader,
                    MarketDataGrpc.getStreamBookMethod(), req).streamBook(req);
            BookUpdate first = stream.next();
            assertTrue(first.hasSnapshot());
            assertEquals(2, first.getSnapshot().getBookSequence());
            assertEquals("9.90", first.getSnapshot().getBids(0).getPrice());
            assertEquals("10.10", first.getSnapshot().getAsks(0).getPrice());

            place(f, f.alpha, Side.BUY, "9.95", "1");   // new level
            place(f, f.alpha, Side.BUY, "10.10", "1");  // trades 1 of the 4 at 10.10
            BookUpdate d1 = stream.next();
            assertEquals(3, d1.getDelta().getBookSequence());
            assertEquals("9.95", d1.getDelta().getBids(0).getPrice());
            assertEquals("1", d1.getDelta().getBids(0).getQuantity());
            BookUpdate d2 = stream.next();
            assertEquals(4, d2.getDelta().getBookSequence());
            assertEquals("10.10", d2.getDelta().getAsks(0).getPrice());
            assertEquals("3", d2.getDelta().getAsks(0).getQuantity());
        }
    }

    @Test
    void streamTradesCarriesTheInstrumentsTrades(@TempDir Path dir) throws Exception {
        try (GrpcFixture f = new GrpcFixture(dir)) {
            StreamTradesRequest req = StreamTradesRequest.newBuilder().setSymbol(HIDX).build();
            Iterator<Trade> trades = signed(MarketDataGrpc.newBlockingStub(f.channel), f.alphaReader,
                    MarketDataGrpc.getStreamTradesMethod(), req).streamTrades(req);
            awaitStreams(f, 1);
            place(f, f.bravo, Side.SELL, "10.00", "2");
            place(f, f.alpha, Side.BUY, "10.00", "2");
            Trade t = trades.next();
            assertEquals("10.00", t.getPrice());
            assertEquals("2", t.getQuantity());
            assertEquals(Side.BUY, t.getTakerSide());
        }
    }

    @Test
    void anAccountHasABoundedNumberOfOpenStreams(@TempDir Path dir) throws Exception {
        try (GrpcFixture f = new GrpcFixture(dir, GrpcGateway.Settings.defaults().withMaxStreamsPerAccount(2), 0)) {
            StreamTradesRequest req = StreamTradesRequest.newBuilder().setSymbol(HIDX).build();
            io.grpc.Context.CancellableContext first = io.grpc.Context.current().withCancellation();
            first.call(() -> signed(MarketDataGrpc.newBlockingStub(f.channel), f.alpha, MarketDataGrpc.getStreamTradesMethod(), req)
                    .streamTrades(req));
            signed(MarketDataGrpc.newBlockingStub(f.channel), f.alphaReader, MarketDataGrpc.getStreamTradesMethod(), req)
                    .streamTrades(req);
            awaitStreams(f, 2);
            Iterator<Trade> third = signed(MarketDataGrpc.newBlockingStub(f.channel), f.alpha,
                    MarketDataGrpc.getStreamTradesMethod(), req).streamTrades(req);
            String why = assertRejected(Status.Code.RESOURCE_EXHAUSTED, "RATE_LIMITED", third::hasNext);
            assertTrue(why.contains("at most 2 open streams"), why);
            signed(MarketDataGrpc.newBlockingStub(f.channel), f.bravo, MarketDataGrpc.getStreamTradesMethod(), req)
                    .streamTrades(req);
            awaitStreams(f, 3); // the limit is per account

            first.cancel(null); // the client ends a stream: its slot is free again
            awaitStreams(f, 2);
            signed(MarketDataGrpc.newBlockingStub(f.channel), f.alpha, MarketDataGrpc.getStreamTradesMethod(), req)
                    .streamTrades(req);
            awaitStreams(f, 3);
        }
    }

    /**
     * A reader that stops reading fills the HTTP/2 window, then the server's write buffer, then
     * the stream's bounded queue; the stream is then ended with RESOURCE_EXHAUSTED rather than
     * queueing without bound, and its subscription is dropped.
     */
    @Test
    void aBookStreamWhoseReaderStopsReadingIsEndedAsASlowConsumer(@TempDir Path dir) throws Exception {
        GrpcGateway.Settings small = GrpcGateway.Settings.defaults().withStreamCapacity(64);
        try (GrpcFixture f = new GrpcFixture(dir, small, 16 * 1024)) {
            StreamBookRequest req = StreamBookRequest.newBuilder().setSymbol(HIDX).build();
            long ts = System.currentTimeMillis();
            Metadata headers = new Metadata();
            headers.put(SignatureInterceptor.KEY_ID, f.alphaReader.keyId());
            headers.put(SignatureInterceptor.TIMESTAMP, Long.toString(ts));
            headers.put(SignatureInterceptor.SIGNATURE, f.alphaReader.signHex(CanonicalRequest.grpc(ts,
                    MarketDataGrpc.getStreamBookMethod().getFullMethodName(), req.toByteArray())));
            ClientCall<StreamBookRequest, BookUpdate> call = f.channel.newCall(MarketDataGrpc.getStreamBookMethod(),
                    CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS));
            AtomicInteger received = new AtomicInteger();
            CompletableFuture<Status> closed = new CompletableFuture<>();
            call.start(new ClientCall.Listener<>() {
                @Override
                public void onMessage(BookUpdate message) {
                    received.incrementAndGet();
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    closed.complete(status);
                }
            }, headers);
            call.sendMessage(req);
            call.halfClose();
            // no call.request(): the client reads nothing for now
            awaitStreams(f, 1);

            int orders = 0;
            while (!closed.isDone() && f.gateway.openStreams() > 0 && orders < 40_000) {
                List<Command> batch = new ArrayList<>();
                for (int i = 0; i < 40; i++, orders++) {
                    // each order changes one level of the book: one delta each
                    batch.add(new Command.PlaceOrder(2, 1, null, io.hyperindex.gateway.domain.Side.BUY, OrderType.LIMIT,
                            TimeInForce.GTC, 900 + orders % 90, 1, 0, null));
                }
                CompletableFuture<List<CommandResult>> done = new CompletableFuture<>();
                f.engine.submitBatch(batch, done::complete);
                done.get(10, TimeUnit.SECONDS);
            }
            awaitStreams(f, 0);
            call.request(Integer.MAX_VALUE);
            Status status = closed.get(20, TimeUnit.SECONDS);
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, status.getCode(), status.toString());
            assertTrue(status.getDescription().contains("SLOW_CONSUMER"), status.getDescription());
            assertTrue(received.get() < orders, "the stream ended before the reader got every delta: "
                    + received.get() + " of " + orders);
        }
    }
}
