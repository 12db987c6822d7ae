package io.hyperindex.gateway.api.grpc;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.proto.v1.InstrumentLimits;
import io.hyperindex.gateway.proto.v1.RiskLimits;

import java.util.Arrays;

/** Risk limits between the engine's units ({@code UNLIMITED} = Long.MAX_VALUE) and the API's ("" or 0 = unlimited). */
final class LimitsCodec {
    private static final long UNLIMITED = io.hyperindex.gateway.domain.RiskLimits.UNLIMITED;

    private LimitsCodec() {
    }

    static RiskLimits toProto(Markets markets, io.hyperindex.gateway.domain.RiskLimits l) {
        RiskLimits.Builder b = RiskLimits.newBuilder()
                .setMaxOpenOrders(l.maxOpenOrders() == UNLIMITED ? 0 : l.maxOpenOrders())
                .setMaxOpenOrdersPerInstrument(l.maxOpenOrdersPerInstrument() == UNLIMITED ? 0 : l.maxOpenOrdersPerInstrument())
                .setMaxOrderNotional(cash(l.maxOrderNotional())).setMaxGrossExposure(cash(l.maxGrossExposure()))
                .setMaxNetExposure(cash(l.maxNetExposure())).setDailyLossLimit(cash(l.dailyLossLimit()));
        for (int i = 0; i < l.maxLong().length; i++) {
            if (l.maxOrderQuantity()[i] == UNLIMITED && l.maxLong()[i] == UNLIMITED && l.maxShort()[i] == UNLIMITED) {
                continue;
            }
            Instrument ins = markets.instrument(i);
            b.addInstruments(InstrumentLimits.newBuilder().setSymbol(ins.symbol())
                    .setMaxOrderQuantity(qty(ins, l.maxOrderQuantity()[i])).setMaxLong(qty(ins, l.maxLong()[i]))
                    .setMaxShort(qty(ins, l.maxShort()[i])));
        }
        return b.build();
    }

    static io.hyperindex.gateway.domain.RiskLimits fromProto(Markets markets, RiskLimits p) {
        int n = markets.instruments().size();
        long[] q = new long[n];
        long[] lo = new long[n];
        long[] sh = new long[n];
        Arrays.fill(q, UNLIMITED);
        Arrays.fill(lo, UNLIMITED);
        Arrays.fill(sh, UNLIMITED);
        for (InstrumentLimits il : p.getInstrumentsList()) {
            Instrument ins = markets.instrument(il.getSymbol());
            q[ins.id()] = qtyOrUnlimited(ins, "max_order_quantity", il.getMaxOrderQuantity());
            lo[ins.id()] = qtyOrUnlimited(ins, "max_long", il.getMaxLong());
            sh[ins.id()] = qtyOrUnlimited(ins, "max_short", il.getMaxShort());
        }
        try {
            return new io.hyperindex.gateway.domain.RiskLimits(count(p.getMaxOpenOrders()),
                    count(p.getMaxOpenOrdersPerInstrument()), cashOrUnlimited("max_order_notional", p.getMaxOrderNotional()),
                    q, lo, sh, cashOrUnlimited("max_gross_exposure", p.getMaxGrossExposure()),
                    cashOrUnlimited("max_net_exposure", p.getMaxNetExposure()),
                    cashOrUnlimited("daily_loss_limit", p.getDailyLossLimit()));
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, e.getMessage());
        }
    }

    private static long count(long v) {
        return v == 0 ? UNLIMITED : v;
    }

    private static String cash(long v) {
        return v == UNLIMITED ? "" : Markets.cash(v);
    }

    private static String qty(Instrument ins, long v) {
        return v == UNLIMITED ? "" : Markets.qty(ins, v);
    }

    private static long cashOrUnlimited(String field, String v) {
        return v.isEmpty() ? UNLIMITED : positive(field, Markets.cashUnits(field, v));
    }

    private static long qtyOrUnlimited(Instrument ins, String field, String v) {
        return v.isEmpty() ? UNLIMITED : positive(field, Markets.qtyUnits(ins, field, v));
    }

    private static long positive(String field, long v) {
        if (v <= 0) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, field + " must be positive (empty = unlimited)");
        }
        return v;
    }
}
