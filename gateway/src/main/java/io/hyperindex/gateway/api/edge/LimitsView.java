package io.hyperindex.gateway.api.edge;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.RiskLimits;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An account's risk limits as the APIs carry them: counts (0 = unlimited), USDC and quantity
 * decimal strings ("" = unlimited), per-instrument limits only for instruments that have one.
 * The engine's form uses {@link RiskLimits#UNLIMITED}.
 */
public record LimitsView(long maxOpenOrders, long maxOpenOrdersPerInstrument, String maxOrderNotional,
                         String maxGrossExposure, String maxNetExposure, String dailyLossLimit,
                         List<InstrumentLimits> instruments) {
    private static final long UNLIMITED = RiskLimits.UNLIMITED;

    /** One instrument's limits; quantities as decimal strings, "" = unlimited. */
    public record InstrumentLimits(String symbol, String maxOrderQuantity, String maxLong, String maxShort) {
    }

    public LimitsView {
        instruments = instruments == null ? List.of() : List.copyOf(instruments);
    }

    /** The engine's limits in the API's form. */
    public static LimitsView of(Markets markets, RiskLimits l) {
        List<InstrumentLimits> per = new ArrayList<>();
        for (int i = 0; i < l.maxLong().length; i++) {
            if (l.maxOrderQuantity()[i] == UNLIMITED && l.maxLong()[i] == UNLIMITED && l.maxShort()[i] == UNLIMITED) {
                continue;
            }
            Instrument ins = markets.instrument(i);
            per.add(new InstrumentLimits(ins.symbol(), qty(ins, l.maxOrderQuantity()[i]), qty(ins, l.maxLong()[i]),
                    qty(ins, l.maxShort()[i])));
        }
        return new LimitsView(l.maxOpenOrders() == UNLIMITED ? 0 : l.maxOpenOrders(),
                l.maxOpenOrdersPerInstrument() == UNLIMITED ? 0 : l.maxOpenOrdersPerInstrument(),
                cash(l.maxOrderNotional()), cash(l.maxGrossExposure()), cash(l.maxNetExposure()),
                cash(l.dailyLossLimit()), per);
    }

    /**
     * These limits in the engine's form, or INVALID_REQUEST / UNKNOWN_INSTRUMENT. {@code snake}
     * names fields in messages the protobuf way (max_long) instead of the JSON way (maxLong).
     */
    public RiskLimits toEngine(Markets markets, boolean snake) {
        int n = markets.instruments().size();
        long[] q = new long[n];
        long[] lo = new long[n];
        long[] sh = new long[n];
        Arrays.fill(q, UNLIMITED);
        Arrays.fill(lo, UNLIMITED);
        Arrays.fill(sh, UNLIMITED);
        for (InstrumentLimits il : instruments) {
            if (il == null) {
                throw new RequestRejected(ReasonCode.INVALID_REQUEST, "instruments holds a null entry");
            }
            Instrument ins = markets.instrument(il.symbol() == null ? "" : il.symbol());
            q[ins.id()] = qtyOrUnlimited(ins, name("maxOrderQuantity", snake), il.maxOrderQuantity());
            lo[ins.id()] = qtyOrUnlimited(ins, name("maxLong", snake), il.maxLong());
            sh[ins.id()] = qtyOrUnlimited(ins, name("maxShort", snake), il.maxShort());
        }
        if (maxOpenOrders < 0 || maxOpenOrdersPerInstrument < 0) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, "open order limits are counts (0 = unlimited)");
        }
        try {
            return new RiskLimits(count(maxOpenOrders), count(maxOpenOrdersPerInstrument),
                    cashOrUnlimited(name("maxOrderNotional", snake), maxOrderNotional), q, lo, sh,
                    cashOrUnlimited(name("maxGrossExposure", snake), maxGrossExposure),
                    cashOrUnlimited(name("maxNetExposure", snake), maxNetExposure),
                    cashOrUnlimited(name("dailyLossLimit", snake), dailyLossLimit));
        } catch (IllegalArgumentException e) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, e.getMessage());
        }
    }

    private static String name(String camel, boolean snake) {
        return snake ? camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT) : camel;
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
        return v == null || v.isEmpty() ? UNLIMITED : positive(field, Markets.cashUnits(field, v));
    }

    private static long qtyOrUnlimited(Instrument ins, String field, String v) {
        return v == null || v.isEmpty() ? UNLIMITED : positive(field, Markets.qtyUnits(ins, field, v));
    }

    private static long positive(String field, long v) {
        if (v <= 0) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, field + " must be positive (empty = unlimited)");
        }
        return v;
    }
}
