package io.hyperindex.gateway.ops.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration the sandbox starts on: the demo instruments (the majors, the venue's
 * own HYPE and its index HIDX), three demo partner firms and the venue's own market maker,
 * the venue's fee tiers and token incentives (docs/fees.md), the venue's circuit breakers,
 * demo risk limits for the partners (positions of about $5M per instrument at its reference
 * price) and wider ones for the venue's market maker (docs/risk.md), and the reference GLFT
 * market maker quoting every instrument on the venue-mm account from the start (docs/market-maker.md:
 * no warm-up, since a fresh sandbox has no trades to learn from). The commented file that
 * {@code generate-config} prints must parse to exactly this.
 */
public final class SandboxDefaults {
    /** The gateway's FIX CompID as partners address it. */
    public static final String GATEWAY_COMP_ID = "HYPERINDEX";

    private SandboxDefaults() {
    }

    /** The sandbox configuration as a file would spell it. */
    public static ConfigFile file() {
        ConfigFile f = new ConfigFile();
        f.instruments = List.of(
                instrument("BTC-USDC", "0.1", "0.0001", "100", "95000"),
                instrument("ETH-USDC", "0.01", "0.001", "2000", "3500"),
                instrument("HYPE-USDC", "0.001", "0.01", "100000", "30"),
                instrument("HIDX-USDC", "0.0001", "0.1", "1000000", "1.25"));
        f.accounts = List.of(
                account("mm-alpha", "Alpha Market Making (demo partner)", "MM-ALPHA"),
                account("mm-bravo", "Bravo Liquidity (demo partner)", "MM-BRAVO"),
                account("mm-charlie", "Charlie Capital (demo partner)", "MM-CHARLIE"),
                account("venue-mm", "HyperIndex venue market maker", "VENUE-MM"));
        f.fees.incentives.ineligibleAccounts = List.of("venue-mm"); // the venue pays itself no tokens
        // risk.circuitBreakers keeps the venue's table, ConfigFile's default
        f.risk.defaultLimits = limits("1000", "200", "1000000", "20000000", "10000000", "50000", f.instruments,
                // per instrument, in list order: maxOrderQuantity, maxLong, maxShort (~$1M, ~$5M, ~$5M)
                instrumentLimits("10", "50", "50"),
                instrumentLimits("250", "1400", "1400"),
                instrumentLimits("30000", "160000", "160000"),
                instrumentLimits("800000", "4000000", "4000000"));
        f.accounts.get(3).limits = limits("4000", "1000", "2000000", "40000000", "20000000", "250000", f.instruments,
                instrumentLimits("20", "100", "100"),
                instrumentLimits("500", "2800", "2800"),
                instrumentLimits("60000", "330000", "330000"),
                instrumentLimits("1000000", "8000000", "8000000"));
        f.marketMaker.enabled = true;
        f.marketMaker.account = "venue-mm";
        for (ConfigFile.Instrument i : f.instruments) {
            f.marketMaker.instruments.put(i.symbol, new ConfigFile.Knobs(Map.of("warmupTrades", "0")));
        }
        return f;
    }

    /** The sandbox configuration, checked. */
    public static GatewayConfig config() {
        try {
            return ConfigValidator.validate(file());
        } catch (InvalidConfigException e) {
            throw new IllegalStateException("the built-in sandbox defaults are invalid:\n" + e.getMessage(), e);
        }
    }

    private static ConfigFile.Instrument instrument(String symbol, String tick, String lot, String maxQty, String ref) {
        ConfigFile.Instrument i = new ConfigFile.Instrument();
        i.symbol = symbol;
        i.tickSize = tick;
        i.lotSize = lot;
        i.minNotional = "10";
        i.maxOrderQty = maxQty;
        i.priceBandPercent = "10";
        i.marketProtectionPercent = "2";
        i.referencePrice = ref;
        return i;
    }

    private static ConfigFile.Limits limits(String openOrders, String openOrdersPerInstrument, String orderNotional,
                                            String gross, String net, String dailyLoss,
                                            List<ConfigFile.Instrument> instruments,
                                            ConfigFile.InstrumentLimits... perInstrument) {
        ConfigFile.Limits l = new ConfigFile.Limits();
        l.maxOpenOrders = openOrders;
        l.maxOpenOrdersPerInstrument = openOrdersPerInstrument;
        l.maxOrderNotionalUsdc = orderNotional;
        l.maxGrossExposureUsdc = gross;
        l.maxNetExposureUsdc = net;
        l.dailyLossLimitUsdc = dailyLoss;
        Map<String, ConfigFile.InstrumentLimits> m = new LinkedHashMap<>();
        for (int i = 0; i < perInstrument.length; i++) {
            m.put(instruments.get(i).symbol, perInstrument[i]);
        }
        l.instruments = m;
        return l;
    }

    private static ConfigFile.InstrumentLimits instrumentLimits(String maxOrderQuantity, String maxLong, String maxShort) {
        ConfigFile.InstrumentLimits i = new ConfigFile.InstrumentLimits();
        i.maxOrderQuantity = maxOrderQuantity;
        i.maxLong = maxLong;
        i.maxShort = maxShort;
        return i;
    }

    private static ConfigFile.Account account(String id, String displayName, String senderCompId) {
        ConfigFile.Account a = new ConfigFile.Account();
        a.id = id;
        a.displayName = displayName;
        ConfigFile.FixSession s = new ConfigFile.FixSession();
        s.senderCompId = senderCompId;
        s.targetCompId = GATEWAY_COMP_ID;
        a.fixSessions = List.of(s);
        return a;
    }
}
