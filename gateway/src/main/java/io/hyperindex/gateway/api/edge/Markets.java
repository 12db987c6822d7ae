package io.hyperindex.gateway.api.edge;

import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.domain.ReasonCode;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The venue's instruments and accounts as the API names them (symbols, account ids) and the
 * engine numbers them, and the decimal-string conversions of the API edge. Immutable.
 */
public final class Markets {
    /** Longest decimal string accepted: longer is certainly off any grid this venue has. */
    private static final int MAX_DECIMAL_LENGTH = 40;
    private final List<Instrument> instruments;
    private final List<String> accounts;
    private final Map<String, Instrument> bySymbol = new HashMap<>();
    private final Map<String, Integer> accountIds = new HashMap<>();

    public Markets(List<Instrument> instruments, List<String> accounts) {
        this.instruments = List.copyOf(instruments);
        this.accounts = List.copyOf(accounts);
        for (Instrument i : instruments) {
            bySymbol.put(i.symbol(), i);
        }
        for (int a = 0; a < accounts.size(); a++) {
            accountIds.put(accounts.get(a), a);
        }
    }

    public List<Instrument> instruments() {
        return instruments;
    }

    public Instrument instrument(int id) {
        return instruments.get(id);
    }

    public List<String> accounts() {
        return accounts;
    }

    public String accountName(int id) {
        return accounts.get(id);
    }

    /** The instrument with this symbol, or UNKNOWN_INSTRUMENT. */
    public Instrument instrument(String symbol) {
        Instrument i = bySymbol.get(symbol);
        if (i == null) {
            throw new RequestRejected(ReasonCode.UNKNOWN_INSTRUMENT,
                    symbol.isEmpty() ? "symbol is required" : "no instrument " + shortened(symbol));
        }
        return i;
    }

    /** The engine id of an account, or UNKNOWN_ACCOUNT. */
    public int accountId(String account) {
        Integer id = accountIds.get(account);
        if (id == null) {
            throw new RequestRejected(ReasonCode.UNKNOWN_ACCOUNT, "no account " + shortened(account));
        }
        return id;
    }

    /**
     * A decimal string as price units. Not a plain decimal: INVALID_PRICE; finer than the
     * instrument's price unit: PRICE_OFF_TICK (the engine checks the tick itself).
     */
    public static long priceUnits(Instrument ins, String field, String value) {
        BigDecimal d = decimal(field, value, ReasonCode.INVALID_PRICE);
        try {
            return ins.priceUnits(d);
        } catch (ArithmeticException e) {
            if (d.scale() > ins.priceDecimals()) {
                throw new RequestRejected(ReasonCode.PRICE_OFF_TICK, field + " " + value + " is not on the " + ins.symbol()
                        + " tick of " + ins.price(ins.tick()).toPlainString());
            }
            throw new RequestRejected(ReasonCode.INVALID_PRICE, field + " " + value + " is out of range");
        }
    }

    /** A decimal string as quantity units; finer than the quantity unit: QUANTITY_OFF_LOT. */
    public static long qtyUnits(Instrument ins, String field, String value) {
        BigDecimal d = decimal(field, value, ReasonCode.INVALID_QUANTITY);
        try {
            return ins.qtyUnits(d);
        } catch (ArithmeticException e) {
            if (d.scale() > ins.qtyDecimals()) {
                throw new RequestRejected(ReasonCode.QUANTITY_OFF_LOT, field + " " + value + " is not on the " + ins.symbol()
                        + " lot of " + ins.qty(ins.lot()).toPlainString());
            }
            throw new RequestRejected(ReasonCode.INVALID_QUANTITY, field + " " + value + " is out of range");
        }
    }

    /** A USDC decimal string as cash units (10^-8). */
    public static long cashUnits(String field, String value) {
        BigDecimal d = decimal(field, value, ReasonCode.INVALID_REQUEST);
        try {
            return d.movePointRight(Money.CASH_DECIMALS).longValueExact();
        } catch (ArithmeticException e) {
            throw new RequestRejected(ReasonCode.INVALID_REQUEST, field + " " + value + " has more than 8 decimals or is too large");
        }
    }

    /** Plain decimal digits with an optional sign and point: no exponents, no spaces, no NaN. */
    private static BigDecimal decimal(String field, String value, ReasonCode reason) {
        if (value == null || value.isEmpty()) {
            throw new RequestRejected(reason, field + " is required");
        }
        if (value.length() > MAX_DECIMAL_LENGTH || !value.matches("-?[0-9]+(\\.[0-9]+)?")) {
            throw new RequestRejected(reason, field + " \"" + shortened(value) + "\" is not a plain decimal string such as \"95000.1\"");
        }
        return new BigDecimal(value);
    }

    public static String price(Instrument ins, long units) {
        return ins.price(units).toPlainString();
    }

    public static String qty(Instrument ins, long units) {
        return ins.qty(units).toPlainString();
    }

    public static String cash(long cashUnits) {
        return Money.format(cashUnits);
    }

    /** Echoes at most 40 characters of partner input in a message. */
    public static String shortened(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "...";
    }
}
