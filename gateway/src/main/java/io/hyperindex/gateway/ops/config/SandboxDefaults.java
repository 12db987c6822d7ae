package io.hyperindex.gateway.ops.config;

import java.util.List;

/**
 * The configuration the sandbox starts on: the demo instruments (the majors, the venue's
 * own HYPE and its index HIDX), three demo partner firms and the venue's own market maker,
 * and the venue's fee tiers and token incentives (docs/fees.md). The commented file that
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
