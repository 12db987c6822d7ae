package io.hyperindex.gateway.ops.server;

import io.hyperindex.gateway.engine.Engine;
import io.hyperindex.gateway.engine.RecoveryReport;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.health.EngineReadiness;
import io.hyperindex.gateway.ops.health.HealthRoutes;
import io.hyperindex.gateway.ops.http.GatewayHttpServer;
import io.hyperindex.gateway.ops.http.RouteTable;
import io.hyperindex.gateway.ops.sandbox.DemoAccount;
import io.hyperindex.gateway.ops.sandbox.DemoCredentials;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.CountDownLatch;

/**
 * One gateway process: locks the data directory, (in the sandbox) provisions the demo
 * credentials, binds HTTP so that probes can watch start-up, recovers the engine from its
 * journal, and then reports ready. {@link #close()} undoes it in reverse: HTTP first, then the
 * engine, whose close writes a snapshot.
 *
 * <p>Endpoints and progress go to the given console stream (the operator's view); details go
 * to the log. Neither ever shows a seed or a private key.
 */
public final class GatewayServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

    /** How the process was started. */
    public enum Mode {
        /** {@code sandbox}: embedded defaults and generated demo credentials. */
        SANDBOX,
        /** {@code run --config}: a configuration file, no demo credentials. */
        CONFIGURED
    }

    private final GatewayConfig configured;
    private final Mode mode;
    private final PrintWriter console;
    private final EngineReadiness readiness = new EngineReadiness();
    private final RouteTable routes = new RouteTable();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile GatewayConfig effective;
    private volatile DataDirLock lock;
    private volatile DemoCredentials demo;
    private volatile GatewayHttpServer http;
    private volatile Engine engine;
    private volatile io.hyperindex.gateway.api.fix.FixAcceptor fix;
    private volatile io.hyperindex.gateway.api.hl.HlApi hl;
    private volatile io.hyperindex.gateway.api.grpc.GrpcGateway grpc;
    private volatile io.hyperindex.gateway.api.rest.RestApi rest;
    private volatile io.hyperindex.gateway.venue.Venue venue;
    private final io.hyperindex.gateway.auth.KeyRegistry keys = new io.hyperindex.gateway.auth.KeyRegistry();
    /** Operators' key additions and revocations, under the data directory (public keys only). */
    static final String KEY_LOG = "keys.log";
    private final io.hyperindex.gateway.ops.metrics.GatewayMetrics gatewayMetrics = new io.hyperindex.gateway.ops.metrics.GatewayMetrics();
    private final io.micrometer.core.instrument.MeterRegistry metrics = gatewayMetrics.registry();
    private volatile io.hyperindex.gateway.api.ws.WsApi ws;
    private volatile io.hyperindex.gateway.ops.alerts.AlertPublisher alerts;
    private volatile io.hyperindex.gateway.mm.MarketMaker marketMaker;
    private volatile io.hyperindex.gateway.mm.MmParamJournal marketMakerJournal;

    /** A server for {@code config}; nothing happens until {@link #start()}. */
    public GatewayServer(GatewayConfig config, Mode mode, PrintWriter console) {
        this.configured = config;
        this.effective = config;
        this.mode = mode;
        this.console = console;
    }

    /** The routes served over HTTP; adapters add theirs before {@link #start()}. */
    public RouteTable routes() {
        return routes;
    }

    /**
     * Starts everything and returns once the engine has recovered. Safe to call with a
     * shutdown hook already registered: if {@link #close()} runs meanwhile, start stops.
     *
     * @throws IOException if the data directory is locked or unreadable, a port cannot be
     *                     bound, or the journal cannot be recovered; whatever had started is closed
     */
    public void start() throws IOException {
        try {
            startSteps();
        } catch (IOException | RuntimeException | Error e) { // an Error too: a half-started acceptor must not keep the JVM alive
            close();
            throw e;
        }
    }

    private void startSteps() throws IOException {
        GatewayConfig.Server s = configured.server();
        Path dataDir = s.dataDir().toAbsolutePath().normalize();
        lock = DataDirLock.acquire(dataDir);
        console.println("HyperIndex market-maker gateway (" + (mode == Mode.SANDBOX ? "sandbox" : "configured") + ")");
        console.println("data dir  " + dataDir);
        if (mode == Mode.SANDBOX) {
            demo = DemoCredentials.loadOrCreate(dataDir, configured.accounts(), new SecureRandom());
            effective = configured.withAccounts(demo.authorise(configured.accounts()));
        }

        HealthRoutes.install(routes, readiness);
        gatewayMetrics.install(routes);
        ws = io.hyperindex.gateway.api.ws.WsApi.install(routes, effective.instruments(), effective.accountIds(), keys,
                io.hyperindex.gateway.api.ws.WsApi.Settings.defaults(), gatewayMetrics.webSocketMessages());
        gatewayMetrics.bind(ws);
        // Hyperliquid's SDKs sign with the testnet phantom agent ("b") for every base URL but
        // Hyperliquid mainnet's, so that is what a bot pointed at the gateway sends
        java.util.Map<String, io.hyperindex.gateway.api.hl.HlContext.SubAccount> subAccounts = new java.util.HashMap<>();
        java.util.List<String> ids = effective.accountIds();
        for (int i = 0; i < ids.size(); i++) {
            GatewayConfig.HlSubAccount sub = effective.accounts().get(i).hlSubAccount();
            if (sub != null) {
                subAccounts.put(sub.address(), new io.hyperindex.gateway.api.hl.HlContext.SubAccount(i, ids.indexOf(sub.master())));
            }
        }
        hl = io.hyperindex.gateway.api.hl.HlApi.install(routes, this::engine, effective.instruments(),
                effective.accounts().stream().map(GatewayConfig.Account::hlAgentAddresses).toList(), subAccounts, true);
        rest = io.hyperindex.gateway.api.rest.RestApi.install(routes, this::engine, effective.instruments(),
                effective.accountIds(), keys, io.hyperindex.gateway.api.rest.RestApi.Settings.defaults());
        http = GatewayHttpServer.start(s.bindAddress(), s.httpPort(), routes, GatewayHttpServer.defaultJson(), gatewayMetrics);
        InetSocketAddress bound = http.address();
        console.println("HTTP  http://" + hostForUrl(s.bindAddress()) + ":" + bound.getPort() + "  (/health, /ready)");
        console.println("METRICS  http://" + hostForUrl(s.bindAddress()) + ":" + bound.getPort() + "/metrics  (Prometheus: docs/metrics.md)");
        console.println("WS    ws://" + hostForUrl(s.bindAddress()) + ":" + bound.getPort() + io.hyperindex.gateway.api.ws.WsApi.PATH
                + "  (market data and, after a signed auth message, the account's orders and fills: docs/websocket.md)");
        console.println("HL    http://" + hostForUrl(s.bindAddress()) + ":" + bound.getPort()
                + "/hl  (Hyperliquid-compatible: a Hyperliquid bot's base URL)");
        console.println("REST  http://" + hostForUrl(s.bindAddress()) + ":" + bound.getPort()
                + io.hyperindex.gateway.api.rest.RestApi.PREFIX + "  (signed requests: docs/rest.md)");
        if (demo != null) {
            console.println("demo credentials  " + demo.file() + "  ("
                    + (demo.created() ? "generated now" : "kept from an earlier start") + "; owner-only, sandbox use only)");
            for (DemoAccount a : demo.accounts()) {
                console.printf("  %-12s keyId %s  FIX %s -> %s  HL agent %s%n", a.account(), a.keyId(),
                        a.fixSenderCompId(), a.fixTargetCompId(), a.hlAgentAddress());
            }
            console.printf("  %-12s keyId %s  (admin scope: the gRPC Admin service, /api/v1/admin)%n", "operator", demo.operator().keyId());
        }
        console.println("recovering the engine journal in " + effective.engineDir().toAbsolutePath().normalize() + " ...");
        console.flush();

        Engine started = Engine.start(effective.engineConfig());
        synchronized (this) {
            if (closed) {
                started.close();
                throw new IOException("shut down while the engine was recovering");
            }
            engine = started;
        }
        RecoveryReport r = started.recovery();
        logRecovery(r);
        gatewayMetrics.bind(started);
        alerts = new io.hyperindex.gateway.ops.alerts.AlertPublisher(metrics, effective.risk().alertWebhook(),
                effective.engineConfig().accounts(),
                effective.instruments().stream().map(io.hyperindex.gateway.domain.Instrument::symbol).toList(),
                4_096, java.time.Duration.ofMillis(500), 8);
        started.subscribe(alerts);
        started.subscribe(hl.engineListener());
        venue = startVenue(started);
        fix = io.hyperindex.gateway.api.fix.FixAcceptor.start(effective, started, gatewayMetrics.fixRequests());
        gatewayMetrics.bind(fix);
        InetSocketAddress fixBound = fix.address();
        console.println("FIX   " + hostForUrl(s.bindAddress()) + ":" + fixBound.getPort()
                + "  (FIX.4.4; Rules of Engagement: fix-spec/RULES_OF_ENGAGEMENT.md)");
        grpc = startGrpc(s, started);
        gatewayMetrics.bind(grpc);
        ws.attach(started); // after startGrpc: the API keys are registered
        startMarketMaker(started);
        readiness.engineStarted(started);
        long applied = started.lastSequence() - r.lastSequence();
        console.println("ready  last sequence " + started.lastSequence() + "  (snapshot " + r.snapshotSequence() + " + "
                + r.replayedCommands() + " replayed commands, " + r.millis() + " ms"
                + (applied > 0 ? "; " + applied + " risk limit changes from the configuration journaled" : "") + ")");
        console.flush();
    }

    /**
     * Starts the Hyperliquid venue adapter if instruments are routed to it: it sends the routed
     * orders that become durable from now on, and reconciles those the journal holds open.
     */
    private io.hyperindex.gateway.venue.Venue startVenue(Engine started) throws IOException {
        GatewayConfig.Hyperliquid h = effective.venues().hyperliquid();
        if (h == null || effective.venues().routed().isEmpty()) {
            return null;
        }
        var key = io.hyperindex.gateway.venue.hyperliquid.ApiWalletKey.load(h.keyFile());
        java.util.Map<Integer, io.hyperindex.gateway.venue.hyperliquid.HyperliquidVenueConfig.Routed> routed = new java.util.HashMap<>();
        effective.venues().routed().forEach((id, coin) -> routed.put(id,
                new io.hyperindex.gateway.venue.hyperliquid.HyperliquidVenueConfig.Routed(effective.instruments().get(id), coin)));
        java.util.Map<Integer, String> vaults = new java.util.HashMap<>();
        h.subAccounts().forEach((account, vault) -> vaults.put(effective.accountIds().indexOf(account), vault));
        var venueConfig = new io.hyperindex.gateway.venue.hyperliquid.HyperliquidVenueConfig(h.baseUrl(),
                h.testnetSignatures(), h.user(), vaults, routed,
                io.hyperindex.gateway.venue.hyperliquid.Cloids.DEFAULT_PREFIX, h.deadManMillis(), h.deadManRenewMillis(),
                h.ipWeightPerMinute(), h.addressRequestBuffer());
        var v = new io.hyperindex.gateway.venue.hyperliquid.HyperliquidVenue(venueConfig, key,
                command -> {
                    try {
                        return started.submit(command).get(30, java.util.concurrent.TimeUnit.SECONDS).rejection();
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        return io.hyperindex.gateway.domain.ReasonCode.ENGINE_UNAVAILABLE;
                    }
                }, started::isReady);
        var router = new io.hyperindex.gateway.venue.VenueRouter(v);
        // subscribe and read the open routed orders in one step on the engine thread, so that no
        // order is in neither (an order in both is sent once: the venue keeps the first)
        var open = started.query(core -> {
            started.subscribe(r -> router.accept(r.events()));
            return core.routedOrders();
        }).join();
        v.start(open);
        console.println("venue hyperliquid  " + h.baseUrl() + "  (" + routed.size() + " routed instruments, "
                + open.size() + " open routed orders to reconcile; API wallet " + key.address() + ")");
        return v;
    }

    /** The remote venue adapter, or null when no instrument is routed. */
    public io.hyperindex.gateway.venue.Venue venue() {
        return venue;
    }

    /**
     * Stops without a clean shutdown, as a crash would leave things: the venue adapter and the
     * listeners stop, but no final snapshot is written and nothing is flushed beyond what the
     * journal already committed (tests of recovery).
     */
    public void halt() {
        synchronized (this) {
            closed = true;
        }
        stopListeners();
        if (engine != null) {
            engine.halt();
        }
        if (hl != null) {
            hl.close();
        }
        releaseDataDir();
    }

    /** Stops what takes orders in: the venue adapter, then FIX, HTTP and gRPC. */
    private void stopListeners() {
        if (venue != null) {
            venue.close();
        }
        if (fix != null) {
            fix.close();
        }
        if (http != null) {
            http.close();
        }
        if (grpc != null) {
            grpc.close();
        }
    }

    /** Releases the data-directory lock and wakes {@link #awaitClosed()}. */
    private void releaseDataDir() {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException ex) {
                log.warn("could not release {}: {}", DataDirLock.FILE_NAME, ex.toString());
            }
        }
        closedLatch.countDown();
    }

    /**
     * Serves the gRPC API once the engine is up. Registers the configured keys with their scopes
     * (an account's keys read and trade unless configured narrower; operator keys administer),
     * then the demo keys, then replays the key changes made at run time.
     */
    private io.hyperindex.gateway.api.grpc.GrpcGateway startGrpc(GatewayConfig.Server s, Engine started) throws IOException {
        for (GatewayConfig.Account a : effective.accounts()) {
            for (GatewayConfig.ApiKey k : a.apiKeys()) {
                keys.register(io.hyperindex.gateway.auth.AccountKey.of(a.id(), k.ed25519PublicKeyHex(), k.scopes()));
            }
        }
        for (GatewayConfig.ApiKey k : s.operatorKeys()) {
            keys.register(io.hyperindex.gateway.auth.AccountKey.of(GatewayConfig.OPERATOR_ACCOUNT, k.ed25519PublicKeyHex(),
                    k.scopes()));
        }
        if (demo != null) {
            keys.register(io.hyperindex.gateway.auth.AccountKey.of("operator", demo.operator().ed25519PublicKeyHex(),
                    java.util.EnumSet.of(io.hyperindex.gateway.auth.Scope.ADMIN)));
        }
        int changes = keys.attachLog(s.dataDir().resolve(KEY_LOG));
        if (changes > 0) {
            log.info("API keys: {} operator changes replayed from {}", changes, KEY_LOG);
        }
        var g = io.hyperindex.gateway.api.grpc.GrpcGateway.start(s.bindAddress(), s.grpcPort(), started,
                effective.instruments(), effective.accountIds(), keys,
                io.hyperindex.gateway.api.grpc.GrpcGateway.Settings.defaults(), gatewayMetrics.grpcInterceptor(),
                gatewayMetrics.grpcConnections(), this::marketMaker);
        console.println("gRPC  " + hostForUrl(s.bindAddress()) + ":" + g.address().getPort()
                + "  (Trading, MarketData, Account, Admin; signed requests: docs/grpc.md)");
        return g;
    }

    /**
     * Starts the reference market maker when the configuration enables it: an internal account
     * quoting through the engine like any partner, its operator changes journaled next to the
     * engine's journal (docs/market-maker.md).
     */
    private void startMarketMaker(Engine started) throws IOException {
        GatewayConfig.MarketMaker m = effective.marketMaker();
        if (!m.enabled() || m.instruments().isEmpty()) {
            return;
        }
        int account = effective.accountIds().indexOf(m.account());
        java.util.Map<io.hyperindex.gateway.domain.Instrument, io.hyperindex.gateway.mm.MmParams> quoted = new java.util.LinkedHashMap<>();
        for (io.hyperindex.gateway.domain.Instrument i : effective.instruments()) {
            io.hyperindex.gateway.mm.MmParams p = m.instruments().get(i.symbol());
            if (p != null) {
                quoted.put(i, p);
            }
        }
        marketMakerJournal = io.hyperindex.gateway.mm.MmParamJournal.open(effective.engineDir());
        marketMaker = new io.hyperindex.gateway.mm.MarketMaker(started, account, quoted, java.util.List.copyOf(m.instruments().keySet()),
                marketMakerJournal, metrics, GatewayServer::epochNanos);
        marketMaker.configParser(text -> {
            try {
                GatewayConfig fresh = io.hyperindex.gateway.ops.config.ConfigLoader.parse(text);
                if (!fresh.instruments().equals(effective.instruments()) || !fresh.marketMaker().account().equals(m.account())) {
                    throw new IllegalArgumentException("the configuration's instruments and market-maker account must be"
                            + " those the gateway runs on");
                }
                return fresh.marketMaker().instruments();
            } catch (io.hyperindex.gateway.ops.config.InvalidConfigException e) {
                throw new IllegalArgumentException(String.join("; ", e.problems()), e);
            }
        });
        console.println("MM    reference GLFT market maker on " + String.join(", ", quoted.keySet().stream()
                .map(io.hyperindex.gateway.domain.Instrument::symbol).toList()) + "  (account " + m.account()
                + "; status: gRPC MarketData GetMarketMakerStatus, docs/market-maker.md)");
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** The reference market maker, or null when it is not configured or not started yet. */
    public io.hyperindex.gateway.mm.MarketMaker marketMaker() {
        return marketMaker;
    }

    /** The API keys the protocol adapters accept (operators add and revoke keys here or over Admin). */
    public io.hyperindex.gateway.auth.KeyRegistry keys() {
        return keys;
    }

    /** The bound gRPC address, or null before it is bound. */
    public InetSocketAddress grpcAddress() {
        var g = grpc;
        return g == null ? null : g.address();
    }

    private static void logRecovery(RecoveryReport r) {
        log.info("recovery report: snapshot at sequence {}, {} journal commands replayed, last sequence {}, state hash {}, {} ms",
                r.snapshotSequence(), r.replayedCommands(), r.lastSequence(), r.stateHash(), r.millis());
        if (r.tornTailBytes() > 0) {
            log.warn("recovery cut a torn tail of {} bytes from {}: commands that were never acknowledged",
                    r.tornTailBytes(), r.tornTailFile());
        }
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** The configuration in force (in the sandbox: with the demo keys authorised). */
    public GatewayConfig config() {
        return effective;
    }

    /** Readiness as /ready reports it. */
    public EngineReadiness readiness() {
        return readiness;
    }

    /** Counters, gauges and timers of this gateway, as {@code /metrics} serves them (docs/metrics.md). */
    public io.micrometer.core.instrument.MeterRegistry metrics() {
        return metrics;
    }

    /** The running engine, or null before recovery finished. */
    public Engine engine() {
        return engine;
    }

    /** The bound HTTP address, or null before it is bound. */
    public InetSocketAddress httpAddress() {
        GatewayHttpServer h = http;
        return h == null ? null : h.address();
    }

    /** The bound FIX acceptor address, or null before the acceptor started. */
    public InetSocketAddress fixAddress() {
        io.hyperindex.gateway.api.fix.FixAcceptor f = fix;
        return f == null ? null : f.address();
    }

    /** The sandbox's demo credentials, or null outside the sandbox. */
    public DemoCredentials demoCredentials() {
        return demo;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closedLatch.await();
    }

    /** Stops FIX and HTTP, then closes the engine (final snapshot), then releases the data directory. Idempotent. */
    @Override
    public void close() {
        Engine e;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            e = engine;
        }
        try {
            stopListeners();
            keys.closeLog();
            if (marketMaker != null) { // before the engine: it cancels its quotes through it
                marketMaker.close();
            }
            if (marketMakerJournal != null) {
                try {
                    marketMakerJournal.close();
                } catch (IOException ex) {
                    log.warn("could not close the market-maker journal: {}", ex.toString());
                }
            }
            if (e != null) {
                log.info("closing the engine at sequence {}", e.lastSequence());
                e.close();
            }
            if (alerts != null) {
                alerts.close();
            }
            if (hl != null) {
                hl.close();
            }
            if (rest != null) {
                rest.close();
            }
            if (ws != null) {
                ws.close();
            }
        } catch (RuntimeException ex) {
            log.error("error while shutting down", ex);
        } finally {
            releaseDataDir();
        }
    }
}
