package io.hyperindex.gateway.ops.config;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration file exactly as written: what Jackson maps the YAML onto, before any
 * checking. Decimals stay strings so that {@link ConfigValidator} can report the text it
 * got. Sections left out of a file keep the defaults set here (the sandbox's values);
 * {@code instruments} and {@code accounts} have no default and must be listed.
 *
 * <p>Every field here is documented, with its default, in docs/configuration.md and in the
 * commented config that {@code generate-config} prints.
 */
@JsonPropertyOrder({"server", "journal", "engine", "fees", "instruments", "risk", "accounts", "venues", "marketMaker"})
public final class ConfigFile {
    public Server server = new Server();
    public Journal journal = new Journal();
    public Engine engine = new Engine();
    public Fees fees = new Fees();
    public List<Instrument> instruments;
    public Risk risk = new Risk();
    public List<Account> accounts;
    /** Remote venues that host some instruments' books (an instrument's {@code venue} names one). */
    public Venues venues = new Venues();
    public MarketMaker marketMaker = new MarketMaker();

    /** Listening sockets and the data directory. */
    @JsonPropertyOrder({"dataDir", "bindAddress", "httpPort", "grpcPort", "fixPort", "operatorKeys"})
    public static final class Server {
        public String dataDir = "./data";
        public String bindAddress = "127.0.0.1";
        public Long httpPort = 8080L;
        public Long grpcPort = 50051L;
        public Long fixPort = 9876L;
        /** The venue operators' Ed25519 keys: they sign Admin requests (docs/configuration.md). */
        public List<ApiKey> operatorKeys;
    }

    /** Durability of the event journal. */
    @JsonPropertyOrder({"fsync", "snapshotEveryCommands", "segmentBytes"})
    public static final class Journal {
        public String fsync = "every-batch";
        public Long snapshotEveryCommands = 1_000_000L;
        public Long segmentBytes = 256L << 20;
    }

    /** The engine thread's inbound ring. */
    public static final class Engine {
        public Long ringSize = 65536L;
    }

    /**
     * Fees, maker rebates and token incentives (docs/fees.md). Rates are decimal basis points
     * of notional, negative = rebate; volumes are decimal USDC.
     */
    @JsonPropertyOrder({"tiers", "volumeWindowDays", "recomputeAtUtc", "instrumentTiers", "negotiated", "incentives"})
    public static final class Fees {
        public List<FeeTier> tiers = new ArrayList<>(List.of(
                tier("base", "0", "-1.0", "3.0"),
                tier("tier1", "1000000", "-2.0", "3.0"),
                tier("tier2", "5000000", "-3.0", "3.0"),
                tier("tier3", "10000000", "-5.0", "3.0")));
        public Long volumeWindowDays = 30L;
        public String recomputeAtUtc = "00:00";
        public List<InstrumentFees> instrumentTiers = new ArrayList<>();
        public List<Negotiated> negotiated = new ArrayList<>();
        public Incentives incentives = new Incentives();

        private static FeeTier tier(String name, String minVolume, String maker, String taker) {
            FeeTier t = new FeeTier();
            t.name = name;
            t.minVolumeUsdc = minVolume;
            t.makerRateBps = maker;
            t.takerRateBps = taker;
            return t;
        }
    }

    /** One volume tier: from {@code minVolumeUsdc} of 30-day volume on, these rates apply. */
    @JsonPropertyOrder({"name", "minVolumeUsdc", "makerRateBps", "takerRateBps"})
    public static final class FeeTier {
        public String name;
        public String minVolumeUsdc;
        public String makerRateBps;
        public String takerRateBps;
    }

    /** An instrument's own rates for each tier (same tier names, in the same order, as fees.tiers). */
    @JsonPropertyOrder({"symbol", "tiers"})
    public static final class InstrumentFees {
        public String symbol;
        public List<TierRates> tiers;
    }

    /** The rates of one named tier. */
    @JsonPropertyOrder({"name", "makerRateBps", "takerRateBps"})
    public static final class TierRates {
        public String name;
        public String makerRateBps;
        public String takerRateBps;
    }

    /** Terms agreed with one account for [from, until): a fixed tier, or both rates. */
    @JsonPropertyOrder({"account", "from", "until", "fixedTier", "makerRateBps", "takerRateBps"})
    public static final class Negotiated {
        public String account;
        public String from;
        public String until;
        public String fixedTier;
        public String makerRateBps;
        public String takerRateBps;
    }

    /** The venue-token incentive programme. */
    @JsonPropertyOrder({"tokensPerMillionUsdc", "cliffMonths", "vestingMonths", "ineligibleAccounts"})
    public static final class Incentives {
        public Long tokensPerMillionUsdc = 1000L;
        public Long cliffMonths = 6L;
        public Long vestingMonths = 18L;
        public List<String> ineligibleAccounts = new ArrayList<>();
    }

    /** One tradable instrument; every size and price is a decimal string in USDC or base units. */
    @JsonPropertyOrder({"symbol", "tickSize", "lotSize", "minNotional", "maxOrderQty", "priceBandPercent",
            "marketProtectionPercent", "referencePrice", "venue", "venueCoin"})
    public static final class Instrument {
        public String symbol;
        public String tickSize;
        public String lotSize;
        public String minNotional;
        public String maxOrderQty;
        public String priceBandPercent;
        public String marketProtectionPercent;
        public String referencePrice;
        /** Where the book is: "local" (the embedded book, default) or "hyperliquid" (routed: docs/hyperliquid.md). */
        public String venue = "local";
        /** The coin the instrument trades as on the remote venue; default: the symbol without "-USDC". */
        public String venueCoin;
    }

    /** Remote venues. */
    public static final class Venues {
        /** The Hyperliquid venue; needed when an instrument has {@code venue: hyperliquid}. */
        public Hyperliquid hyperliquid;
    }

    /** The Hyperliquid venue adapter (docs/hyperliquid.md, "Routing to Hyperliquid"). */
    @JsonPropertyOrder({"baseUrl", "keyFile", "testnetSignatures", "user", "subAccounts", "deadManSeconds",
            "deadManRenewSeconds", "ipWeightPerMinute", "addressRequestBuffer"})
    public static final class Hyperliquid {
        /** https://api.hyperliquid.xyz, https://api.hyperliquid-testnet.xyz, or a compatible endpoint (http://HOST:PORT/hl). */
        public String baseUrl;
        /** File with the API wallet's private key (0x + 64 hex digits), readable by its owner only. */
        public String keyFile;
        /** Sign with the testnet phantom agent ("b"); default: true unless baseUrl is Hyperliquid's mainnet. */
        public Boolean testnetSignatures;
        /** The master account's address whose orders and fills are read; default: the API wallet's address. */
        public String user;
        /** Accounts whose orders are sent for a sub-account (vaultAddress). */
        public List<SubAccount> subAccounts = new ArrayList<>();
        public Long deadManSeconds = 60L;
        public Long deadManRenewSeconds = 15L;
        public Long ipWeightPerMinute = 1200L;
        public Long addressRequestBuffer = 10_000L;
    }

    /** An account's orders go to this Hyperliquid sub-account. */
    @JsonPropertyOrder({"account", "address"})
    public static final class SubAccount {
        public String account;
        public String address;
    }

    /**
     * Risk controls (docs/risk.md): circuit breakers for every instrument, and the pre-trade
     * limits every account gets unless its own {@link Account#limits} override them. Left out,
     * the venue's circuit-breaker table applies and accounts have no limits.
     */
    @JsonPropertyOrder({"circuitBreakers", "defaultLimits", "alertWebhook"})
    public static final class Risk {
        /** Where risk alerts are POSTed as JSON (http or https URL); absent = counters only. */
        public String alertWebhook;
        public List<CircuitBreaker> circuitBreakers = new ArrayList<>(List.of(
                breaker("1", "1m", "alert", "5m"),
                breaker("3", "5m", "halt", "15m")));
        public Limits defaultLimits = new Limits();

        private static CircuitBreaker breaker(String movePercent, String window, String action, String cooldown) {
            CircuitBreaker b = new CircuitBreaker();
            b.movePercent = movePercent;
            b.window = window;
            b.action = action;
            b.cooldown = cooldown;
            return b;
        }
    }

    /**
     * A circuit breaker applied to every instrument: when trade prices within {@code window}
     * span more than {@code movePercent}, take {@code action} (alert or halt), then rest for
     * {@code cooldown}. Durations are a whole number and a unit: ms, s, m or h ("90s", "5m").
     */
    @JsonPropertyOrder({"movePercent", "window", "action", "cooldown"})
    public static final class CircuitBreaker {
        public String movePercent;
        public String window;
        public String action;
        public String cooldown;
    }

    /**
     * Pre-trade limits. Every field is optional; the word {@code unlimited} switches a limit
     * off. In {@code risk.defaultLimits} a field left out is unlimited; in an account's
     * {@code limits} a field left out takes the default's value, field by field (down to each
     * instrument's three quantities). Counts are whole numbers, money decimal USDC.
     */
    @JsonPropertyOrder({"maxOpenOrders", "maxOpenOrdersPerInstrument", "maxOrderNotionalUsdc", "maxGrossExposureUsdc",
            "maxNetExposureUsdc", "dailyLossLimitUsdc", "instruments"})
    public static final class Limits {
        public String maxOpenOrders;
        public String maxOpenOrdersPerInstrument;
        public String maxOrderNotionalUsdc;
        public String maxGrossExposureUsdc;
        public String maxNetExposureUsdc;
        public String dailyLossLimitUsdc;
        public Map<String, InstrumentLimits> instruments = new LinkedHashMap<>();
    }

    /** Per-instrument quantity limits, decimal quantities in the instrument's base asset. */
    @JsonPropertyOrder({"maxOrderQuantity", "maxLong", "maxShort"})
    public static final class InstrumentLimits {
        public String maxOrderQuantity;
        public String maxLong;
        public String maxShort;
    }

    /** A trading account (a partner firm's, or the venue's own market maker's). */
    @JsonPropertyOrder({"id", "displayName", "fixSessions", "apiKeys", "hlAgentAddresses", "hlSubAccount", "limits"})
    public static final class Account {
        public String id;
        public String displayName;
        public List<FixSession> fixSessions = new ArrayList<>();
        public List<ApiKey> apiKeys = new ArrayList<>();
        public List<String> hlAgentAddresses = new ArrayList<>();
        /** Set when the account trades as a sub-account (vaultAddress) of another on /hl. */
        public HlSubAccount hlSubAccount;
        /** This account's own limits, each overriding the same field of risk.defaultLimits. */
        public Limits limits = new Limits();
    }

    /** A sub-account on the Hyperliquid-compatible API: its address, and the account whose agents trade it. */
    @JsonPropertyOrder({"address", "master"})
    public static final class HlSubAccount {
        public String address;
        public String master;
    }

    /** A FIX session the account may log on with, seen from the partner's side. */
    @JsonPropertyOrder({"senderCompId", "targetCompId"})
    public static final class FixSession {
        public String senderCompId;
        public String targetCompId = "HYPERINDEX";
    }

    /** An Ed25519 public key the account signs API requests with. */
    @JsonPropertyOrder({"keyId", "ed25519PublicKeyHex"})
    public static final class ApiKey {
        public String keyId;
        public String ed25519PublicKeyHex;
        /** For an account's key: {@code read} and/or {@code trade}; both when left out. */
        public List<String> scopes;
    }

    /**
     * The venue's reference GLFT market maker (docs/market-maker.md). It quotes, through the
     * engine, on every instrument listed under {@code instruments} while {@code enabled}. Knob
     * values are the market maker's parameters by name; {@code defaults} overrides the built-in
     * defaults for every instrument, an instrument's own map overrides those for it.
     */
    @JsonPropertyOrder({"enabled", "account", "defaults", "instruments"})
    public static final class MarketMaker {
        public Boolean enabled = false;
        public String account = "venue-mm";
        public Map<String, String> defaults = new Knobs();
        public Map<String, Knobs> instruments = new LinkedHashMap<>();
    }

    /** Market-maker knob name -> value, as written (docs/market-maker.md lists every knob). */
    public static final class Knobs extends LinkedHashMap<String, String> {
        public Knobs() {
        }

        public Knobs(Map<String, String> m) {
            super(m);
        }
    }
}
