package io.hyperindex.gateway.ops.config;

import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.auth.HlAgentKey;
import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.domain.CircuitBreakerRule;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.Money;
import io.hyperindex.gateway.domain.RiskLimits;
import io.hyperindex.gateway.fees.FeeTier;
import io.hyperindex.gateway.fees.IncentivePlan;
import io.hyperindex.gateway.fees.NegotiatedTerms;
import io.hyperindex.gateway.journal.FsyncPolicy;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a {@link ConfigFile} field by field and converts it to a {@link GatewayConfig} in
 * engine units. It reports every problem it finds, each naming its field and the value it
 * got, so an operator can fix a file in one pass.
 */
public final class ConfigValidator {
    /** Limits the engine and the journal can live with; documented in docs/configuration.md. */
    static final long MIN_SEGMENT_BYTES = 1L << 20;
    static final long MAX_SEGMENT_BYTES = 1L << 40;
    static final long MIN_RING_SIZE = 64;
    static final long MAX_RING_SIZE = 1L << 24;
    /** Fee rates beyond 1% of notional are a typo, not a fee. */
    static final BigDecimal MAX_ABS_RATE_BPS = BigDecimal.valueOf(100);
    /** Longest circuit-breaker window or cooldown. */
    static final long MAX_DURATION_MILLIS = 24L * 3_600_000L;
    /** The word that switches a limit off. */
    static final String UNLIMITED = "unlimited";

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{1,20}-USDC");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern COMP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern HOSTNAME = Pattern.compile(
            "(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern TIER_NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h)");
    private static final Object NOTHING = new Object();

    /** The whole-number and USDC limits of {@link ConfigFile.Limits}, in {@link RiskLimits} terms. */
    private static final String[] SCALAR_LIMITS = {"maxOpenOrders", "maxOpenOrdersPerInstrument", "maxOrderNotionalUsdc",
            "maxGrossExposureUsdc", "maxNetExposureUsdc", "dailyLossLimitUsdc"};
    private static final String[] INSTRUMENT_LIMITS = {"maxOrderQuantity", "maxLong", "maxShort"};

    private final List<String> problems = new ArrayList<>();

    private ConfigValidator() {
    }

    /** The checked config, or an exception listing every problem. */
    public static GatewayConfig validate(ConfigFile file) throws InvalidConfigException {
        ConfigValidator v = new ConfigValidator();
        GatewayConfig config = v.check(file);
        if (!v.problems.isEmpty()) {
            throw new InvalidConfigException(v.problems);
        }
        return config;
    }

    /** Every public key seen so far (operators' and accounts'), with where it was first given. */
    private final Map<String, String> seenKeys = new HashMap<>();
    private boolean operatorKeysConfigured;

    private GatewayConfig check(ConfigFile f) {
        GatewayConfig.Server server = f.server == null ? section("server") : server(f.server);
        GatewayConfig.Journal journal = f.journal == null ? section("journal") : journal(f.journal);
        GatewayConfig.EngineSettings engine = f.engine == null ? section("engine") : engine(f.engine);
        GatewayConfig.Fees fees = f.fees == null ? section("fees") : fees(f.fees, rawSymbols(f), rawAccountIds(f));
        List<Instrument> instruments = instruments(f.instruments);
        Set<String> symbols = rawSymbols(f);
        List<CircuitBreakerRule> breakers = null;
        java.net.URI webhook = null;
        LimitSpec defaults = null;
        if (f.risk == null) {
            section("risk");
        } else {
            breakers = circuitBreakers(f.risk.circuitBreakers);
            webhook = webhook(f.risk.alertWebhook);
            defaults = f.risk.defaultLimits == null ? section("risk.defaultLimits")
                    : limits("risk.defaultLimits", f.risk.defaultLimits, instruments, symbols);
        }
        Map<String, LimitSpec> ownLimits = new LinkedHashMap<>();
        List<GatewayConfig.Account> accounts = accounts(f.accounts, instruments, symbols, ownLimits);
        GatewayConfig.Venues venues = venues(f, instruments, rawAccountIds(f));
        GatewayConfig.MarketMaker mm = f.marketMaker == null ? section("marketMaker")
                : marketMaker(f.marketMaker, symbols, rawAccountIds(f));
        if (!problems.isEmpty()) {
            return null;
        }
        Map<String, RiskLimits> limits = new LinkedHashMap<>();
        for (GatewayConfig.Account a : accounts) {
            limits.put(a.id(), merge(defaults, ownLimits.get(a.id()), instruments.size()));
        }
        return new GatewayConfig(server, journal, engine, fees, instruments,
                new GatewayConfig.Risk(breakers, limits, webhook), accounts, venues, mm);
    }

    // ---------------------------------------------------------------- venues

    private GatewayConfig.Venues venues(ConfigFile f, List<Instrument> instruments, Set<String> accountIds) {
        Map<Integer, String> routed = new LinkedHashMap<>();
        List<ConfigFile.Instrument> raw = f.instruments == null ? List.of() : f.instruments;
        for (int i = 0; i < raw.size(); i++) {
            ConfigFile.Instrument in = raw.get(i);
            String venue = in == null || in.venue == null ? "local" : in.venue;
            if (venue.equals("hyperliquid")) {
                String coin = in.venueCoin != null ? in.venueCoin
                        : in.symbol != null && in.symbol.endsWith("-USDC") ? in.symbol.substring(0, in.symbol.length() - 5)
                        : in.symbol;
                if (coin == null || !coin.matches("[A-Za-z0-9@:_-]{1,32}")) {
                    problem("instruments[" + i + "].venueCoin", "must be the coin's name on Hyperliquid (1-32 letters or digits)", coin);
                }
                routed.put(i, coin);
            } else if (!venue.equals("local")) {
                problem("instruments[" + i + "].venue", "must be local or hyperliquid", venue);
            }
        }
        ConfigFile.Hyperliquid h = f.venues == null ? null : f.venues.hyperliquid;
        if (h == null) {
            if (!routed.isEmpty()) {
                problem("venues.hyperliquid", "is needed: an instrument has venue hyperliquid", NOTHING);
            }
            return new GatewayConfig.Venues(null, routed);
        }
        java.net.URI base = null;
        try {
            base = h.baseUrl == null ? null : new java.net.URI(h.baseUrl.trim());
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        if (base == null || base.getScheme() == null || !(base.getScheme().equals("http") || base.getScheme().equals("https"))
                || base.getHost() == null) {
            problem("venues.hyperliquid.baseUrl", "must be an http or https URL (e.g. https://api.hyperliquid.xyz)", h.baseUrl);
        }
        if (h.keyFile == null || h.keyFile.isBlank()) {
            problem("venues.hyperliquid.keyFile", "must name the API wallet's key file", h.keyFile);
        }
        if (h.user != null && !HlAgentKey.isAddress(h.user)) {
            problem("venues.hyperliquid.user", "must be an address: 0x and 40 hex digits", h.user);
        }
        Map<String, String> subs = new LinkedHashMap<>();
        for (int j = 0; h.subAccounts != null && j < h.subAccounts.size(); j++) {
            ConfigFile.SubAccount sa = h.subAccounts.get(j);
            String q = "venues.hyperliquid.subAccounts[" + j + "]";
            if (sa == null || sa.account == null || !accountIds.contains(sa.account)) {
                problem(q + ".account", "must be one of the configured accounts", sa == null ? null : sa.account);
            } else if (!HlAgentKey.isAddress(sa.address)) {
                problem(q + ".address", "must be an address: 0x and 40 hex digits", sa.address);
            } else if (subs.put(sa.account, sa.address.toLowerCase()) != null) {
                problem(q + ".account", "appears twice", sa.account);
            }
        }
        long deadMan = h.deadManSeconds == null ? 60 : h.deadManSeconds;
        long renew = h.deadManRenewSeconds == null ? 15 : h.deadManRenewSeconds;
        if (deadMan != 0 && (deadMan < 5 || deadMan > 120)) {
            problem("venues.hyperliquid.deadManSeconds", "must be 0 (off) or 5..120 (Hyperliquid's scheduleCancel bounds)", deadMan);
        } else if (deadMan != 0 && (renew < 1 || renew >= deadMan)) {
            problem("venues.hyperliquid.deadManRenewSeconds", "must be at least 1 and below deadManSeconds", renew);
        }
        long ip = h.ipWeightPerMinute == null ? 1200 : h.ipWeightPerMinute;
        long buffer = h.addressRequestBuffer == null ? 10_000 : h.addressRequestBuffer;
        if (ip < 1 || ip > 1_000_000) {
            problem("venues.hyperliquid.ipWeightPerMinute", "must be 1..1000000", ip);
        }
        if (buffer < 0) {
            problem("venues.hyperliquid.addressRequestBuffer", "must not be negative", buffer);
        }
        boolean testnet = h.testnetSignatures != null ? h.testnetSignatures
                : base == null || !"api.hyperliquid.xyz".equals(base.getHost());
        if (base == null || h.keyFile == null || routed.isEmpty()) {
            return new GatewayConfig.Venues(null, routed); // a section no instrument uses has no effect
        }
        return new GatewayConfig.Venues(new GatewayConfig.Hyperliquid(base, java.nio.file.Path.of(h.keyFile), testnet,
                h.user == null ? null : h.user.toLowerCase(), subs, deadMan * 1000, renew * 1000, (int) ip, buffer), routed);
    }

    // ---------------------------------------------------------------- market maker

    private GatewayConfig.MarketMaker marketMaker(ConfigFile.MarketMaker m, Set<String> symbols, Set<String> accountIds) {
        if (m.enabled == null) {
            problem("marketMaker.enabled", "must be true or false", NOTHING);
        }
        boolean used = Boolean.TRUE.equals(m.enabled) || (m.instruments != null && !m.instruments.isEmpty());
        if (used && (blank(m.account) || !accountIds.contains(m.account))) {
            problem("marketMaker.account", "must be one of the configured accounts", m.account);
        }
        io.hyperindex.gateway.mm.MmParams base = io.hyperindex.gateway.mm.MmParams.defaults();
        try {
            base = base.with(m.defaults == null ? Map.of() : m.defaults);
        } catch (IllegalArgumentException e) {
            problem("marketMaker.defaults", e.getMessage(), NOTHING);
        }
        Map<String, io.hyperindex.gateway.mm.MmParams> perSymbol = new LinkedHashMap<>();
        if (m.instruments != null) {
            for (Map.Entry<String, ConfigFile.Knobs> e : m.instruments.entrySet()) {
                String path = "marketMaker.instruments." + e.getKey();
                if (!symbols.contains(e.getKey())) {
                    problem(path, "is not a configured instrument", e.getKey());
                    continue;
                }
                try {
                    perSymbol.put(e.getKey(), base.with(e.getValue() == null ? Map.of() : e.getValue()));
                } catch (IllegalArgumentException ex) {
                    problem(path, ex.getMessage(), NOTHING);
                }
            }
        }
        return new GatewayConfig.MarketMaker(Boolean.TRUE.equals(m.enabled), m.account, perSymbol);
    }

    private java.net.URI webhook(String url) {
        if (url == null) {
            return null;
        }
        try {
            java.net.URI u = new java.net.URI(url.trim());
            if (u.getScheme() != null && (u.getScheme().equals("http") || u.getScheme().equals("https")) && u.getHost() != null) {
                return u;
            }
        } catch (java.net.URISyntaxException ignored) {
            // reported below
        }
        problem("risk.alertWebhook", "must be an http or https URL", url);
        return null;
    }

    private <T> T section(String name) {
        problem(name, "is empty; leave the section out to use its defaults, or give its fields", NOTHING);
        return null;
    }

    // ---------------------------------------------------------------- server

    private GatewayConfig.Server server(ConfigFile.Server s) {
        Path dataDir = null;
        if (blank(s.dataDir)) {
            problem("server.dataDir", "must be a directory path", s.dataDir);
        } else {
            try {
                dataDir = Path.of(s.dataDir);
            } catch (InvalidPathException e) {
                problem("server.dataDir", "is not a valid path: " + e.getReason(), s.dataDir);
            }
        }
        String bind = s.bindAddress == null ? null : s.bindAddress.trim();
        if (blank(bind) || !(IPV4.matcher(bind).matches() || IPV6.matcher(bind).matches() || HOSTNAME.matcher(bind).matches())) {
            problem("server.bindAddress", "must be an IP address or a host name (127.0.0.1 = this machine only, 0.0.0.0 = every interface)",
                    s.bindAddress);
        }
        int http = port("server.httpPort", s.httpPort);
        int grpc = port("server.grpcPort", s.grpcPort);
        int fix = port("server.fixPort", s.fixPort);
        if (grpc > 0 && grpc == http) {
            problem("server.grpcPort", "must differ from server.httpPort", grpc);
        }
        if (fix > 0 && (fix == http || fix == grpc)) {
            problem("server.fixPort", "must differ from server.httpPort and server.grpcPort", fix);
        }
        List<GatewayConfig.ApiKey> operatorKeys = new ArrayList<>();
        List<ConfigFile.ApiKey> keysIn = s.operatorKeys == null ? List.of() : s.operatorKeys;
        for (int j = 0; j < keysIn.size(); j++) {
            GatewayConfig.ApiKey k = apiKey("server.operatorKeys[" + j + "]", keysIn.get(j), true);
            if (k != null) {
                operatorKeys.add(k);
            }
        }
        operatorKeysConfigured = !keysIn.isEmpty();
        return new GatewayConfig.Server(dataDir, bind, http, grpc, fix, operatorKeys);
    }

    /**
     * One Ed25519 key (an account's, or an operator's with {@code operator}): its public key, the
     * key id derived from it (checked if given), its scopes, and that no other key repeats it.
     */
    private GatewayConfig.ApiKey apiKey(String q, ConfigFile.ApiKey k, boolean operator) {
        if (k == null) {
            problem(q, "must be a mapping with ed25519PublicKeyHex", NOTHING);
            return null;
        }
        if (k.ed25519PublicKeyHex == null || !HEX64.matcher(k.ed25519PublicKeyHex).matches()) {
            problem(q + ".ed25519PublicKeyHex", "must be the 32-byte Ed25519 public key as 64 hex digits",
                    k.ed25519PublicKeyHex);
            return null;
        }
        String pub = k.ed25519PublicKeyHex.toLowerCase(Locale.ROOT);
        String keyId = Ed25519Key.keyIdOf(java.util.HexFormat.of().parseHex(pub));
        if (k.keyId != null && !k.keyId.equals(keyId)) {
            problem(q + ".keyId", "does not match ed25519PublicKeyHex, whose key id is " + keyId
                    + " (leave keyId out to derive it)", k.keyId);
            return null;
        }
        Set<Scope> scopes;
        if (operator) {
            if (k.scopes != null && !k.scopes.equals(List.of("admin"))) {
                problem(q + ".scopes", "an operator key has the admin scope only: leave scopes out", k.scopes);
                return null;
            }
            scopes = Set.of(Scope.ADMIN);
        } else if (k.scopes == null) {
            scopes = Set.of(Scope.READ, Scope.TRADE);
        } else {
            scopes = java.util.EnumSet.noneOf(Scope.class);
            for (String sc : k.scopes) {
                String name = sc == null ? null : sc.toLowerCase(Locale.ROOT);
                if (!"read".equals(name) && !"trade".equals(name)) {
                    problem(q + ".scopes", "lists read and/or trade"
                            + ("admin".equals(name) ? " (admin keys go under server.operatorKeys)" : ""), sc);
                    return null;
                }
                scopes.add(Scope.valueOf(name.toUpperCase(Locale.ROOT)));
            }
            if (scopes.isEmpty()) {
                problem(q + ".scopes", "lists read and/or trade, or is left out for both", k.scopes);
                return null;
            }
        }
        String first = seenKeys.putIfAbsent(pub, q);
        if (first != null) {
            problem(q + ".ed25519PublicKeyHex", "repeats the key of " + first, k.ed25519PublicKeyHex);
            return null;
        }
        return new GatewayConfig.ApiKey(keyId, pub, scopes);
    }

    private int port(String path, Long port) {
        if (port == null || port < 0 || port > 65535) {
            problem(path, "must be a port number from 0 (any free port) to 65535", port);
            return -1;
        }
        return port.intValue();
    }

    // ---------------------------------------------------------------- journal and engine

    private GatewayConfig.Journal journal(ConfigFile.Journal j) {
        FsyncPolicy fsync = null;
        try {
            fsync = j.fsync == null ? null : FsyncPolicy.parse(j.fsync);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (fsync == null) {
            problem("journal.fsync", "must be every-batch or none", j.fsync);
        }
        long snapshotEvery = 0;
        if (j.snapshotEveryCommands == null || j.snapshotEveryCommands < 0) {
            problem("journal.snapshotEveryCommands", "must be a whole number >= 0 (0 = snapshot only at shutdown)",
                    j.snapshotEveryCommands);
        } else {
            snapshotEvery = j.snapshotEveryCommands;
        }
        long segment = 0;
        if (j.segmentBytes == null || j.segmentBytes < MIN_SEGMENT_BYTES || j.segmentBytes > MAX_SEGMENT_BYTES) {
            problem("journal.segmentBytes", "must be a byte count from " + MIN_SEGMENT_BYTES + " (1 MiB) to "
                    + MAX_SEGMENT_BYTES + " (1 TiB)", j.segmentBytes);
        } else {
            segment = j.segmentBytes;
        }
        return new GatewayConfig.Journal(fsync, snapshotEvery, segment);
    }

    private GatewayConfig.EngineSettings engine(ConfigFile.Engine e) {
        Long r = e.ringSize;
        if (r == null || r < MIN_RING_SIZE || r > MAX_RING_SIZE || Long.bitCount(r) != 1) {
            problem("engine.ringSize", "must be a power of two from " + MIN_RING_SIZE + " to " + MAX_RING_SIZE, r);
            return new GatewayConfig.EngineSettings(0);
        }
        return new GatewayConfig.EngineSettings(r.intValue());
    }

    // ---------------------------------------------------------------- fees

    private static Set<String> rawSymbols(ConfigFile f) {
        Set<String> out = new HashSet<>();
        if (f.instruments != null) {
            f.instruments.stream().filter(Objects::nonNull).map(i -> i.symbol).filter(Objects::nonNull).forEach(out::add);
        }
        return out;
    }

    private static Set<String> rawAccountIds(ConfigFile f) {
        Set<String> out = new HashSet<>();
        if (f.accounts != null) {
            f.accounts.stream().filter(Objects::nonNull).map(a -> a.id).filter(Objects::nonNull).forEach(out::add);
        }
        return out;
    }

    private GatewayConfig.Fees fees(ConfigFile.Fees f, Set<String> symbols, Set<String> accountIds) {
        int before = problems.size();
        List<FeeTier> tiers = tiers(f.tiers);

        int windowDays = 0;
        if (f.volumeWindowDays == null || f.volumeWindowDays < 1 || f.volumeWindowDays > 366) {
            problem("fees.volumeWindowDays", "must be a whole number of days from 1 to 366", f.volumeWindowDays);
        } else {
            windowDays = f.volumeWindowDays.intValue();
        }
        long recomputeAt = 0;
        try {
            recomputeAt = LocalTime.parse(String.valueOf(f.recomputeAtUtc).trim()).toNanoOfDay();
        } catch (DateTimeParseException e) {
            problem("fees.recomputeAtUtc", "must be a UTC time of day, HH:MM or HH:MM:SS", f.recomputeAtUtc);
        }

        Map<String, List<FeeTier>> perInstrument = new LinkedHashMap<>();
        List<ConfigFile.InstrumentFees> its = f.instrumentTiers == null ? List.of() : f.instrumentTiers;
        for (int i = 0; i < its.size(); i++) {
            String p = "fees.instrumentTiers[" + i + "]";
            ConfigFile.InstrumentFees it = its.get(i);
            if (it == null) {
                problem(p, "must be a mapping with symbol and tiers", NOTHING);
                continue;
            }
            if (it.symbol == null || !symbols.contains(it.symbol)) {
                problem(p + ".symbol", "must be the symbol of one of the instruments", it.symbol);
            } else if (perInstrument.containsKey(it.symbol)) {
                problem(p + ".symbol", "has rates twice", it.symbol);
            }
            List<ConfigFile.TierRates> rates = it.tiers == null ? List.of() : it.tiers;
            if (tiers != null && rates.size() != tiers.size()) {
                problem(p + ".tiers", "must give rates for each of the " + tiers.size() + " tiers of fees.tiers, in order",
                        NOTHING);
                continue;
            }
            List<FeeTier> own = new ArrayList<>();
            for (int j = 0; j < rates.size(); j++) {
                String q = p + ".tiers[" + j + "]";
                ConfigFile.TierRates r = rates.get(j);
                if (r == null) {
                    problem(q, "must be a mapping with name, makerRateBps and takerRateBps", NOTHING);
                    continue;
                }
                String expected = tiers == null ? r.name : tiers.get(j).name();
                if (r.name == null || !r.name.equals(expected)) {
                    problem(q + ".name", "must be " + expected + " (the tiers of fees.tiers, in the same order)", r.name);
                }
                Long maker = rate(q + ".makerRateBps", r.makerRateBps);
                Long taker = rate(q + ".takerRateBps", r.takerRateBps);
                if (tiers != null && maker != null && taker != null) {
                    own.add(new FeeTier(expected, tiers.get(j).minVolume(), maker, taker));
                }
            }
            if (it.symbol != null && own.size() == rates.size()) {
                perInstrument.put(it.symbol, own);
            }
        }

        List<NegotiatedTerms> negotiated = new ArrayList<>();
        List<ConfigFile.Negotiated> ns = f.negotiated == null ? List.of() : f.negotiated;
        for (int i = 0; i < ns.size(); i++) {
            NegotiatedTerms t = negotiated("fees.negotiated[" + i + "]", ns.get(i), tiers, accountIds);
            if (t != null) {
                negotiated.add(t);
            }
        }

        IncentivePlan plan = null;
        Set<String> ineligible = new HashSet<>();
        ConfigFile.Incentives inc = f.incentives;
        if (inc == null) {
            section("fees.incentives");
        } else {
            boolean ok = true;
            if (inc.tokensPerMillionUsdc == null || inc.tokensPerMillionUsdc < 0 || inc.tokensPerMillionUsdc > 1_000_000_000L) {
                problem("fees.incentives.tokensPerMillionUsdc", "must be a whole number of tokens from 0 to 1000000000",
                        inc.tokensPerMillionUsdc);
                ok = false;
            }
            if (inc.cliffMonths == null || inc.cliffMonths < 0 || inc.cliffMonths > 120) {
                problem("fees.incentives.cliffMonths", "must be a whole number of months from 0 to 120", inc.cliffMonths);
                ok = false;
            }
            if (inc.vestingMonths == null || inc.vestingMonths < 0 || inc.vestingMonths > 120) {
                problem("fees.incentives.vestingMonths", "must be a whole number of months from 0 to 120", inc.vestingMonths);
                ok = false;
            }
            if (ok) {
                plan = new IncentivePlan(inc.tokensPerMillionUsdc, inc.cliffMonths.intValue(), inc.vestingMonths.intValue());
            }
            List<String> ids = inc.ineligibleAccounts == null ? List.of() : inc.ineligibleAccounts;
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                if (id == null || !accountIds.contains(id)) {
                    problem("fees.incentives.ineligibleAccounts[" + i + "]", "must be the id of one of the accounts", id);
                } else if (!ineligible.add(id)) {
                    problem("fees.incentives.ineligibleAccounts[" + i + "]", "is listed twice", id);
                }
            }
        }
        if (problems.size() > before || tiers == null || plan == null) {
            return null;
        }
        GatewayConfig.Fees fees = new GatewayConfig.Fees(tiers, perInstrument, negotiated, recomputeAt, windowDays, plan,
                ineligible);
        try {
            fees.policy();
        } catch (IllegalArgumentException e) {
            problem("fees", e.getMessage(), NOTHING);
            return null;
        }
        return fees;
    }

    /** The volume tiers, or null (reported) if any is wrong. */
    private List<FeeTier> tiers(List<ConfigFile.FeeTier> list) {
        if (list == null || list.isEmpty()) {
            problem("fees.tiers", "must list at least one tier (the first starts at minVolumeUsdc 0)", NOTHING);
            return null;
        }
        int before = problems.size();
        List<FeeTier> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long previous = -1;
        for (int i = 0; i < list.size(); i++) {
            String p = "fees.tiers[" + i + "]";
            ConfigFile.FeeTier t = list.get(i);
            if (t == null) {
                problem(p, "must be a mapping with name, minVolumeUsdc, makerRateBps and takerRateBps", NOTHING);
                continue;
            }
            if (t.name == null || !TIER_NAME.matcher(t.name).matches()) {
                problem(p + ".name", "must be 1 to 32 letters, digits, '_' or '-'", t.name);
            } else if (!names.add(t.name)) {
                problem(p + ".name", "names a tier twice", t.name);
            }
            BigDecimal minVolume = decimal(t.minVolumeUsdc);
            long volume = -1;
            if (minVolume == null || minVolume.signum() < 0 || decimals(minVolume) > Money.CASH_DECIMALS
                    || (volume = units(minVolume, Money.CASH_DECIMALS)) < 0) {
                problem(p + ".minVolumeUsdc", "must be a decimal number of USDC >= 0 with at most 8 decimals", t.minVolumeUsdc);
            } else if (i == 0 && volume != 0) {
                problem(p + ".minVolumeUsdc", "the first tier must start at 0", t.minVolumeUsdc);
            } else if (i > 0 && previous >= 0 && volume <= previous) {
                problem(p + ".minVolumeUsdc", "must be greater than fees.tiers[" + (i - 1) + "].minVolumeUsdc (tiers go"
                        + " from the lowest volume to the highest)", t.minVolumeUsdc);
            }
            previous = volume;
            Long maker = rate(p + ".makerRateBps", t.makerRateBps);
            Long taker = rate(p + ".takerRateBps", t.takerRateBps);
            if (problems.size() == before) {
                out.add(new FeeTier(t.name, volume, maker, taker));
            }
        }
        return problems.size() == before ? out : null;
    }

    private NegotiatedTerms negotiated(String p, ConfigFile.Negotiated n, List<FeeTier> tiers, Set<String> accountIds) {
        if (n == null) {
            problem(p, "must be a mapping with account, from, until and fixedTier or both rates", NOTHING);
            return null;
        }
        int before = problems.size();
        if (n.account == null || !accountIds.contains(n.account)) {
            problem(p + ".account", "must be the id of one of the accounts", n.account);
        }
        Long from = instant(p + ".from", n.from);
        Long until = instant(p + ".until", n.until);
        if (from != null && until != null && until <= from) {
            problem(p + ".until", "must be after from (" + n.from + ")", n.until);
        }
        Long maker = null;
        Long taker = null;
        if (n.fixedTier != null) {
            if (n.makerRateBps != null || n.takerRateBps != null) {
                problem(p + ".fixedTier", "give either fixedTier or makerRateBps and takerRateBps, not both", n.fixedTier);
            } else if (tiers != null && tiers.stream().noneMatch(t -> t.name().equals(n.fixedTier))) {
                problem(p + ".fixedTier", "must name one of fees.tiers", n.fixedTier);
            }
        } else if (n.makerRateBps == null || n.takerRateBps == null) {
            problem(p, "needs fixedTier, or both makerRateBps and takerRateBps", NOTHING);
        } else {
            maker = rate(p + ".makerRateBps", n.makerRateBps);
            taker = rate(p + ".takerRateBps", n.takerRateBps);
        }
        if (problems.size() > before) {
            return null;
        }
        return new NegotiatedTerms(n.account, from, until, n.fixedTier, maker, taker);
    }

    /** An ISO date (start of that day, UTC) or instant, as epoch nanoseconds. */
    private Long instant(String path, String text) {
        if (text != null) {
            String t = text.trim();
            try {
                Instant i = t.length() == 10 ? LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(t);
                return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
            } catch (DateTimeParseException | ArithmeticException e) {
                // reported below
            }
        }
        problem(path, "must be a UTC date (2026-11-01) or instant (2026-11-01T08:00:00Z)", text);
        return null;
    }

    /** A rate in bp with at most two decimals, as hundredths of a bp. */
    private Long rate(String path, String text) {
        BigDecimal bps = decimal(text);
        if (bps == null || bps.abs().compareTo(MAX_ABS_RATE_BPS) > 0 || bps.stripTrailingZeros().scale() > 2) {
            problem(path, "must be a decimal number of basis points from -100 to 100 with at most 2 decimals"
                    + " (negative = rebate)", text);
            return null;
        }
        return bps.movePointRight(2).longValueExact();
    }

    // ---------------------------------------------------------------- instruments

    private List<Instrument> instruments(List<ConfigFile.Instrument> list) {
        List<Instrument> out = new ArrayList<>();
        if (list == null || list.isEmpty()) {
            problem("instruments", "must list at least one instrument", NOTHING);
            return out;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "instruments[" + i + "]";
            ConfigFile.Instrument in = list.get(i);
            if (in == null) {
                problem(p, "must be a mapping with symbol, tickSize, lotSize, ...", NOTHING);
                continue;
            }
            if (in.symbol == null || !SYMBOL.matcher(in.symbol).matches()) {
                problem(p + ".symbol", "must look like BASE-USDC: upper-case letters or digits, a dash, USDC"
                        + " (instruments are USDC-settled)", in.symbol);
            } else {
                Integer first = seen.putIfAbsent(in.symbol, i);
                if (first != null) {
                    problem(p + ".symbol", "repeats instruments[" + first + "].symbol", in.symbol);
                }
            }
            Instrument ins = instrument(p, out.size(), in);
            if (ins != null) {
                out.add(ins);
            }
        }
        return out;
    }

    private Instrument instrument(String p, int id, ConfigFile.Instrument in) {
        int before = problems.size();
        BigDecimal tick = positive(p + ".tickSize", in.tickSize);
        BigDecimal lot = positive(p + ".lotSize", in.lotSize);
        int priceDecimals = tick == null ? 0 : decimals(tick);
        int qtyDecimals = lot == null ? 0 : decimals(lot);
        if (tick != null && priceDecimals > Money.CASH_DECIMALS) {
            problem(p + ".tickSize", "has " + priceDecimals + " decimals; at most " + Money.CASH_DECIMALS, in.tickSize);
            tick = null;
        }
        if (lot != null && qtyDecimals > Money.CASH_DECIMALS) {
            problem(p + ".lotSize", "has " + qtyDecimals + " decimals; at most " + Money.CASH_DECIMALS, in.lotSize);
            lot = null;
        }
        if (tick != null && lot != null && priceDecimals + qtyDecimals > Money.CASH_DECIMALS) {
            problem(p + ".lotSize", "has " + qtyDecimals + " decimals and tickSize " + priceDecimals
                    + ": together at most " + Money.CASH_DECIMALS + " (cash is counted in 1e-8 USDC)", in.lotSize);
            lot = null;
        }
        BigDecimal minNotional = decimal(in.minNotional);
        if (minNotional == null || minNotional.signum() < 0 || decimals(minNotional) > Money.CASH_DECIMALS) {
            problem(p + ".minNotional", "must be a decimal number of USDC >= 0 with at most 8 decimals", in.minNotional);
            minNotional = null;
        }
        BigDecimal maxQty = positive(p + ".maxOrderQty", in.maxOrderQty);
        if (maxQty != null && lot != null && !isMultiple(maxQty, lot)) {
            problem(p + ".maxOrderQty", "must be a multiple of lotSize " + in.lotSize, in.maxOrderQty);
            maxQty = null;
        }
        Integer bandBps = percentAsBps(p + ".priceBandPercent", in.priceBandPercent);
        Integer protectionBps = percentAsBps(p + ".marketProtectionPercent", in.marketProtectionPercent);
        BigDecimal ref = positive(p + ".referencePrice", in.referencePrice);
        if (ref != null && tick != null && !isMultiple(ref, tick)) {
            problem(p + ".referencePrice", "must be a multiple of tickSize " + in.tickSize, in.referencePrice);
            ref = null;
        }
        if (problems.size() > before || tick == null || lot == null || minNotional == null || maxQty == null
                || bandBps == null || protectionBps == null || ref == null) {
            return null;
        }
        long tickUnits = fits(p + ".tickSize", in.tickSize, tick, priceDecimals);
        long lotUnits = fits(p + ".lotSize", in.lotSize, lot, qtyDecimals);
        long maxQtyUnits = fits(p + ".maxOrderQty", in.maxOrderQty, maxQty, qtyDecimals);
        long refUnits = fits(p + ".referencePrice", in.referencePrice, ref, priceDecimals);
        long minNotionalCash = fits(p + ".minNotional", in.minNotional, minNotional, Money.CASH_DECIMALS);
        if (tickUnits < 0 || lotUnits < 0 || maxQtyUnits < 0 || refUnits < 0 || minNotionalCash < 0) {
            return null;
        }
        long cashPerUnit = BigDecimal.ONE.movePointRight(Money.CASH_DECIMALS - priceDecimals - qtyDecimals).longValueExact();
        if (refUnits > Long.MAX_VALUE / 4 / maxQtyUnits / cashPerUnit || refUnits > Instrument.MAX_PRICE_UNITS) {
            problem(p + ".maxOrderQty", "times referencePrice " + in.referencePrice
                    + " is too large for exact notional arithmetic; lower maxOrderQty", in.maxOrderQty);
            return null;
        }
        if (minNotional.compareTo(maxQty.multiply(ref)) > 0) {
            problem(p + ".minNotional", "exceeds maxOrderQty x referencePrice (" + maxQty.multiply(ref).toPlainString()
                    + "): no order near the reference price could be placed", in.minNotional);
            return null;
        }
        try {
            return new Instrument(id, in.symbol, priceDecimals, qtyDecimals, tickUnits, lotUnits, minNotionalCash,
                    maxQtyUnits, bandBps, protectionBps, refUnits);
        } catch (IllegalArgumentException e) {
            problem(p, e.getMessage(), NOTHING);
            return null;
        }
    }

    /** A percentage in (0, 100] with whole-bp precision, as bp. */
    private Integer percentAsBps(String path, String text) {
        BigDecimal pct = decimal(text);
        if (pct == null || pct.signum() <= 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0 || decimals(pct) > 2) {
            problem(path, "must be a percentage above 0 and at most 100, with at most 2 decimals", text);
            return null;
        }
        return pct.movePointRight(2).intValueExact();
    }

    // ---------------------------------------------------------------- risk

    /** The circuit breakers, in file order. */
    private List<CircuitBreakerRule> circuitBreakers(List<ConfigFile.CircuitBreaker> list) {
        List<CircuitBreakerRule> out = new ArrayList<>();
        if (list == null) {
            problem("risk.circuitBreakers", "is empty; write [] for no circuit breakers, or leave it out for the"
                    + " venue's table", NOTHING);
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String p = "risk.circuitBreakers[" + i + "]";
            ConfigFile.CircuitBreaker b = list.get(i);
            if (b == null) {
                problem(p, "must be a mapping with movePercent, window, action and cooldown", NOTHING);
                continue;
            }
            Integer moveBps = percentAsBps(p + ".movePercent", b.movePercent);
            Long window = duration(p + ".window", b.window, 1);
            CircuitBreakerRule.Action action = null;
            String a = b.action == null ? "" : b.action.strip().toLowerCase(Locale.ROOT);
            if (a.equals("alert")) {
                action = CircuitBreakerRule.Action.ALERT;
            } else if (a.equals("halt")) {
                action = CircuitBreakerRule.Action.HALT;
            } else {
                problem(p + ".action", "must be alert (notify only) or halt (cancel the instrument's orders and refuse"
                        + " new ones for the cooldown)", b.action);
            }
            Long cooldown = duration(p + ".cooldown", b.cooldown, 0);
            if (action == CircuitBreakerRule.Action.HALT && cooldown != null && cooldown == 0) {
                problem(p + ".cooldown", "must be above 0 for a halt: the halt lasts for the cooldown", b.cooldown);
                cooldown = null;
            }
            if (moveBps == null || window == null || action == null || cooldown == null) {
                continue;
            }
            CircuitBreakerRule rule = new CircuitBreakerRule(moveBps, window, action, cooldown);
            int first = out.indexOf(rule);
            if (first >= 0) {
                problem(p, "repeats risk.circuitBreakers[" + first + "]", NOTHING);
                continue;
            }
            out.add(rule);
        }
        return out;
    }

    /** A duration such as "500ms", "90s", "5m" or "1h", in milliseconds from {@code min} to 24 h, or null (reported). */
    private Long duration(String path, String text, long min) {
        Matcher m = text == null ? null : DURATION.matcher(text.strip());
        if (m != null && m.matches()) {
            long n = Long.parseLong(m.group(1));
            long unit = switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                default -> 3_600_000L;
            };
            if (n <= MAX_DURATION_MILLIS && n * unit >= min && n * unit <= MAX_DURATION_MILLIS) {
                return n * unit;
            }
        }
        problem(path, "must be a duration from " + (min == 0 ? "0s" : "1ms") + " to 24h: a whole number and a unit,"
                + " ms, s, m or h (\"500ms\", \"90s\", \"5m\", \"1h\")", text);
        return null;
    }

    /**
     * Limits as written, in engine units: null = not given (the default applies), {@link RiskLimits#UNLIMITED}
     * = the word unlimited. A wrong value is reported and left null.
     */
    private static final class LimitSpec {
        final Long[] scalars = new Long[SCALAR_LIMITS.length];
        /** Instrument id -> {maxOrderQuantity, maxLong, maxShort}. */
        final Map<Integer, Long[]> instruments = new HashMap<>();
    }

    private LimitSpec limits(String p, ConfigFile.Limits l, List<Instrument> instruments, Set<String> symbols) {
        LimitSpec spec = new LimitSpec();
        String[] raw = {l.maxOpenOrders, l.maxOpenOrdersPerInstrument, l.maxOrderNotionalUsdc, l.maxGrossExposureUsdc,
                l.maxNetExposureUsdc, l.dailyLossLimitUsdc};
        for (int i = 0; i < raw.length; i++) {
            String q = p + "." + SCALAR_LIMITS[i];
            spec.scalars[i] = i < 2 ? count(q, raw[i]) : usdc(q, raw[i]);
        }
        if (l.instruments == null) {
            problem(p + ".instruments", "is empty; write {} or leave it out for no per-instrument limits", NOTHING);
            return spec;
        }
        Map<String, Instrument> bySymbol = new HashMap<>();
        instruments.forEach(i -> bySymbol.put(i.symbol(), i));
        for (Map.Entry<String, ConfigFile.InstrumentLimits> e : l.instruments.entrySet()) {
            String q = p + ".instruments." + e.getKey();
            if (!symbols.contains(e.getKey())) {
                problem(q, "is not one of the instruments (" + symbols.stream().sorted().collect(Collectors.joining(", "))
                        + ")", NOTHING);
                continue;
            }
            ConfigFile.InstrumentLimits il = e.getValue();
            if (il == null) {
                problem(q, "is empty; give maxOrderQuantity, maxLong and/or maxShort, or leave the instrument out", NOTHING);
                continue;
            }
            Instrument ins = bySymbol.get(e.getKey());
            if (ins == null) {
                continue; // the instrument itself is wrong, and reported
            }
            String[] qty = {il.maxOrderQuantity, il.maxLong, il.maxShort};
            Long[] units = new Long[qty.length];
            for (int k = 0; k < qty.length; k++) {
                units[k] = quantity(q + "." + INSTRUMENT_LIMITS[k], qty[k], ins);
            }
            spec.instruments.put(ins.id(), units);
        }
        return spec;
    }

    private static boolean isUnlimited(String text) {
        return text != null && text.strip().equalsIgnoreCase(UNLIMITED);
    }

    /** A whole-number limit: null if absent, UNLIMITED for the word, else >= 1. */
    private Long count(String path, String text) {
        if (text == null || isUnlimited(text)) {
            return text == null ? null : RiskLimits.UNLIMITED;
        }
        BigDecimal d = decimal(text);
        if (d == null || d.signum() <= 0 || decimals(d) > 0) {
            problem(path, "must be a whole number >= 1, or unlimited", text);
            return null;
        }
        return below(path, text, units(d, 0));
    }

    /** A USDC limit in cash units: null if absent, UNLIMITED for the word, else positive with at most 8 decimals. */
    private Long usdc(String path, String text) {
        if (text == null || isUnlimited(text)) {
            return text == null ? null : RiskLimits.UNLIMITED;
        }
        BigDecimal d = decimal(text);
        if (d == null || d.signum() <= 0 || decimals(d) > Money.CASH_DECIMALS) {
            problem(path, "must be a positive decimal number of USDC with at most 8 decimals, or unlimited", text);
            return null;
        }
        return below(path, text, units(d, Money.CASH_DECIMALS));
    }

    /** A quantity limit in the instrument's quantity units: positive, on the lot, or unlimited. */
    private Long quantity(String path, String text, Instrument ins) {
        if (text == null || isUnlimited(text)) {
            return text == null ? null : RiskLimits.UNLIMITED;
        }
        String lot = BigDecimal.valueOf(ins.lot(), ins.qtyDecimals()).toPlainString();
        BigDecimal d = decimal(text);
        if (d == null || d.signum() <= 0) {
            problem(path, "must be a positive decimal quantity of " + ins.symbol() + "'s base asset, or unlimited", text);
            return null;
        }
        if (decimals(d) > ins.qtyDecimals()) {
            problem(path, "has " + decimals(d) + " decimals; " + ins.symbol() + " quantities have at most "
                    + ins.qtyDecimals() + " (lotSize " + lot + ")", text);
            return null;
        }
        Long u = below(path, text, units(d, ins.qtyDecimals()));
        if (u != null && u % ins.lot() != 0) {
            problem(path, "must be a multiple of " + ins.symbol() + "'s lotSize " + lot, text);
            return null;
        }
        return u;
    }

    /** {@code units} if the engine can hold it as a limit (below the UNLIMITED sentinel), else null (reported). */
    private Long below(String path, String text, long units) {
        if (units < 0 || units >= RiskLimits.UNLIMITED) {
            problem(path, "is too large; write unlimited for no limit", text);
            return null;
        }
        return units;
    }

    /** An account's effective limits: each field its own if given, else the default's, else unlimited. */
    private static RiskLimits merge(LimitSpec defaults, LimitSpec own, int instrumentCount) {
        long[] s = new long[SCALAR_LIMITS.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = pick(own == null ? null : own.scalars[i], defaults == null ? null : defaults.scalars[i]);
        }
        long[][] per = new long[INSTRUMENT_LIMITS.length][instrumentCount];
        for (int id = 0; id < instrumentCount; id++) {
            Long[] o = own == null ? null : own.instruments.get(id);
            Long[] d = defaults == null ? null : defaults.instruments.get(id);
            for (int k = 0; k < per.length; k++) {
                per[k][id] = pick(o == null ? null : o[k], d == null ? null : d[k]);
            }
        }
        return new RiskLimits(s[0], s[1], s[2], per[0], per[1], per[2], s[3], s[4], s[5]);
    }

    private static long pick(Long own, Long fallback) {
        return own != null ? own : fallback != null ? fallback : RiskLimits.UNLIMITED;
    }

    // ---------------------------------------------------------------- accounts

    private List<GatewayConfig.Account> accounts(List<ConfigFile.Account> list, List<Instrument> instruments,
                                                 Set<String> symbols, Map<String, LimitSpec> ownLimits) {
        List<GatewayConfig.Account> out = new ArrayList<>();
        if (list == null || list.isEmpty()) {
            problem("accounts", "must list at least one account", NOTHING);
            return out;
        }
        Map<String, String> ids = new HashMap<>();
        Map<String, String> sessions = new HashMap<>();
        Map<String, String> agents = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "accounts[" + i + "]";
            ConfigFile.Account a = list.get(i);
            if (a == null) {
                problem(p, "must be a mapping with at least an id", NOTHING);
                continue;
            }
            if (a.id == null || !ACCOUNT_ID.matcher(a.id).matches()) {
                problem(p + ".id", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", a.id);
            } else {
                String first = ids.putIfAbsent(a.id.toLowerCase(Locale.ROOT), p + ".id");
                if (first != null) {
                    problem(p + ".id", "repeats " + first + " (ids are compared ignoring case)", a.id);
                }
            }
            String displayName = a.displayName == null ? a.id : a.displayName.strip();
            if (a.displayName != null && (displayName.isEmpty() || displayName.length() > 100)) {
                problem(p + ".displayName", "must be 1 to 100 characters, or left out to use the id", a.displayName);
            }
            List<GatewayConfig.FixSession> fix = new ArrayList<>();
            List<ConfigFile.FixSession> fixIn = a.fixSessions == null ? List.of() : a.fixSessions;
            for (int j = 0; j < fixIn.size(); j++) {
                String q = p + ".fixSessions[" + j + "]";
                ConfigFile.FixSession s = fixIn.get(j);
                if (s == null) {
                    problem(q, "must be a mapping with senderCompId and targetCompId", NOTHING);
                    continue;
                }
                boolean ok = compId(q + ".senderCompId", s.senderCompId) & compId(q + ".targetCompId", s.targetCompId);
                if (ok) {
                    String first = sessions.putIfAbsent(s.senderCompId + "->" + s.targetCompId, q);
                    if (first != null) {
                        problem(q, "repeats the session of " + first, s.senderCompId + "->" + s.targetCompId);
                    }
                    fix.add(new GatewayConfig.FixSession(s.senderCompId, s.targetCompId));
                }
            }
            List<GatewayConfig.ApiKey> apiKeys = new ArrayList<>();
            List<ConfigFile.ApiKey> keysIn = a.apiKeys == null ? List.of() : a.apiKeys;
            for (int j = 0; j < keysIn.size(); j++) {
                GatewayConfig.ApiKey k = apiKey(p + ".apiKeys[" + j + "]", keysIn.get(j), false);
                if (k != null) {
                    apiKeys.add(k);
                }
            }
            if (operatorKeysConfigured && a.id != null && a.id.equalsIgnoreCase(GatewayConfig.OPERATOR_ACCOUNT)) {
                problem(p + ".id", "is the name operator keys sign for (server.operatorKeys): choose another", a.id);
            }
            List<String> agentAddresses = new ArrayList<>();
            List<String> agentsIn = a.hlAgentAddresses == null ? List.of() : a.hlAgentAddresses;
            for (int j = 0; j < agentsIn.size(); j++) {
                String q = p + ".hlAgentAddresses[" + j + "]";
                String addr = agentsIn.get(j);
                if (!HlAgentKey.isAddress(addr)) {
                    problem(q, "must be an address: 0x followed by 40 hex digits", addr);
                    continue;
                }
                String first = agents.putIfAbsent(addr.toLowerCase(Locale.ROOT), q);
                if (first != null) {
                    problem(q, "repeats the address of " + first, addr);
                    continue;
                }
                agentAddresses.add(addr.toLowerCase(Locale.ROOT));
            }
            LimitSpec own = a.limits == null ? section(p + ".limits") : limits(p + ".limits", a.limits, instruments, symbols);
            if (own != null && a.id != null) {
                ownLimits.put(a.id, own);
            }
            GatewayConfig.HlSubAccount sub = null;
            if (a.hlSubAccount != null) {
                String q = p + ".hlSubAccount";
                String addr = a.hlSubAccount.address;
                if (!HlAgentKey.isAddress(addr)) {
                    problem(q + ".address", "must be an address: 0x followed by 40 hex digits", addr);
                } else if (agents.putIfAbsent(addr.toLowerCase(Locale.ROOT), q + ".address") != null) {
                    problem(q + ".address", "repeats an agent or sub-account address", addr);
                } else if (a.hlSubAccount.master == null || a.hlSubAccount.master.equals(a.id)
                        || list.stream().noneMatch(o -> a.hlSubAccount.master.equals(o.id))) {
                    problem(q + ".master", "must be the id of another account", a.hlSubAccount.master);
                } else {
                    sub = new GatewayConfig.HlSubAccount(addr.toLowerCase(Locale.ROOT), a.hlSubAccount.master);
                }
            }
            out.add(new GatewayConfig.Account(a.id, displayName, fix, apiKeys, agentAddresses, sub));
        }
        return out;
    }

    private boolean compId(String path, String value) {
        if (value == null || !COMP_ID.matcher(value).matches()) {
            problem(path, "must be 1 to 64 letters, digits, '.', '_' or '-'", value);
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- decimals

    private BigDecimal positive(String path, String text) {
        BigDecimal d = decimal(text);
        if (d == null || d.signum() <= 0) {
            problem(path, "must be a positive decimal", text);
            return null;
        }
        return d;
    }

    /** The decimal a string spells, or null if it spells none. */
    private static BigDecimal decimal(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(text.trim());
            // nothing in a config is finer than 1e-30 or larger than 1e30; refusing such
            // spellings early keeps exponents like 1E+999999999 from costing real work
            return d.scale() > 30 || d.precision() - d.scale() > 30 ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Decimal places a value needs: 0.10 needs 1, 100 needs 0. */
    private static int decimals(BigDecimal d) {
        return Math.max(0, d.stripTrailingZeros().scale());
    }

    private static boolean isMultiple(BigDecimal value, BigDecimal step) {
        return value.remainder(step).signum() == 0;
    }

    /** {@code value} in units of 10^-decimals, or -1 (reported) if the engine cannot count that high. */
    private long fits(String path, String text, BigDecimal value, int decimals) {
        long u = units(value, decimals);
        if (u < 0) {
            problem(path, "is too large", text);
        }
        return u;
    }

    /** {@code value} in units of 10^-decimals, or -1 if it does not fit a long. */
    private static long units(BigDecimal value, int decimals) {
        try {
            return value.movePointRight(decimals).longValueExact();
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private void problem(String path, String why, Object got) {
        problems.add(path + ": " + why + (got == NOTHING ? "" : " (got " + show(got) + ")"));
    }

    /** How a value is shown in a problem: strings quoted, missing values as "nothing". */
    static String show(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
        }
        return String.valueOf(value);
    }
}
