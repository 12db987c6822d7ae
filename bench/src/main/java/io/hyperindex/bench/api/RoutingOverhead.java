package io.hyperindex.bench.api;

import io.hyperindex.gateway.auth.Ed25519Key;
import io.hyperindex.gateway.domain.EngineEvent;
import io.hyperindex.gateway.ops.config.GatewayConfig;
import io.hyperindex.gateway.ops.config.SandboxDefaults;
import io.hyperindex.gateway.ops.server.GatewayServer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routing overhead of the Hyperliquid venue, on loopback: gateway A routes HYPE-USDC to gateway
 * B's Hyperliquid-compatible API ({@code /hl}), B runs the embedded book. The same REST client
 * sends IOC buys below the book (a) to B, measuring B's own order-to-ack, and (b) to A,
 * measuring from each order's due time until A's engine holds the venue's answer for it (the
 * order signed, sent to B, answered, and that answer journaled at A). The difference is what
 * routing costs. Both open loop, the same rate; runs alternate; medians are printed.
 */
@CommandLine.Command(name = "routing-overhead", mixinStandardHelpOptions = true,
        description = "A's venue round trip to B against B's own order-to-ack (loopback)")
public final class RoutingOverhead implements Callable<Integer> {
    private static final int HYPE = 2;

    @Option(names = "--rate", defaultValue = "100", description = "orders per second")
    int rate;
    @Option(names = "--seconds", defaultValue = "20")
    int seconds;
    @Option(names = "--warmup-seconds", defaultValue = "5")
    int warmupSeconds;
    @Option(names = "--repeat", defaultValue = "3")
    int repeat;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RoutingOverhead()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("routing-overhead");
        GatewayConfig sandbox = SandboxDefaults.config();
        sandbox = sandbox.withMarketMaker(sandbox.marketMaker().disabled()); // only the measured orders
        GatewayServer b = new GatewayServer(sandbox.withServer(new GatewayConfig.Server(dir.resolve("b"), "127.0.0.1", 0, 0, 0)),
                GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()));
        b.start();
        Path keyFile = Files.createFile(dir.resolve("api-wallet.key"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, b.demoCredentials().accounts().get(0).hlAgentPrivateKey());
        // B is the venue's own gateway on loopback, not Hyperliquid: its rate budgets are not Hyperliquid's
        GatewayConfig aConfig = sandbox.withServer(new GatewayConfig.Server(dir.resolve("a"), "127.0.0.1", 0, 0, 0))
                .withVenues(new GatewayConfig.Venues(new GatewayConfig.Hyperliquid(
                        URI.create("http://127.0.0.1:" + b.httpAddress().getPort() + "/hl"), keyFile, true, null, Map.of(),
                        60_000, 10_000, 1_000_000, 100_000_000), Map.of(HYPE, "HYPE")));
        GatewayServer a = new GatewayServer(aConfig, GatewayServer.Mode.SANDBOX, new PrintWriter(new StringWriter()));
        a.start();
        try {
            var ins = aConfig.instruments().get(HYPE);
            String price = ins.price(ins.referencePrice() - 200 * ins.tick()).toPlainString();
            String qty = ins.qty(ins.lot() * 100).toPlainString(); // 1 HYPE: above the 10 USDC minimum notional
            Ed25519Key bKey = Ed25519Key.fromSeedHex(b.demoCredentials().accounts().get(1).ed25519SeedHex());
            Ed25519Key aKey = Ed25519Key.fromSeedHex(a.demoCredentials().accounts().get(0).ed25519SeedHex());
            List<Double> bP50 = new java.util.ArrayList<>();
            List<Double> aP50 = new java.util.ArrayList<>();
            List<Double> bP99 = new java.util.ArrayList<>();
            List<Double> aP99 = new java.util.ArrayList<>();
            for (int r = 1; r <= repeat; r++) {
                ApiLoad.Result own;
                try (ApiLoad.Client c = RestTargets.gateway(b.httpAddress().getPort(), List.of(bKey), ins.symbol(), price, qty)) {
                    own = ApiLoad.drive("B own", c, 1, rate, warmupSeconds, seconds);
                }
                ApiLoad.Result routed = routed(a, aKey, ins.symbol(), price, qty, r);
                System.out.println(own);
                System.out.println(routed);
                System.out.printf(Locale.ROOT, "run %d  routing overhead: p50 %+.0f us  p99 %+.0f us%n", r,
                        routed.p50() - own.p50(), routed.p99() - own.p99());
                bP50.add(own.p50());
                aP50.add(routed.p50());
                bP99.add(own.p99());
                aP99.add(routed.p99());
            }
            System.out.printf(Locale.ROOT, "median of %d runs: B own p50 %.0f us p99 %.0f us; A routed to B p50 %.0f us p99 %.0f us;"
                            + " overhead p50 %+.0f us%n", repeat, ApiLoad.median(bP50), ApiLoad.median(bP99),
                    ApiLoad.median(aP50), ApiLoad.median(aP99), ApiLoad.median(aP50) - ApiLoad.median(bP50));
        } finally {
            a.close();
            b.close();
        }
        return 0;
    }

    /** Orders at A; each completes when A's engine has the venue's first answer for it. */
    private ApiLoad.Result routed(GatewayServer a, Ed25519Key key, String symbol, String price, String qty, int run)
            throws Exception {
        Map<String, CompletableFuture<Void>> byClientId = new ConcurrentHashMap<>();
        Map<Long, CompletableFuture<Void>> byOrderId = new ConcurrentHashMap<>();
        String prefix = "R" + run + "-";
        java.util.function.Consumer<io.hyperindex.gateway.engine.CommandResult> listener = res -> {
            for (EngineEvent e : res.events()) {
                if (e instanceof EngineEvent.OrderAccepted acc && acc.clientOrderId() != null
                        && acc.clientOrderId().startsWith(prefix)) {
                    CompletableFuture<Void> f = byClientId.remove(acc.clientOrderId());
                    if (f != null) {
                        byOrderId.put(acc.orderId(), f);
                    }
                }
            }
            long answered = venueAnswer(res.command());
            if (answered > 0) {
                CompletableFuture<Void> f = byOrderId.remove(answered);
                if (f != null) {
                    f.complete(null);
                }
            }
        };
        a.engine().subscribe(listener);
        AtomicLong sent = new AtomicLong();
        try (ApiLoad.Client rest = RestTargets.gatewayWithClientIds(a.httpAddress().getPort(), List.of(key), symbol, price,
                qty, prefix)) {
            ApiLoad.Client untilVenue = new ApiLoad.Client() {
                @Override
                public CompletableFuture<Void> placeOrder(int account, long n) {
                    CompletableFuture<Void> venue = new CompletableFuture<>();
                    byClientId.put(prefix + n, venue);
                    sent.incrementAndGet();
                    return rest.placeOrder(account, n).thenCompose(v -> venue).orTimeout(10, TimeUnit.SECONDS);
                }

                @Override
                public void close() {
                }
            };
            return ApiLoad.drive("A via venue", untilVenue, 1, rate, warmupSeconds, seconds);
        } finally {
            a.engine().unsubscribe(listener);
        }
    }

    /** The order a venue answer names, or 0 for other commands. */
    private static long venueAnswer(io.hyperindex.gateway.domain.Command c) {
        if (c instanceof io.hyperindex.gateway.domain.Command.VenueOrderAcked x) {
            return x.orderId();
        }
        if (c instanceof io.hyperindex.gateway.domain.Command.VenueOrderRejected x) {
            return x.orderId();
        }
        if (c instanceof io.hyperindex.gateway.domain.Command.VenueOrderDone x) {
            return x.orderId();
        }
        if (c instanceof io.hyperindex.gateway.domain.Command.VenueFill x) {
            return x.orderId();
        }
        return 0;
    }
}
