package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.proto.v1.BookUpdate;
import io.hyperindex.gateway.proto.v1.ListOpenOrdersRequest;
import io.hyperindex.gateway.proto.v1.MarketDataGrpc;
import io.hyperindex.gateway.proto.v1.Side;
import io.hyperindex.gateway.proto.v1.StreamBookRequest;
import io.hyperindex.gateway.proto.v1.TradingGrpc;
import io.grpc.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client-side interceptor signs unary and streaming calls the way the gateway verifies them. */
class RequestSigningInterceptorTest {

    @Test
    void aStubWithTheInterceptorSignsEveryCall(@TempDir Path dir) throws Exception {
        try (GrpcFixture f = new GrpcFixture(dir)) {
            TradingGrpc.TradingBlockingStub trading = TradingGrpc.newBlockingStub(f.channel)
                    .withInterceptors(new RequestSigningInterceptor(f.alpha)).withDeadlineAfter(10, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                trading.placeOrder(GrpcTradingTest.limit(Side.BUY, "9.5" + i, "1", "signed-" + i));
            }
            assertEquals(3, trading.listOpenOrders(ListOpenOrdersRequest.getDefaultInstance()).getOrdersCount());

            Iterator<BookUpdate> book = MarketDataGrpc.newBlockingStub(f.channel)
                    .withInterceptors(new RequestSigningInterceptor(f.alphaReader)).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .streamBook(StreamBookRequest.newBuilder().setSymbol(GrpcTradingTest.HIDX).build());
            BookUpdate first = book.next();
            assertTrue(first.hasSnapshot());
            assertEquals(3, first.getSnapshot().getBidsCount());

            TradingGrpc.TradingBlockingStub stale = TradingGrpc.newBlockingStub(f.channel)
                    .withInterceptors(new RequestSigningInterceptor(f.alpha, () -> System.currentTimeMillis() - 60_000));
            GrpcFixture.assertRejected(Status.Code.UNAUTHENTICATED, "TIMESTAMP_OUTSIDE_WINDOW",
                    () -> stale.placeOrder(GrpcTradingTest.limit(Side.BUY, "9.40", "1", "")));
        }
    }
}
