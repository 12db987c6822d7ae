package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.api.edge.RequestRejected;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.mm.MarketMaker;
import io.hyperindex.gateway.mm.MmStatus;
import io.hyperindex.gateway.proto.v1.MarketMakerQuote;
import io.hyperindex.gateway.proto.v1.MarketMakerStatusResponse;
import io.hyperindex.gateway.proto.v1.MarketMakerSymbolStatus;
import io.grpc.stub.StreamObserver;

import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/** The reference market maker's status on the wire, and the checks its RPCs share. */
final class MarketMakerCodec {
    private MarketMakerCodec() {
    }

    /** The running market maker, or INVALID_REQUEST when this gateway runs none. */
    static MarketMaker require(Supplier<MarketMaker> mm) {
        MarketMaker m = mm.get();
        if (m == null) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "this gateway runs no market maker");
        }
        return m;
    }

    /** A symbol the market maker quotes, or INVALID_REQUEST naming the ones it does. */
    static String symbol(MarketMaker m, String symbol) {
        if (!m.symbols().contains(symbol)) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "the market maker does not quote "
                    + Markets.shortened(symbol) + "; it quotes " + String.join(", ", m.symbols()));
        }
        return symbol;
    }

    /** Answers with the fresh status of {@code symbols} once {@code change} completed; a bad change is INVALID_REQUEST. */
    static void answerAfter(CompletableFuture<?> change, MarketMaker m, List<String> symbols,
                            StreamObserver<MarketMakerStatusResponse> out) {
        change.thenCompose(x -> m.freshStatus()).whenComplete((all, err) -> EngineAccess.respond(out, () -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                throw new RequestRejected(cause instanceof IllegalArgumentException ? ReasonCode.INVALID_REQUEST
                        : ReasonCode.ENGINE_UNAVAILABLE, cause.getMessage());
            }
            return response(all, symbols);
        }));
    }

    static MarketMakerStatusResponse response(List<MmStatus> all, List<String> symbols) {
        MarketMakerStatusResponse.Builder b = MarketMakerStatusResponse.newBuilder();
        for (MmStatus s : all) {
            if (symbols.contains(s.symbol())) {
                b.addSymbols(toProto(s));
            }
        }
        return b.build();
    }

    static MarketMakerSymbolStatus toProto(MmStatus s) {
        MarketMakerSymbolStatus.Builder b = MarketMakerSymbolStatus.newBuilder().setSymbol(s.symbol())
                .setState(s.state().name()).setReason(s.reason()).setSigma(s.sigma()).setSigmaEwma(s.sigmaEwma())
                .setSigmaBipower(s.sigmaBipower()).setJumpRatio(s.jumpRatio()).setA(s.a()).setKPerBp(s.kPerBp())
                .setFitted(s.fitted()).setFair(s.fair()).setSpreadBps(s.spreadBps()).setHalfSpreadBps(s.halfSpreadBps())
                .setPosition(s.position()).setInventoryLots(s.inventoryLots()).setDailyPnlUsdc(s.dailyPnlUsd())
                .setTotalPnlUsdc(s.totalPnlUsd()).setTradesSeen(s.tradesSeen()).setFills(s.fills())
                .setAdverseSelection1SBps(s.adverseSelection1sBps()).setAdverseSelection10SBps(s.adverseSelection10sBps())
                .putAllParams(s.params());
        for (double[] q : s.bids()) {
            b.addBids(quote(q));
        }
        for (double[] q : s.asks()) {
            b.addAsks(quote(q));
        }
        return b.build();
    }

    private static MarketMakerQuote quote(double[] q) {
        return MarketMakerQuote.newBuilder().setPrice(BigDecimal.valueOf(q[0]).stripTrailingZeros().toPlainString())
                .setSize(BigDecimal.valueOf(q[1]).stripTrailingZeros().toPlainString()).build();
    }
}
