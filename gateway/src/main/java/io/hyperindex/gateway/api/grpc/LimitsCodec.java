package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.api.edge.LimitsView;
import io.hyperindex.gateway.api.edge.Markets;
import io.hyperindex.gateway.proto.v1.InstrumentLimits;
import io.hyperindex.gateway.proto.v1.RiskLimits;

/** Risk limits between the API edge's {@link LimitsView} and their protobuf messages. */
final class LimitsCodec {

    private LimitsCodec() {
    }

    static RiskLimits toProto(Markets markets, io.hyperindex.gateway.domain.RiskLimits l) {
        LimitsView v = LimitsView.of(markets, l);
        RiskLimits.Builder b = RiskLimits.newBuilder().setMaxOpenOrders(v.maxOpenOrders())
                .setMaxOpenOrdersPerInstrument(v.maxOpenOrdersPerInstrument()).setMaxOrderNotional(v.maxOrderNotional())
                .setMaxGrossExposure(v.maxGrossExposure()).setMaxNetExposure(v.maxNetExposure())
                .setDailyLossLimit(v.dailyLossLimit());
        for (LimitsView.InstrumentLimits il : v.instruments()) {
            b.addInstruments(InstrumentLimits.newBuilder().setSymbol(il.symbol()).setMaxOrderQuantity(il.maxOrderQuantity())
                    .setMaxLong(il.maxLong()).setMaxShort(il.maxShort()));
        }
        return b.build();
    }

    static io.hyperindex.gateway.domain.RiskLimits fromProto(Markets markets, RiskLimits p) {
        return new LimitsView(p.getMaxOpenOrders(), p.getMaxOpenOrdersPerInstrument(), p.getMaxOrderNotional(),
                p.getMaxGrossExposure(), p.getMaxNetExposure(), p.getDailyLossLimit(),
                p.getInstrumentsList().stream().map(il -> new LimitsView.InstrumentLimits(il.getSymbol(),
                        il.getMaxOrderQuantity(), il.getMaxLong(), il.getMaxShort())).toList()).toEngine(markets, true);
    }
}
