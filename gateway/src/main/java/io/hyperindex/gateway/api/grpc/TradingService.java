package io.hyperindex.gateway.api.grpc;

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
            access.submit(c, out, r -> placeAck(r, c));
        });
    }

    @Override
    public void placeOrders(PlaceOrdersRequest req, StreamObserver<PlaceOrdersResponse> out) {
        EngineAccess.handle(out, () -> {
            checkBatch(req.getOrdersCount());
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
                    results[slots.get(k)] = item(r, () -> placeAck(r, c));
                }
                return PlaceOrdersResponse.newBuilder().addAllResults(List.of(results)).build();
            });
        });
    }

    @Override
    public void cancelOrder(CancelOrderRequest req, StreamObserver<OrderAck> out) {
        EngineAccess.handle(out, () -> {
            Command.CancelOrder c = cancel(access.callerAccount(), req.getOrderId(), req.getClientOrderId());
            access.submit(c, out, this::cancelAck);
        });
    }

    @Override
    public void cancelOrders(CancelOrdersRequest req, StreamObserver<CancelOrdersResponse> out) {
        EngineAccess.handle(out, () -> {
            checkBatch(req.getOrdersCount());
            int account = access.callerAccount();
            List<Command> commands = new ArrayList<>();
            for (CancelOrderRequest c : req.getOrdersList()) {
                commands.add(cancel(account, c.getOrderId(), c.getClientOrderId()));
            }
            access.submitBatch(commands, out, rs -> {
                CancelOrdersResponse.Builder b = CancelOrdersResponse.newBuilder();
                for (CommandResult r : rs) {
                    b.addResults(item(r, () -> cancelAck(r)));
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
            if (req.getNewPrice().isEmpty() && req.getNewQuantity().isEmpty()) {
                throw new RequestRejected(ReasonCode.INVALID_AMEND, "give new_price and/or new_quantity");
            }
            // the decimals and the fields left unchanged come from the live order; the engine
            // checks the amend again against the order as it is when the command arrives
            access.queryThen(me -> {
                Order o = liveOf(me, account, target);
                return o == null ? null : new long[]{o.id(), o.instrument(), o.price(), o.quantity()};
            }, out, live -> {
                if (live == null) {
                    throw new RequestRejected(ReasonCode.UNKNOWN_ORDER, ReasonCode.UNKNOWN_ORDER.message());
                }
                Instrument ins = markets.instrument((int) live[1]);
                long price = req.getNewPrice().isEmpty() ? live[2] : Markets.priceUnits(ins, "new_price", req.getNewPrice());
                long qty = req.getNewQuantity().isEmpty() ? live[3] : Markets.qtyUnits(ins, "new_quantity", req.getNewQuantity());
                Command.AmendOrder c = new Command.AmendOrder(account, live[0], null, price, qty);
                access.submit(c, out, r -> amendAck(r, target));
            });
        });
    }

    @Override
    public void massCancel(MassCancelRequest req, StreamObserver<MassCancelResponse> out) {
        EngineAccess.handle(out, () -> {
            int instrument = req.getSymbol().isEmpty() ? -1 : markets.instrument(req.getSymbol()).id();
            Command.MassCancel c = new Command.MassCancel(access.callerAccount(), instrument, ProtoCodec.sideOrNull(req.getSide()));
            access.submit(c, out, r -> MassCancelResponse.newBuilder().setSequence(r.sequence())
                    .setCancelled((int) r.events().stream().filter(e -> e instanceof EngineEvent.OrderCancelled).count())
                    .build());
        });
    }

    @Override
    public void getOrder(GetOrderRequest req, StreamObserver<io.hyperindex.gateway.proto.v1.Order> out) {
        EngineAccess.handle(out, () -> {
            int account = access.callerAccount();
            Command.CancelOrder target = cancel(account, req.getOrderId(), req.getClientOrderId());
            access.query(me -> {
                Order o = liveOf(me, account, target);
                return o == null ? null : ProtoCodec.order(me.instrument(o.instrument()), o);
            }, out, o -> {
                if (o == null) {
                    throw new RequestRejected(ReasonCode.UNKNOWN_ORDER, ReasonCode.UNKNOWN_ORDER.message());
                }
                return o;
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
                // only the books where the account has orders are walked (the engine keeps no per-account order list)
                for (int i = 0; i < me.instrumentCount(); i++) {
                    if ((instrument < 0 || i == instrument) && me.risk().openOrders(account, i) > 0) {
                        Instrument ins = me.instrument(i);
                        for (io.hyperindex.gateway.domain.Side side : io.hyperindex.gateway.domain.Side.values()) {
                            me.book(i).forEachOrder(side, o -> {
                                if (o.account() == account) {
                                    b.addOrders(ProtoCodec.order(ins, o));
                                }
                            });
                        }
                    }
                }
                return b.build();
            }, out, r -> r);
        });
    }

    @Override
    public void setCancelAfter(SetCancelAfterRequest req, StreamObserver<SetCancelAfterResponse> out) {
        EngineAccess.handle(out, () -> {
            long ms = req.getTimeoutMillis();
            if (ms != 0 && (ms < 5_000 || ms > 120_000)) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "timeout_millis must be 0 (disarm) or 5000..120000");
            }
            access.submit(new Command.SetCancelAfter(access.callerAccount(), ms), out, r -> {
                long deadline = 0;
                for (EngineEvent e : r.events()) {
                    if (e instanceof EngineEvent.CancelAfterSet s) {
                        deadline = s.deadline();
                    }
                }
                return SetCancelAfterResponse.newBuilder().setDeadlineNanos(deadline).build();
            });
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

    private static void checkBatch(int n) {
        if (n == 0) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "a batch needs at least one item");
        }
        if (n > MatchingEngine.MAX_BATCH) {
            throw new RequestRejected(ReasonCode.BATCH_TOO_LARGE, "a batch holds at most " + MatchingEngine.MAX_BATCH
                    + " items, this one has " + n);
        }
    }

    static Command.CancelOrder cancel(int account, long orderId, String clientOrderId) {
        if (orderId == 0 && clientOrderId.isEmpty()) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "give order_id or client_order_id");
        }
        if (clientOrderId.length() > ProtoCodec.MAX_CLIENT_ORDER_ID) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "client_order_id is longer than " + ProtoCodec.MAX_CLIENT_ORDER_ID);
        }
        return new Command.CancelOrder(account, orderId, clientOrderId.isEmpty() ? null : clientOrderId);
    }

    /** The account's live order named by the command's order id or client order id, or null. */
    private static Order liveOf(MatchingEngine me, int account, Command.CancelOrder target) {
        if (target.orderId() > 0) {
            Order o = me.liveOrder(target.orderId());
            return o != null && o.account() == account ? o : null;
        }
        return me.liveOrderByClientId(account, target.clientOrderId());
    }

    private static ItemResult item(CommandResult r, java.util.function.Supplier<OrderAck> ack) {
        ReasonCode rejected = r.rejection();
        return rejected != null
                ? ItemResult.newBuilder().setRejected(StatusMapping.reason(rejected, null)).build()
                : ItemResult.newBuilder().setAck(ack.get()).build();
    }

    private OrderAck placeAck(CommandResult r, Command.PlaceOrder c) {
        Instrument ins = markets.instrument(c.instrument());
        long orderId = 0;
        long filled = 0;
        long quantity = c.quantity();
        ReasonCode ended = null;
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.OrderAccepted a) {
                orderId = a.orderId();
            } else if (e instanceof EngineEvent.TradeExecuted t && t.takerOrderId() == orderId) {
                filled += t.quantity();
            } else if (e instanceof EngineEvent.OrderCancelled x && x.orderId() == orderId) {
                ended = x.reason();
            }
        }
        OrderAck.Builder b = OrderAck.newBuilder().setOrderId(orderId).setSequence(r.sequence())
                .setFilled(Markets.qty(ins, filled))
                .setRemaining(Markets.qty(ins, ended == null ? quantity - filled : 0));
        if (c.clientOrderId() != null) {
            b.setClientOrderId(c.clientOrderId());
        }
        if (ended != null) {
            b.setStatus(ended.isExpiry() ? OrderStatus.EXPIRED : OrderStatus.CANCELLED).setReason(StatusMapping.reason(ended, null));
        } else {
            b.setStatus(filled == quantity ? OrderStatus.FILLED : filled > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW);
        }
        return b.build();
    }

    private OrderAck cancelAck(CommandResult r) {
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.OrderCancelled x) {
                Instrument ins = markets.instrument(x.instrument());
                OrderAck.Builder b = OrderAck.newBuilder().setOrderId(x.orderId()).setSequence(r.sequence())
                        .setStatus(OrderStatus.CANCELLED).setReason(StatusMapping.reason(x.reason(), null))
                        .setFilled(Markets.qty(ins, x.filledQuantity())).setRemaining("0");
                if (x.clientOrderId() != null) {
                    b.setClientOrderId(x.clientOrderId());
                }
                return b.build();
            }
        }
        throw new IllegalStateException("a cancel without OrderCancelled: " + r.events());
    }

    private OrderAck amendAck(CommandResult r, Command.CancelOrder target) {
        for (EngineEvent e : r.events()) {
            if (e instanceof EngineEvent.OrderAmended a) {
                Instrument ins = markets.instrument(a.instrument());
                long filled = 0;
                ReasonCode ended = null;
                for (EngineEvent f : r.events()) {
                    if (f instanceof EngineEvent.TradeExecuted t && t.takerOrderId() == a.orderId()) {
                        filled += t.quantity();
                    } else if (f instanceof EngineEvent.OrderCancelled x && x.orderId() == a.orderId()) {
                        ended = x.reason();
                    }
                }
                long remaining = ended != null ? 0 : Math.max(0, a.remaining() - filled);
                OrderAck.Builder b = OrderAck.newBuilder().setOrderId(a.orderId()).setSequence(r.sequence())
                        .setFilled(Markets.qty(ins, a.quantity() - a.remaining() + filled))
                        .setRemaining(Markets.qty(ins, remaining))
                        .setStatus(ended != null ? OrderStatus.CANCELLED : remaining == 0 ? OrderStatus.FILLED
                                : remaining < a.quantity() ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW);
                if (target.clientOrderId() != null) {
                    b.setClientOrderId(target.clientOrderId());
                }
                if (ended != null) {
                    b.setReason(StatusMapping.reason(ended, null));
                }
                return b.build();
            }
        }
        throw new IllegalStateException("an amend without OrderAmended: " + r.events());
    }
}
