package io.hyperindex.gateway.api.fix;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.OrderFlags;
import io.hyperindex.gateway.domain.OrderType;
import io.hyperindex.gateway.domain.ReasonCode;
import io.hyperindex.gateway.domain.Side;
import io.hyperindex.gateway.domain.TimeInForce;
import quickfix.FieldMap;
import quickfix.FieldNotFound;
import quickfix.field.ExecInst;
import quickfix.field.OrdType;
import quickfix.field.OrderQty;
import quickfix.field.Price;
import quickfix.field.Symbol;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the order fields of FIX messages into the engine's terms: symbol to instrument id,
 * decimal price and quantity to fixed-point units, ExecInst and the MMP tag to order flags.
 * A field the engine cannot take is refused with the reason code a partner would get from the
 * engine for the same mistake.
 */
final class OrderDecoder {

    /** A field refused with a reason code. */
    static final class Refused extends Exception {
        final transient ReasonCode reason;

        Refused(ReasonCode reason) {
            super(reason.name(), null, false, false);
            this.reason = reason;
        }
    }

    private final List<Instrument> instruments;
    private final Map<String, Instrument> bySymbol = new HashMap<>();

    OrderDecoder(List<Instrument> instruments) {
        this.instruments = instruments;
        instruments.forEach(i -> bySymbol.put(i.symbol(), i));
    }

    /** The instrument of Symbol(55), or -1 if there is none by that name. */
    int instrumentOf(FieldMap m) {
        Instrument i = m.isSetField(Symbol.FIELD) ? bySymbol.get(getString(m, Symbol.FIELD)) : null;
        return i == null ? -1 : i.id();
    }

    Instrument instrument(int id) {
        return instruments.get(id);
    }

    /** Side(54): 1 = buy, 2 = sell; anything else is null. */
    static Side sideOf(FieldMap m) {
        String s = m.isSetField(quickfix.field.Side.FIELD) ? getString(m, quickfix.field.Side.FIELD) : "";
        return switch (s) {
            case "1" -> Side.BUY;
            case "2" -> Side.SELL;
            default -> null;
        };
    }

    /** OrdType(40): 1 = market, 2 = limit. */
    static OrderType typeOf(FieldMap m) throws Refused {
        String s = m.isSetField(OrdType.FIELD) ? getString(m, OrdType.FIELD) : "2";
        return switch (s) {
            case "1" -> OrderType.MARKET;
            case "2" -> OrderType.LIMIT;
            default -> throw new Refused(ReasonCode.INVALID_ORDER);
        };
    }

    /** TimeInForce(59): 1 = GTC (the default for limit orders), 3 = IOC (the default for market orders), 4 = FOK. */
    static TimeInForce timeInForceOf(FieldMap m, OrderType type) throws Refused {
        if (!m.isSetField(quickfix.field.TimeInForce.FIELD)) {
            return type == OrderType.MARKET ? TimeInForce.IOC : TimeInForce.GTC;
        }
        return switch (getString(m, quickfix.field.TimeInForce.FIELD)) {
            case "1" -> TimeInForce.GTC;
            case "3" -> TimeInForce.IOC;
            case "4" -> TimeInForce.FOK;
            default -> throw new Refused(ReasonCode.INVALID_ORDER);
        };
    }

    /** ExecInst(18) (6 = post-only, E = reduce-only, space separated) and MmpOrder(9010)=Y as order flags. */
    static int flagsOf(FieldMap m) throws Refused {
        int flags = 0;
        if (m.isSetField(ExecInst.FIELD)) {
            for (String v : getString(m, ExecInst.FIELD).trim().split(" +")) {
                switch (v) {
                    case "6" -> flags |= OrderFlags.POST_ONLY;
                    case "E" -> flags |= OrderFlags.REDUCE_ONLY;
                    default -> throw new Refused(ReasonCode.INVALID_ORDER);
                }
            }
        }
        if (m.isSetField(FixTags.MMP_ORDER) && "Y".equals(getString(m, FixTags.MMP_ORDER))) {
            flags |= OrderFlags.MMP;
        }
        return flags;
    }

    /** Price(44) in price units, or -1 if absent. */
    static long priceOf(FieldMap m, Instrument ins) throws Refused {
        if (!m.isSetField(Price.FIELD)) {
            return -1;
        }
        BigDecimal d = decimal(m, Price.FIELD, ReasonCode.INVALID_PRICE);
        if (d.signum() <= 0) {
            throw new Refused(ReasonCode.INVALID_PRICE);
        }
        try {
            return ins.priceUnits(d);
        } catch (ArithmeticException e) { // finer than a price unit, or beyond a long
            throw new Refused(d.scale() > ins.priceDecimals() ? ReasonCode.PRICE_OFF_TICK : ReasonCode.PRICE_OUTSIDE_BAND);
        }
    }

    /** OrderQty(38) in quantity units, or -1 if absent. */
    static long quantityOf(FieldMap m, Instrument ins) throws Refused {
        if (!m.isSetField(OrderQty.FIELD)) {
            return -1;
        }
        BigDecimal d = decimal(m, OrderQty.FIELD, ReasonCode.INVALID_QUANTITY);
        if (d.signum() <= 0) {
            throw new Refused(ReasonCode.INVALID_QUANTITY);
        }
        try {
            return ins.qtyUnits(d);
        } catch (ArithmeticException e) {
            throw new Refused(d.stripTrailingZeros().scale() > ins.qtyDecimals() ? ReasonCode.QUANTITY_OFF_LOT
                    : ReasonCode.QUANTITY_TOO_LARGE);
        }
    }

    private static BigDecimal decimal(FieldMap m, int tag, ReasonCode bad) throws Refused {
        try {
            return new BigDecimal(getString(m, tag)).stripTrailingZeros();
        } catch (NumberFormatException e) {
            throw new Refused(bad);
        }
    }

    /** A field's text; only called for fields known to be set. */
    static String getString(FieldMap m, int tag) {
        try {
            return m.getString(tag);
        } catch (FieldNotFound e) {
            throw new IllegalStateException("field " + tag + " vanished", e);
        }
    }

    /** A field's text, or null if absent. */
    static String optional(FieldMap m, int tag) {
        return m.isSetField(tag) ? getString(m, tag) : null;
    }
}
