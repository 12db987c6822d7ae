package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.api.edge.MarketViews;
import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.api.edge.RequestRejected;

import io.grpc.stub.StreamObserver;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.InstrumentStatus;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.engine.CommandResult;
import io.hyperindex.gateway.proto.v1.BookDelta;
import io.hyperindex.gateway.proto.v1.BookSnapshot;
import io.hyperindex.gateway.proto.v1.BookUpdate;
import io.hyperindex.gateway.proto.v1.GetBookRequest;
import io.hyperindex.gateway.proto.v1.InstrumentInfo;
import io.hyperindex.gateway.proto.v1.Level;
import io.hyperindex.gateway.proto.v1.ListInstrumentsRequest;
import io.hyperindex.gateway.proto.v1.ListInstrumentsResponse;
import io.hyperindex.gateway.proto.v1.MarketDataGrpc;
import io.hyperindex.gateway.proto.v1.StreamBookRequest;
import io.hyperindex.gateway.proto.v1.StreamTradesRequest;
import io.hyperindex.gateway.proto.v1.Trade;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The MarketData service: instruments, L2 snapshots, book and trade streams. */
final class MarketDataService extends MarketDataGrpc.MarketDataImplBase {
    private final EngineAccess access;
    private final Markets markets;
    private final java.util.function.Supplier<io.hyperindex.gateway.mm.MarketMaker> marketMaker;

    MarketDataService(EngineAccess access, java.util.function.Supplier<io.hyperindex.gateway.mm.MarketMaker> marketMaker) {
        this.access = access;
        this.markets = access.markets;
        this.marketMaker = marketMaker;
    }

    @Override
    public void getMarketMakerStatus(io.hyperindex.gateway.proto.v1.MarketMakerStatusRequest req,
                                     StreamObserver<io.hyperindex.gateway.proto.v1.MarketMakerStatusResponse> out) {
        EngineAccess.handle(out, () -> {
            io.hyperindex.gateway.mm.MarketMaker m = MarketMakerCodec.require(marketMaker);
            java.util.List<String> symbols = req.getSymbol().isEmpty() ? m.symbols()
                    : java.util.List.of(MarketMakerCodec.symbol(m, req.getSymbol()));
            EngineAccess.respond(out, () -> MarketMakerCodec.response(m.status(), symbols));
        });
    }

    @Override
    public void listInstruments(ListInstrumentsRequest req, StreamObserver<ListInstrumentsResponse> out) {
        access.query(MarketViews::instruments, out, list -> {
            ListInstrumentsResponse.Builder b = ListInstrumentsResponse.newBuilder();
            for (MarketViews.Instrument i : list) {
                b.addInstruments(InstrumentInfo.newBuilder().setSymbol(i.symbol()).setTickSize(i.tickSize())
                        .setLotSize(i.lotSize()).setMinNotional(i.minNotional()).setMaxOrderQuantity(i.maxOrderQuantity())
                        .setPriceBandBps(i.priceBandBps())
                        .setStatus(io.hyperindex.gateway.proto.v1.InstrumentStatus.valueOf(i.status()))
                        .setReferencePrice(i.referencePrice()));
            }
            return b.build();
        });
    }

    @Override
    public void getBook(GetBookRequest req, StreamObserver<BookSnapshot> out) {
        EngineAccess.handle(out, () -> {
            Instrument ins = markets.instrument(req.getSymbol());
            int depth = MarketViews.depth(Integer.toUnsignedLong(req.getDepth()));
            access.query(me -> me.l2Snapshot(ins.id(), depth), out, s -> snapshot(ins, s));
        });
    }

    /**
     * Subscribes first, then asks the engine for a full snapshot: deltas seen before the
     * snapshot is known are held, and only those after its sequence are sent, so the client
     * receives the snapshot and then every later delta exactly once, in order.
     */
    @Override
    public void streamBook(StreamBookRequest req, StreamObserver<BookUpdate> out) {
        EngineAccess.handle(out, () -> {
            Instrument ins = markets.instrument(req.getSymbol());
            BoundedStream<Object, BookUpdate> stream = access.openStream(out,
                    o -> o instanceof io.hyperindex.gateway.domain.BookSnapshot s
                            ? BookUpdate.newBuilder().setSnapshot(snapshot(ins, s)).build()
                            : BookUpdate.newBuilder().setDelta(delta(ins, (EngineEvent.BookDelta) o)).build());
            SnapshotThenDeltas listener = new SnapshotThenDeltas(ins.id(), stream, access.streamCapacity());
            access.follow(stream, listener);
            access.engine.query(me -> me.l2Snapshot(ins.id(), Integer.MAX_VALUE)).whenComplete((snap, err) -> {
                if (err != null) {
                    stream.fail(ReasonCode.ENGINE_UNAVAILABLE, ReasonCode.ENGINE_UNAVAILABLE.message());
                } else {
                    listener.snapshot(snap);
                }
            });
        });
    }

