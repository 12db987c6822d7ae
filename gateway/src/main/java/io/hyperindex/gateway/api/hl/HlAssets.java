package io.hyperindex.gateway.api.hl;

import io.hyperindex.gateway.domain.Instrument;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The venue's instruments as Hyperliquid names them: perp asset index = the instrument's id
 * (its place in {@code meta.universe}), coin = the symbol without its "-USDC" quote, and
 * szDecimals = the decimals of the lot size. Converts Hyperliquid's decimal strings to the
 * engine's fixed-point units and back.
 */
final class HlAssets {
    private final List<Instrument> instruments;
    private final Map<String, Instrument> byCoin = new HashMap<>();
    private final int[] szDecimals;

    HlAssets(List<Instrument> instruments) {
        this.instruments = List.copyOf(instruments);
        this.szDecimals = new int[instruments.size()];
        for (Instrument i : instruments) {
            byCoin.put(coin(i), i);
            szDecimals[i.id()] = i.qty(i.lot()).stripTrailingZeros().scale();
        }
    }

    static String coin(Instrument i) {
        String s = i.symbol();
        return s.endsWith("-USDC") ? s.substring(0, s.length() - 5) : s;
    }

    List<Instrument> all() {
        return instruments;
    }

    /** The instrument of a perp asset index, or null. */
    Instrument byAsset(long asset) {
        return asset >= 0 && asset < instruments.size() ? instruments.get((int) asset) : null;
    }

    /** The instrument of a coin name ("BTC"), or null. */
    Instrument byCoin(String coin) {
        return coin == null ? null : byCoin.get(coin);
    }

    int szDecimals(Instrument i) {
        return Math.max(0, szDecimals[i.id()]);
    }

    /** A price in the wire form Hyperliquid uses ("95000.1", "30"). */
    static String px(Instrument i, long units) {
        return wire(i.price(units));
    }

    static String sz(Instrument i, long units) {
        return wire(i.qty(units));
    }

    static String wire(BigDecimal v) {
        return io.hyperindex.gateway.venue.hyperliquid.WireNumbers.toWire(v);
    }
}
