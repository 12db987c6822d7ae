package io.hyperindex.gateway.ops.config;

import io.hyperindex.gateway.auth.Scope;
import io.hyperindex.gateway.domain.CircuitBreakerRule;
import io.hyperindex.gateway.domain.Instrument;
import io.hyperindex.gateway.domain.RiskLimits;
import io.hyperindex.gateway.engine.EngineConfig;
import io.hyperindex.gateway.fees.FeePolicy;
import io.hyperindex.gateway.fees.FeeTier;
import io.hyperindex.gateway.fees.IncentivePlan;
import io.hyperindex.gateway.fees.NegotiatedTerms;
import io.hyperindex.gateway.fees.TierTable;
import io.hyperindex.gateway.journal.FsyncPolicy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checked configuration in the engine's own units, built only by {@link ConfigValidator}.
 * Two configs are equal when they would run the same gateway, however their decimals were
 * spelled.
 *
 * @param server      sockets and data directory
 * @param journal     journal durability
 * @param engine      engine thread settings
 * @param fees        fee tiers, negotiated terms and incentives
 * @param instruments instruments with ids 0..n-1 in file order
 * @param risk        circuit breakers and every account's pre-trade limits
 * @param accounts    accounts; an account's engine id is its index
 * @param venues      where books not on the embedded book are hosted (Hyperliquid)
 * @param marketMaker the reference market maker's settings
 */