    @Override
    public void streamTrades(StreamTradesRequest req, StreamObserver<Trade> out) {
        EngineAccess.handle(out, () -> {
            Instrument ins = markets.instrument(req.getSymbol());
            BoundedStream<EngineEvent.TradeExecuted, Trade> stream = access.openStream(out, t -> Trade.newBuilder().setTradeId(t.tradeId()).setSymbol(ins.symbol())
                    .setPrice(Markets.price(ins, t.price())).setQuantity(Markets.qty(ins, t.quantity()))
                    .setTakerSide(ProtoCodec.side(t.takerSide())).setTimestampNanos(t.timestamp()).build());
            access.follow(stream, r -> {
                for (EngineEvent e : r.events()) {
                    if (e instanceof EngineEvent.TradeExecuted t && t.instrument() == ins.id()) {
                        stream.offer(t);
                    }
                }
            });
        });
    }

    /** Holds deltas until the snapshot is known, then passes on those after it. */
    private static final class SnapshotThenDeltas implements Consumer<CommandResult> {
        private final int instrument;
        private final BoundedStream<Object, BookUpdate> stream;
        private final int maxHeld;
        private List<EngineEvent.BookDelta> held = new ArrayList<>();
        private long snapshotSequence = -1;

        SnapshotThenDeltas(int instrument, BoundedStream<Object, BookUpdate> stream, int maxHeld) {
            this.instrument = instrument;
            this.stream = stream;
            this.maxHeld = maxHeld;
        }

        @Override
        public void accept(CommandResult r) {
            for (EngineEvent e : r.events()) {
                if (e instanceof EngineEvent.BookDelta d && d.instrument() == instrument) {
                    // held only briefly, during the subscription; the lock is then uncontended
                    synchronized (this) {
                        if (snapshotSequence < 0) {
                            if (held.size() < maxHeld) {
                                held.add(d);
                            } else {
                                stream.fail(ReasonCode.SLOW_CONSUMER, "the book moved too fast while the snapshot was taken; resubscribe");
                            }
                        } else if (d.bookSequence() > snapshotSequence) {
                            stream.offer(d);
                        }
                    }
                }
            }
        }

        synchronized void snapshot(io.hyperindex.gateway.domain.BookSnapshot snap) {
            snapshotSequence = snap.bookSequence();
            stream.offer(snap);
            for (EngineEvent.BookDelta d : held) {
                if (d.bookSequence() > snapshotSequence) {
                    stream.offer(d);
                }
            }
            held = List.of();
        }
    }

    static BookSnapshot snapshot(Instrument ins, io.hyperindex.gateway.domain.BookSnapshot s) {
        MarketViews.Book book = MarketViews.book(ins, s);
        BookSnapshot.Builder b = BookSnapshot.newBuilder().setSymbol(book.symbol()).setBookSequence(book.bookSequence());
        for (MarketViews.Level l : book.bids()) {
            b.addBids(Level.newBuilder().setPrice(l.price()).setQuantity(l.quantity()).setOrders(l.orders()));
        }
        for (MarketViews.Level l : book.asks()) {
            b.addAsks(Level.newBuilder().setPrice(l.price()).setQuantity(l.quantity()).setOrders(l.orders()));
        }
        return b.build();
    }

    private static BookDelta delta(Instrument ins, EngineEvent.BookDelta d) {
        BookDelta.Builder b = BookDelta.newBuilder().setSymbol(ins.symbol()).setBookSequence(d.bookSequence());
        for (EngineEvent.LevelUpdate u : d.levels()) {
            if (u.side() == Side.BUY) {
                b.addBids(level(ins, u.price(), u.quantity(), 0));
            } else {
                b.addAsks(level(ins, u.price(), u.quantity(), 0));
            }
        }
        return b.build();
    }

    private static Level level(Instrument ins, long price, long qty, int orders) {
        return Level.newBuilder().setPrice(Markets.price(ins, price)).setQuantity(Markets.qty(ins, qty)).setOrders(orders).build();
    }
}
