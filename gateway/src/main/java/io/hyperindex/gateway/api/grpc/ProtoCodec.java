package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.api.edge.LiveOrder;
import io.hyperindex.gateway.api.edge.OrderOutcome;
import io.hyperindex.gateway.api.edge.OrderRequests;
import io.hyperindex.gateway.api.edge.OrderState;
import io.hyperindex.gateway.api.edge.RequestRejected;

import io.hyperindex.gateway.domain.Command;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.SelfTradePrevention;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import io.hyperindex.gateway.proto.v1.Execution;
import io.hyperindex.gateway.proto.v1.Fill;
import io.hyperindex.gateway.proto.v1.OrderAccepted;
import io.hyperindex.gateway.proto.v1.OrderAmended;
import io.hyperindex.gateway.proto.v1.OrderEnded;
import io.hyperindex.gateway.proto.v1.OrderRejected;
import io.hyperindex.gateway.proto.v1.OrderStatus;
import io.hyperindex.gateway.proto.v1.PlaceOrderRequest;

/** Conversions between the API's messages and the engine's commands and events. */
final class ProtoCodec {
    private ProtoCodec() {
    }

    /** An execution-relevant event with the sequence and time of the command that produced it. */
    record Sequenced(long sequence, long timestamp, EngineEvent event) {
    }

    static Command.PlaceOrder placeOrder(Markets markets, int account, PlaceOrderRequest r) {
        Side side = switch (r.getSide()) {
            case BUY -> Side.BUY;
            case SELL -> Side.SELL;
            default -> null;
        };
        OrderType type = switch (r.getType()) {
            case ORDER_TYPE_UNSPECIFIED, LIMIT -> OrderType.LIMIT;
            case MARKET -> OrderType.MARKET;
            default -> throw new RequestRejected(ReasonCode.INVALID_REQUEST, "unknown order type " + r.getTypeValue());
        };
        TimeInForce tif = switch (r.getTimeInForce()) {
            case TIME_IN_FORCE_UNSPECIFIED -> null;
            case GTC -> TimeInForce.GTC;
            case IOC -> TimeInForce.IOC;
            case FOK -> TimeInForce.FOK;
            default -> throw new RequestRejected(ReasonCode.INVALID_REQUEST, "unknown time in force " + r.getTimeInForceValue());
        };
        SelfTradePrevention stp = switch (r.getSelfTradePrevention()) {
            case SELF_TRADE_PREVENTION_UNSPECIFIED -> null;
            case CANCEL_TAKER -> SelfTradePrevention.CANCEL_TAKER;
            case CANCEL_MAKER -> SelfTradePrevention.CANCEL_MAKER;
            case CANCEL_BOTH -> SelfTradePrevention.CANCEL_BOTH;
            default -> throw new RequestRejected(ReasonCode.INVALID_REQUEST, "unknown self-trade prevention "
                    + r.getSelfTradePreventionValue());
        };
        return OrderRequests.placeOrder(markets, account, r.getSymbol(), r.getClientOrderId(), side, type, tif,
                r.getPrice(), r.getQuantity(), r.getPostOnly(), r.getReduceOnly(), r.getMmp(), stp, "client_order_id");
    }

    static Side sideOrNull(io.hyperindex.gateway.proto.v1.Side side) {
        return switch (side) {
            case BUY -> Side.BUY;
            case SELL -> Side.SELL;
            default -> null;
        };
    }

    static io.hyperindex.gateway.proto.v1.Side side(Side side) {
        return side == Side.BUY ? io.hyperindex.gateway.proto.v1.Side.BUY : io.hyperindex.gateway.proto.v1.Side.SELL;
    }

    static io.hyperindex.gateway.proto.v1.TimeInForce tif(TimeInForce t) {
        return switch (t) {
            case GTC -> io.hyperindex.gateway.proto.v1.TimeInForce.GTC;
            case IOC -> io.hyperindex.gateway.proto.v1.TimeInForce.IOC;
            case FOK -> io.hyperindex.gateway.proto.v1.TimeInForce.FOK;
        };
    }

    /** A live order's view (a copy taken on the engine thread). */
    static io.hyperindex.gateway.proto.v1.Order order(Instrument ins, LiveOrder o) {
        io.hyperindex.gateway.proto.v1.Order.Builder b = io.hyperindex.gateway.proto.v1.Order.newBuilder()
                .setOrderId(o.orderId()).setSymbol(ins.symbol()).setSide(side(o.side()))
                .setPrice(Markets.price(ins, o.price())).setQuantity(Markets.qty(ins, o.quantity()))
                .setRemaining(Markets.qty(ins, o.remaining())).setFilled(Markets.qty(ins, o.filled()))
                .setTimeInForce(tif(o.timeInForce())).setPostOnly(o.postOnly()).setReduceOnly(o.reduceOnly())
                .setMmp(o.mmp()).setStatus(status(o.state())).setTimestampNanos(o.timestampNanos());
        if (o.clientOrderId() != null) {
            b.setClientOrderId(o.clientOrderId());
        }
        return b.build();
    }

    static OrderStatus status(OrderState s) {
        return switch (s) {
            case NEW -> OrderStatus.NEW;
            case PARTIALLY_FILLED -> OrderStatus.PARTIALLY_FILLED;
            case FILLED -> OrderStatus.FILLED;
            case CANCELLED -> OrderStatus.CANCELLED;
            case EXPIRED -> OrderStatus.EXPIRED;
            case PENDING_CANCEL -> OrderStatus.PENDING_CANCEL;
        };
    }

