package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.api.edge.LiveOrder;
import io.hyperindex.gateway.api.edge.OrderOutcome;
import io.hyperindex.gateway.api.edge.OrderRequests;
import io.hyperindex.gateway.api.edge.RequestRejected;

import io.grpc.stub.StreamObserver;
import io.hyperindex.gateway.book.Order;
import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.engine.MatchingEngine;
import io.hyperindex.gateway.proto.v1.AmendOrderRequest;
import io.hyperindex.gateway.proto.v1.CancelOrderRequest;
import io.hyperindex.gateway.proto.v1.CancelOrdersRequest;
import io.hyperindex.gateway.proto.v1.CancelOrdersResponse;
import io.hyperindex.gateway.proto.v1.Execution;
import io.hyperindex.gateway.proto.v1.GetOrderRequest;
import io.hyperindex.gateway.proto.v1.ItemResult;
import io.hyperindex.gateway.proto.v1.ListOpenOrdersRequest;
import io.hyperindex.gateway.proto.v1.ListOpenOrdersResponse;
import io.hyperindex.gateway.proto.v1.MassCancelRequest;
import io.hyperindex.gateway.proto.v1.MassCancelResponse;
import io.hyperindex.gateway.proto.v1.OrderAck;
import io.hyperindex.gateway.proto.v1.OrderStatus;
import io.hyperindex.gateway.proto.v1.PlaceOrderRequest;
import io.hyperindex.gateway.proto.v1.PlaceOrdersRequest;
import io.hyperindex.gateway.proto.v1.PlaceOrdersResponse;
import io.hyperindex.gateway.proto.v1.SetCancelAfterRequest;
import io.hyperindex.gateway.proto.v1.SetCancelAfterResponse;
import io.hyperindex.gateway.proto.v1.StreamExecutionsRequest;
import io.hyperindex.gateway.proto.v1.TradingGrpc;

import java.util.ArrayList;
import java.util.List;

/** The Trading service: decodes requests into engine commands and results back into answers. */
final class TradingService extends TradingGrpc.TradingImplBase {
    private final EngineAccess access;
    private final Markets markets;

    TradingService(EngineAccess access) {
        this.access = access;
        this.markets = access.markets;
    }

    @Override
    public void placeOrder(PlaceOrderRequest req, StreamObserver<OrderAck> out) {
        EngineAccess.handle(out, () -> {
            Command.PlaceOrder c = ProtoCodec.placeOrder(markets, access.callerAccount(), req);
            access.submit(c, out, r -> ProtoCodec.ack(markets, OrderOutcome.placed(r, c)));
        });
    }

    @Override
    public void placeOrders(PlaceOrdersRequest req, StreamObserver<PlaceOrdersResponse> out) {
        EngineAccess.handle(out, () -> {
            OrderRequests.checkBatch(req.getOrdersCount());
            int account = access.callerAccount();
            // items that fail decoding are answered in place; the others go to the engine as one batch
            ItemResult[] results = new ItemResult[req.getOrdersCount()];
            List<Command> commands = new ArrayList<>();
            List<Integer> slots = new ArrayList<>();
            for (int i = 0; i < req.getOrdersCount(); i++) {
                try {
                    commands.add(ProtoCodec.placeOrder(markets, account, req.getOrders(i)));
                    slots.add(i);
                } catch (RequestRejected e) {
                    results[i] = ItemResult.newBuilder().setRejected(StatusMapping.reason(e.reason(), e.getMessage())).build();
                }
            }
            if (commands.isEmpty()) {
                out.onNext(PlaceOrdersResponse.newBuilder().addAllResults(List.of(results)).build());
                out.onCompleted();
                return;
            }
            access.submitBatch(commands, out, rs -> {
                for (int k = 0; k < rs.size(); k++) {
                    CommandResult r = rs.get(k);
                    Command.PlaceOrder c = (Command.PlaceOrder) commands.get(k);
                    results[slots.get(k)] = item(r, () -> ProtoCodec.ack(markets, OrderOutcome.placed(r, c)));
                }
                return PlaceOrdersResponse.newBuilder().addAllResults(List.of(results)).build();
            });
        });
    }

    @Override
    public void cancelOrder(CancelOrderRequest req, StreamObserver<OrderAck> out) {
        EngineAccess.handle(out, () -> {
            Command.CancelOrder c = cancel(access.callerAccount(), req.getOrderId(), req.getClientOrderId());
            access.submit(c, out, r -> ProtoCodec.ack(markets, OrderOutcome.cancelled(r)));
        });
    }

    @Override
    public void cancelOrders(CancelOrdersRequest req, StreamObserver<CancelOrdersResponse> out) {
        EngineAccess.handle(out, () -> {
            OrderRequests.checkBatch(req.getOrdersCount());
            int account = access.callerAccount();
            List<Command> commands = new ArrayList<>();
            for (CancelOrderRequest c : req.getOrdersList()) {
                commands.add(cancel(account, c.getOrderId(), c.getClientOrderId()));
            }
            access.submitBatch(commands, out, rs -> {
                CancelOrdersResponse.Builder b = CancelOrdersResponse.newBuilder();
                for (CommandResult r : rs) {
                    b.addResults(item(r, () -> ProtoCodec.ack(markets, OrderOutcome.cancelled(r))));
                }
                return b.build();
            });
        });
    }