public record GatewayConfig(Server server, Journal journal, EngineSettings engine, Fees fees,
                            List<Instrument> instruments, Risk risk, List<Account> accounts, Venues venues,
                            MarketMaker marketMaker) {

    public GatewayConfig {
        instruments = List.copyOf(instruments);
        accounts = List.copyOf(accounts);
    }

    /** Every instrument on the embedded book, without the reference market maker. */
    public GatewayConfig(Server server, Journal journal, EngineSettings engine, Fees fees,
                         List<Instrument> instruments, Risk risk, List<Account> accounts) {
        this(server, journal, engine, fees, instruments, risk, accounts, Venues.NONE, MarketMaker.OFF);
    }

    /** Without the reference market maker. */
    public GatewayConfig(Server server, Journal journal, EngineSettings engine, Fees fees,
                         List<Instrument> instruments, Risk risk, List<Account> accounts, Venues venues) {
        this(server, journal, engine, fees, instruments, risk, accounts, venues, MarketMaker.OFF);
    }

    /** Every instrument on the embedded book. */
    public GatewayConfig(Server server, Journal journal, EngineSettings engine, Fees fees,
                         List<Instrument> instruments, Risk risk, List<Account> accounts, MarketMaker marketMaker) {
        this(server, journal, engine, fees, instruments, risk, accounts, Venues.NONE, marketMaker);
    }

    /**
     * Where instruments' books are hosted when not on the embedded book.
     *
     * @param hyperliquid the Hyperliquid venue, or null
     * @param routed      instrument id -> its coin on Hyperliquid, for the instruments with {@code venue: hyperliquid}
     */
    public record Venues(Hyperliquid hyperliquid, Map<Integer, String> routed) {
        public static final Venues NONE = new Venues(null, Map.of());

        public Venues {
            routed = Map.copyOf(routed);
        }
    }

    /**
     * The Hyperliquid venue adapter's settings (keys stay in the key file: only its path is here).
     *
     * @param subAccounts account id -> vault (sub-account) address
     */
    public record Hyperliquid(java.net.URI baseUrl, Path keyFile, boolean testnetSignatures, String user,
                              Map<String, String> subAccounts, long deadManMillis, long deadManRenewMillis,
                              int ipWeightPerMinute, long addressRequestBuffer) {
        public Hyperliquid {
            subAccounts = Map.copyOf(subAccounts);
        }
    }

    /** The same config with other venues (tests, and the sandbox pointed at another gateway). */
    public GatewayConfig withVenues(Venues newVenues) {
        return new GatewayConfig(server, journal, engine, fees, instruments, risk, accounts, newVenues, marketMaker);
    }


    /**
     * The reference market maker.
     *
     * @param enabled     whether the gateway runs it
     * @param account     the engine account it quotes for
     * @param instruments symbol -> its parameters, for every instrument it quotes, in file order
     */
    public record MarketMaker(boolean enabled, String account, Map<String, io.hyperindex.gateway.mm.MmParams> instruments) {
        /** Not running, quoting nothing. */
        public static final MarketMaker OFF = new MarketMaker(false, "venue-mm", Map.of());

        public MarketMaker {
            instruments = Collections.unmodifiableMap(new LinkedHashMap<>(instruments));
        }

        /** The same settings, switched off (tests that need an empty book, {@code sandbox --no-market-maker}). */
        public MarketMaker disabled() {
            return new MarketMaker(false, account, instruments);
        }
    }

    /** The same config with other market-maker settings. */
    public GatewayConfig withMarketMaker(MarketMaker mm) {
        return new GatewayConfig(server, journal, engine, fees, instruments, risk, accounts, venues, mm);
    }

    /**
     * @param dataDir     where the engine journal, snapshots and sandbox credentials live (relative = to the working directory)
     * @param bindAddress address every listener binds to
     * @param httpPort    HTTP port (health, readiness, later REST/WebSocket); 0 = any free port
     * @param grpcPort    gRPC port; 0 = any free port
     * @param fixPort     FIX acceptor port; 0 = any free port
     */
    /**
     * @param operatorKeys Ed25519 keys of the venue's operators: they sign Admin requests (admin
     *                     scope only) for the pseudo-account {@value #OPERATOR_ACCOUNT}
     */
    public record Server(Path dataDir, String bindAddress, int httpPort, int grpcPort, int fixPort,
                         List<ApiKey> operatorKeys) {
        public Server {
            operatorKeys = List.copyOf(operatorKeys);
        }

        /** Without operator keys (Admin then only through keys added at run time). */
        public Server(Path dataDir, String bindAddress, int httpPort, int grpcPort, int fixPort) {
            this(dataDir, bindAddress, httpPort, grpcPort, fixPort, List.of());
        }
    }

    /** The account name operator keys sign for (it holds no positions and cannot trade). */
    public static final String OPERATOR_ACCOUNT = "operator";

    /**
     * @param fsync                 when journal writes are forced to the device
     * @param snapshotEveryCommands snapshot after this many commands (0 = only at shutdown)
     * @param segmentBytes          roll to a new journal segment past this size
     */
    public record Journal(FsyncPolicy fsync, long snapshotEveryCommands, long segmentBytes) {
    }

    /** @param ringSize inbound ring capacity, a power of two */
    public record EngineSettings(int ringSize) {
    }

    /**
     * The fee policy in engine units: rates in hundredths of a basis point, volumes in cash units.
     *
     * @param tiers                 volume tiers, lowest first (the first starts at 0)
     * @param instrumentTiers       symbol -> that instrument's own rates for the same tiers
     * @param negotiated            terms agreed with single accounts
     * @param recomputeAtNanosOfDay when each fee day starts, after 00:00 UTC
     * @param windowDays            volume window in fee days
     * @param incentives            token incentive plan
     * @param incentiveIneligible   accounts that earn no tokens
     */
    public record Fees(List<FeeTier> tiers, Map<String, List<FeeTier>> instrumentTiers, List<NegotiatedTerms> negotiated,
                       long recomputeAtNanosOfDay, int windowDays, IncentivePlan incentives,
                       Set<String> incentiveIneligible) {
        public Fees {
            tiers = List.copyOf(tiers);
            Map<String, List<FeeTier>> copy = new LinkedHashMap<>();
            instrumentTiers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            instrumentTiers = Collections.unmodifiableMap(copy);
            negotiated = List.copyOf(negotiated);
            incentiveIneligible = Set.copyOf(incentiveIneligible);
        }

        /** The engine's fee policy. */
        public FeePolicy policy() {
            Map<String, TierTable> perInstrument = new LinkedHashMap<>();
            instrumentTiers.forEach((symbol, t) -> perInstrument.put(symbol, new TierTable(t)));
            return new FeePolicy(new TierTable(tiers), perInstrument, negotiated, recomputeAtNanosOfDay, windowDays,
                    incentives, incentiveIneligible);
        }
    }

    /**
     * Risk controls in engine units.
     *
     * @param circuitBreakers rules applied to every instrument, in file order
     * @param limits          account id -> its effective limits (risk.defaultLimits merged with the account's own),
     *                        for every account in account order; all-unlimited accounts included, so that a limit
     *                        removed from the file is lifted at the next start
     * @param alertWebhook    where alerts are POSTed, or null
     */
    public record Risk(List<CircuitBreakerRule> circuitBreakers, Map<String, RiskLimits> limits,
                       java.net.URI alertWebhook) {
        public Risk {
            circuitBreakers = List.copyOf(circuitBreakers);
            limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
        }

        /** The limits of one account (unlimited if it has none). */
        public RiskLimits limitsOf(String account, int instrumentCount) {
            RiskLimits l = limits.get(account);
            return l == null ? RiskLimits.unlimited(instrumentCount) : l;
        }
    }

    /** A FIX session: the partner's SenderCompID and the gateway's TargetCompID as the partner sends them. */
    public record FixSession(String senderCompId, String targetCompId) {
    }

    /** An API signing key: its id and the Ed25519 public key (64 hex digits, lower case). */
    /**
     * @param scopes what the key may do: {@code read} and/or {@code trade} for an account's key
     *               (both unless the configuration narrows it), {@code admin} for an operator key
     */
    public record ApiKey(String keyId, String ed25519PublicKeyHex, Set<Scope> scopes) {
        public ApiKey {
            if (scopes.isEmpty()) {
                throw new IllegalArgumentException("a key needs at least one scope");
            }
            scopes = Set.copyOf(scopes);
        }

        /** An account key that may read and trade. */
        public ApiKey(String keyId, String ed25519PublicKeyHex) {
            this(keyId, ed25519PublicKeyHex, Set.of(Scope.READ, Scope.TRADE));
        }
    }

    /**
     * @param id               account id (also its name in the engine)
     * @param displayName      the firm's name as shown in reports
     * @param fixSessions      FIX sessions that trade for this account
     * @param apiKeys          Ed25519 keys that sign for this account
     * @param hlAgentAddresses Hyperliquid agent addresses (lower case) that sign for this account
     * @param hlSubAccount     set if the account is a sub-account of another on the Hyperliquid-compatible API
     */
    public record Account(String id, String displayName, List<FixSession> fixSessions, List<ApiKey> apiKeys,
                          List<String> hlAgentAddresses, HlSubAccount hlSubAccount) {
        public Account {
            fixSessions = List.copyOf(fixSessions);
            apiKeys = List.copyOf(apiKeys);
            hlAgentAddresses = List.copyOf(hlAgentAddresses);
        }

        /** An account that is no Hyperliquid sub-account. */
        public Account(String id, String displayName, List<FixSession> fixSessions, List<ApiKey> apiKeys,
                       List<String> hlAgentAddresses) {
            this(id, displayName, fixSessions, apiKeys, hlAgentAddresses, null);
        }
    }

    /**
     * The account as a sub-account on the Hyperliquid-compatible API: requests that name
     * {@code address} as {@code vaultAddress} (exchange) or {@code user} (info), signed by an
     * agent of the account {@code master}, act for this account.
     *
     * @param address the sub-account's address (lower case)
     * @param master  the id of the account whose agents may trade it
     */
    public record HlSubAccount(String address, String master) {
    }

    /** The same config with other risk settings. */
    public GatewayConfig withRisk(Risk newRisk) {
        return new GatewayConfig(server, journal, engine, fees, instruments, newRisk, accounts, venues, marketMaker);
    }

    /** The same config with other server settings. */
    public GatewayConfig withServer(Server newServer) {
        return new GatewayConfig(newServer, journal, engine, fees, instruments, risk, accounts, venues, marketMaker);
    }

    /** The same config with another account list (same ids in the same order: engine ids must not move). */
    public GatewayConfig withAccounts(List<Account> newAccounts) {
        if (!newAccounts.stream().map(Account::id).toList().equals(accountIds())) {
            throw new IllegalArgumentException("accounts must keep their ids and order");
        }
        return new GatewayConfig(server, journal, engine, fees, instruments, risk, newAccounts, venues, marketMaker);
    }

    /** Account ids in engine-id order. */
    public List<String> accountIds() {
        return accounts.stream().map(Account::id).toList();
    }

    /** Where the engine keeps its journal, snapshots and manifest: the data directory itself. */
    public Path engineDir() {
        return server.dataDir();
    }

    /**
     * What {@link io.hyperindex.gateway.engine.Engine#start(EngineConfig)} needs, including every
     * account's risk limits (applied at start where they differ from the journal's) and the
     * circuit breakers.
     */
    public EngineConfig engineConfig() {
        return new EngineConfig(engineDir(), instruments, accountIds(), fees.policy(),
                journal.fsync(), journal.snapshotEveryCommands(), engine.ringSize(), journal.segmentBytes())
                .withRiskLimits(risk.limits())
                .withCircuitBreakers(risk.circuitBreakers())
                .withRemoteInstruments(venues.routed().keySet());
    }
}