    /** The acknowledgement of a place, cancel or amend. */
    static io.hyperindex.gateway.proto.v1.OrderAck ack(Markets markets, OrderOutcome o) {
        Instrument ins = markets.instrument(o.instrument());
        io.hyperindex.gateway.proto.v1.OrderAck.Builder b = io.hyperindex.gateway.proto.v1.OrderAck.newBuilder()
                .setOrderId(o.orderId()).setSequence(o.sequence()).setStatus(status(o.state()))
                .setFilled(Markets.qty(ins, o.filled())).setRemaining(Markets.qty(ins, o.remaining()));
        if (o.clientOrderId() != null) {
            b.setClientOrderId(o.clientOrderId());
        }
        if (o.reason() != null) {
            b.setReason(StatusMapping.reason(o.reason(), null));
        }
        return b.build();
    }

    /** True if the event belongs on {@code account}'s execution stream. */
    static boolean concerns(EngineEvent e, int account) {
        if (e instanceof EngineEvent.OrderAccepted a) {
            return a.account() == account;
        } else if (e instanceof EngineEvent.TradeExecuted t) {
            return t.makerAccount() == account || t.takerAccount() == account;
        } else if (e instanceof EngineEvent.OrderCancelled c) {
            return c.account() == account;
        } else if (e instanceof EngineEvent.OrderAmended a) {
            return a.account() == account;
        } else if (e instanceof EngineEvent.OrderRejected r) {
            return r.account() == account;
        }
        return false;
    }

    /** The execution message of one event for {@code account} (off the engine thread: events are immutable). */
    static Execution execution(Markets markets, int account, Sequenced s) {
        Execution.Builder b = Execution.newBuilder().setSequence(s.sequence()).setTimestampNanos(s.timestamp());
        EngineEvent e = s.event();
        if (e instanceof EngineEvent.OrderAccepted a) {
            Instrument ins = markets.instrument(a.instrument());
            io.hyperindex.gateway.proto.v1.Order.Builder o = io.hyperindex.gateway.proto.v1.Order.newBuilder()
                    .setOrderId(a.orderId()).setSymbol(ins.symbol()).setSide(side(a.side()))
                    .setPrice(Markets.price(ins, a.price())).setQuantity(Markets.qty(ins, a.quantity()))
                    .setRemaining(Markets.qty(ins, a.quantity())).setFilled("0").setTimeInForce(tif(a.timeInForce()))
                    .setPostOnly(OrderFlags.has(a.flags(), OrderFlags.POST_ONLY))
                    .setReduceOnly(OrderFlags.has(a.flags(), OrderFlags.REDUCE_ONLY))
                    .setMmp(OrderFlags.has(a.flags(), OrderFlags.MMP)).setStatus(OrderStatus.NEW)
                    .setTimestampNanos(a.timestamp());
            if (a.clientOrderId() != null) {
                o.setClientOrderId(a.clientOrderId());
            }
            b.setAccepted(OrderAccepted.newBuilder().setOrder(o));
        } else if (e instanceof EngineEvent.TradeExecuted t) {
            Instrument ins = markets.instrument(t.instrument());
            boolean maker = t.makerAccount() == account;
            Side sideOfAccount = maker ? t.takerSide().opposite() : t.takerSide();
            b.setFill(Fill.newBuilder().setTradeId(t.tradeId()).setOrderId(maker ? t.makerOrderId() : t.takerOrderId())
                    .setSymbol(ins.symbol()).setSide(side(sideOfAccount)).setPrice(Markets.price(ins, t.price()))
                    .setQuantity(Markets.qty(ins, t.quantity()))
                    .setRemaining(Markets.qty(ins, maker ? t.makerRemaining() : t.takerRemaining()))
                    .setMaker(maker).setFee(Markets.cash(maker ? t.makerFee() : t.takerFee()))
                    .setFeeTier(maker ? t.makerTier() : t.takerTier()));
        } else if (e instanceof EngineEvent.OrderCancelled c) {
            Instrument ins = markets.instrument(c.instrument());
            OrderEnded.Builder o = OrderEnded.newBuilder().setOrderId(c.orderId()).setSymbol(ins.symbol())
                    .setCancelledQuantity(Markets.qty(ins, c.cancelledQuantity()))
                    .setFilledQuantity(Markets.qty(ins, c.filledQuantity()))
                    .setStatus(c.reason().isExpiry() ? OrderStatus.EXPIRED : OrderStatus.CANCELLED)
                    .setReason(StatusMapping.reason(c.reason(), null));
            if (c.clientOrderId() != null) {
                o.setClientOrderId(c.clientOrderId());
            }
            b.setCancelled(o);
        } else if (e instanceof EngineEvent.OrderAmended a) {
            Instrument ins = markets.instrument(a.instrument());
            b.setAmended(OrderAmended.newBuilder().setOrderId(a.orderId()).setSymbol(ins.symbol())
                    .setPrice(Markets.price(ins, a.price())).setQuantity(Markets.qty(ins, a.quantity()))
                    .setRemaining(Markets.qty(ins, a.remaining())).setKeptPriority(a.keptPriority()));
        } else if (e instanceof EngineEvent.OrderRejected r) {
            OrderRejected.Builder o = OrderRejected.newBuilder().setOrderId(r.orderId()).setCommand(r.commandType())
                    .setReason(StatusMapping.reason(r.reason(), null));
            if (r.clientOrderId() != null) {
                o.setClientOrderId(r.clientOrderId());
            }
            b.setRejected(o);
        }
        return b.build();
    }
}