    @Override
    public void amendOrder(AmendOrderRequest req, StreamObserver<OrderAck> out) {
        EngineAccess.handle(out, () -> {
            int account = access.callerAccount();
            Command.CancelOrder target = cancel(account, req.getOrderId(), req.getClientOrderId());
            OrderRequests.checkAmendChanges(req.getNewPrice(), req.getNewQuantity(), "new_price", "new_quantity");
            // the fields left unchanged come from the live order
            access.queryThen(me -> OrderRequests.liveCopyOf(me, account, target), out, live -> {
                if (live == null) {
                    throw new RequestRejected(ReasonCode.UNKNOWN_ORDER, ReasonCode.UNKNOWN_ORDER.message());
                }
                Command.AmendOrder c = OrderRequests.amend(markets, account, live, req.getNewPrice(), req.getNewQuantity(),
                        "new_price", "new_quantity");
                access.submit(c, out, r -> ProtoCodec.ack(markets, OrderOutcome.amended(r, target.clientOrderId())));
            });
        });
    }

    @Override
    public void massCancel(MassCancelRequest req, StreamObserver<MassCancelResponse> out) {
        EngineAccess.handle(out, () -> {
            int instrument = req.getSymbol().isEmpty() ? -1 : markets.instrument(req.getSymbol()).id();
            Command.MassCancel c = new Command.MassCancel(access.callerAccount(), instrument, ProtoCodec.sideOrNull(req.getSide()));
            access.submit(c, out, r -> MassCancelResponse.newBuilder().setSequence(r.sequence())
                    .setCancelled(OrderOutcome.cancelledCount(r)).build());
        });
    }

    @Override
    public void getOrder(GetOrderRequest req, StreamObserver<io.hyperindex.gateway.proto.v1.Order> out) {
        EngineAccess.handle(out, () -> {
            int account = access.callerAccount();
            Command.CancelOrder target = cancel(account, req.getOrderId(), req.getClientOrderId());
            access.query(me -> OrderRequests.liveCopyOf(me, account, target), out, live -> {
                if (live == null) {
                    throw new RequestRejected(ReasonCode.UNKNOWN_ORDER, ReasonCode.UNKNOWN_ORDER.message());
                }
                return ProtoCodec.order(markets.instrument(live.instrument()), live);
            });
        });
    }

    @Override
    public void listOpenOrders(ListOpenOrdersRequest req, StreamObserver<ListOpenOrdersResponse> out) {
        EngineAccess.handle(out, () -> {
            int account = access.callerAccount();
            int instrument = req.getSymbol().isEmpty() ? -1 : markets.instrument(req.getSymbol()).id();
            access.query(me -> {
                ListOpenOrdersResponse.Builder b = ListOpenOrdersResponse.newBuilder();
                OrderRequests.forEachOpenOrder(me, account, instrument,
                        o -> b.addOrders(ProtoCodec.order(markets.instrument(o.instrument()), LiveOrder.of(o))));
                return b.build();
            }, out, r -> r);
        });
    }

    @Override
    public void setCancelAfter(SetCancelAfterRequest req, StreamObserver<SetCancelAfterResponse> out) {
        EngineAccess.handle(out, () -> {
            Command.SetCancelAfter c = OrderRequests.cancelAfter(access.callerAccount(), req.getTimeoutMillis(), "timeout_millis");
            access.submit(c, out, r -> SetCancelAfterResponse.newBuilder()
                    .setDeadlineNanos(OrderOutcome.cancelAfterDeadline(r)).build());
        });
    }

    @Override
    public void streamExecutions(StreamExecutionsRequest req, StreamObserver<Execution> out) {
        EngineAccess.handle(out, () -> {
            int account = access.callerAccount();
            BoundedStream<ProtoCodec.Sequenced, Execution> stream = access.openStream(out,
                    s -> ProtoCodec.execution(markets, account, s));
            access.follow(stream, r -> {
                for (EngineEvent e : r.events()) {
                    if (ProtoCodec.concerns(e, account)) {
                        stream.offer(new ProtoCodec.Sequenced(r.sequence(), r.timestamp(), e));
                    }
                }
            });
        });
    }

    // ------------------------------------------------------------------ helpers

    static Command.CancelOrder cancel(int account, long orderId, String clientOrderId) {
        return OrderRequests.target(account, orderId, clientOrderId, "order_id", "client_order_id");
    }

    private static ItemResult item(CommandResult r, java.util.function.Supplier<OrderAck> ack) {
        ReasonCode rejected = r.rejection();
        return rejected != null
                ? ItemResult.newBuilder().setRejected(StatusMapping.reason(rejected, null)).build()
                : ItemResult.newBuilder().setAck(ack.get()).build();
    }
}
